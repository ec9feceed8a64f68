"""Workbook -> objectives, key results, check-ins and teams, or every problem.

Accepts the canonical layout and what real workbooks look like (docs/workbook.md):
one flat sheet with objective columns filled on the first row of each
objective only, headers in Dutch or English anywhere in the first rows,
numbers as text.

Sheets get their role by their headers: a sheet is Objectives, Key Results,
Check-ins or Teams only when it has that role's required columns. A sheet
that nearly has them (it carries the role's name, or lacks one column) is that
role with its missing columns as errors; any other sheet, and every hidden
sheet, is ignored with a note (`ParsedWorkbook.warnings`).

Cells are checked a column at a time: each distinct text is parsed once, a
column of plain numbers or dates passes at C speed, and only the cells that
fail are looked at one by one, each error naming its cell. `read()` never
stops at the first problem: the user fixes the workbook in one go, and the
coach (`okr lint`) can still check whatever could be read.

`read_alongside()` reads the objectives, key results and teams (and runs the
coach on them) while calamine still reads the largest sheet, and keeps that
early part only when all the sheets together give it the same roles and
decimal separator: the result is always the one `interpret()` gives.

Why one long module: the four sheet roles and the flat layout all go through
the same column checks (`_Reader`) into one list of problems, and the cross
checks (unknown parents, cycles, duplicate ids, check-ins of unknown key
results) need every sheet's rows at once.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field
from itertools import compress, islice, repeat

import numpy as np

from . import headers, xlsx
from .i18n import t
from .model import KeyResult, Objective, ParsedWorkbook, Problem, Team
from .parse import (
    ParseError,
    ambiguous_number,
    decimal_evidence,
    is_blank,
    looks_done_word,
    number_from_float,
    parse_confidence,
    parse_date,
    parse_done,
    parse_grade,
    parse_kind,
    parse_number,
    parse_quarter,
    parse_status,
    parse_type,
    parse_weight,
    quarter_bounds,
    slug,
    text,
)

OBJ_FIELDS = ("objective_id", "id", "objective", "team", "quarter", "objective_owner", "owner", "parent", "type")
KR_FIELDS = ("objective_id", "id", "objective", "key_result", "owner", "start", "target", "current", "unit",
             "kind", "weight", "status", "comment", "confidence", "grade")
FLAT_FIELDS = ("objective_id", "objective", "team", "quarter", "objective_owner", "parent", "type", "id",
               "key_result", "owner", "start", "target", "current", "unit", "kind", "weight", "status",
               "comment", "confidence", "grade")
CHECKIN_FIELDS = ("key_result", "id", "date", "value", "comment")
TEAM_FIELDS = ("team", "parent_team", "lead")
FIELDS = {"checkins": CHECKIN_FIELDS, "flat": FLAT_FIELDS, "key_results": KR_FIELDS, "objectives": OBJ_FIELDS,
          "teams": TEAM_FIELDS}  # in the order a tie between roles is settled

# each role's required columns: one of each group (a target column may be left out when every
# key result is a milestone, which a `kind` column says)
REQUIRED = {
    "objectives": (("objective",), ("team",), ("quarter",), ("id", "objective_id")),
    "key_results": (("id",), ("objective", "objective_id"), ("key_result",), ("target", "kind")),
    "flat": (("objective", "objective_id"), ("team",), ("quarter",), ("key_result",), ("target", "kind")),
    "checkins": (("key_result", "id"), ("date",), ("value",)),
    "teams": (("team",), ("parent_team",)),
}
# a column that rules a role out: a check-in sheet has no objective column, ...
EXCLUDES = {"checkins": "objective", "objectives": "key_result", "teams": "objective"}
# sheet names that say which role a sheet has, whatever its columns
ROLE_NAMES = {
    "objectives": {"objectives", "objective", "doelstellingen", "doelstelling", "doelen"},
    "key_results": {"key results", "key result", "kernresultaten", "kernresultaat", "krs", "kr", "resultaten"},
    "checkins": {"check ins", "checkins", "check in", "voortgang", "metingen"},
    "teams": {"teams", "team", "organisatie"},
    "flat": {"okr", "okrs"},
}
# columns only a key results sheet has
KR_VALUE_FIELDS = frozenset({"start", "target", "current", "kind", "weight"})
# objective-level columns of a flat sheet: blank below an objective's first row
FLAT_OBJECTIVE_FIELDS = ("objective_id", "objective", "team", "quarter", "objective_owner", "parent", "type")
NUMBER_FIELDS = ("start", "target", "current", "value", "weight", "confidence", "grade")

HEADER_SCAN_ROWS = 30
SKIP_SHEETS = {"instructions", "instructies", "uitleg", "readme", "toelichting", "lees mij"}
_MISSING = object()


@dataclass
class _Table:
    sheet: xlsx.Sheet
    kind: str  # objectives | key_results | flat | checkins | teams
    header_row: int
    columns: dict[str, int]  # field -> 0-based column
    titles: dict[str, str]  # field -> header text as written
    missing: list = field(default_factory=list)  # required groups without a column
    rows: list = field(default_factory=list)  # indexes (into the sheet's columns) of the data rows
    evidence: set = field(default_factory=set)  # decimal separators its text numbers show


# ------------------------------------------------------------------ which sheet is what


def _find_header(sheet: xlsx.Sheet, fields: tuple[str, ...]) -> tuple[int, dict[str, int], dict[str, str]] | None:
    best = None
    cols = sheet.columns
    for i in range(min(HEADER_SCAN_ROWS, sheet.n_rows)):
        found: dict[str, int] = {}
        titles: dict[str, str] = {}
        for j, col in enumerate(cols):
            value = col[i]
            if not isinstance(value, str) or not value:
                continue
            fld = headers.match(value, fields)
            if fld and fld not in found:
                found[fld] = sheet.col0 + j
                titles[fld] = text(value) or ""
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (sheet.row0 + i, found, titles)
    return best


def _candidates(sheet: xlsx.Sheet) -> list[_Table]:
    """The roles the sheet's headers fit, fully (no missing groups) or partly."""
    out = []
    for kind, fields in FIELDS.items():
        found = _find_header(sheet, fields)
        if not found:
            continue
        row, cols, titles = found
        if kind in EXCLUDES and _row_has(sheet, row, EXCLUDES[kind]):
            continue
        missing = [g for g in REQUIRED[kind] if not any(f in cols for f in g)]
        out.append(_Table(sheet, kind, row, cols, titles, missing))
    return out


