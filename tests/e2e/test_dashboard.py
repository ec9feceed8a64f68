"""The weekly meeting in a real browser: overview, click the worst team's bar,
a team deep link as the very first request, upload a workbook, screenshots."""

from __future__ import annotations

import re
import shutil

from .conftest import ROOT, screenshot, wait_for_app
from .test_meeting import TRUNCATED

SAMPLE = ROOT / "sample_data"


def _bar(page, team: str):
    """The team's bar in the ranking chart (SVG <path>, found by its aria label)."""
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.locator("svg").first.wait_for()
    return chart.locator(f"g.mark-rect path[aria-label*='; team: {team};']").first


def test_overview_then_click_the_worst_team(sample_server, page):
    page.goto(sample_server.url)
    wait_for_app(page)
    page.get_by_text("Company progress").first.wait_for()
    body = page.inner_text("body")
    assert "2026-Q4" in body and "Since last upload" in body
    screenshot(page, "overview")
    page.get_by_text("Reported better than numbers").first.wait_for()
    assert not page.evaluate(TRUNCATED)  # e.g. eight counts in one row cut their labels to "Reported bet…"
    # the worst team is ranked first; click its bar
    first = page.locator("[data-testid='stVegaLiteChart'] g.mark-rect path[aria-label^='Progress']").first
    first.wait_for()
    worst = re.search(r"; team: ([^;]+);", first.get_attribute("aria-label")).group(1)
    assert worst in ("Customer Success", "Mobile")  # the sample's lagging teams
    _bar(page, worst).click()
    page.wait_for_url(re.compile(r"/Team\?"))
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == worst
    assert f"team={worst.replace(' ', '+')}" in page.url or f"team={worst.replace(' ', '%20')}" in page.url
    page.get_by_text("Trend per key result").wait_for()
    screenshot(page, "team")
    assert not page.js_errors


def test_presentation_mode(sample_server, page):
    page.goto(f"{sample_server.url}/?present=1")
    wait_for_app(page)
    page.get_by_text("Company progress").first.wait_for()
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    page.get_by_role("button", name="Exit presentation mode").wait_for()
    screenshot(page, "overview-presentation")
    assert not page.evaluate(TRUNCATED)


def test_a_team_on_the_shared_screen_shows_every_figure_whole(sample_server, page):
    """Presentation mode's 5rem metrics cut the Team page's forecast to "✗ haalt het niet · …"."""
    page.goto(f"{sample_server.url}/Team?team=Mobile&quarter=2026-Q4&present=1&lang=nl")
    wait_for_app(page)
    page.get_by_text("Prognose (einde kwartaal)").first.wait_for()
    assert page.locator("h1").first.inner_text().startswith("Mobile")
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert not page.evaluate(TRUNCATED)
    screenshot(page, "team-presentation")


def test_team_deep_link_is_the_first_request(start_server, page):
    server = start_server()  # fresh server, fresh database: the deep link is its very first page
    page.goto(f"{server.url}/Team?team=Sales&quarter=2026-Q4&lang=nl")
    wait_for_app(page, timeout=90_000)
    assert page.locator("h1").first.inner_text() == "Sales"
    page.get_by_text("Verloop per kernresultaat").wait_for()
    assert "Voortgang team" in page.inner_text("body")  # Dutch from ?lang=nl
    assert not page.js_errors


def test_upload_through_the_browser_shows_on_overview(start_server, page, tmp_path):
    # a server with only the first four weeks; the fifth comes in through the browser
    server = start_server(env={"OKR_SAMPLE": "0"})
    import subprocess
    import sys
    for f in sorted(SAMPLE.glob("okr-2026-1?-??.xlsx"))[:4]:
        subprocess.run([sys.executable, "-m", "okr", "import", str(f), "--db", str(server.db), "--as-of",
                        f.stem[4:]], check=True, cwd=ROOT, capture_output=True)
    page.goto(f"{server.url}/Import")
    wait_for_app(page)
    page.get_by_text("Uploads so far").wait_for()
    screenshot(page, "import")
    week5 = tmp_path / "okr-2026-11-27.xlsx"
    shutil.copy(SAMPLE / "okr-2026-11-27.xlsx", week5)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(week5))
    page.get_by_text("The workbook reads cleanly").wait_for(timeout=60_000)
    wait_for_app(page)
    # the as-of date defaults to today; set it to the workbook's week, segment by segment
    for part, value in (("year", "2026"), ("month", "11"), ("day", "27")):
        segment = page.get_by_role("spinbutton", name=re.compile(f"^{part}, As-of date"))
        segment.click()
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    wait_for_app(page)
    page.get_by_text("compared with the upload as of 20 Nov 2026").wait_for()
    page.get_by_text("What changes when you import it").wait_for()
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Import this workbook").click()
    page.get_by_text("Imported okr-2026-11-27.xlsx").wait_for(timeout=60_000)
    page.get_by_text("See it on the overview").click()
    wait_for_app(page)
    page.get_by_text("Company progress").first.wait_for()
    assert "numbers as of 27 Nov 2026" in page.inner_text("body")
    assert not page.js_errors
