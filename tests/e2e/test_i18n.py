"""Dutch and English in a real browser (issue #8): every page with ?lang=nl shows
Dutch labels and no English catalogue text, charts format their axes with the
Dutch locale, the browser's language is the default, and switching language
keeps the other query parameters. Screenshots: test-artifacts/nl-*.png."""

from __future__ import annotations

import re

import pytest

from okr.i18n import t

from ..test_i18n import foreign_texts
from .conftest import VIEWPORT, screenshot, wait_for_app

PAGES = [  # (path, screenshot name, catalogue keys that must be visible)
    ("", "overview", ["ui.overview.title", "ui.overview.company_progress", "ui.overview.teams", "ui.changes.title"]),
    ("Team?team=Mobile&", "team", ["ui.team.progress", "ui.team.trends", "ui.team.objectives"]),
    ("Alignment?", "alignment", ["ui.alignment.title", "ui.alignment.what_drags", "ui.alignment.tab_cascade"]),
    ("Import?", "import", ["ui.import.title", "ui.import.upload", "ui.import.history"]),
    ("Quality?", "quality", ["ui.quality.title", "quality.ui.health", "quality.ui.by_team"]),
    ("Meeting?slide=1&", "meeting", ["meeting.stand.title", "meeting.lagging_teams", "meeting.next"]),
]
NAV = ["ui.overview.title", "ui.team.title", "ui.alignment.title", "ui.import.title", "ui.quality.title",
       "meeting.title"]


def _open(page, url: str) -> str:
    page.goto(url)
    wait_for_app(page)
    return page.inner_text("body")


@pytest.mark.parametrize(("path", "name", "keys"), PAGES, ids=[p[1] for p in PAGES])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_page_in_one_language(sample_server, page, path, name, keys, lang):
    sep = "" if path.endswith(("?", "&")) else "?"
    body = _open(page, f"{sample_server.url}/{path}{sep}lang={lang}")
    for key in keys:
        page.get_by_text(t(key, lang), exact=False).first.wait_for()
    # the sidebar's links are drawn once the quarter is known: wait for the last one
    page.locator("[data-testid='stSidebar']").get_by_text(t(NAV[-1], lang), exact=True).wait_for()
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    for key in NAV:  # the page list speaks the language too
        assert t(key, lang) in sidebar, key
    body = page.inner_text("body")
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    assert foreign_texts(lines, lang) == []
    if lang == "nl":
        screenshot(page, f"nl-{name}")
    assert not page.js_errors


def _axis_labels(page) -> list[str]:
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.locator("svg").first.wait_for()
    return chart.locator("g.role-axis-label text").evaluate_all("els => els.map(e => e.textContent)")


@pytest.mark.parametrize(("lang", "month", "thousands"), [("nl", "nov", r"^\d{1,3}\.000$"),
                                                          ("en", "Nov", r"^\d{1,3},000$")])
def test_chart_axes_in_the_users_locale(sample_server, page, lang, month, thousands):
    """Vega formats the axes with the chart's config.locale (okr.formatting.vega_locale):
    the first Mobile KR (8,000 -> 50,000 users) has thousands on its y axis, dates on x."""
    _open(page, f"{sample_server.url}/Team?team=Mobile&lang={lang}")
    page.get_by_text(t("ui.team.trends", lang)).wait_for()
    page.locator("[data-testid='stVegaLiteChart'] svg").first.wait_for()
    labels = _axis_labels(page)
    assert any(month in x for x in labels), labels
    assert any(re.match(thousands, x) for x in labels), labels
    page.locator("[data-testid='stVegaLiteChart']").first.scroll_into_view_if_needed()
    screenshot(page, f"{lang}-team-chart")


def test_the_browser_language_is_the_default(sample_server, browser):
    for locale, lang in (("nl-NL", "nl"), ("en-US", "en")):
        context = browser.new_context(viewport=VIEWPORT, locale=locale)
        try:
            pg = context.new_page()
            pg.goto(sample_server.url)
            wait_for_app(pg)
            assert pg.locator("h1").first.inner_text() == t("ui.overview.title", lang)
            pg.wait_for_url(re.compile(rf"lang={lang}"))
        finally:
            context.close()


def test_switching_language_keeps_the_deep_link(sample_server, page):
    _open(page, f"{sample_server.url}/Team?team=Sales&quarter=2026-Q4&lang=nl")
    assert page.locator("h1").first.inner_text() == "Sales"
    page.get_by_text(t("ui.team.progress", "nl")).first.wait_for()
    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    wait_for_app(page)
    page.get_by_text(t("ui.team.progress", "en")).first.wait_for()
    assert page.locator("h1").first.inner_text() == "Sales"
    assert "lang=en" in page.url and "team=Sales" in page.url and "quarter=2026-Q4" in page.url
    body = page.inner_text("body")
    assert foreign_texts([x.strip() for x in body.splitlines() if x.strip()], "en") == []