def _row_has(sheet: xlsx.Sheet, row: int, fld: str) -> bool:
    i = row - sheet.row0
    return any(isinstance(col[i], str) and headers.match(col[i], (fld,)) for col in sheet.columns)


def _near(tb: _Table) -> bool:
    """Headers that show what the sheet is meant to be, though a required column is missing."""
    has = tb.columns.keys()
    core = {"objectives": "objective" in has,
            "key_results": "key_result" in has or len(KR_VALUE_FIELDS & has) >= 2,
            "flat": "key_result" in has and ("objective" in has or "objective_id" in has),
            "checkins": {"date", "value"} <= has,
            "teams": "team" in has}[tb.kind]
    return core and len(REQUIRED[tb.kind]) - len(tb.missing) >= 2


def _roles(sheets: list[xlsx.Sheet], lang: str, notes: list[Problem]) -> list[_Table]:
    """One table per sheet that has a role (see the module docstring); notes for the others."""
    complete: dict[str, _Table] = {}
    partial: dict[str, list[_Table]] = {}
    for sheet in sheets:
        if headers.normalise(sheet.name) in SKIP_SHEETS:
            continue
        if not sheet.visible:
            notes.append(_note("sheet_hidden", sheet.name, lang))
            continue
        tables = _candidates(sheet)
        full = [tb for tb in tables if not tb.missing]
        if full:
            complete[sheet.name] = full[0]
            continue
        named = headers.normalise(sheet.name)
        near = sorted((tb for tb in tables if _near(tb)), key=lambda tb: (named not in ROLE_NAMES[tb.kind],
                                                                           len(tb.missing)))
        if near:
            partial[sheet.name] = near
        elif sheet.n_rows and any(any(v != "" for v in col) for col in sheet.columns):
            notes.append(_note("sheet_ignored", sheet.name, lang))
    filled = {tb.kind for tb in complete.values()}
    if "flat" in filled:
        filled |= {"objectives", "key_results"}
    out = dict(complete)
    for name, near in partial.items():
        tb = near[0]
        named = headers.normalise(name) in ROLE_NAMES[tb.kind]
        if named or (len(tb.missing) == 1 and tb.kind not in filled):
            out[name] = tb
        else:  # a summary or pivot of what another sheet already holds
            notes.append(_note("sheet_ignored", name, lang))
    return [out[s.name] for s in sheets if s.name in out]


def _note(code: str, sheet: str, lang: str) -> Problem:
    return Problem(sheet, None, None, t(f"warn.{code}", lang, sheet=sheet), t(f"fix.{code}", lang),
                   code=code, severity="warning")


def _data_rows(tb: _Table) -> list[int]:
    """Indexes of the rows below the header with something in one of the table's columns."""
    sheet = tb.sheet
    start = tb.header_row - sheet.row0 + 1
    n = sheet.n_rows - start
    if n <= 0:
        return []
    keep = np.zeros(n, dtype=bool)
    empty = {""} | sheet.whitespace
    cols = set(tb.columns.values())
    for c in dict.fromkeys(tb.columns.values()):  # a row kept by one column is not looked at again
        rest = np.flatnonzero(~keep)
        if not len(rest):
            break
        col = sheet.column(c)
        cells = islice(col, start, None) if len(rest) == n else map(col.__getitem__, (rest + start).tolist())
        keep[rest] = ~np.fromiter(map(empty.__contains__, cells), dtype=bool, count=len(rest))
    for r, c in sheet.uncached:
        if c in cols and 0 <= r - sheet.row0 - start < n:
            keep[r - sheet.row0 - start] = True
    return (np.flatnonzero(keep) + start).tolist()


# ------------------------------------------------------------------ reading a table by columns


