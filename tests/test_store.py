"""okr/store.py: real DuckDB files, one snapshot per import, nothing stored from a refused workbook."""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pytest

from okr import service, workbook
from okr.model import KeyResult
from okr.store import DEFAULT_DB, MIGRATIONS, SCHEMA_VERSION, DatabaseError, SchemaTooNew, Store, db_path
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


META = [("last_snapshot_id", "0"), ("schema_version", "2")]


def test_fresh_database_has_the_current_schema(store):
    assert SCHEMA_VERSION == 2
    with store.cursor(write=True):
        pass  # the first write creates the file
    assert store.schema_version() == 2
    contents = store.table_contents()
    assert sorted(contents) == TABLES
    assert contents["meta"] == META
    assert all(not rows for name, rows in contents.items() if name != "meta")


def test_empty_file_from_an_older_program_migrates(db_path):
    duckdb.connect(str(db_path)).close()  # a database file with no schema at all: version 0
    s = Store(db_path)
    try:
        assert s.schema_version() == 2 and sorted(s.table_contents()) == TABLES
    finally:
        s.close()
    s = Store(db_path)  # opening again migrates nothing and loses nothing
    try:
        assert s.table_contents()["meta"] == META
    finally:
        s.close()


def test_a_version_1_database_migrates_forward_keeping_its_snapshots(db_path):
    """A database written by the previous release: schema 1, two snapshots."""
    con = duckdb.connect(str(db_path))
    for sql in MIGRATIONS[0]:
        con.execute(sql)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    for sid in (1, 4):
        con.execute("INSERT INTO snapshots VALUES (?, 'w.xlsx', ?, TIMESTAMP '2026-02-15 09:00', DATE '2026-02-15', "
                    "'canonical', 1, 1, 1, 1, 0, '2026-Q1')", [sid, f"sha{sid}"])
        con.execute("INSERT INTO key_results VALUES (?, 'KR-1', 'O-1', 'x', NULL, 0, 10, 5, NULL, 'number', 1, "
                    "NULL, NULL, 'Key Results', 2)", [sid])
    con.close()
    s = Store(db_path)
    try:
        assert s.schema_version() == 2
        assert [i.id for i in s.snapshots()] == [4, 1]
        kr = s.load(4).key_results[0]
        assert (kr.current, kr.confidence, kr.grade) == (5.0, None, None)
        assert ("last_snapshot_id", "4") in s.table_contents()["meta"]
        # the next snapshot continues after the highest id
        sid = s.add_snapshot(workbook.read(spec_bytes()), file_name="n.xlsx", sha256="n", as_of=AS_OF).snapshot_id
        assert sid == 5
    finally:
        s.close()


def test_future_schema_version_is_refused(db_path):
    s = Store(db_path)
    with s.cursor(write=True):
        pass
    s.close()
    con = duckdb.connect(str(db_path))
    con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(SchemaTooNew) as ei:
        Store.open(db_path).snapshots()
    assert ei.value.reason == "too_new" and "schema version 7" in str(ei.value)
    # the refused store released the file: another connection can open it
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("7",)
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


def test_as_of_defaults_by_the_workbooks_quarter(store):
    # a past quarter with check-ins: its last check-in date (the SPEC workbook's is 2026-02-10)
    service.import_bytes(store, spec_bytes(), "x.xlsx")
    assert store.latest().as_of == dt.date(2026, 2, 10)
    # today's quarter: today
    from okr.parse import quarter_of

    objs = [["O-CO-1", "Groei", "Company", quarter_of(dt.date.today()), "Anna", None, None]]
    krs = [["KR-1", "O-CO-1", "10 klanten", "Anna", 0, 10, 3, None, None, None, None, None]]
    service.import_bytes(store, xlsx_bytes(canonical_sheets(objs, krs)), "now.xlsx")
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


def test_last_values_of_a_quarter(store):
    """Each key result's latest value in a quarter, from snapshots' currents and check-ins (okr.close)."""
    q1, first, last = "2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    s1 = service.import_bytes(store, spec_bytes(), "w1.xlsx", as_of=dt.date(2026, 2, 8)).snapshot_id
    vals = store.last_values(q1, first, last)
    assert vals["KR-S-1"] == (dt.date(2026, 2, 10), 9)  # its check-in of 10 Feb is later than the snapshot
    assert vals["KR-CS-1"] == (dt.date(2026, 2, 8), 6) and "KR-P-1" not in vals  # never a value: missing
    # on 10 Feb a snapshot says 12 and the check-in 9: the snapshot wins
    s2 = service.import_bytes(store, spec_bytes(**{"KR-S-1": 12}), "w2.xlsx", as_of=dt.date(2026, 2, 10)).snapshot_id
    assert store.last_values(q1, first, last)["KR-S-1"] == (dt.date(2026, 2, 10), 12)
    assert store.last_values(q1, first, last, up_to_snapshot=s2)["KR-S-1"] == (dt.date(2026, 2, 10), 12)
    assert store.last_values(q1, first, last, up_to_snapshot=s1)["KR-S-1"] == (dt.date(2026, 2, 10), 9)
    # only what lies in the window: snapshots as of `since` or later, check-ins dated inside it
    assert store.last_values(q1, dt.date(2026, 2, 11), last) == {}
    assert store.last_values(q1, first, dt.date(2026, 1, 31), up_to_snapshot=s1)["KR-S-1"] == (dt.date(2026, 2, 8), 9)
    assert store.last_values("2026-Q2", first, last) == {}


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


# --- nobody holds the file between uses --------------------------------------------------

HOLD_CHECK = "import duckdb, sys; duckdb.connect(sys.argv[1]).close(); print('opened')"


