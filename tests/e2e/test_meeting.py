"""The Meeting page on the shared screen (issue 12), in a real Chromium at
1920x1080: every screen of the sample and of a two-snapshot series fits
without scrolling, all visible text is >= 20 px (chart text >= 18 px),
nothing is cut off with an ellipsis, no exception; Previous / Next and
?slide= deep links land on the right screen. Screenshots stay in
test-artifacts/ (meeting-*.png)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from okr.i18n import t
from tests.conftest import AS_OF, WEEK1, canonical_sheets, week2_key_results, write_xlsx

from .conftest import ROOT, screenshot, wait_for_app

# every visible text node: its size, whether it is SVG (chart) text, and where
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('script,style,noscript,title')) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;  // hidden, or clipped to a pixel (screen-reader text)
    if (r.bottom <= 0 || r.right <= 0 || r.left >= innerWidth || r.top >= innerHeight) continue;  // off screen
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0) continue;
    out.push({text: text.slice(0, 60), size: parseFloat(cs.fontSize), svg: !!el.closest('svg')});
  }
  return out;
}"""
# scroll sizes of the page and of Streamlit's scrolling main area
FIT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {doc: document.documentElement.scrollHeight, view: window.innerHeight,
          main: main ? main.scrollHeight : 0, mainView: main ? main.clientHeight : 0};
}"""
# elements whose text is cut off with an ellipsis
TRUNCATED = """() => Array.from(document.querySelectorAll('body *')).filter(el => {
  const cs = getComputedStyle(el);
  return cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && el.innerText.trim();
}).map(el => el.innerText.trim().slice(0, 60))"""


def check_screen(page, n: int, total: int, name: str, lang: str) -> None:
    page.get_by_text(t("meeting.position", lang, n=n, total=total), exact=True).wait_for()
    assert not page.locator("[data-testid='stException']").count(), name
    assert not page.locator("[data-testid='stAlertContentError']").count(), name
    fit = page.evaluate(FIT)
    assert fit["doc"] <= fit["view"] and fit["main"] <= fit["mainView"] + 1, (name, fit)
    texts = page.evaluate(VISIBLE_TEXT)
    small = [x for x in texts if x["size"] < (18 if x["svg"] else 20)]
    assert not small, (name, small[:5])
    assert not page.evaluate(TRUNCATED), name
    screenshot(page, name)


def walk(page, url: str, label: str, lang: str = "en") -> int:
    """Open slide 1, then go through every screen with Next; then check each
    deep link and Previous. Returns the number of screens."""
    page.goto(f"{url}&slide=1")
    wait_for_app(page, timeout=90_000)
    first = t("meeting.position", lang, n=1, total=999).replace("999", "")
    position = page.get_by_text(re.compile("^" + re.escape(first) + r"\d+$")).inner_text()
    total = int(position.rsplit(" ", 1)[1])
    assert total >= 5  # where we stand, what changed, the cascade, to decide, and lagging teams
    check_screen(page, 1, total, f"meeting-{label}-1", lang)
    for n in range(2, total + 1):
        page.get_by_role("button", name=t("meeting.next", lang)).click()
        page.wait_for_url(re.compile(rf"slide={n}(&|$)"))
        wait_for_app(page)
        check_screen(page, n, total, f"meeting-{label}-{n}", lang)
    assert page.get_by_role("button", name=t("meeting.next", lang)).is_disabled()
    page.get_by_role("button", name=t("meeting.prev", lang)).click()
    page.wait_for_url(re.compile(rf"slide={total - 1}(&|$)"))
    wait_for_app(page)
    page.get_by_text(t("meeting.position", lang, n=total - 1, total=total), exact=True).wait_for()
    for n in (total, 2, 1):  # deep links land where they say
        page.goto(f"{url}&slide={n}")
        wait_for_app(page)
        page.get_by_text(t("meeting.position", lang, n=n, total=total), exact=True).wait_for()
    assert not page.js_errors
    return total


def test_every_screen_of_the_sample_fits_and_reads_from_3_metres(sample_server, page):
    total = walk(page, f"{sample_server.url}/Meeting?quarter=2026-Q4&present=1&lang=en", "sample")
    # a lagging team's name on the first screen opens that team's screen
    page.goto(f"{sample_server.url}/Meeting?quarter=2026-Q4&present=1&lang=en&slide=1")
    wait_for_app(page)
    page.get_by_role("button", name="Customer Success").click()
    wait_for_app(page)
    page.get_by_text("Why Customer Success lags").wait_for()
    assert re.search(r"slide=(\d+)", page.url).group(1) in {str(n) for n in range(3, total)}


def test_a_finished_quarter_ends_with_the_close(sample_server, page):
    """The sample's 2026-Q3 is over: its meeting ends with grades, flags and the retrospective."""
    total = walk(page, f"{sample_server.url}/Meeting?quarter=2026-Q3&present=1&lang=en", "sample-closed")
    page.goto(f"{sample_server.url}/Meeting?quarter=2026-Q3&present=1&lang=en&slide={total}")
    wait_for_app(page)
    body = page.inner_text("body")
    for key in ("meeting.close.title", "close.ui.company_grade", "close.ui.retro.change"):
        assert t(key, "en") in body, key