class _Reader:
    """Reads one table's columns and records problems against their cells."""

    def __init__(self, table: _Table, problems: list[Problem], warnings: list[Problem], lang: str,
                 decimal: str | None):
        self.table = table
        self.problems = problems
        self.warnings = warnings
        self.lang = lang
        self.decimal = decimal
        self.name = table.sheet.name
        self.rows = table.rows
        self.n = len(table.rows)
        self._reported: set[tuple] = set()  # a cell read twice is still one problem
        self._raw: dict[str, list] = {}
        self.bad: dict[str, set] = {}  # field -> positions of error cells and formulas without a value
        self._index: dict[int, int] | None = None

    def rownum(self, pos: int) -> int:
        return self.table.sheet.row0 + self.rows[pos]

    def col_letter(self, fld: str) -> str | None:
        col = self.table.columns.get(fld)
        return None if col is None else xlsx.column_letter(col)

    def problem(self, row: int | None, fld: str | None, code: str, severity: str = "error", **params) -> None:
        key = (row, fld, code, repr(sorted(params.items())))
        if key in self._reported:
            return
        self._reported.add(key)
        header = self.table.titles.get(fld) if fld else None
        params.setdefault("header", header or (fld or ""))
        error = severity == "error"
        message = t(f"err.{code}", self.lang, **params) if error else t(f"warn.{code}", self.lang, **params)
        (self.problems if error else self.warnings).append(Problem(
            sheet=self.name, row=row, column=self.col_letter(fld) if fld else None,
            message=message, fix=t(f"fix.{code}", self.lang, **params), code=code, header=header,
            severity=severity,
        ))

    def raw(self, fld: str) -> list:
        """The column's values in the data rows; an error cell or a formula
        without a value becomes a problem and None, an empty cell None."""
        got = self._raw.get(fld)
        if got is not None:
            return got
        col = self.table.columns.get(fld)
        if col is None:
            got = [None] * self.n
        else:
            values = self.table.sheet.column(col)
            rows = self.rows
            if rows and rows[-1] - rows[0] + 1 == len(rows):
                got = values[rows[0]:rows[-1] + 1]
            else:
                got = [values[i] for i in rows]
            bad = self.bad.setdefault(fld, set())
            for r, c in self.table.sheet.uncached:
                pos = self._pos(r) if c == col else None
                if pos is not None:
                    self.problem(r, fld, "formula")
                    got[pos] = None
                    bad.add(pos)
            if xlsx.CellError in set(map(type, got)):
                for pos, v in enumerate(got):
                    if type(v) is xlsx.CellError:
                        self.problem(self.rownum(pos), fld, "cell_error", value=str(v))
                        got[pos] = None
                        bad.add(pos)
        self._raw[fld] = got
        return got

    def blank(self, fld: str, pos: int) -> bool:
        """Is the cell empty (not an error cell or a formula without a value: those have their own problem)?"""
        return is_blank(self.raw(fld)[pos]) and pos not in self.bad.get(fld, ())

    def _pos(self, rownum: int) -> int | None:
        """The data row position of a row number, or None."""
        i = rownum - self.table.sheet.row0
        rows = self.rows
        if rows and rows[-1] - rows[0] + 1 == len(rows):  # no gaps: positions are offsets
            return i - rows[0] if rows[0] <= i <= rows[-1] else None
        if self._index is None:
            self._index = {r: p for p, r in enumerate(rows)}
        return self._index.get(i)

    def percent(self, fld: str) -> set[int]:
        """Positions of the percent-formatted cells of the column."""
        col = self.table.columns.get(fld)
        by_col = _percent_by_column(self.table.sheet)
        rows, data = by_col.get(col, ()), self.rows
        if not rows or not data:  # an empty percent-formatted cell below a header is no data row
            return set()
        if data[-1] - data[0] + 1 == len(data):  # no gaps: positions are offsets
            at = np.fromiter(rows, dtype=np.intp, count=len(rows)) - (self.table.sheet.row0 + data[0])
            return set(at[(at >= 0) & (at < self.n)].tolist())
        out = set()
        for r in rows:
            pos = self._pos(r)
            if pos is not None:
                out.add(pos)
        return out

    def texts(self, fld: str, required: bool = False) -> list[str | None]:
        """text() of every data row; with `required`, an empty cell is a problem."""
        out = self._each(self.raw(fld), text)
        if required and fld in self.table.columns and None in out:
            for pos, v in enumerate(out):
                if v is None and pos not in self.bad.get(fld, ()):
                    self.problem(self.rownum(pos), fld, "required")
        return out

    @staticmethod
    def _each(values: list, fn) -> list:
        """fn(v) for every value, computed once per distinct value (C-speed
        mapping); a ParseError is returned, not raised."""
        def safe(v):
            try:
                return fn(v)
            except ParseError as e:
                return e

        if bool in set(map(type, values)):  # True == 1.0: no shared table of results
            return [safe(v) for v in values]
        memo = {v: safe(v) for v in set(values)}
        return list(map(memo.__getitem__, values))

    def parsed(self, fld: str, parser, default=None, only: set | None = None, pct: bool = False) -> list:
        """parser(value) for every data row, or the positions in `only` (each
        distinct value parsed once); a ParseError becomes a problem at its cell
        and `default`. With `pct`, the parser also hears whether the cell is
        percent-formatted."""
        values = self.raw(fld)
        fn = (lambda v: parser(v, False)) if pct else parser
        if only is None:
            out = self._each(values, fn)
        else:
            out = [default] * self.n
            picked = sorted(only)
            for pos, got in zip(picked, self._each([values[p] for p in picked], fn)):
                out[pos] = got
        for pos in self.percent(fld) if pct else ():
            if only is None or pos in only:
                try:
                    out[pos] = parser(values[pos], True)
                except ParseError as e:
                    out[pos] = e
        if ParseError in set(map(type, out)):
            for pos, got in enumerate(out):
                if isinstance(got, ParseError):
                    self.problem(self.rownum(pos), fld, got.code, **got.params)
                    out[pos] = default
        return out

    def numbers(self, fld: str, skip: set | None = None) -> tuple[list, list, list]:
        """(numbers, implied units, ok) of a number column, leaving out the
        positions in `skip`. Plain finite numbers pass in one NumPy check; the
        other cells are parsed once per distinct text."""
        values = self.raw(fld)
        n = self.n
        percent = self.percent(fld)
        units: list = [None] * n
        ok = [True] * n
        nums = list(values)
        # every cell that is not a float reads as NaN here (dict.get of its type, at C speed), so the
        # plain numbers are the finite ones
        nan_for = dict.fromkeys(set(map(type, values)) - {float}, math.nan)
        floats = np.fromiter(map(nan_for.get, map(type, values), values), dtype=float, count=n) if nan_for \
            else np.array(values, dtype=float)
        plain = np.isfinite(floats)
        others = np.flatnonzero(~plain).tolist()
        if percent:  # plain numbers in percent-formatted cells, at C speed: 0.45 -> 45 points
            at = np.fromiter(percent, dtype=np.intp, count=len(percent))
            at = at[plain[at]].tolist()
            cells = list(map(values.__getitem__, at))
            points = {v: number_from_float(v, True) for v in set(cells)}  # a few thousand distinct of 219k
            for pos, got in zip(at, map(points.__getitem__, cells)):
                nums[pos] = got
                units[pos] = "%"
        memo: dict = {}
        for pos in others:
            v = values[pos]
            nums[pos] = None
            if v is None or v == "" or (skip and pos in skip):
                continue
            key = (v, pos in percent) if type(v) is float else v
            got = memo.get(key, _MISSING)
            if got is _MISSING:
                try:
                    got = parse_number(v, pos in percent, self.decimal), self.decimal is None and ambiguous_number(v)
                except ParseError as e:
                    got = e, False
                memo[key] = got
            got, ambiguous = got
            if isinstance(got, ParseError):
                self.problem(self.rownum(pos), fld, got.code, **got.params)
                ok[pos] = False
                continue
            nums[pos], units[pos] = got
            if ambiguous:
                self.problem(self.rownum(pos), fld, "ambiguous_number", severity="warning", value=text(v),
                             read=_plain(got[0]))
        for pos in skip or ():
            nums[pos] = units[pos] = None
        return nums, units, ok


