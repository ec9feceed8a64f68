"""The dashboard starts on the sample data and shows the quarter in a real browser."""

from .conftest import screenshot, wait_for_app


def test_overview_shows_sample_quarter(sample_server, page):
    page.goto(sample_server.url)
    wait_for_app(page)
    page.get_by_text("Company progress").first.wait_for()
    assert "2026-Q4" in page.inner_text("body")
    screenshot(page, "overview")
    assert not page.js_errors
