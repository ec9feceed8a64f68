"""Scorecard downloads (CSV and xlsx) that are safe to open in Excel.

Workbook text (titles, owners, comments) comes from many hands. A cell that
begins with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a
formula by Excel and LibreOffice when the export is opened ("CSV/formula
injection", OWASP). `safe_cell` puts a leading apostrophe before such text,
as OWASP advises; real numbers (also negative ones) stay numbers.
"""

from __future__ import annotations

import csv
import io
import numbers

from . import forecast
from .i18n import status_label, t
from .scoring import Scorecard

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = ("id", "objective", "title", "owner", "start", "target", "current", "unit", "progress", "expected",
           "status", "reported", "forecast", "forecast_status", "stale", "comment")


def safe_cell(value):
    """The value as it may go into a spreadsheet cell: numbers unchanged,
    text that a spreadsheet would run as a formula prefixed with `'`."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, numbers.Number):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _rows(card: Scorecard, lang: str, team: str | None = None) -> list[list]:
    objectives = {o.id: o.title for o in card.objectives if team is None or o.team == team}
    rows = [[t(f"export.col.{c}", lang) for c in COLUMNS]]
    for kr in card.key_results:
        if kr.objective not in objectives:
            continue
        rows.append([kr.id, objectives.get(kr.objective, kr.objective), kr.title, kr.owner, kr.start, kr.target,
                     kr.current, kr.unit, kr.progress_raw, kr.expected, status_label(kr.status, lang),
                     status_label(kr.reported_status, lang) if kr.reported_status else None, kr.forecast,
                     forecast.label(kr.forecast_status, lang) if kr.forecast_status else None,
                     forecast.stale_label(lang) if kr.stale else None, kr.comment])
    return [[safe_cell(v) for v in row] for row in rows]


def scorecard_csv(card: Scorecard, lang: str = "en", team: str | None = None) -> str:
    """The scorecard's key results as CSV text (UTF-8 with BOM when encoded
    by the caller as 'utf-8-sig', so Excel reads the accents)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in _rows(card, lang, team):
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def scorecard_xlsx(card: Scorecard, lang: str = "en", team: str | None = None) -> bytes:
    """The scorecard's key results as an .xlsx workbook; every text cell is
    stored as a string (never a formula)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(t("export.sheet", lang))
    for row in _rows(card, lang, team):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
