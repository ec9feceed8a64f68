"""Warm rerun time of every page with AppTest, on a pre-built database.

`python -m benchmarks.pages DB REPEAT` prints JSON {page: {cold_s, warm_s:[...],
reopen_s:[...]}}: reopen_s is a rerun right after the database file changed.
Run as a child process: OKR_DB and OKR_SAMPLE=0 must be set before Streamlit
imports anything, and the page caches must start empty.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def page_files() -> list[str]:
    return ["app.py"] + sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def main(argv: list[str]) -> int:
    db, repeat = argv[0], int(argv[1])
    os.environ["OKR_DB"] = db
    os.environ["OKR_SAMPLE"] = "0"
    os.environ.setdefault("OKR_LANG", "en")
    os.chdir(ROOT)
    from streamlit.testing.v1 import AppTest

    out = {}
    for page in page_files():
        # pages are reached through app.py, as in the app: a page run on its own
        # cannot resolve the sidebar's links to the other pages
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        if page != "app.py":
            at.run()
            at.switch_page(str(ROOT / page))
        t0 = time.perf_counter()
        at.run()
        cold = time.perf_counter() - t0
        warm = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - t0)
        # the dashboard holds no connection: a rerun opens the file only when it
        # changed (another process imported). Touch it before each rerun to
        # measure that reopening (the snapshot list is read again; scorecards
        # of unchanged snapshots stay cached).
        reopen = []
        for _ in range(repeat):
            os.utime(db)
            t0 = time.perf_counter()
            at.run()
            reopen.append(time.perf_counter() - t0)
        errors = [str(e.value)[:300] for e in at.exception]
        out[page] = {"cold_s": cold, "warm_s": warm, "reopen_s": reopen, "errors": errors}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
