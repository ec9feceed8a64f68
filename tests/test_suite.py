"""The test suite's own promise: `pytest -m "not e2e"` runs no browser test,
and `-m e2e` runs exactly the tests under tests/e2e."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def collected(*args: str) -> list[str]:
    res = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    return [line for line in res.stdout.splitlines() if "::" in line]


def test_not_e2e_collects_no_browser_test_and_e2e_collects_only_them():
    browser = collected("-m", "e2e", "tests/e2e", "tests/test_suite.py")
    assert browser and all(t.startswith("tests/e2e/") for t in browser)
    assert len(browser) == len(collected("tests/e2e"))  # every test there is marked
    rest = collected("-m", "not e2e", "tests/e2e", "tests/test_suite.py")
    assert rest == ["tests/test_suite.py::test_not_e2e_collects_no_browser_test_and_e2e_collects_only_them"]
