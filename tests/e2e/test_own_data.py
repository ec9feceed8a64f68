"""A new user's own workbook, as a new user tries it (issue 11): a fresh
server shows the demo under its banner; the team's own 2026-Q1 workbook goes
in through the browser and every page then shows 2026-Q1 — no demo team
anywhere — with the quarter kept on every page link; and an `okr import`
from a scheduled job lands while the server runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.conftest import SPEC_KEY_RESULTS, canonical_sheets, write_xlsx

from .conftest import ROOT, screenshot, wait_for_app

DEMO_TEAMS = ("Mobile", "Platform", "Marketing", "Noordwind")
PAGES = ("Team", "Alignment", "Quality", "Import", "Overview")


def own_workbook(path, last_checkin: str, kr_s1: float):
    krs = [list(r) for r in SPEC_KEY_RESULTS]
    krs[0][6] = kr_s1
    checkins = [["key result", "date", "value"], ["KR-S-1", "2026-01-20", 4], ["KR-S-1", last_checkin, kr_s1]]
    return write_xlsx(path, canonical_sheets(key_results=krs, extra={"Check-ins": checkins}))


def okr(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "okr", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "OKR_LANG": "en"})


def test_own_workbook_replaces_the_demo_and_keeps_its_quarter(start_server, page, tmp_path):
    server = start_server()  # OKR_SAMPLE is on: an empty database shows the demo
    page.goto(server.url)
    wait_for_app(page, timeout=90_000)
    page.get_by_text("Demo data — Noordwind Software").wait_for()
    assert "2026-Q4" in page.inner_text("body")
    screenshot(page, "own-data-1-demo")

    page.goto(f"{server.url}/Import")
    wait_for_app(page)
    ours = own_workbook(tmp_path / "ours.xlsx", "2026-02-15", 9)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(ours))
    page.get_by_text("The workbook reads cleanly").wait_for(timeout=60_000)
    wait_for_app(page)
    # no as-of typed: the workbook's last check-in, and the page says so
    page.get_by_text("As of 15 Feb 2026, the workbook's last check-in").wait_for()
    page.get_by_text("The first upload for 2026-Q1").wait_for()
    screenshot(page, "own-data-2-import")
    page.get_by_role("button", name="Import this workbook").click()
    page.get_by_text("Imported ours.xlsx").wait_for(timeout=60_000)
    page.get_by_text("See it on the overview").click()
    wait_for_app(page)
    page.get_by_text("Company progress").first.wait_for()
    body = page.inner_text("body")
    assert "Quarter 2026-Q1, numbers as of 15 Feb 2026" in body
    assert "Demo data" not in body and not [t for t in DEMO_TEAMS if t in body]
    status = okr("status", "--db", str(server.db), "--quarter", "2026-Q1", "--json")
    assert status.returncode == 0, status.stderr
    progress = json.loads(status.stdout)["company"]["progress"]
    assert f"{progress * 100:.0f}%" in body
    screenshot(page, "own-data-3-overview")

    # every page link keeps the quarter, and every page shows it
    for name in PAGES:
        page.locator("[data-testid='stSidebar']").get_by_role("link", name=name, exact=True).click()
        page.wait_for_url(re.compile(r"quarter=2026-Q1"))
        wait_for_app(page)
        text = page.inner_text("body")
        assert not [t for t in DEMO_TEAMS if t in text], name
        assert "Demo data" not in text, name
        if name != "Import":
            assert "2026-Q1" in text, name

    # a scheduled job imports next week's workbook while the dashboard serves
    week2 = own_workbook(tmp_path / "week2.xlsx", "2026-02-22", 12)
    res = okr("import", str(week2), "--db", str(server.db))
    assert res.returncode == 0, res.stderr
    page.goto(f"{server.url}/?quarter=2026-Q1")
    wait_for_app(page)
    page.get_by_text("numbers as of 22 Feb 2026").wait_for()
    assert "Compared: 15 Feb 2026 → 22 Feb 2026" in page.inner_text("body")
    screenshot(page, "own-data-4-after-cli-import")
    assert not page.js_errors
