"""First paint of the overview in a real Chromium, on a pre-built database.

`python -m benchmarks.browser DB REPEAT` starts `streamlit run app.py` the way
tests/e2e/conftest.py does, then times, for each repetition in a fresh browser
context, `goto` until the first metric is visible. The first repetition is
the cold one (the server has not scored the snapshot yet). Prints JSON.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    db, repeat = Path(argv[0]), int(argv[1])
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS, VIEWPORT, StreamlitServer

    chromium = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    if not chromium:
        print(json.dumps({"error": "no chromium"}))
        return 0
    server = StreamlitServer(db, {"OKR_SAMPLE": "0"})
    times = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            for _ in range(repeat + 1):
                ctx = browser.new_context(viewport=VIEWPORT)
                page = ctx.new_page()
                t0 = time.perf_counter()
                page.goto(server.url)
                page.wait_for_selector("[data-testid='stMetric']", state="visible", timeout=120_000)
                times.append(time.perf_counter() - t0)
                ctx.close()
            browser.close()
    finally:
        server.stop()
    print(json.dumps({"cold_s": times[0], "warm_s": times[1:]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