_PCT_CACHE: dict = {}


def _percent_by_column(sheet: xlsx.Sheet) -> dict[int, list[int]]:
    """{column: row numbers of its percent-formatted cells}, once per sheet."""
    key = id(sheet)
    got = _PCT_CACHE.get(key)
    if got is None or got[0] is not sheet:
        by_col: dict[int, list[int]] = {}
        for r, c in sheet.percent:
            by_col.setdefault(c, []).append(r)
        _PCT_CACHE.clear()  # one workbook at a time: no sheet outlives its read
        got = _PCT_CACHE[key] = (sheet, by_col)
    return got[1]


def _plain(x: float) -> str:
    return str(int(x)) if x == int(x) else repr(x)


# ------------------------------------------------------------------ the workbook


def read(source: str | os.PathLike | bytes, lang: str = "en", limits: xlsx.Limits | None = None,
         progress=None) -> ParsedWorkbook:
    """Read a workbook. Whole-file refusals raise `xlsx.XlsxError`; everything
    else ends up in `ParsedWorkbook.errors`. `progress(step)` hears "reading"
    and "checking"."""
    return read_alongside(source, lang, limits, progress)[0]


def read_alongside(source: str | os.PathLike | bytes, lang: str = "en", limits: xlsx.Limits | None = None,
                   progress=None, alongside=None) -> tuple[ParsedWorkbook, object]:
    """`read()`, and `alongside(parsed)` (the coach) run on the objectives,
    key results and teams while calamine still reads the workbook's largest
    sheet (the check-ins, as a rule): (parsed workbook, what `alongside`
    returned), or (parsed workbook, None) when it could not run early.

    The early part is read from the other sheets as if they were the whole
    workbook. Once every sheet is in, the roles and the decimal separator are
    worked out again from all of them; only if they agree is the early part
    kept, else the whole workbook is read again. Either way the result is the
    one `interpret()` gives."""
    early: list[tuple[_Begun, object]] = []

    def step(name: str) -> None:
        if progress:
            progress(name)

    def meanwhile(sheets: list[xlsx.Sheet]) -> None:
        step("checking")
        begun = _begin(sheets, lang)
        if begun is not None:
            early.append((begun, alongside(begun.out) if alongside else None))

    step("reading")
    sheets = xlsx.read_workbook(source, limits, meanwhile=meanwhile)
    step("checking")  # begins, or goes on with the check-ins after `alongside`
    if early:
        begun, result = early[0]
        out = _carry_on(begun, sheets, lang)
        if out is not None:
            return out, result
    return interpret(sheets, lang), None


# what the check-ins are read against: read first, and early when the check-ins are still loading
DEFINITIONS = ("objectives", "key_results", "flat", "teams")


@dataclass
class _Layout:
    """What the sheets' headers say: each table's role, the notes on the
    sheets left out, and the decimal separator the text numbers agree on."""

    tables: list[_Table]
    by_kind: dict[str, list[_Table]]
    notes: list[Problem]
    decimal: str | None = None


@dataclass
class _Begun:
    """A workbook read as far as its definitions (see `DEFINITIONS`)."""

    out: ParsedWorkbook
    layout: _Layout
    incomplete: set


def _layout(sheets: list[xlsx.Sheet], lang: str) -> _Layout:
    notes: list[Problem] = []
    tables = _roles(sheets, lang, notes)
    by_kind: dict[str, list[_Table]] = {}
    for tb in tables:
        by_kind.setdefault(tb.kind, []).append(tb)
    if by_kind.get("objectives") and by_kind.get("flat"):
        # with an Objectives sheet, a KR sheet that also has team/quarter columns is still a KR sheet
        for tb in by_kind.pop("flat"):
            tb.kind = "key_results"
            tb.missing = [g for g in REQUIRED["key_results"] if not any(f in tb.columns for f in g)]
            by_kind.setdefault("key_results", []).append(tb)
    return _Layout(tables, by_kind, notes)


def _refusal(layout: _Layout, lang: str) -> Problem | None:
    """A workbook without key results, or key results without their objectives: nothing else to read."""
    by_kind = layout.by_kind
    if not (by_kind.get("key_results") or by_kind.get("flat")):
        return _no_key_results(lang)
    if by_kind.get("key_results") and not by_kind.get("objectives"):
        tb = by_kind["key_results"][0]
        return Problem(tb.sheet.name, tb.header_row, None, t("err.no_objectives_sheet", lang),
                       t("fix.no_objectives_sheet", lang), code="no_objectives_sheet")
    return None


def _no_key_results(lang: str) -> Problem:
    return Problem(None, None, None, t("err.no_key_results", lang), t("fix.no_key_results", lang),
                   code="no_key_results")


def _signature(tb: _Table) -> tuple:
    return id(tb.sheet), tb.kind, tb.header_row, tuple(tb.columns.items()), tuple(tb.missing)


def _measure(layout: _Layout, known: _Layout | None = None) -> None:
    """Each table's data rows and the decimal separator, reusing what `known` already found."""
    done = {_signature(tb): tb for tb in known.tables} if known else {}
    evidence: set = set()
    for tb in layout.tables:
        prior = done.get(_signature(tb))
        if prior is not None and prior.sheet is tb.sheet:
            tb.rows, tb.evidence = prior.rows, prior.evidence
        else:
            tb.rows = _data_rows(tb)
            tb.evidence = _decimal_evidence(tb)
        evidence |= tb.evidence
    layout.decimal = evidence.pop() if len(evidence) == 1 else None


