"""okr/service.py: the one path from bytes to a stored, scored snapshot that the CLI and the app share."""

from __future__ import annotations

import datetime as dt

import pytest

from okr import service
from okr.settings import Settings
from tests.conftest import AS_OF, SPEC_KEY_RESULTS, SPEC_OBJECTIVES, canonical_sheets, xlsx_bytes


def test_check_clean_workbook():
    data = xlsx_bytes(canonical_sheets())
    checked = service.check(data, "spec.xlsx")
    assert checked.ok and checked.file_error is None and checked.errors == []
    assert len(checked.sha256) == 64 and checked.parsed.layout == "canonical"


@pytest.mark.parametrize("data, code_word", [
    (b"id,objective,team\nO-1,Grow,Sales\n", "CSV"),
    (b"", "empty"),
    (b"%PDF-1.4 not a workbook", "not an Excel workbook"),
    (b"PK\x03\x04broken zip", "damaged"),
])
def test_check_file_errors_are_one_sentence(data, code_word):
    checked = service.check(data, "x.xlsx")
    assert not checked.ok and checked.parsed is None
    assert code_word in checked.file_error and "\n" not in checked.file_error
    nl = service.check(data, "x.xlsx", lang="nl").file_error
    assert nl and nl != checked.file_error


def test_check_path_refuses_too_large_without_reading(tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"0" * (1024 * 1024 + 10))
    checked = service.check_path(path, settings=Settings(max_upload_mb=1))
    assert checked.file_error and "limit is 1 MB" in checked.file_error


def test_errors_block_warnings_do_not(store):
    krs = [["KR-1", "O-SALES-1", "We implementeren een CRM-systeem", None, 0, 1, 0, None, None, None, None, None],
           ["KR-2", "O-SALES-1", "b", None, 0, 1, 0, None, None, None, None, None],
           ["KR-3", "O-SALES-1", "c", None, 0, 1, 0, None, None, None, None, None],
           ["KR-4", "O-SALES-1", "d", None, 0, 5, 1, None, None, None, None, None]]  # 4 KRs, no owners
    out = service.import_bytes(store, xlsx_bytes(canonical_sheets(key_results=krs)), "w.xlsx", AS_OF)
    assert out.stored and out.checked.errors == []
    assert all(w.severity != "error" for w in out.checked.warnings)


def test_scorecard_latest_snapshot_and_default_quarter(store):
    assert service.scorecard(store) is None
    two_quarters = [list(r) for r in SPEC_OBJECTIVES] + [["O-OLD", "Oud", "Sales", "2025-Q4", None, None, None]]
    data = xlsx_bytes(canonical_sheets(objectives=two_quarters))
    service.import_bytes(store, data, "w.xlsx", AS_OF)
    card = service.scorecard(store)
    assert card.quarter == "2026-Q1" and card.as_of == AS_OF and card.expected == 0.5
    assert "O-OLD" not in {o.id for o in card.objectives}
    old = service.scorecard(store, quarter="2025-Q4")
    assert [o.id for o in old.objectives] == ["O-OLD"] and old.expected == 1.0
    strict = service.scorecard(store, settings=Settings(green_gap=0.0, amber_gap=0.01))
    assert {k.id: k.status for k in strict.key_results}["KR-S-1"] == "green"  # 0.6 >= 0.5
    assert {o.id: o.status for o in strict.objectives}["O-CO-1"] == "red"      # 0.437: gap 0.063


def test_scorecard_as_of_after_the_workbook_quarter(store):
    service.import_bytes(store, xlsx_bytes(canonical_sheets()), "w.xlsx", dt.date(2026, 5, 1))
    card = service.scorecard(store)
    assert card.quarter == "2026-Q1" and card.expected == 1.0  # the latest quarter up to the as-of date


def test_scorecard_of_a_given_snapshot(store):
    a = service.import_bytes(store, xlsx_bytes(canonical_sheets()), "a.xlsx", dt.date(2026, 1, 15)).snapshot_id
    b = service.import_bytes(store, xlsx_bytes(canonical_sheets(SPEC_OBJECTIVES[:2], SPEC_KEY_RESULTS[:3])),
                             "b.xlsx", AS_OF)
    assert b.stored
    assert len(service.scorecard(store).objectives) == 2
    card = service.scorecard(store, snapshot_id=a)
    assert len(card.objectives) == 4 and card.as_of == dt.date(2026, 1, 15)


def test_import_warnings_name_the_cell_of_the_key_result():
    from tests.conftest import SAMPLE_DIR

    checked = service.check((SAMPLE_DIR / "okr-2026-11-27.xlsx").read_bytes(), "okr-2026-11-27.xlsx")
    assert checked.ok
    activity = [w for w in checked.warnings if w.code == "activity-not-result"]
    assert activity and all(w.column == "C" and w.cell.startswith("Key Results!C") for w in activity)


def test_check_reports_its_steps(spec_workbook):
    steps = []
    checked = service.check(spec_workbook.read_bytes(), "spec.xlsx", progress=steps.append)
    assert checked.ok and steps == ["reading", "checking", "coaching"]
    steps.clear()
    assert service.check(b"", "empty.xlsx", progress=steps.append).file_error and steps == ["reading"]
