"""okr/ui: the shared page setup never lets a database problem reach the user as a traceback."""

from __future__ import annotations

import subprocess
import sys
import time

from streamlit.testing.v1 import AppTest

from okr.i18n import t
from okr.store import Store

from .conftest import ROOT


def _run_overview(monkeypatch, db, **env):
    monkeypatch.setenv("OKR_DB", str(db))
    monkeypatch.setenv("OKR_SAMPLE", "0")
    monkeypatch.setenv("OKR_LANG", "en")
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def test_database_of_a_newer_version_gets_a_sentence_not_a_traceback(tmp_path, monkeypatch):
    db = tmp_path / "future.duckdb"
    store = Store.open(db)
    with store.cursor() as cur:
        cur.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    store.close()

    at = _run_overview(monkeypatch, db)

    assert not at.exception
    assert [e.value for e in at.error] == [t("db.too_new", "en", db=db, seconds=10)]
    assert not at.metric  # nothing from the database is shown


def test_database_held_by_another_process_gets_a_sentence(tmp_path, monkeypatch):
    db = tmp_path / "held.duckdb"
    Store.open(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from okr.store import Store; c = Store.open(sys.argv[1]).cursor(True); "
         "c.__enter__(); print('held', flush=True); time.sleep(60)", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        at = _run_overview(monkeypatch, db, OKR_DB_WAIT="0")
        assert not at.exception
        assert [e.value for e in at.error] == [t("db.busy", "en", db=db, seconds=0)]
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    # once the other process is gone, the same database opens normally
    Store.open(db).close()
