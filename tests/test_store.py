"""okr/store.py: real DuckDB files, one snapshot per import, nothing stored from a refused workbook."""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pytest

from okr import service, workbook
from okr.model import KeyResult
from okr.store import DEFAULT_DB, SCHEMA_VERSION, SchemaTooNew, Store, db_path
from tests.conftest import AS_OF, SPEC_KEY_RESULTS, canonical_sheets, xlsx_bytes

TABLES = ["checkins", "key_results", "meta", "objectives", "snapshots", "teams"]


def spec_bytes(**changes) -> bytes:
    """The SPEC workbook, with KR current values changed: spec_bytes(**{"KR-S-1": 12})."""
    krs = [list(r) for r in SPEC_KEY_RESULTS]
    for r in krs:
        if r[0] in changes:
            r[6] = changes[r[0]]
    extra = {"Check-ins": [["key result", "date", "value"], ["KR-S-1", "2026-01-20", 4], ["KR-S-1", "2026-02-10", 9]],
             "Teams": [["team", "parent team"], ["Company", None], ["Sales", "Company"],
                       ["Customer Success", "Company"], ["Product", "Company"]]}
    return xlsx_bytes(canonical_sheets(key_results=krs, extra=extra))


def test_fresh_database_has_schema_version_1(store):
    assert SCHEMA_VERSION == 1
    assert store.schema_version() == 1
    contents = store.table_contents()
    assert sorted(contents) == TABLES
    assert contents["meta"] == [("schema_version", "1")]
    assert all(not rows for name, rows in contents.items() if name != "meta")


def test_empty_file_from_an_older_program_migrates(db_path):
    duckdb.connect(str(db_path)).close()  # a database file with no schema at all: version 0
    s = Store(db_path)
    try:
        assert s.schema_version() == 1 and sorted(s.table_contents()) == TABLES
    finally:
        s.close()
    s = Store(db_path)  # opening again migrates nothing and loses nothing
    try:
        assert s.table_contents()["meta"] == [("schema_version", "1")]
    finally:
        s.close()


def test_future_schema_version_is_refused(db_path):
    s = Store(db_path)
    s.close()
    con = duckdb.connect(str(db_path))
    con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(SchemaTooNew) as ei:
        Store.open(db_path)
    assert "schema version 7" in str(ei.value) and "Upgrade the program" in str(ei.value)
    # the refused store released the file: another connection can open it
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT value FROM meta").fetchone() == ("7",)
    con.close()


def test_import_stores_a_snapshot_with_metadata(store):
    data = spec_bytes()
    before = dt.datetime.now().replace(microsecond=0)
    out = service.import_bytes(store, data, "okr-week7.xlsx", as_of=AS_OF)
    assert out.stored and not out.already_imported
    (info,) = store.snapshots()
    assert info.id == out.snapshot_id == 1
    assert info.file_name == "okr-week7.xlsx"
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.as_of == AS_OF
    assert before <= info.imported_at <= dt.datetime.now()
    assert (info.n_objectives, info.n_key_results, info.n_teams, info.n_quarters, info.n_checkins) == (4, 6, 4, 1, 2)
    assert info.quarters == "2026-Q1" and info.layout == "canonical"
    snap = store.load(info.id)
    assert [o.id for o in snap.objectives] == ["O-CO-1", "O-SALES-1", "O-CS-1", "O-PROD-1"]
    krs = {k.id: k for k in snap.key_results}
    assert (krs["KR-CS-1"].start, krs["KR-CS-1"].target, krs["KR-CS-1"].current, krs["KR-CS-1"].weight) == (8, 5, 6, 2)
    assert krs["KR-P-1"].current is None and krs["KR-CS-2"].kind == "milestone"
    assert krs["KR-S-1"].reported_status == "green" and krs["KR-S-1"].comment == "Goed op weg"
    assert {(tm.team, tm.parent_team) for tm in snap.teams} >= {("Company", None), ("Sales", "Company")}
    assert [(c.date, c.value) for c in store.checkins(info.id, "KR-S-1")] == \
        [(dt.date(2026, 1, 20), 4.0), (dt.date(2026, 2, 10), 9.0)]
    assert store.checkins(info.id, "KR-CS-1") == []


def test_as_of_defaults_to_today(store):
    service.import_bytes(store, spec_bytes(), "x.xlsx")
    assert store.latest().as_of == dt.date.today()


