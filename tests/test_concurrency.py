"""Several people at once (docs/workbook.md / issue #6): one serialised writer, no
half imports, and an `okr import` while another process holds the database
either goes through (the holder lets go within OKR_DB_WAIT) or says plainly
what to do -- never corrupts."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from okr import service
from okr.i18n import t
from okr.store import Store
from tests.conftest import AS_OF, KR_HEADER, OBJ_HEADER, ROOT, xlsx_bytes


def workbook(tag: str, n_krs: int) -> bytes:
    """A valid workbook whose KR count identifies it."""
    objs = [OBJ_HEADER, ["O-CO-1", f"Groei {tag}", "Company", "2026-Q1", "Anna", None, None]]
    krs = [KR_HEADER] + [[f"KR-{tag}-{i}", "O-CO-1", f"{i + 10} klanten {tag}", "Anna", 0, 100 + i, i % 90,
                          "klanten", None, None, None, f"comment {tag} {i}"] for i in range(n_krs)]
    return xlsx_bytes({"Objectives": objs, "Key Results": krs})


def test_two_threads_importing_at_the_same_moment_both_land(store):
    books = {"A": workbook("A", 300), "B": workbook("B", 301)}
    checked = {k: service.check(v, f"{k}.xlsx") for k, v in books.items()}
    assert all(c.ok for c in checked.values())
    barrier = threading.Barrier(2)
    results, errors = {}, []

    def run(key):
        try:
            barrier.wait()
            results[key] = service.store_checked(store, checked[key], AS_OF)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(k,)) for k in books]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert not errors, errors
    assert all(results[k].stored for k in books)
    ids = {results[k].snapshot_id for k in books}
    assert len(ids) == 2
    snaps = {s.id: s for s in store.snapshots()}
    assert set(snaps) == ids
    assert sorted(s.n_key_results for s in snaps.values()) == [300, 301]
    for k in books:
        assert len(store.load(results[k].snapshot_id).key_results) == len(checked[k].parsed.key_results)


def test_a_reader_never_sees_half_an_import(store):
    books = [workbook(f"W{i}", 400 + 37 * i) for i in range(5)]
    checked = [service.check(b, f"w{i}.xlsx") for i, b in enumerate(books)]
    assert all(c.ok for c in checked)
    done = threading.Event()
    seen: list[tuple] = []
    bad: list[tuple] = []
    errors: list[Exception] = []

    def reader():
        try:
            while not done.is_set():
                with store.cursor() as cur:
                    rows = cur.execute(
                        "SELECT s.id, s.n_key_results, s.n_objectives, "
                        "(SELECT count(*) FROM key_results k WHERE k.snapshot_id = s.id), "
                        "(SELECT count(*) FROM objectives o WHERE o.snapshot_id = s.id) FROM snapshots s").fetchall()
                seen.append(tuple(sorted(rows)))
                bad.extend(r for r in rows if r[1] != r[3] or r[2] != r[4])
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    def writer(chunk):
        try:
            for c in chunk:
                service.store_checked(store, c, AS_OF)
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    readers = [threading.Thread(target=reader) for _ in range(2)]
    writers = [threading.Thread(target=writer, args=(checked[i::2],)) for i in range(2)]
    for th in readers + writers:
        th.start()
    for th in writers:
        th.join(120)
    done.set()
    for th in readers:
        th.join(30)
    assert not errors, errors
    assert not bad, bad[:3]
    assert len(store.snapshots()) == 5
    # the readers really ran during the imports: they saw more than one state
    assert len({len(s) for s in seen}) > 1, "the reader never overlapped an import"


HOLDER = """
import sys, time
from okr.store import Store
store = Store.open(sys.argv[1])
with store.cursor(write=True):  # a writer in the middle of a long import
    print("ready", flush=True)
    hold = float(sys.argv[2])
    if hold < 0:
        sys.stdin.readline()   # hold until told to stop
    else:
        time.sleep(hold)
store.close()
"""


def start_holder(db: Path, hold: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(hold)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.fixture
def prefilled(tmp_path, spec_workbook) -> tuple[Path, dict]:
    db = tmp_path / "shared.duckdb"
    store = Store.open(db)
    assert service.import_bytes(store, spec_workbook.read_bytes(), "spec.xlsx", AS_OF).stored
    before = store.table_contents()
    store.close()
    return db, before


def test_cli_import_while_another_process_holds_the_database_says_what_to_do(prefilled, run_cli, tmp_path):
    db, before = prefilled
    new = tmp_path / "new.xlsx"
    new.write_bytes(workbook("NEW", 5))
    holder = start_holder(db, -1)
    try:
        res = run_cli("import", str(new), "--db", str(db), env={"OKR_DB_WAIT": "1"})
    finally:
        holder.communicate("stop\n", timeout=30)
    assert res.returncode == 3, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    lines = res.stderr.strip().splitlines()
    assert lines == [t("database.busy", "en", db=db.resolve(), seconds=1)]
    store = Store.open(db)
    try:
        assert store.table_contents() == before
    finally:
        store.close()


def test_cli_import_goes_through_when_the_holder_lets_go_within_the_wait(prefilled, run_cli, tmp_path):
    """A short-lived holder (another `okr` command) is waited for, not reported."""
    db, before = prefilled
    new = tmp_path / "new.xlsx"
    new.write_bytes(workbook("NEW", 5))
    holder = start_holder(db, 1.5)
    t0 = time.monotonic()
    res = run_cli("import", str(new), "--db", str(db), env={"OKR_DB_WAIT": "30"})
    holder.wait(30)
    assert res.returncode == 0, res.stdout + res.stderr
    assert time.monotonic() - t0 < 30
    store = Store.open(db)
    try:
        after = store.table_contents()
        assert len(after["snapshots"]) == 2
        assert all(set(before[table]) <= set(after[table]) for table in before if table != "meta")
    finally:
        store.close()