def _other_process_can_open(path) -> bool:
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-c", HOLD_CHECK, str(path)], capture_output=True, text=True, timeout=60)
    return res.stdout.strip() == "opened"


def test_the_file_is_free_for_another_process_after_every_use(store):
    service.import_bytes(store, spec_bytes(), "a.xlsx", as_of=AS_OF)
    assert _other_process_can_open(store.path)
    store.load(store.latest().id)
    store.kr_history("KR-S-1")
    assert _other_process_can_open(store.path)
    with store.cursor():  # while a use is open, the file is held ...
        assert not _other_process_can_open(store.path)
    assert _other_process_can_open(store.path)  # ... and let go right after


def test_reading_a_missing_database_creates_nothing(tmp_path):
    path = tmp_path / "not" / "there.duckdb"
    s = Store(path)
    assert s.snapshots() == [] and s.latest() is None and s.find_by_sha("x") is None
    assert s.snapshot_info(1) is None and s.schema_version() == 0
    assert not path.parent.exists()


def test_signature_changes_with_every_write_and_only_then(store):
    before = store.signature()
    assert before == (None, None)
    service.import_bytes(store, spec_bytes(), "a.xlsx", as_of=AS_OF)
    after_import = store.signature()
    assert after_import != before
    store.snapshots()
    store.load(store.latest().id)
    assert store.signature() == after_import  # reading changes nothing
    store.delete_snapshot(store.latest().id)
    assert store.signature() != after_import


# --- deleting a snapshot ------------------------------------------------------------------


def test_delete_snapshot_removes_it_whole_and_the_previous_is_latest_again(store):
    s1 = service.import_bytes(store, spec_bytes(), "w1.xlsx", as_of=dt.date(2026, 2, 8)).snapshot_id
    kept = store.table_contents()
    s2 = service.import_bytes(store, spec_bytes(**{"KR-S-1": 12}), "w2.xlsx", as_of=AS_OF).snapshot_id
    assert store.latest().id == s2
    gone = store.delete_snapshot(s2)
    assert gone.id == s2 and gone.file_name == "w2.xlsx"
    assert store.latest().id == s1
    after = store.table_contents()
    # every table is exactly as before the second import, except that ids are never reused
    assert {k: v for k, v in after.items() if k != "meta"} == {k: v for k, v in kept.items() if k != "meta"}
    assert ("last_snapshot_id", str(s2)) in after["meta"]
    s3 = service.import_bytes(store, spec_bytes(**{"KR-S-1": 13}), "w3.xlsx", as_of=AS_OF).snapshot_id
    assert s3 == s2 + 1
    assert store.delete_snapshot(999) is None


def test_delete_snapshot_is_one_transaction(store):
    """A failure halfway through the deletion leaves every table as it was."""
    sid = service.import_bytes(store, spec_bytes(), "w1.xlsx", as_of=AS_OF).snapshot_id
    before = store.table_contents()
    # DuckDB refuses to delete a row a foreign key still points at: the snapshot
    # row goes last, so the deletion fails after every other table lost its rows
    with store.cursor(write=True) as cur:
        cur.execute("CREATE TABLE pin (sid INTEGER REFERENCES snapshots(id))")
        cur.execute("INSERT INTO pin VALUES (?)", [sid])
    with pytest.raises(duckdb.ConstraintException):
        store.delete_snapshot(sid)
    after = store.table_contents()
    assert {k: after[k] for k in before} == before


# --- database faults are named ------------------------------------------------------------


def test_a_damaged_file_is_named_damaged_and_left_as_it_is(tmp_path):
    for name, content in (("junk.duckdb", b"hello world" * 1000), ("empty.duckdb", b"")):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(DatabaseError) as ei:
            Store(path).snapshots()
        assert ei.value.reason == "damaged"
        assert path.read_bytes() == content


def test_a_truncated_database_is_named_damaged(tmp_path):
    path = tmp_path / "t.duckdb"
    s = Store(path)
    service.import_bytes(s, spec_bytes(), "a.xlsx", as_of=AS_OF)
    s.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseError) as ei:
        Store(path).load(1)
    assert ei.value.reason == "damaged"


FULL_DISK = """
import datetime as dt, resource, signal, sys
from okr import service, workbook
from okr.store import DatabaseError, Store
data = open(sys.argv[2], "rb").read()
parsed = workbook.read(data)
store = Store(sys.argv[1])
store.snapshots()
# from here on no file may grow past its current size plus a little: the disk is full
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
try:
    store.add_snapshot(parsed, file_name="big.xlsx", sha256="big", as_of=dt.date(2026, 2, 15))
    print("stored")
except DatabaseError as e:
    print("refused", e.reason)
"""


def test_a_full_disk_during_the_commit_is_named_and_stores_nothing(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = tmp_path / "full.duckdb"
    s = Store(path)
    service.import_bytes(s, spec_bytes(), "a.xlsx", as_of=AS_OF)
    before = s.table_contents()
    s.close()
    krs = [[f"KR-{i}", "O-SALES-1", f"{i} leads " + "x" * 300, "Bram", 0, 10, 5, None, None, None, None,
            "comment " * 40] for i in range(3000)]
    big = tmp_path / "big.xlsx"
    big.write_bytes(xlsx_bytes(canonical_sheets(key_results=krs)))
    limit = 512 * 1024  # the WAL of this import needs ~2 MB
    res = subprocess.run([sys.executable, "-c", FULL_DISK, str(path), str(big), str(limit)], capture_output=True,
                         text=True, timeout=120, cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert res.stdout.strip() == "refused full", res.stdout + res.stderr[-2000:]
    s = Store(path)
    assert s.table_contents() == before
    s.close()
