"""Crash safety (issue #6): a process SIGKILLed in the middle of an import
transaction leaves the database at the previous snapshot and nothing else.

To hit the middle reliably the child runs with OKR_TEST_PAUSE_IMPORT=<marker>:
okr/store.py `add_snapshot` then writes the marker after the snapshot row and
the objectives are inserted (inside the open transaction) and sleeps there.
The workbook is large (20k objectives). With N_OBJECTIVES = 20_000 (more
than one DuckDB row group of 122,880 rows, so uncommitted row groups are
already written to the database file when the kill comes) this test passes
too, in ~45 s instead of ~10 s on 2 cores.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import openpyxl

from okr import service
from okr.store import Store
from tests.conftest import AS_OF, KR_HEADER, OBJ_HEADER, ROOT

N_OBJECTIVES = 20_000


def big_workbook(path):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Objectives")
    ws.append(OBJ_HEADER)
    ws.append(["O-0", "Groei", "Company", "2026-Q1", "Anna", None, None])
    for i in range(1, N_OBJECTIVES):
        ws.append([f"O-{i}", f"Doel {i}", "Sales", "2026-Q1", "Bram", "O-0", None])
    ws = wb.create_sheet("Key Results")
    ws.append(KR_HEADER)
    ws.append(["KR-1", "O-1", "15 klanten", "Bram", 0, 15, 3, "klanten", None, None, None, None])
    wb.save(path)
    return path


def test_sigkill_mid_import_leaves_the_previous_snapshot(tmp_path, spec_workbook):
    db = tmp_path / "crash.duckdb"
    store = Store.open(db)
    assert service.import_bytes(store, spec_workbook.read_bytes(), "spec.xlsx", AS_OF).stored
    before = store.table_contents()
    store.close()

    big = big_workbook(tmp_path / "big.xlsx")
    marker = tmp_path / "in-transaction"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OKR_LANG": "en", "OKR_TEST_PAUSE_IMPORT": str(marker),
           "OKR_MAX_CELLS": str(10 * N_OBJECTIVES)}
    child = subprocess.Popen([sys.executable, "-m", "okr", "import", str(big), "--db", str(db)], env=env,
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 180
        while not marker.exists():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the import never reached its transaction"
            time.sleep(0.1)
        assert int(marker.read_text()) == 2  # the new snapshot's id: inserted, not committed
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL

    store = Store.open(db)
    try:
        assert store.table_contents() == before
        assert [s.id for s in store.snapshots()] == [1]
        # and the file is healthy: the next import lands as snapshot 2
        small = tmp_path / "small.xlsx"
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        wb.create_sheet("Objectives").append(OBJ_HEADER)
        wb["Objectives"].append(["O-CO-1", "Groei", "Company", "2026-Q1", "Anna", None, None])
        wb.create_sheet("Key Results").append(KR_HEADER)
        wb["Key Results"].append(["KR-1", "O-CO-1", "15 klanten", "Anna", 0, 15, 3, "klanten", None, None, None,
                                  None])
        wb.save(small)
        out = service.import_bytes(store, small.read_bytes(), "small.xlsx", AS_OF)
        assert out.stored and out.snapshot_id == 2
        assert len(store.load(2).key_results) == 1
    finally:
        store.close()