def test_reimport_same_bytes_adds_nothing(store):
    data = spec_bytes()
    first = service.import_bytes(store, data, "a.xlsx", as_of=AS_OF)
    before = store.table_contents()
    again = service.import_bytes(store, data, "renamed.xlsx", as_of=AS_OF + dt.timedelta(days=7))
    assert again.already_imported and not again.stored and again.snapshot_id == first.snapshot_id
    assert store.table_contents() == before
    # through the lower layer too
    parsed = workbook.read(data)
    res = store.add_snapshot(parsed, file_name="b.xlsx", sha256=hashlib.sha256(data).hexdigest(), as_of=AS_OF)
    assert res.already_imported and store.table_contents() == before


def test_refused_import_leaves_every_table_identical(store):
    service.import_bytes(store, spec_bytes(), "good.xlsx", as_of=AS_OF)
    before = store.table_contents()
    bad = xlsx_bytes(canonical_sheets(key_results=[["KR-1", "O-NONE", "x", None, 0, "veel", 1] + [None] * 5]))
    out = service.import_bytes(store, bad, "bad.xlsx", as_of=AS_OF)
    assert not out.stored and out.snapshot_id is None and len(out.checked.errors) == 2
    assert store.table_contents() == before
    out = service.import_bytes(store, b"id;objective\n1;2\n", "bad.csv", as_of=AS_OF)
    assert out.checked.file_error and store.table_contents() == before
    with pytest.raises(ValueError):
        store.add_snapshot(workbook.read(bad), file_name="bad.xlsx", sha256="x", as_of=AS_OF)
    assert store.table_contents() == before


def test_failed_insert_rolls_back_the_whole_import(store):
    service.import_bytes(store, spec_bytes(), "good.xlsx", as_of=AS_OF)
    before = store.table_contents()
    parsed = workbook.read(spec_bytes(**{"KR-S-1": 10}))
    parsed.key_results.append(KeyResult(id="KR-BROKEN", objective="O-SALES-1", title="x", weight="not a number"))
    with pytest.raises(Exception, match="not a number"):  # after the snapshot row and objectives went in
        store.add_snapshot(parsed, file_name="half.xlsx", sha256="f" * 64, as_of=AS_OF)
    assert store.table_contents() == before  # no snapshot row, no objectives: one transaction
    assert store.find_by_sha("f" * 64) is None


def test_values_kept_per_snapshot(store):
    s1 = service.import_bytes(store, spec_bytes(), "w1.xlsx", as_of=dt.date(2026, 2, 8)).snapshot_id
    s2 = service.import_bytes(store, spec_bytes(**{"KR-S-1": 12, "KR-P-1": 35}), "w2.xlsx",
                              as_of=dt.date(2026, 2, 15)).snapshot_id
    assert store.latest().id == s2
    assert store.previous(s2).id == s1 and store.previous(s1) is None
    v1 = {k.id: k.current for k in store.load(s1).key_results}
    v2 = {k.id: k.current for k in store.load(s2).key_results}
    assert (v1["KR-S-1"], v2["KR-S-1"]) == (9, 12) and (v1["KR-P-1"], v2["KR-P-1"]) == (None, 35)
    hist = store.kr_history("KR-S-1")
    assert [(r[0], r[1], r[3], r[4]) for r in hist] == [(dt.date(2026, 2, 8), s1, 15, 9),
                                                        (dt.date(2026, 2, 15), s2, 15, 12)]
    assert [r[1] for r in store.kr_history("KR-S-1", up_to_snapshot=s1)] == [s1]
    # an older week imported later is not "now": latest is by as-of, then import time
    s0 = service.import_bytes(store, spec_bytes(**{"KR-S-1": 5}), "w0.xlsx", as_of=dt.date(2026, 2, 1)).snapshot_id
    assert store.latest().id == s2 and store.previous(s1).id == s0
    assert [s.id for s in store.snapshots()] == [s2, s1, s0]
    assert [r[4] for r in store.kr_history("KR-S-1")] == [5, 9, 12]


def test_same_as_of_latest_by_import_time(store):
    parsed_a, parsed_b = workbook.read(spec_bytes()), workbook.read(spec_bytes(**{"KR-S-1": 1}))
    a = store.add_snapshot(parsed_a, file_name="a", sha256="a", as_of=AS_OF, imported_at=dt.datetime(2026, 2, 15, 9))
    b = store.add_snapshot(parsed_b, file_name="b", sha256="b", as_of=AS_OF, imported_at=dt.datetime(2026, 2, 15, 10))
    assert store.latest().id == b.snapshot_id and store.previous(b.snapshot_id).id == a.snapshot_id


def test_data_survives_reopening(db_path):
    s = Store.open(db_path)
    service.import_bytes(s, spec_bytes(), "a.xlsx", as_of=AS_OF)
    before = s.table_contents()
    s.close()
    s = Store.open(db_path)
    try:
        assert s.table_contents() == before and s.latest().file_name == "a.xlsx"
    finally:
        s.close()


