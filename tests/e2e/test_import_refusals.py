"""A file that is not a workbook, dropped on the Import page in a real browser, gets our one sentence."""

from __future__ import annotations

from tests.hostile.make_corpus import build

from .conftest import wait_for_app


def test_xls_and_csv_dropped_in_the_browser_get_what_to_upload_instead(start_server, page, tmp_path):
    server = start_server(env={"OKR_SAMPLE": "0"})
    files = build(tmp_path / "corpus", {"xls", "csv"})
    page.goto(f"{server.url}/Import")
    wait_for_app(page)
    uploader = page.locator("[data-testid='stFileUploader'] input[type='file']")
    uploader.set_input_files(str(files["xls"]))
    page.get_by_text("This is an old Excel 97-2003 (.xls) file").wait_for(timeout=30_000)
    uploader.set_input_files(str(files["csv"]))
    page.get_by_text("This is a text/CSV file, not an Excel workbook").wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Import this workbook").count() == 0
    assert not page.js_errors
