"""Workbook -> objectives, key results, check-ins and teams, or every problem.

Accepts the canonical two-sheet layout and what real workbooks look like
(SPEC §2.2): one flat sheet with objective columns filled on the first row of
each objective only, headers in Dutch or English anywhere in the first rows,
numbers as text. Sheets are recognised by their headers, not their names.

`read()` never stops at the first problem: it reads every row it can and
collects every problem, so the user fixes the workbook in one go, and the
coach (`okr lint`) can still check whatever could be read.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from . import headers, xlsx
from .i18n import t
from .model import KeyResult, Objective, ParsedWorkbook, Problem, Team
from .parse import (
    ParseError,
    is_blank,
    looks_done_word,
    parse_date,
    parse_done,
    parse_kind,
    parse_number,
    parse_quarter,
    parse_status,
    parse_type,
    parse_weight,
    slug,
    text,
)

OBJ_FIELDS = ("objective_id", "id", "objective", "team", "quarter", "objective_owner", "owner", "parent", "type")
KR_FIELDS = ("objective_id", "id", "objective", "key_result", "owner", "start", "target", "current", "unit",
             "kind", "weight", "status", "comment")
FLAT_FIELDS = ("objective_id", "objective", "team", "quarter", "objective_owner", "parent", "type", "id",
               "key_result", "owner", "start", "target", "current", "unit", "kind", "weight", "status",
               "comment")
CHECKIN_FIELDS = ("key_result", "id", "date", "value", "comment")
TEAM_FIELDS = ("team", "parent_team", "lead")

# columns only a key results sheet has
KR_VALUE_FIELDS = frozenset({"start", "target", "current", "kind", "weight"})
# objective-level columns of a flat sheet: blank below an objective's first row
FLAT_OBJECTIVE_FIELDS = ("objective_id", "objective", "team", "quarter", "objective_owner", "parent", "type")

HEADER_SCAN_ROWS = 30
SKIP_SHEETS = {"instructions", "instructies", "uitleg", "readme", "toelichting", "lees mij"}


@dataclass
class _Table:
    sheet: xlsx.Sheet
    kind: str  # objectives | key_results | flat | checkins | teams
    header_row: int
    columns: dict[str, int]  # field -> 0-based column
    titles: dict[str, str]  # field -> header text as written


def _find_header(sheet: xlsx.Sheet, fields: tuple[str, ...]) -> tuple[int, dict[str, int], dict[str, str]] | None:
    best = None
    for rownum, values in sheet.rows[:HEADER_SCAN_ROWS]:
        cols: dict[str, int] = {}
        titles: dict[str, str] = {}
        for col, value in enumerate(values):
            if not isinstance(value, str):
                continue
            fld = headers.match(value, fields)
            if fld and fld not in cols:
                cols[fld] = col
                titles[fld] = value.strip()
        if len(cols) >= 2 and (best is None or len(cols) > len(best[1])):
            best = (rownum, cols, titles)
    return best


def _classify(sheet: xlsx.Sheet) -> _Table | None:
    if headers.normalise(sheet.name) in SKIP_SHEETS:
        return None
    candidates = []
    for kind, fields in (("checkins", CHECKIN_FIELDS), ("flat", FLAT_FIELDS), ("key_results", KR_FIELDS),
                         ("objectives", OBJ_FIELDS), ("teams", TEAM_FIELDS)):
        found = _find_header(sheet, fields)
        if not found:
            continue
        row, cols, titles = found
        has = cols.keys()
        if kind == "checkins" and {"date", "value"} <= has and ("key_result" in has or "id" in has) \
                and "objective" not in has:
            return _Table(sheet, kind, row, cols, titles)
        if kind == "flat" and "key_result" in has and "objective" in has and ({"team", "quarter"} & has):
            candidates.append(_Table(sheet, kind, row, cols, titles))
        if kind == "key_results" and ({"objective", "objective_id"} & has) and (
                "key_result" in has or len(KR_VALUE_FIELDS & has) >= 2):
            # without its key result column it is still a KR sheet (start/target/current say so):
            # the user then hears that the column is missing, not that there are no key results
            candidates.append(_Table(sheet, kind, row, cols, titles))
        if kind == "objectives" and "objective" in has and "key_result" not in has and (
                {"team", "quarter", "id", "objective_id"} & has):
            candidates.append(_Table(sheet, kind, row, cols, titles))
        if kind == "teams" and {"team", "parent_team"} <= has and "objective" not in has:
            candidates.append(_Table(sheet, kind, row, cols, titles))
    return candidates[0] if candidates else None


class _Reader:
    """Reads one table's cells and records problems against their cells."""

    def __init__(self, table: _Table, problems: list[Problem], lang: str):
        self.table = table
        self.problems = problems
        self.lang = lang
        self.name = table.sheet.name
        self._reported: set[tuple] = set()  # a cell read twice is still one problem

    def col_letter(self, fld: str) -> str | None:
        col = self.table.columns.get(fld)
        return None if col is None else xlsx.column_letter(col)

    def problem(self, row: int | None, fld: str | None, code: str, **params) -> None:
        key = (row, fld, code, repr(sorted(params.items())))
        if key in self._reported:
            return
        self._reported.add(key)
        header = self.table.titles.get(fld) if fld else None
        params.setdefault("header", header or (fld or ""))
        self.problems.append(Problem(
            sheet=self.name, row=row, column=self.col_letter(fld) if fld else None,
            message=t(f"err.{code}", self.lang, **params), fix=t(f"fix.{code}", self.lang, **params),
            code=code, header=header,
        ))

    def raw(self, rownum: int, values: list, fld: str) -> object:
        col = self.table.columns.get(fld)
        if col is None:
            return None
        if (rownum, col) in self.table.sheet.uncached:  # also past the row's last value
            self.problem(rownum, fld, "formula")
            return None
        if col >= len(values):
            return None
        value = values[col]
        if isinstance(value, xlsx.CellError):
            self.problem(rownum, fld, "cell_error", value=str(value))
            return None
        return value

    def percent(self, rownum: int, fld: str) -> bool:
        col = self.table.columns.get(fld)
        return col is not None and (rownum, col) in self.table.sheet.percent

    def parsed(self, rownum: int, values: list, fld: str, parser, default=None):
        value = self.raw(rownum, values, fld)
        try:
            return parser(value)
        except ParseError as e:
            self.problem(rownum, fld, e.code, **e.params)
            return default

    def number(self, rownum: int, values: list, fld: str) -> tuple[float | None, str | None, bool]:
        """(number, implied unit, ok)."""
        value = self.raw(rownum, values, fld)
        try:
            n, unit = parse_number(value, self.percent(rownum, fld))
            return n, unit, True
        except ParseError as e:
            self.problem(rownum, fld, e.code, **e.params)
            return None, None, False

    def data_rows(self):
        cols = list(self.table.columns.values())
        uncached = self.table.sheet.uncached
        for rownum, values in self.table.sheet.rows:
            if rownum <= self.table.header_row:
                continue
            if all((c >= len(values) or is_blank(values[c])) and (rownum, c) not in uncached for c in cols):
                continue
            yield rownum, values