def test_open_returns_one_store_per_file(db_path):
    a = Store.open(db_path)
    try:
        assert Store.open(str(db_path)) is a
    finally:
        a.close()


def test_db_path_explicit_env_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OKR_DB", raising=False)
    assert db_path() == (tmp_path / DEFAULT_DB).resolve() and DEFAULT_DB == "okr.duckdb"
    monkeypatch.setenv("OKR_DB", str(tmp_path / "env.duckdb"))
    assert db_path() == tmp_path / "env.duckdb"
    assert db_path(tmp_path / "flag.duckdb") == tmp_path / "flag.duckdb"  # --db wins over OKR_DB
    assert db_path("rel.duckdb") == tmp_path / "rel.duckdb"


def test_cursor_per_use_across_threads(store):
    import threading

    service.import_bytes(store, spec_bytes(), "a.xlsx", as_of=AS_OF)
    results, errors = [], []

    def read():
        try:
            for _ in range(20):
                results.append(len(store.load(store.latest().id).key_results))
        except Exception as e:  # pragma: no cover - the assertion below names it
            errors.append(e)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors and results == [6] * 80


def test_concurrent_imports_are_serialised(store):
    import threading

    blobs = [spec_bytes(**{"KR-S-1": i}) for i in range(4)]
    threads = [threading.Thread(target=service.import_bytes, args=(store, b, f"w{i}.xlsx", AS_OF))
               for i, b in enumerate(blobs)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    snaps = store.snapshots()
    assert sorted(s.id for s in snaps) == [1, 2, 3, 4]
    assert all(s.n_key_results == 6 for s in snaps)
    assert store.table_contents()["key_results"].__len__() == 24


def test_checkins_stay_columnar_from_workbook_to_store(store):
    """Issue #7: check-ins travel as columns (no CheckIn object per row) into an Arrow insert."""
    from okr.model import CheckIn, CheckIns

    parsed = workbook.read(spec_bytes())
    assert type(parsed.checkins) is CheckIns and len(parsed.checkins) == 2
    assert parsed.checkins.key_result == ["KR-S-1", "KR-S-1"]
    assert parsed.checkins.date == [dt.date(2026, 1, 20), dt.date(2026, 2, 10)]
    assert parsed.checkins.value == [4.0, 9.0] and parsed.checkins.comment == [None, None]
    as_list = [CheckIn("KR-S-1", dt.date(2026, 1, 20), 4.0), CheckIn("KR-S-1", dt.date(2026, 2, 10), 9.0)]
    assert list(parsed.checkins) == as_list and parsed.checkins == as_list and parsed.checkins[1] == as_list[1]
    sid = store.add_snapshot(parsed, file_name="spec.xlsx", sha256="c" * 64, as_of=AS_OF).snapshot_id
    assert store.checkins(sid) == as_list
    assert store.snapshot_info(sid).n_checkins == 2
    # a plain list of CheckIn (as other code may build) is stored the same way
    parsed.checkins = as_list[:1]
    sid2 = store.add_snapshot(parsed, file_name="spec2.xlsx", sha256="d" * 64, as_of=AS_OF).snapshot_id
    assert store.checkins(sid2) == as_list[:1]


def test_every_value_comes_back_as_stored_nulls_dates_and_numbers_included(store):
    import datetime as dt

    from okr.model import CheckIn, KeyResult, Objective, ParsedWorkbook, Team

    parsed = ParsedWorkbook(
        objectives=[Objective("O-1", "Groei", "Sales", "2026-Q1", None, None, "aspirational", "Objectives", 2)],
        key_results=[
            KeyResult("KR-1", "O-1", "15 SQL's", "Bram", 0.0, 15.0, None, "SQL", "number", 2.5, "green", None,
                      "Key Results", 2),
            KeyResult("KR-2", "O-1", "Churn 8 -> 5", None, 8.0, 5.0, 6.25, "%", "number", 1.0, None, "ok",
                      "Key Results", 3),
        ],
        checkins=[CheckIn("KR-1", dt.date(2026, 1, 15), 3.0, None), CheckIn("KR-1", dt.date(2026, 2, 1), None, "x"),
                  CheckIn("KR-2", dt.date(1999, 12, 31), -1.5, None)],
        teams=[Team("Sales", None, "Eva")],
    )
    sid = store.add_snapshot(parsed, file_name="x.xlsx", sha256="1" * 64, as_of=dt.date(2026, 2, 15)).snapshot_id
    snap = store.load(sid)
    assert snap.objectives == parsed.objectives
    assert snap.key_results == parsed.key_results
    assert snap.teams == parsed.teams
    assert store.checkins(sid) == list(parsed.checkins)