def _readers(out: ParsedWorkbook, layout: _Layout, kinds, lang: str, incomplete: set) -> dict[str, list[_Reader]]:
    readers: dict[str, list[_Reader]] = {}
    for kind, tbs in layout.by_kind.items():
        if kind not in kinds:
            continue
        for tb in tbs:
            out.columns[tb.sheet.name] = {f: xlsx.column_letter(c) for f, c in tb.columns.items()}
            rd = _Reader(tb, out.errors, out.warnings, lang, layout.decimal)
            missing = [g for g in tb.missing if g != ("target", "kind")]
            for group in (tb.missing if missing else ()):
                _missing_column(rd, kind, group[0])
            if missing:
                incomplete.add(kind)
            else:
                readers.setdefault(kind, []).append(rd)
    return readers


def _read_definitions(out: ParsedWorkbook, layout: _Layout, lang: str) -> set:
    """Objectives, key results (or a flat sheet) and teams, resolved and
    checked against each other; the kinds with a sheet that could not be read."""
    incomplete: set[str] = set()  # no follow-on errors for these kinds
    readers = _readers(out, layout, DEFINITIONS, lang, incomplete)
    objective_rows: dict[str, tuple[_Reader, int]] = {}
    parent_refs: list[tuple[Objective, str, _Reader, int]] = []
    for rd in readers.get("objectives", []):
        _read_objectives(rd, out, objective_rows, parent_refs)
    kr_refs: list = []
    for rd in readers.get("key_results", []):
        _read_key_results(rd, out, kr_refs)
    for rd in readers.get("flat", []):
        out.layout = "flat"
        _read_flat(rd, out, objective_rows, parent_refs)
    team_rows: dict[str, int] = {}
    for rd in readers.get("teams", []):
        _read_teams(rd, out, team_rows)

    _resolve_key_results(out, kr_refs, lang, report_unknown="objectives" not in incomplete)
    _resolve_parents(out, parent_refs, objective_rows, lang)
    _check_cycles(out, objective_rows, lang)
    _check_teams(out, readers.get("teams", []), team_rows)
    return incomplete


def _read_rest(out: ParsedWorkbook, layout: _Layout, sheets: list[xlsx.Sheet], lang: str, incomplete: set) -> None:
    """The check-ins against the definitions already read, then the problems in reading order."""
    rest = [kind for kind in layout.by_kind if kind not in DEFINITIONS]
    readers = _readers(out, layout, rest, lang, set())
    for rd in readers.get("checkins", []):
        _read_checkins(rd, out, report_unknown=not ({"key_results", "flat"} & incomplete))
    _current_from_checkins(out, layout, lang)
    if not out.key_results and not out.errors:
        out.errors.append(_no_key_results(lang))
    # in the order the user reads the workbook: sheet by sheet, row by row, left to right
    order = {sh.name: i for i, sh in enumerate(sheets)}
    for found in (out.errors, out.warnings):
        found.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0, len(p.column or ""), p.column or ""))


def interpret(sheets: list[xlsx.Sheet], lang: str = "en") -> ParsedWorkbook:
    out = ParsedWorkbook()
    layout = _layout(sheets, lang)
    out.warnings.extend(layout.notes)
    refusal = _refusal(layout, lang)
    if refusal is not None:
        out.errors.append(refusal)
        return out
    _measure(layout)
    incomplete = _read_definitions(out, layout, lang)
    _read_rest(out, layout, sheets, lang, incomplete)
    return out


def _begin(sheets: list[xlsx.Sheet], lang: str) -> _Begun | None:
    """The definitions read from some of the sheets (see `read_alongside`), or None when they are not all there."""
    layout = _layout(sheets, lang)
    if _refusal(layout, lang) is not None:
        return None
    _measure(layout)
    out = ParsedWorkbook()
    return _Begun(out, layout, _read_definitions(out, layout, lang))


def _carry_on(begun: _Begun, sheets: list[xlsx.Sheet], lang: str) -> ParsedWorkbook | None:
    """The workbook read on from `begun`, or None when all the sheets
    together give the definitions other roles or another decimal separator."""
    layout = _layout(sheets, lang)
    _measure(layout, begun.layout)
    if layout.decimal != begun.layout.decimal:
        return None
    for kind in DEFINITIONS:
        now, then = layout.by_kind.get(kind, []), begun.layout.by_kind.get(kind, [])
        if len(now) != len(then) or any(a.sheet is not b.sheet or _signature(a) != _signature(b)
                                        for a, b in zip(now, then)):
            return None
    out = begun.out
    out.warnings[:0] = layout.notes
    _read_rest(out, layout, sheets, lang, begun.incomplete)
    return out


def _decimal_evidence(tb: _Table) -> set:
    """The decimal separators the table's text numbers show ('1.234,5', '12,5')."""
    start, stop = (tb.rows[0], tb.rows[-1] + 1) if tb.rows else (0, 0)
    seen = set()
    for fld in NUMBER_FIELDS:
        if fld in tb.columns:
            col = tb.sheet.column(tb.columns[fld])[start:stop]
            seen |= set(compress(col, map(isinstance, col, repeat(str))))
    return {decimal_evidence(v) for v in seen} - {None}


def _missing_column(rd: _Reader, kind: str, fld: str) -> None:
    rd.problem(rd.table.header_row, None, "missing_column", column=_header_name(kind, fld, rd.lang),
               aliases=", ".join(sorted(set(headers.ALIASES[fld]))[:6]))


def _header_name(kind: str, fld: str, lang: str) -> str:
    sheet = {"flat": "key_results"}.get(kind, kind)
    try:
        return headers.canonical_header(sheet, fld, lang)
    except KeyError:
        return fld.replace("_", " ")