REQUIRED = {
    "objectives": (("objective",), ("team",), ("quarter",), ("id", "objective_id")),
    "key_results": (("id",), ("objective", "objective_id"), ("key_result",)),
    "flat": (("objective", "objective_id"), ("team",), ("quarter",), ("key_result",)),
    "checkins": (("key_result", "id"), ("date",), ("value",)),
    "teams": (("team",),),
}


_gc_lock = threading.Lock()
_gc_pauses = 0


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a workbook is read (issue #7).

    Reading builds millions of small objects without reference cycles (row
    lists, strings, floats); the collector would rescan all of them again and
    again as they pile up, which at 1.3M check-ins doubles the reading time.
    Nothing is leaked: reference counting still frees everything, and the
    collector resumes when the last concurrent read ends."""
    global _gc_pauses
    with _gc_lock:
        _gc_pauses += 1
        if _gc_pauses == 1:
            was_enabled = gc.isenabled()
            gc.disable()
            _gc_state["enabled"] = was_enabled
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_state["enabled"]:
                gc.enable()


_gc_state = {"enabled": True}


def read(source: str | os.PathLike | bytes, lang: str = "en", limits: xlsx.Limits | None = None) -> ParsedWorkbook:
    """Read a workbook. Whole-file refusals raise `xlsx.XlsxError`; everything
    else ends up in `ParsedWorkbook.errors`."""
    with gc_paused():
        sheets = xlsx.read_workbook(source, limits)
        return interpret(sheets, lang)


def interpret(sheets: list[xlsx.Sheet], lang: str = "en") -> ParsedWorkbook:
    out = ParsedWorkbook()
    problems = out.errors
    tables = [tb for tb in (_classify(s) for s in sheets) if tb]
    by_kind: dict[str, list[_Table]] = {}
    for tb in tables:
        by_kind.setdefault(tb.kind, []).append(tb)

    if by_kind.get("objectives") and by_kind.get("flat"):
        # with an Objectives sheet, a KR sheet that also has team/quarter columns is still a KR sheet
        by_kind.setdefault("key_results", []).extend(by_kind.pop("flat"))
    if not (by_kind.get("key_results") or by_kind.get("flat")):
        problems.append(Problem(None, None, None, t("err.no_key_results", lang), t("fix.no_key_results", lang),
                                code="no_key_results"))
        return out
    if by_kind.get("key_results") and not by_kind.get("objectives"):
        tb = by_kind["key_results"][0]
        problems.append(Problem(tb.sheet.name, tb.header_row, None, t("err.no_objectives_sheet", lang),
                                t("fix.no_objectives_sheet", lang), code="no_objectives_sheet"))
        return out

    readers = {}
    incomplete: set[str] = set()  # kinds with a sheet that could not be read: no follow-on errors
    for kind, tbs in by_kind.items():
        for tb in tbs:
            out.columns[tb.sheet.name] = {f: xlsx.column_letter(c) for f, c in tb.columns.items()}
            rd = _Reader(tb, problems, lang)
            missing = [opts for opts in REQUIRED[kind] if not any(o in tb.columns for o in opts)]
            for opts in missing:
                fld = opts[0]
                rd.problem(tb.header_row, None, "missing_column", column=_header_name(kind, fld, lang),
                           aliases=", ".join(sorted(set(headers.ALIASES[fld]))[:6]))
            if kind in ("key_results", "flat") and "target" not in tb.columns and "kind" not in tb.columns:
                rd.problem(tb.header_row, None, "missing_column", column=_header_name(kind, "target", lang),
                           aliases=", ".join(sorted(set(headers.ALIASES["target"]))[:6]))
            if missing:
                incomplete.add(kind)
            else:
                readers.setdefault(kind, []).append(rd)

    objective_rows: dict[str, tuple[_Reader, int]] = {}
    parent_refs: list[tuple[Objective, str, _Reader, int]] = []
    for rd in readers.get("objectives", []):
        _read_objectives(rd, out, objective_rows, parent_refs)
    kr_refs: list[tuple[KeyResult, str, _Reader, int]] = []
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
    for rd in readers.get("checkins", []):
        _read_checkins(rd, out, report_unknown=not ({"key_results", "flat"} & incomplete))
    if not out.key_results and not problems:
        problems.append(Problem(None, None, None, t("err.no_key_results", lang), t("fix.no_key_results", lang),
                                code="no_key_results"))
    # in the order the user reads the workbook: sheet by sheet, row by row, left to right
    order = {sh.name: i for i, sh in enumerate(sheets)}
    problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0, len(p.column or ""), p.column or ""))
    return out


def _header_name(kind: str, fld: str, lang: str) -> str:
    sheet = {"flat": "key_results"}.get(kind, kind)
    try:
        return headers.canonical_header(sheet, fld, lang)
    except KeyError:
        return fld.replace("_", " ")


def _required_text(rd: _Reader, rownum: int, values: list, fld: str) -> str | None:
    value = text(rd.raw(rownum, values, fld))
    if value is None and fld in rd.table.columns:
        rd.problem(rownum, fld, "required")
    return value


def _read_objectives(rd: _Reader, out: ParsedWorkbook, rows: dict, parent_refs: list) -> None:
    id_field = "id" if "id" in rd.table.columns else "objective_id"
    for rownum, values in rd.data_rows():
        oid = _required_text(rd, rownum, values, id_field)
        title = _required_text(rd, rownum, values, "objective")
        team = _required_text(rd, rownum, values, "team")
        quarter = rd.parsed(rownum, values, "quarter", parse_quarter)
        if quarter is None and rd.raw(rownum, values, "quarter") is None:
            rd.problem(rownum, "quarter", "required")
        owner = text(rd.raw(rownum, values, "owner")) or text(rd.raw(rownum, values, "objective_owner"))
        otype = rd.parsed(rownum, values, "type", parse_type, "committed")
        if oid is None:
            continue
        if oid in rows:
            prev_rd, prev_row = rows[oid]
            prev_col = prev_rd.col_letter("id") or prev_rd.col_letter("objective_id") or ""
            rd.problem(rownum, id_field, "duplicate_objective", id=oid, other=f"{prev_rd.name}!{prev_col}{prev_row}")
            continue
        obj = Objective(id=oid, title=title or "", team=team or "", quarter=quarter or "", owner=owner,
                        type=otype, sheet=rd.name, row=rownum)
        rows[oid] = (rd, rownum)
        out.objectives.append(obj)
        parent = text(rd.raw(rownum, values, "parent"))
        if parent:
            parent_refs.append((obj, parent, rd, rownum))


def _read_kr_values(rd: _Reader, rownum: int, values: list, kr: KeyResult) -> None:
    """kind, start, target, current, unit, weight, status, comment of one KR row."""
    kind_raw = rd.raw(rownum, values, "kind")
    kr.kind = rd.parsed(rownum, values, "kind", parse_kind, "number")
    current_raw = rd.raw(rownum, values, "current")
    target_raw = rd.raw(rownum, values, "target")
    if is_blank(kind_raw) and is_blank(target_raw) and looks_done_word(current_raw):
        kr.kind = "milestone"  # "ja"/"done" in current with no target: a milestone in all but name
    units = []
    if kr.kind == "milestone":
        kr.start, kr.target = 0.0, 1.0
        done = rd.parsed(rownum, values, "current", parse_done)
        kr.current = None if done is None else float(done)
    else:
        start, u1, _ = rd.number(rownum, values, "start")
        target, u2, target_ok = rd.number(rownum, values, "target")
        current, u3, _ = rd.number(rownum, values, "current")
        kr.start = 0.0 if start is None else start
        kr.target, kr.current = target, current
        units = [u for u in (u2, u3, u1) if u]
        if not target_ok:
            kr.target_text = text(target_raw)
        elif target is None and "target" in rd.table.columns:
            rd.problem(rownum, "target", "missing_target")
    kr.unit = text(rd.raw(rownum, values, "unit")) or (units[0] if units else None)
    kr.weight = rd.parsed(rownum, values, "weight", parse_weight, 1.0)
    kr.reported_status = rd.parsed(rownum, values, "status", parse_status)
    kr.comment = text(rd.raw(rownum, values, "comment"))
    kr.owner = text(rd.raw(rownum, values, "owner"))


def _read_key_results(rd: _Reader, out: ParsedWorkbook, kr_refs: list) -> None:
    seen = {k.id: k for k in out.key_results}  # a dict, not a scan: 10,000 KRs stay fast
    obj_field = "objective" if "objective" in rd.table.columns else "objective_id"
    for rownum, values in rd.data_rows():
        kid = _required_text(rd, rownum, values, "id")
        obj_ref = _required_text(rd, rownum, values, obj_field)
        title = _required_text(rd, rownum, values, "key_result")
        kr = KeyResult(id=kid or f"?{rownum}", objective="", title=title or "", sheet=rd.name, row=rownum)
        _read_kr_values(rd, rownum, values, kr)
        if kid is not None:
            if kid in seen:
                rd.problem(rownum, "id", "duplicate_kr", id=kid, other=_kr_cell(seen[kid], rd))
                continue
            seen[kid] = kr
        out.key_results.append(kr)
        if obj_ref:
            kr_refs.append((kr, obj_ref, rd, rownum, obj_field))


def _kr_cell(kr: KeyResult, rd: _Reader) -> str:
    """Where an earlier key result is, for 'used twice (also at ...)'."""
    col = rd.col_letter("id") if kr.sheet == rd.name else None
    return f"{kr.sheet}!{col}{kr.row}" if col else f"{kr.sheet}!{kr.row}:{kr.row}"


def _read_flat(rd: _Reader, out: ParsedWorkbook, rows: dict, parent_refs: list) -> None:
    current: dict[str, object] | None = None  # the objective-level cells in force
    current_row = None
    kr_ids: dict[str, KeyResult] = {k.id: k for k in out.key_results}
    for rownum, values in rd.data_rows():
        obj_cells = {f: rd.raw(rownum, values, f) for f in FLAT_OBJECTIVE_FIELDS}
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
        title_kr = _required_text(rd, rownum, values, "key_result")
        kid = text(rd.raw(rownum, values, "id"))
        if kid is not None and kid in kr_ids:
            rd.problem(rownum, "id", "duplicate_kr", id=kid, other=_kr_cell(kr_ids[kid], rd))
            continue
        if kid is None:
            base = f"{oid}/{slug(title_kr or str(rownum), 40)}"
            kid, n = base, 2
            while kid in kr_ids:
                kid, n = f"{base}-{n}", n + 1
        kr = KeyResult(id=kid, objective=oid, title=title_kr or "", sheet=rd.name, row=rownum)
        kr_ids[kid] = kr
        _read_kr_values(rd, rownum, values, kr)
        out.key_results.append(kr)


def _read_teams(rd: _Reader, out: ParsedWorkbook, team_rows: dict[str, int]) -> None:
    seen = {t_.team for t_ in out.teams}
    for rownum, values in rd.data_rows():
        team = _required_text(rd, rownum, values, "team")
        if team is None:
            continue
        if team in seen:
            rd.problem(rownum, "team", "duplicate_team", team=team)
            continue
        seen.add(team)
        out.teams.append(Team(team=team, parent_team=text(rd.raw(rownum, values, "parent_team")),
                              lead=text(rd.raw(rownum, values, "lead"))))
        team_rows[team] = rownum


def _read_checkins(rd: _Reader, out: ParsedWorkbook, report_unknown: bool = True) -> None:
    kinds = {k.id: k.kind for k in out.key_results}
    kr_field = "key_result" if "key_result" in rd.table.columns else "id"

    def generic(rownum: int, values: list) -> None:
        kid = _required_text(rd, rownum, values, kr_field)
        day = rd.parsed(rownum, values, "date", parse_date)
        if day is None and rd.raw(rownum, values, "date") is None:
            rd.problem(rownum, "date", "required")
        if kid is not None and kid not in kinds:
            if report_unknown:
                rd.problem(rownum, kr_field, "unknown_checkin_kr", id=kid)
            return
        if kid is None or day is None:
            return
        if kinds[kid] == "milestone":
            done = rd.parsed(rownum, values, "value", parse_done)
            value = None if done is None else float(done)
        else:
            value, _unit, _ok = rd.number(rownum, values, "value")
        out.checkins.add(kid, day, value, text(rd.raw(rownum, values, "comment")))

    # Fast path (issue #7: 1.3M rows at 100k KRs): a row holding a known
    # number KR id, a date cell, a plain finite number or nothing, and a text
    # comment or nothing gives exactly what `generic` gives, without its
    # per-cell calls. Anything else (milestones, text numbers, errors,
    # formulas, unknown ids, blanks) goes through `generic`.
    cols = rd.table.columns
    ck, cd, cv, cc = cols[kr_field], cols["date"], cols["value"], cols.get("comment")
    uncached, percent = rd.table.sheet.uncached, rd.table.sheet.percent
    header_row = rd.table.header_row
    all_cols = list(cols.values())
    add_kr, add_date = out.checkins.key_result.append, out.checkins.date.append
    add_value, add_comment = out.checkins.value.append, out.checkins.comment.append
    days: dict = {}  # datetime -> date: one date object per distinct day, not one per row
    generic_ = object()
    datetime_, str_, float_, inf = dt.datetime, str, float, float("inf")
    for rownum, values in rd.table.sheet.rows:
        if rownum <= header_row:
            continue
        n = len(values)
        kid = values[ck] if ck < n else None
        day = values[cd] if cd < n else None
        value = values[cv] if cv < n else None
        comment = values[cc] if cc is not None and cc < n else None
        if (type(kid) is str_ and type(day) is datetime_ and kinds.get(kid, "milestone") != "milestone"
                and (comment is None or type(comment) is str_)):
            if value is None:
                if uncached and (rownum, cv) in uncached:
                    value = generic_  # a formula without a value: `generic` reports it
            elif type(value) is float_ and value == value and -inf < value < inf:
                if percent and (rownum, cv) in percent:
                    value = round(value * 100, 10)
            else:
                value = generic_
            if value is not generic_:
                d = days.get(day)
                if d is None:
                    d = days[day] = day.date()
                add_kr(kid)
                add_date(d)
                add_value(value)
                add_comment(text(comment) if comment is not None else None)
                continue
        if all((c >= n or is_blank(values[c])) and (rownum, c) not in uncached for c in all_cols):
            continue
        generic(rownum, values)


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
    index = _title_index(out.objectives)
    for kr, ref, rd, rownum, fld in kr_refs:
        if ref in by_id:
            kr.objective = ref
            continue
        hits = _by_title(index, ref, None)
        if len(hits) == 1:
            kr.objective = hits[0].id
        elif hits:
            rd.problem(rownum, fld, "ambiguous_objective", ref=ref, ids=", ".join(o.id for o in hits))
        elif report_unknown:
            rd.problem(rownum, fld, "unknown_objective", ref=ref)


def _resolve_parents(out: ParsedWorkbook, parent_refs: list, rows: dict, lang: str) -> None:
    by_id = {o.id: o for o in out.objectives}
    index = _title_index(out.objectives)
    for obj, ref, rd, rownum in parent_refs:
        if ref in by_id:
            obj.parent = ref
            continue
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
