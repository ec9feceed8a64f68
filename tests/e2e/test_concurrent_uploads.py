"""Two people confirm an upload at the same moment: both land as snapshots (one serialised writer)."""

from __future__ import annotations

import shutil

from okr.store import Store

from .conftest import ROOT, VIEWPORT, wait_for_app

SAMPLE = ROOT / "sample_data"


def _ready_to_confirm(browser, server, workbook):
    context = browser.new_context(viewport=VIEWPORT)
    pg = context.new_page()
    pg.goto(f"{server.url}/Import")
    wait_for_app(pg)
    pg.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(workbook))
    pg.get_by_text("The workbook reads cleanly").wait_for(timeout=60_000)
    wait_for_app(pg)
    return context, pg


def test_two_sessions_confirming_at_once_both_land(browser, start_server, tmp_path):
    server = start_server(env={"OKR_SAMPLE": "0"})
    files = []
    for name in ("okr-2026-11-20.xlsx", "okr-2026-11-27.xlsx"):
        files.append(tmp_path / name)
        shutil.copy(SAMPLE / name, files[-1])
    sessions = [_ready_to_confirm(browser, server, f) for f in files]
    buttons = [pg.get_by_role("button", name="Import this workbook") for _ctx, pg in sessions]
    for b in buttons:
        b.wait_for()
    for b in buttons:  # both clicks go out before either import has finished
        b.click(no_wait_after=True)
    for (_ctx, pg), f in zip(sessions, files):
        pg.get_by_text(f"Imported {f.name}").wait_for(timeout=60_000)
    for ctx, _pg in sessions:
        ctx.close()
    server.stop()  # the app holds the database file; read it once it has let go
    store = Store.open(server.db)
    try:
        assert sorted(s.file_name for s in store.snapshots()) == [f.name for f in files]
        for s in store.snapshots():
            snap = store.load(s.id)
            assert len(snap.key_results) == s.n_key_results > 0
    finally:
        store.close()