def test_a_two_snapshot_series_in_dutch(start_server, page, tmp_path):
    server = start_server(env={"OKR_SAMPLE": "0"})
    week1 = write_xlsx(tmp_path / "week1.xlsx", canonical_sheets())
    week2 = write_xlsx(tmp_path / "week2.xlsx", canonical_sheets(key_results=week2_key_results()))
    for wb, as_of in ((week1, WEEK1), (week2, AS_OF)):
        subprocess.run([sys.executable, "-m", "okr", "import", str(wb), "--db", str(server.db), "--as-of",
                        as_of.isoformat()], check=True, cwd=ROOT, capture_output=True)
    url = f"{server.url}/Meeting?quarter=2026-Q1&present=1&lang=nl"
    walk(page, url, "series-nl", "nl")
    page.goto(f"{url}&slide=2")
    wait_for_app(page, timeout=90_000)
    body = page.inner_text("body")
    assert "Wat er veranderde sinds de vorige upload" in body and "Nieuw rood (1)" in body
    assert "15 SQL's gerealiseerd in Q1" in body or "15 Sales Qualified Leads" in body


@pytest.mark.parametrize("lang", ["en"])
def test_present_opens_the_meeting(sample_server, page, lang):
    page.goto(f"{sample_server.url}/?present=1&lang={lang}")
    wait_for_app(page, timeout=90_000)
    page.wait_for_url(re.compile(r"/Meeting\?"))
    page.get_by_text(re.compile(r"^Screen 1 of \d+$")).wait_for()
    assert not page.locator("[data-testid='stSidebar']").is_visible()


def test_the_meeting_downloads_as_pdf_and_powerpoint(sample_server, page):
    """The two buttons build the pack when clicked (a deferred download) and
    hand over a file with a title page and every screen of the meeting."""
    import io

    import pypdf
    from pptx import Presentation

    page.goto(f"{sample_server.url}/Meeting?quarter=2026-Q4&lang=en&slide=1")
    wait_for_app(page, timeout=90_000)
    position = page.get_by_text(re.compile(r"^Screen 1 of \d+$")).inner_text()
    total = int(position.rsplit(" ", 1)[1])
    # outside presentation mode the header stays: the quarter picker starts below it
    header = page.locator("[data-testid='stHeader']").bounding_box()
    picker = page.locator("[data-testid='stSelectbox']").first.bounding_box()
    assert picker["y"] >= header["y"] + header["height"]
    labels = page.evaluate(TRUNCATED.replace("'body *'", "'[data-testid=\"stDownloadButton\"] *'"))
    assert not labels  # the buttons' labels are whole
    for fmt in ("pdf", "pptx"):
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name=t(f"pack.{fmt}", "en")).click()
        download = info.value
        assert re.fullmatch(rf"okr-meeting-2026-Q4-\d{{4}}-\d\d-\d\d-en\.{fmt}", download.suggested_filename)
        data = open(download.path(), "rb").read()
        if fmt == "pdf":
            texts = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]
        else:
            texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
                     for s in Presentation(io.BytesIO(data)).slides]
        assert len(texts) == 1 + total
        assert "Where we stand" in texts[1] and "Why Customer Success lags" in " ".join(texts)
    assert not page.locator("[data-testid='stException']").count()
    assert not page.js_errors
