"""The canonical template (docs/workbook.md, docs/cli.md `okr template`)."""

from __future__ import annotations

import openpyxl
import pytest

from okr.headers import CANONICAL, SHEET_NAMES
from okr.i18n import CATALOGUE, t
from okr.template import DATA_SHEETS, write_template

LANGS = ("en", "nl")


@pytest.fixture(params=LANGS)
def template(request, tmp_path):
    lang = request.param
    path = tmp_path / f"template-{lang}.xlsx"
    write_template(path, lang)
    return lang, path, openpyxl.load_workbook(path)


def _rows(ws):
    return [r for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]


def _col_letter(sheet, fld):
    return openpyxl.utils.get_column_letter(list(CANONICAL[sheet]).index(fld) + 1)


def _validations(ws):
    """column letter -> (type, formula1) for every validation on the sheet."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            start, end = rng.split(":")
            col = "".join(ch for ch in start if ch.isalpha())
            assert col == "".join(ch for ch in end if ch.isalpha())
            assert start[len(col):] == "2" and int(end[len(col):]) >= 1000
            out[col] = (dv.type, dv.formula1)
    return out


def test_sheets_in_order(template):
    lang, _, wb = template
    expected = [SHEET_NAMES["instructions"][lang]] + [SHEET_NAMES[s][lang] for s in DATA_SHEETS]
    assert wb.sheetnames == expected


def test_headers_are_canonical_bold_and_frozen(template):
    lang, _, wb = template
    for sheet in DATA_SHEETS:
        ws = wb[SHEET_NAMES[sheet][lang]]
        assert [c.value for c in ws[1]] == [names[lang] for names in CANONICAL[sheet].values()]
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1])


def test_validations_on_the_right_columns(template):
    lang, _, wb = template
    objs = _validations(wb[SHEET_NAMES["objectives"][lang]])
    krs = _validations(wb[SHEET_NAMES["key_results"][lang]])

    kind, formula = objs[_col_letter("objectives", "quarter")]
    assert kind == "custom" and "Q" in formula and formula.count("(") == formula.count(")")
    assert objs[_col_letter("objectives", "type")] == ("list", '"committed,aspirational"')
    assert krs[_col_letter("key_results", "kind")] == ("list", '"number,milestone"')
    statuses = ",".join(t(f"status.{s}", lang) for s in ("green", "amber", "red"))
    assert krs[_col_letter("key_results", "status")] == ("list", f'"{statuses}"')
    if lang == "nl":
        assert statuses == "groen,oranje,rood"
    kind, formula = krs[_col_letter("key_results", "weight")]
    assert kind == "decimal" and formula == "0"


def test_example_rows(template):
    lang, _, wb = template
    objectives = _rows(wb[SHEET_NAMES["objectives"][lang]])
    krs = _rows(wb[SHEET_NAMES["key_results"][lang]])
    o_fields, k_fields = list(CANONICAL["objectives"]), list(CANONICAL["key_results"])
    obj = {r[0]: dict(zip(o_fields, r)) for r in objectives}
    company = obj["O-COMPANY-1"]
    assert company["objective"] == t("template.example.o_company", lang)
    if lang == "nl":
        assert company["objective"] == "Versterk onze marktpositie in de IT-sector"
    assert company["team"] == "Company" and company["parent"] is None
    assert obj["O-SALES-1"]["parent"] == "O-COMPANY-1"
    assert all(o["quarter"] == "2026-Q1" for o in obj.values())
    kr = {r[0]: dict(zip(k_fields, r)) for r in krs}
    sales = [k for k in kr.values() if k["objective"] == "O-SALES-1"]
    assert [(k["start"], k["target"]) for k in sales] == [(0, 15), (0, 3), (0, 20)]
    assert [k["unit"] for k in sales][0] == "SQL" and sales[2]["unit"] == "%"
    assert any(k["kind"] == "milestone" for k in kr.values())
    assert any(k["kind"] == "number" and k["target"] < k["start"] for k in kr.values())  # churn 8 -> 5
    assert all(k["objective"] in obj for k in kr.values())
    teams = {r[0]: r[1] for r in _rows(wb[SHEET_NAMES["teams"][lang]])}
    assert teams["Company"] is None and teams["Sales"] == teams["Marketing"] == "Commercial"
    assert teams["Commercial"] == "Company"
    checkins = _rows(wb[SHEET_NAMES["checkins"][lang]])
    assert checkins and all(c[0] in kr for c in checkins)


def test_instructions(template):
    lang, _, wb = template
    ws = wb[SHEET_NAMES["instructions"][lang]]
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert texts[0] == t("template.instructions.title", lang)
    for i in range(1, 7):
        assert any(s.startswith(f"{i}. ") for s in texts)
    # every column of every data sheet is explained
    for sheet in DATA_SHEETS:
        for names in CANONICAL[sheet].values():
            assert any(row[0] == SHEET_NAMES[sheet][lang] and row[1] == names[lang] and row[3]
                       for row in ws.iter_rows(values_only=True))


def test_catalogue_template_keys_in_both_languages():
    keys = [k for k in CATALOGUE if k.startswith("template.")]
    assert keys
    for k in keys:
        assert CATALOGUE[k].get("en") and CATALOGUE[k].get("nl"), k


def test_round_trip(template, tmp_path):
    lang, path, wb = template
    again = tmp_path / "again.xlsx"
    wb.save(again)
    wb2 = openpyxl.load_workbook(again)
    assert wb2.sheetnames == wb.sheetnames
    for ws in wb:
        assert [list(r) for r in ws.iter_rows(values_only=True)] == \
            [list(r) for r in wb2[ws.title].iter_rows(values_only=True)]
        assert len(ws.data_validations.dataValidation) == len(wb2[ws.title].data_validations.dataValidation)