def _read_objectives(rd: _Reader, out: ParsedWorkbook, rows: dict, parent_refs: list) -> None:
    id_field = "id" if "id" in rd.table.columns else "objective_id"
    ids = rd.texts(id_field, required=True)
    titles = rd.texts("objective", required=True)
    teams = rd.texts("team", required=True)
    quarters = rd.parsed("quarter", parse_quarter)
    owners, objective_owners = rd.texts("owner"), rd.texts("objective_owner")
    types = rd.parsed("type", parse_type, "committed")
    parents = rd.texts("parent")
    for pos, oid in enumerate(ids):
        rownum = rd.rownum(pos)
        if quarters[pos] is None and rd.blank("quarter", pos) and "quarter" in rd.table.columns:
            rd.problem(rownum, "quarter", "required")
        if oid is None:
            continue
        if oid in rows:
            prev_rd, prev_row = rows[oid]
            prev_col = prev_rd.col_letter("id") or prev_rd.col_letter("objective_id") or ""
            rd.problem(rownum, id_field, "duplicate_objective", id=oid, other=f"{prev_rd.name}!{prev_col}{prev_row}")
            continue
        obj = Objective(id=oid, title=titles[pos] or "", team=teams[pos] or "", quarter=quarters[pos] or "",
                        owner=owners[pos] or objective_owners[pos], type=types[pos], sheet=rd.name, row=rownum)
        rows[oid] = (rd, rownum)
        out.objectives.append(obj)
        if parents[pos]:
            parent_refs.append((obj, parents[pos], rd, rownum))


def fraction_of_percent(value: float | None, start: float | None, target: float | None) -> float | None:
    """A plain number in a key result measured in percent that only fits as Excel's
    fraction (0.44 where the key result runs from 40% to 55%): the points it stands
    for (44), or None when the number fits as it is or not at all. Its range is the
    start-to-target span and that span again on either side, so 1.2 in a churn key
    result from 3% to 1% stays 1.2."""
    if value is None or value == 0 or target is None:
        return None
    start = start or 0.0
    span = abs(target - start)
    low, high = min(start, target) - span, max(start, target) + span
    points = round(value * 100, 10)
    return points if not low <= value <= high and low <= points <= high else None


def _read_as_points(rd: _Reader, pos: int, fld: str, value: float, points: float, start: float | None,
                    target: float) -> None:
    from .formatting import number  # Babel, only when there is something to say

    def num(x):
        return number(x, rd.lang, digits=6)

    rd.problem(rd.rownum(pos), fld, "fraction_of_percent", severity="warning", value=num(value),
               read=num(points), start=num(start or 0.0), target=num(target))


def _kr_values(rd: _Reader) -> _KRValues:
    """kind, start, target, current, unit, weight, status, comment, owner,
    confidence and grade of every key result row, column by column."""
    n = rd.n
    kind_raw, target_raw, current_raw = rd.raw("kind"), rd.raw("target"), rd.raw("current")
    kinds = rd.parsed("kind", parse_kind, "number")
    for pos in range(n):  # "ja"/"done" in current with no target: a milestone in all but name
        if kinds[pos] == "number" and is_blank(kind_raw[pos]) and is_blank(target_raw[pos]) \
                and looks_done_word(current_raw[pos]):
            kinds[pos] = "milestone"
    milestones = {pos for pos, k in enumerate(kinds) if k == "milestone"}
    starts, u1, _ = rd.numbers("start", skip=milestones)
    targets, u2, target_ok = rd.numbers("target", skip=milestones)
    currents, u3, _ = rd.numbers("current", skip=milestones)
    done = rd.parsed("current", parse_done, only=milestones)
    units = rd.texts("unit")
    weights = rd.parsed("weight", parse_weight, 1.0)
    statuses = rd.parsed("status", parse_status)
    comments, owners = rd.texts("comment"), rd.texts("owner")
    confidence = rd.parsed("confidence", parse_confidence, pct=True)
    grades = rd.parsed("grade", parse_grade, pct=True)
    has_target = "target" in rd.table.columns
    start_col, target_col, current_col, unit_col = list(starts), list(targets), list(currents), list(units)
    target_texts: list = [None] * n
    for pos in range(n):
        if pos in milestones:
            start_col[pos], target_col[pos] = 0.0, 1.0
            current_col[pos] = None if done[pos] is None else float(done[pos])
            continue
        unit = unit_col[pos] = units[pos] or u2[pos] or u3[pos] or u1[pos]
        if starts[pos] is None:
            start_col[pos] = 0.0
        if unit == "%" and u3[pos] is None:  # a plain current in a percent key result
            current = currents[pos]
            points = fraction_of_percent(current, starts[pos], targets[pos])
            if points is not None:
                _read_as_points(rd, pos, "current", current, points, starts[pos], targets[pos])
                current_col[pos] = points
        if not target_ok[pos]:
            target_texts[pos] = text(target_raw[pos])
        elif targets[pos] is None and has_target:
            rd.problem(rd.rownum(pos), "target", "missing_target")
    if not has_target and len(milestones) < n:  # a number key result needs its target column
        _missing_column(rd, rd.table.kind, "target")
    return _KRValues(kind=kinds, weight=weights, reported_status=statuses, comment=comments, owner=owners,
                     confidence=confidence, grade=grades, start=start_col, target=target_col, current=current_col,
                     unit=unit_col, target_text=target_texts)


class _KRValues:
    """The key-result fields of every row as columns; `[pos]` gives one row's
    as keyword arguments (100k rows as dicts held ~50 MB at once)."""

    def __init__(self, **columns: list):
        self.columns = columns

    def __getitem__(self, pos: int) -> dict:
        return {name: col[pos] for name, col in self.columns.items()}

    def __iter__(self):
        return map(self.__getitem__, range(len(self.columns["kind"])))


def _read_key_results(rd: _Reader, out: ParsedWorkbook, kr_refs: list) -> None:
    seen = {k.id: k for k in out.key_results}  # a dict, not a scan: 10,000 KRs stay fast
    obj_field = "objective" if "objective" in rd.table.columns else "objective_id"
    ids = rd.texts("id", required=True)
    refs = rd.texts(obj_field, required=True)
    titles = rd.texts("key_result", required=True)
    for pos, values in enumerate(_kr_values(rd)):
        kid, rownum = ids[pos], rd.rownum(pos)
        kr = KeyResult(id=kid or f"?{rownum}", objective="", title=titles[pos] or "", sheet=rd.name, row=rownum,
                       **values)
        if kid is not None:
            if kid in seen:
                rd.problem(rownum, "id", "duplicate_kr", id=kid, other=_kr_cell(seen[kid], rd))
                continue
            seen[kid] = kr
        out.key_results.append(kr)
        if refs[pos]:
            kr_refs.append((kr, refs[pos], rd, rownum, obj_field))


