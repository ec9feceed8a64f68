"""The canonical OKR workbook (docs/workbook.md): what `okr template` writes.

`write_template(path, lang)` writes an empty-but-for-examples workbook with
an instructions sheet, canonical headers (from `okr.headers`) and data
validation. `write_workbook(path, data, ...)` writes any data in the same
layout; the sample-data generator uses it too, so there is one writer.

Rows are dicts keyed by *field* (see `headers.CANONICAL`), never by header
text, so the same data writes an English or a Dutch workbook.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .headers import CANONICAL, SHEET_NAMES
from .i18n import t

# data sheets in workbook order (the instructions sheet comes first)
DATA_SHEETS = ("objectives", "key_results", "checkins", "teams")

VALIDATION_ROWS = 1000  # data validation covers rows 2 .. VALIDATION_ROWS + 1

# values the importer accepts in both languages (kept in English on purpose)
OBJECTIVE_TYPES = ("committed", "aspirational")
KR_KINDS = ("number", "milestone")
STATUSES = ("green", "amber", "red")

EXAMPLE_QUARTER = "2026-Q1"

_WIDTHS = {  # field -> column width (characters)
    "id": 16, "objective": 48, "key_result": 56, "team": 16, "quarter": 11,
    "owner": 18, "parent": 18, "type": 14, "start": 10, "target": 10,
    "current": 14, "unit": 11, "kind": 11, "weight": 9, "status": 10,
    "comment": 44, "date": 12, "value": 10, "parent_team": 18, "lead": 18,
}
# which column of which sheet is required (docs/workbook.md); "target" is special
_REQUIRED = {
    "objectives": {"id", "objective", "team", "quarter"},
    "key_results": {"id", "objective", "key_result"},
    "checkins": {"key_result", "date", "value"},
    "teams": {"team"},
}
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")


def _lang(lang: str | None) -> str:
    return lang if lang in ("en", "nl") else "en"


def sheet_name(key: str, lang: str = "en") -> str:
    return SHEET_NAMES[key][_lang(lang)]


def headers(sheet: str, lang: str = "en") -> list[str]:
    """Canonical headers of a data sheet, in order."""
    return [names[_lang(lang)] for names in CANONICAL[sheet].values()]


def fields(sheet: str) -> list[str]:
    return list(CANONICAL[sheet])


def status_values(lang: str = "en") -> list[str]:
    return [t(f"status.{s}", _lang(lang)) for s in STATUSES]


# --- writing ------------------------------------------------------------------

def _write_sheet(ws, sheet: str, rows: list[dict], lang: str) -> None:
    flds = fields(sheet)
    ws.append(headers(sheet, lang))
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    for row in rows:
        ws.append([row.get(f) for f in flds])
    for i, f in enumerate(flds, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(f, 14)
    for cell in ws[get_column_letter(flds.index("date") + 1)] if "date" in flds else ():
        if isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(flds))}{max(ws.max_row, 1)}"


def _col(sheet: str, fld: str) -> str:
    return get_column_letter(fields(sheet).index(fld) + 1)


def _rng(sheet: str, fld: str) -> str:
    c = _col(sheet, fld)
    return f"{c}2:{c}{VALIDATION_ROWS + 1}"


def _list_dv(values: list[str], lang: str) -> DataValidation:
    dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    dv.errorTitle = t("template.dv.list.title", lang)
    dv.error = t("template.dv.list.error", lang, values=", ".join(values))
    dv.showErrorMessage = True
    return dv


def quarter_formula(cell: str) -> str:
    """Excel custom-validation formula: 6-7 characters holding a Q (or the
    Dutch K) — accepts 2026-Q1, Q1 2026, 2026 Q1, Q1-2026, 2026Q1, K1 2026."""
    return (f'AND(LEN({cell})>=6,LEN({cell})<=7,'
            f'OR(ISNUMBER(SEARCH("Q",{cell})),ISNUMBER(SEARCH("K",{cell}))))')


def add_validation(wb: Workbook, lang: str = "en") -> None:
    """Data validation on the data columns of the Objectives / Key Results sheets."""
    lang = _lang(lang)
    ws_o = wb[sheet_name("objectives", lang)]
    ws_k = wb[sheet_name("key_results", lang)]

    qcol = _col("objectives", "quarter")
    dv = DataValidation(type="custom", formula1=quarter_formula(f"{qcol}2"), allow_blank=True)
    dv.errorTitle = t("template.dv.quarter.title", lang)
    dv.error = t("template.dv.quarter.error", lang)
    dv.showErrorMessage = True
    dv.add(_rng("objectives", "quarter"))
    ws_o.add_data_validation(dv)

    dv = _list_dv(list(OBJECTIVE_TYPES), lang)
    dv.add(_rng("objectives", "type"))
    ws_o.add_data_validation(dv)

    dv = _list_dv(list(KR_KINDS), lang)
    dv.add(_rng("key_results", "kind"))
    ws_k.add_data_validation(dv)

    dv = _list_dv(status_values(lang), lang)
    dv.errorStyle = "warning"  # 'op koers' / 'on track' are accepted too: warn, don't block
    dv.add(_rng("key_results", "status"))
    ws_k.add_data_validation(dv)

    dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    dv.errorTitle = t("template.dv.weight.title", lang)
    dv.error = t("template.dv.weight.error", lang)
    dv.showErrorMessage = True
    dv.add(_rng("key_results", "weight"))
    ws_k.add_data_validation(dv)


def _values_text(sheet: str, fld: str, lang: str) -> str:
    objs, krs, teams = (sheet_name(k, lang) for k in ("objectives", "key_results", "teams"))
    if fld == "quarter":
        return t("template.values.quarter", lang)
    if fld == "type":
        return t("template.values.type", lang)
    if fld == "kind":
        return t("template.values.kind", lang)
    if fld == "status":
        return t("template.values.status", lang)
    if fld == "weight":
        return t("template.values.weight", lang)
    if fld == "unit":
        return t("template.values.unit", lang)
    if fld == "date":
        return t("template.values.date", lang)
    if fld in ("start", "target"):
        return t("template.values.number", lang)
    if fld in ("current", "value"):
        return t("template.values.milestone", lang)
    if fld in ("team", "parent_team"):
        return t("template.values.team", lang, sheet=teams)
    if (sheet, fld) in (("objectives", "parent"), ("key_results", "objective")):
        return t("template.values.objective_id", lang, sheet=objs)
    if (sheet, fld) == ("checkins", "key_result"):
        return t("template.values.kr_id", lang, sheet=krs)
    return t("template.values.text", lang)


def _required_text(sheet: str, fld: str, lang: str) -> str:
    if (sheet, fld) == ("key_results", "target"):
        return t("template.req.target", lang)
    return t("template.req.yes" if fld in _REQUIRED[sheet] else "template.req.no", lang)


def instruction_rows(lang: str = "en") -> list[tuple[str, str, str, str, str]]:
    """(sheet, column, required, meaning, accepted values) for every column."""
    lang = _lang(lang)
    out = []
    for sheet in DATA_SHEETS:
        for fld, names in CANONICAL[sheet].items():
            out.append((sheet_name(sheet, lang), names[lang], _required_text(sheet, fld, lang),
                        t(f"template.help.{sheet}.{fld}", lang), _values_text(sheet, fld, lang)))
    return out


def method_rules(lang: str = "en") -> list[str]:
    lang = _lang(lang)
    parent = CANONICAL["objectives"]["parent"][lang]
    return [t(f"template.rule.{i}", lang, **({"parent": parent} if i == 6 else {})) for i in range(1, 7)]


def _write_instructions(ws, lang: str) -> None:
    ws.append([t("template.instructions.title", lang)])
    ws["A1"].font = Font(bold=True, size=16)
    ws.append([t("template.instructions.intro", lang,
                 objectives=sheet_name("objectives", lang), key_results=sheet_name("key_results", lang),
                 current=CANONICAL["key_results"]["current"][lang], checkins=sheet_name("checkins", lang),
                 teams=sheet_name("teams", lang))])
    ws.merge_cells("A2:E2")
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 48
    ws.append([])
    ws.append([t("template.instructions.method", lang)])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=13)
    for rule in method_rules(lang):
        ws.append([rule])
        r = ws.max_row
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        ws.cell(r, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 30
    ws.append([])
    ws.append([t("template.instructions.columns", lang)])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=13)
    ws.append([t(f"template.col.{k}", lang) for k in ("sheet", "column", "required", "meaning", "values")])
    for cell in ws[ws.max_row]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for row in instruction_rows(lang):
        ws.append(list(row))
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDE", (16, 20, 18, 70, 48)):
        ws.column_dimensions[col].width = width


def write_workbook(path, data: dict[str, list[dict]], lang: str = "en", *,
                   instructions: bool = True, validation: bool = True) -> None:
    """Write `data` ({sheet key: [row dicts keyed by field]}) in the canonical
    layout: Instructions (optional), Objectives, Key Results, Check-ins, Teams."""
    lang = _lang(lang)
    wb = Workbook()
    wb.remove(wb.active)
    if instructions:
        _write_instructions(wb.create_sheet(sheet_name("instructions", lang)), lang)
    for sheet in DATA_SHEETS:
        _write_sheet(wb.create_sheet(sheet_name(sheet, lang)), sheet, data.get(sheet, []), lang)
    if validation:
        add_validation(wb, lang)
    wb.properties.creator = "okr-dashboard"
    wb.properties.created = dt.datetime(2026, 1, 1)
    wb.active = 0
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))


# --- the example rows -----------------------------------------------------------

def example_data(lang: str = "en") -> dict[str, list[dict]]:
    """Example rows from the method (docs/quality.md), in `lang`."""
    lang = _lang(lang)
    green, amber, red = status_values(lang)
    q = EXAMPLE_QUARTER
    objectives = [
        {"id": "O-COMPANY-1", "objective": t("template.example.o_company", lang), "team": "Company",
         "quarter": q, "owner": "Eva de Vries", "parent": None, "type": "committed"},
        {"id": "O-SALES-1", "objective": t("template.example.o_sales", lang), "team": "Sales",
         "quarter": q, "owner": "Mark Jansen", "parent": "O-COMPANY-1", "type": "committed"},
        {"id": "O-MARKETING-1", "objective": t("template.example.o_marketing", lang), "team": "Marketing",
         "quarter": q, "owner": "Sophie Bakker", "parent": "O-COMPANY-1", "type": "aspirational"},
    ]
    key_results = [
        {"id": "KR-COMPANY-1-1", "objective": "O-COMPANY-1", "key_result": t("template.example.kr_churn", lang),
         "owner": "Eva de Vries", "start": 8, "target": 5, "current": 7, "unit": "%", "kind": "number",
         "weight": 1, "status": amber, "comment": t("template.example.comment_churn", lang)},
        {"id": "KR-SALES-1-1", "objective": "O-SALES-1", "key_result": t("template.example.kr_sql", lang),
         "owner": "Mark Jansen", "start": 0, "target": 15, "current": 6, "unit": "SQL", "kind": "number",
         "weight": 1, "status": green, "comment": t("template.example.comment_sql", lang)},
        {"id": "KR-SALES-1-2", "objective": "O-SALES-1", "key_result": t("template.example.kr_contracts", lang),
         "owner": "Lisa de Boer", "start": 0, "target": 3, "current": 1,
         "unit": t("template.example.unit_contracts", lang), "kind": "number", "weight": 2,
         "status": green, "comment": t("template.example.comment_contracts", lang)},
        {"id": "KR-SALES-1-3", "objective": "O-SALES-1", "key_result": t("template.example.kr_followers", lang),
         "owner": "Sophie Bakker", "start": 0, "target": 20, "current": 4, "unit": "%", "kind": "number",
         "weight": 1, "status": red, "comment": t("template.example.comment_followers", lang)},
        {"id": "KR-MARKETING-1-1", "objective": "O-MARKETING-1", "key_result": t("template.example.kr_case", lang),
         "owner": "Sophie Bakker", "start": None, "target": None,
         "current": t("template.example.milestone_no", lang), "unit": None, "kind": "milestone",
         "weight": 1, "status": amber, "comment": t("template.example.comment_case", lang)},
    ]
    note = t("template.example.checkin", lang)
    checkins = [
        {"key_result": "KR-SALES-1-1", "date": dt.date(2026, 1, 16), "value": 2, "comment": note},
        {"key_result": "KR-SALES-1-1", "date": dt.date(2026, 1, 30), "value": 4, "comment": note},
        {"key_result": "KR-SALES-1-1", "date": dt.date(2026, 2, 13), "value": 6,
         "comment": t("template.example.comment_sql", lang)},
        {"key_result": "KR-COMPANY-1-1", "date": dt.date(2026, 1, 30), "value": 7.6, "comment": note},
        {"key_result": "KR-COMPANY-1-1", "date": dt.date(2026, 2, 13), "value": 7,
         "comment": t("template.example.comment_churn", lang)},
    ]
    teams = [
        {"team": "Company", "parent_team": None, "lead": "Eva de Vries"},
        {"team": "Commercial", "parent_team": "Company", "lead": "Mark Jansen"},
        {"team": "Sales", "parent_team": "Commercial", "lead": "Lisa de Boer"},
        {"team": "Marketing", "parent_team": "Commercial", "lead": "Sophie Bakker"},
    ]
    return {"objectives": objectives, "key_results": key_results, "checkins": checkins, "teams": teams}


def write_template(path, lang: str = "en") -> None:
    """Write the canonical OKR template (docs/workbook.md, docs/cli.md `okr template`)."""
    lang = _lang(lang)
    write_workbook(path, example_data(lang), lang, instructions=True, validation=True)
