"""Run a command and report its own peak memory and wall time.

`python -m benchmarks.peak OUT.json CMD...` writes {"wall_s", "peak_rss_mb",
"returncode"} to OUT.json and exits with the command's exit code.

Why a launcher: Linux counts a child's peak RSS (getrusage / wait4) from the
moment it is forked, when it is still a copy of its parent. Forked from the
benchmark runner (hundreds of MB after generating a 100k workbook), every
child would report at least the runner's size. This launcher is small, so
what it reads for its own child is the command's peak.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    out, cmd = argv[0], argv[1:]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    with open(out, "w") as f:
        json.dump({"wall_s": wall, "peak_rss_mb": usage.ru_maxrss / 1024, "returncode": code}, f)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