def _kr_cell(kr: KeyResult, rd: _Reader) -> str:
    """Where an earlier key result is, for 'used twice (also at ...)'."""
    col = rd.col_letter("id") if kr.sheet == rd.name else None
    return f"{kr.sheet}!{col}{kr.row}" if col else f"{kr.sheet}!{kr.row}:{kr.row}"


def _read_flat(rd: _Reader, out: ParsedWorkbook, rows: dict, parent_refs: list) -> None:
    current: dict[str, object] | None = None  # the objective-level cells in force
    current_row = None
    kr_ids: dict[str, KeyResult] = {k.id: k for k in out.key_results}
    obj_cols = {f: rd.raw(f) for f in FLAT_OBJECTIVE_FIELDS}
    kr_titles = rd.texts("key_result")
    kr_ids_col = rd.texts("id")
    values = _kr_values(rd)
    for pos in range(rd.n):
        rownum = rd.rownum(pos)
        obj_cells = {f: col[pos] for f, col in obj_cols.items()}
        if is_blank(obj_cells["objective"]) and is_blank(obj_cells["objective_id"]):
            if current is None:
                rd.problem(rownum, "objective", "required")
                continue
            # continues the objective above; keep what this row does fill in
            obj_cells = {f: (current[f] if is_blank(v) else v) for f, v in obj_cells.items()}
        else:
            current, current_row = obj_cells, rownum
        title = text(obj_cells["objective"])
        team = text(obj_cells["team"])
        try:
            quarter = parse_quarter(obj_cells["quarter"])
        except ParseError as e:
            if current_row == rownum:
                rd.problem(rownum, "quarter", e.code, **e.params)
            quarter = text(obj_cells["quarter"])
        if current_row == rownum:
            if team is None:
                rd.problem(rownum, "team", "required")
            if quarter is None:
                rd.problem(rownum, "quarter", "required")
        oid = text(obj_cells["objective_id"]) or f"{quarter}/{team}/{slug(title or '')}"
        if oid not in rows:
            try:
                otype = parse_type(obj_cells["type"])
            except ParseError as e:
                rd.problem(rownum, "type", e.code, **e.params)
                otype = "committed"
            obj = Objective(id=oid, title=title or "", team=team or "", quarter=quarter or "",
                            owner=text(obj_cells["objective_owner"]), type=otype, sheet=rd.name, row=rownum)
            rows[oid] = (rd, rownum)
            out.objectives.append(obj)
            parent = text(obj_cells["parent"])
            if parent:
                parent_refs.append((obj, parent, rd, rownum))
        title_kr = kr_titles[pos]
        if title_kr is None and rd.blank("key_result", pos):
            rd.problem(rownum, "key_result", "required")
        kid = kr_ids_col[pos]
        if kid is not None and kid in kr_ids:
            rd.problem(rownum, "id", "duplicate_kr", id=kid, other=_kr_cell(kr_ids[kid], rd))
            continue
        if kid is None:
            base = f"{oid}/{slug(title_kr or str(rownum), 40)}"
            kid, n = base, 2
            while kid in kr_ids:
                kid, n = f"{base}-{n}", n + 1
        kr = KeyResult(id=kid, objective=oid, title=title_kr or "", sheet=rd.name, row=rownum, **values[pos])
        kr_ids[kid] = kr
        out.key_results.append(kr)


def _read_teams(rd: _Reader, out: ParsedWorkbook, team_rows: dict[str, int]) -> None:
    seen = {t_.team for t_ in out.teams}
    teams = rd.texts("team", required=True)
    parents, leads = rd.texts("parent_team"), rd.texts("lead")
    for pos, team in enumerate(teams):
        if team is None:
            continue
        if team in seen:
            rd.problem(rd.rownum(pos), "team", "duplicate_team", team=team)
            continue
        seen.add(team)
        out.teams.append(Team(team=team, parent_team=parents[pos], lead=leads[pos]))
        team_rows[team] = rd.rownum(pos)


def _read_checkins(rd: _Reader, out: ParsedWorkbook, report_unknown: bool = True) -> None:
    """The check-in sheet a column at a time (1.3M rows at 100k key results):
    ids, dates, values and comments each checked as a column, then the rows
    without a problem taken as they are."""
    kinds = {k.id: k.kind for k in out.key_results}
    kr_field = "key_result" if "key_result" in rd.table.columns else "id"
    n = rd.n
    ids = rd.texts(kr_field, required=True)
    date1904 = rd.table.sheet.date1904
    date_raw = rd.raw("date")
    if set(map(type, date_raw)) == {dt.date}:  # date cells, as Excel writes them
        days = list(date_raw)
    else:
        days = rd.parsed("date", lambda v: parse_date(v, date1904))
    bad: set[int] = set()
    if None in days:
        for pos, day in enumerate(days):
            if day is None:
                if rd.blank("date", pos):
                    rd.problem(rd.rownum(pos), "date", "required")
                bad.add(pos)
    if None in ids:
        bad.update(pos for pos, kid in enumerate(ids) if kid is None)
    unknown = set(ids) - kinds.keys() - {None}
    if unknown:
        for pos, kid in enumerate(ids):
            if kid in unknown:
                if report_unknown:
                    rd.problem(rd.rownum(pos), kr_field, "unknown_checkin_kr", id=kid)
                bad.add(pos)
    milestone_ids = {k for k, kind in kinds.items() if kind == "milestone"}
    # positions picked at C speed (compress, map): these columns have 1.3M rows at 100k key results
    milestones = set(compress(range(n), map(milestone_ids.__contains__, ids))) if milestone_ids & set(ids) else set()
    values, units, ok = rd.numbers("value", skip=milestones | bad)
    percent_krs = {k.id: k for k in out.key_results if k.unit == "%" and k.kind == "number" and k.target is not None}
    if percent_krs:  # a plain value in a percent key result, as the key result's own current (see there)
        for pos in compress(range(n), map(percent_krs.__contains__, ids)):
            kr = percent_krs[ids[pos]]
            if units[pos] is None and pos not in bad:
                points = fraction_of_percent(values[pos], kr.start, kr.target)
                if points is not None:
                    _read_as_points(rd, pos, "value", values[pos], points, kr.start, kr.target)
                    values[pos] = points
    if milestones:
        done = rd.parsed("value", parse_done, only=milestones - bad)
        for pos in milestones:
            values[pos] = None if done[pos] is None else float(done[pos])
    if False in ok:
        bad.update(pos for pos, good in enumerate(ok) if not good)
    comments = rd.texts("comment")
    if bad:
        keep = [True] * n
        for pos in bad:
            keep[pos] = False
        ids, days, values, comments = (list(compress(col, keep)) for col in (ids, days, values, comments))
    cols = out.checkins
    if not cols.key_result:  # the first check-in sheet: its columns as they are (1.3M rows: no second copy)
        cols.key_result, cols.date, cols.value, cols.comment = ids, days, values, comments
    else:
        cols.key_result.extend(ids)
        cols.date.extend(days)
        cols.value.extend(values)
        cols.comment.extend(comments)


