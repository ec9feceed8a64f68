"""okr/ui: the shared page setup never lets a database problem reach the user as a traceback."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from okr.i18n import t
from okr.store import Store

from .conftest import ROOT, import_without, run_page


@pytest.mark.parametrize("part", ["okr.quality", "okr.export"])
def test_a_broken_part_of_okr_fails_loudly_instead_of_vanishing(part):
    """The pages' helpers import our own modules directly: a broken okr.quality
    stops the app at start instead of silently dropping every team's health."""
    res = import_without("okr.ui", part)
    assert res.returncode != 0 and f"import of {part} halted" in res.stderr, res.stderr


def test_database_of_a_newer_version_gets_a_sentence_not_a_traceback(tmp_path, serve):
    db = tmp_path / "future.duckdb"
    store = Store.open(db)
    with store.cursor() as cur:
        cur.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    store.close()

    serve(db)
    at = run_page()  # fails on an exception: the page must not raise
    assert [e.value for e in at.error] == [t("database.too_new", "en", db=db, seconds=10)]
    assert not at.metric  # nothing from the database is shown


def test_database_held_by_another_process_gets_a_sentence(tmp_path, serve, monkeypatch):
    db = tmp_path / "held.duckdb"
    Store.open(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from okr.store import Store; c = Store.open(sys.argv[1]).cursor(True); "
         "c.__enter__(); print('held', flush=True); time.sleep(60)", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        serve(db)
        monkeypatch.setenv("OKR_DB_WAIT", "0")
        at = run_page()
        assert [e.value for e in at.error] == [t("database.busy", "en", db=db, seconds=0)]
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    # once the other process is gone, the same database opens normally
    Store.open(db).close()