def _current_from_checkins(out: ParsedWorkbook, layout: _Layout, lang: str) -> None:
    """A key results sheet without a current column keeps its values in the
    check-ins: each of its key results is as far as its latest check-in dated
    in its quarter (of two on one date, the lower row), and a note says so. An
    empty current cell in a current column still means not updated."""
    sheets = {tb.sheet.name for kind in ("key_results", "flat") for tb in layout.by_kind.get(kind, [])
              if "current" not in tb.columns}
    if not sheets or not out.checkins:
        return
    quarter = {o.id: o.quarter for o in out.objectives}
    spans = {kr.id: quarter_bounds(quarter[kr.objective]) for kr in out.key_results
             if kr.sheet in sheets and kr.current is None and kr.objective in quarter}
    latest: dict[str, tuple[dt.date, float]] = {}
    cols = out.checkins
    for kid, day, value in zip(cols.key_result, cols.date, cols.value):
        span = spans.get(kid)
        if span is not None and value is not None and span[0] <= day <= span[1] \
                and (kid not in latest or day >= latest[kid][0]):
            latest[kid] = (day, value)
    if not latest:
        return
    for kr in out.key_results:
        if kr.id in latest and kr.id in spans:
            kr.current = latest[kr.id][1]
    out.warnings.extend(_note("current_from_checkins", sheet, lang) for sheet in sorted(sheets))


def _title_index(objectives: list[Objective]) -> dict[str, list[Objective]]:
    index: dict[str, list[Objective]] = {}
    for o in objectives:
        index.setdefault(headers.normalise(o.title), []).append(o)
    return index


def _by_title(index: dict[str, list[Objective]], ref: str, quarter: str | None) -> list[Objective]:
    hits = index.get(headers.normalise(ref), [])
    same_quarter = [o for o in hits if o.quarter == quarter]
    return same_quarter or hits


def _resolve_key_results(out: ParsedWorkbook, kr_refs: list, lang: str, report_unknown: bool = True) -> None:
    by_id = {o.id: o for o in out.objectives}
    index = None
    for kr, ref, rd, rownum, fld in kr_refs:
        if ref in by_id:
            kr.objective = ref
            continue
        index = index or _title_index(out.objectives)
        hits = _by_title(index, ref, None)
        if len(hits) == 1:
            kr.objective = hits[0].id
        elif hits:
            rd.problem(rownum, fld, "ambiguous_objective", ref=ref, ids=", ".join(o.id for o in hits))
        elif report_unknown:
            rd.problem(rownum, fld, "unknown_objective", ref=ref)


def _resolve_parents(out: ParsedWorkbook, parent_refs: list, rows: dict, lang: str) -> None:
    by_id = {o.id: o for o in out.objectives}
    index = None
    for obj, ref, rd, rownum in parent_refs:
        if ref in by_id:
            obj.parent = ref
            continue
        index = index or _title_index(out.objectives)
        hits = [o for o in _by_title(index, ref, obj.quarter) if o.id != obj.id]
        if len(hits) == 1:
            obj.parent = hits[0].id
        elif hits:
            rd.problem(rownum, "parent", "ambiguous_parent", ref=ref, ids=", ".join(o.id for o in hits))
        else:
            rd.problem(rownum, "parent", "unknown_parent", ref=ref)


def _check_cycles(out: ParsedWorkbook, rows: dict, lang: str) -> None:
    parent = {o.id: o.parent for o in out.objectives}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in parent:
        path: list[str] = []
        node = start
        while node is not None and node in parent and state.get(node) != 2:
            if state.get(node) == 1:
                cycle = path[path.index(node):] + [node]
                rd, rownum = rows[node]
                rd.problem(rownum, "parent", "cycle", chain=" → ".join(cycle))
                break
            state[node] = 1
            path.append(node)
            node = parent[node]
        for n in path:
            state[n] = 2


def _check_teams(out: ParsedWorkbook, readers: list[_Reader], team_rows: dict[str, int]) -> None:
    if not readers:
        return
    rd = readers[0]
    names = {t_.team for t_ in out.teams}
    parent = {t_.team: t_.parent_team for t_ in out.teams}
    for tm in out.teams:
        row = team_rows.get(tm.team)
        if tm.parent_team and tm.parent_team not in names:
            rd.problem(row, "parent_team", "unknown_parent_team", team=tm.parent_team)
        seen, node = set(), tm.team
        while node and node in parent:
            if node in seen:
                rd.problem(row, "parent_team", "team_cycle", team=tm.team)
                break
            seen.add(node)
            node = parent[node]
