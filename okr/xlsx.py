"""A small, safe, streaming .xlsx cell reader (stdlib only: zipfile + expat).

Why our own reader: we need cell values *and* whether a numeric cell has a
percent number format, whether a formula has no cached value, and the merged
ranges -- and we must refuse hostile files (zip bombs, DTD/entity tricks,
sheets claiming millions of rows) within bounded time and memory.

`read_workbook(source)` returns one `Sheet` per worksheet in workbook order.
Every failure is an `XlsxError(code, **params)`, whose `message(lang)` is the
`file.<code>` text of `okr.i18n`.

Fast path (issue #7): after the same checks, a sheet whose bytes prove it
plain (see "the fast path" below) has its values read by python-calamine
and its percent cells and merged ranges taken from the byte scan; the result
is identical (tests/test_xlsx_fastpath.py). Any other sheet, and any sheet
calamine fails on, is read by the expat parser here. `read_workbook(...,
fast=False)` (or `FAST = False`) reads every sheet with expat.
"""

from __future__ import annotations

import datetime as _dt
import io
import operator
import os
import posixpath
import re
import zipfile
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import islice
from xml.parsers import expat

from okr.i18n import t as _t

__all__ = ["CellError", "XlsxError", "Sheet", "Limits", "read_workbook", "column_letter"]

MB = 1024 * 1024
_CHUNK = 1 << 20
_PRESCAN = 8192
_MAX_MERGE_FILL = 5_000_000  # cells filled from merged ranges, per sheet
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class CellError(str):
    """An Excel error value such as '#N/A', '#DIV/0!' or '#REF!'."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"CellError({str.__repr__(self)})"


class XlsxError(Exception):
    """A whole-file refusal; `code` is a `file.*` catalogue key without prefix."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    def message(self, lang: str = "en") -> str:
        return _t("file." + self.code, lang, **self.params)

    def __str__(self) -> str:
        try:
            return self.message("en")
        except Exception:  # unknown code or missing param: still printable
            return f"{self.code} {self.params}"

    def __repr__(self) -> str:
        return f"XlsxError({self.code!r}, **{self.params!r})"


@dataclass
class Sheet:
    name: str
    rows: list = field(default_factory=list)  # list[tuple[int, list]]
    percent: set = field(default_factory=set)  # set[tuple[int, int]]
    uncached: set = field(default_factory=set)  # set[tuple[int, int]]
    merged: list = field(default_factory=list)  # list[tuple[int, int, int, int]]


@dataclass
class Limits:
    max_file_bytes: int = 50 * MB
    max_part_bytes: int = 400 * MB
    max_total_bytes: int = 1024 * MB
    max_ratio: float = 200.0
    max_rows: int = 2_000_000
    max_cols: int = 200
    # <c> elements in the whole workbook (empty ones too): bounds parse time and
    # memory of a dense file that is small enough and compresses modestly
    max_cells: int = 5_000_000


# --------------------------------------------------------------------------
# small helpers


def column_letter(col0: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', 27 -> 'AB'."""
    if col0 < 0:
        raise ValueError("column index must be >= 0")
    n = col0 + 1
    out = []
    while n:
        n, rem = divmod(n - 1, 26)
        out.append(chr(65 + rem))
    return "".join(reversed(out))


class _ColCache(dict):
    """'AB' -> 27; invalid letters -> -1."""

    def __missing__(self, letters):
        n = 0
        for ch in letters.upper():
            o = ord(ch) - 64
            if not 1 <= o <= 26:
                n = 0
                break
            n = n * 26 + o
        v = n - 1 if n else -1
        if len(self) < 100_000:
            self[letters] = v
        return v


class _LocalNames(dict):
    """'x:c' -> 'c' (match on local names whatever the prefix)."""

    def __missing__(self, name):
        v = name.rpartition(":")[2]
        if len(self) < 10_000:
            self[name] = v
        return v


_COLS = _ColCache()
_DIGITS = "0123456789"
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_ESC = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(s: str) -> str:
    return _ESC.sub(lambda m: chr(int(m.group(1), 16)), s) if "_x" in s else s


def _ref(ref: str):
    m = _REF.match(ref.strip())
    if not m:
        return None
    return int(m.group(2)), _COLS[m.group(1)]


# --------------------------------------------------------------------------
# number formats

_BUILTIN_DATE = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_BUILTIN_PERCENT = {9, 10}
_NONE, _DATE, _PERCENT = 0, 1, 2


def _format_kind(code: str) -> int:
    """Classify a custom number format code as date, percent or neither."""
    # only the first section (positive numbers) decides
    is_date = is_pct = False
    i, n = 0, len(code)
    while i < n:
        ch = code[i]
        if ch == '"':
            j = code.find('"', i + 1)
            i = n if j < 0 else j + 1
            continue
        if ch == "[":
            j = code.find("]", i + 1)
            inner = code[i + 1 : (n if j < 0 else j)].lower()
            # elapsed time [h], [mm], [ss] is a time format
            if inner and set(inner) <= set("hms"):
                is_date = True
            i = n if j < 0 else j + 1
            continue
        if ch in "\\_*":
            i += 2
            continue
        if ch == ";":
            break
        lc = ch.lower()
        if lc in "dmyhs":
            is_date = True
        elif ch == "%":
            is_pct = True
        i += 1
    if is_date:
        return _DATE
    if is_pct:
        return _PERCENT
    return _NONE


_EPOCH_1900 = _dt.datetime(1899, 12, 30)
_EPOCH_1900_EARLY = _dt.datetime(1899, 12, 31)  # serials < 60 (Lotus leap-year bug)
_EPOCH_1904 = _dt.datetime(1904, 1, 1)


_DATETIMES: dict = {}  # (serial, date1904) -> datetime: a check-in sheet repeats a dozen dates (issue #7)


def _to_datetime(serial: float, date1904: bool):
    key = (serial, date1904)
    v = _DATETIMES.get(key)
    if v is None:
        v = _serial_to_datetime(serial, date1904)
        if len(_DATETIMES) < 100_000:
            _DATETIMES[key] = v
    return v


def _serial_to_datetime(serial: float, date1904: bool):
    if date1904:
        base = _EPOCH_1904
    elif serial < 60:
        base = _EPOCH_1900_EARLY
    else:
        base = _EPOCH_1900
    try:
        return base + _dt.timedelta(milliseconds=round(serial * 86_400_000))
    except (OverflowError, ValueError):
        return serial


# --------------------------------------------------------------------------
# safe XML parsing


def _refuse_dtd(part: str):
    def handler(*_args):
        raise XlsxError("doctype", part=part)

    return handler


def _new_parser(part: str):
    """An expat parser that refuses any DTD, entity declaration or external entity."""
    p = expat.ParserCreate()
    refuse = _refuse_dtd(part)
    p.StartDoctypeDeclHandler = refuse
    p.EntityDeclHandler = refuse
    p.UnparsedEntityDeclHandler = refuse
    p.ExternalEntityRefHandler = refuse
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.buffer_text = True
    p.buffer_size = 1 << 16
    return p


class _Reader:
    def __init__(self, zf: zipfile.ZipFile, limits: Limits):
        self.zf = zf
        self.limits = limits
        self.total = 0
        self.cells = 0  # <c> elements seen so far, all sheets
        self.date_system_plain = None  # workbookPr/@date1904 written so that calamine reads it as we do
        self.names = {i.filename: i for i in zf.infolist()}
        self.lower = {k.lower(): v for k, v in self.names.items()}

    def info(self, name: str):
        return self.names.get(name) or self.lower.get(name.lower())

    def parse(self, name: str, setup) -> None:
        """Stream part `name` through a fresh safe parser configured by `setup(p)`."""
        info = self.info(name)
        if info is None:
            raise XlsxError("corrupt", detail=f"missing part {name}")
        lim = self.limits
        p = _new_parser(name)
        setup(p)
        size = 0
        try:
            with self.zf.open(info) as f:
                first = True
                while True:
                    chunk = f.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self.total += len(chunk)
                    if size > lim.max_part_bytes:
                        raise XlsxError("bomb", limit_mb=lim.max_part_bytes / MB, part=name)
                    if self.total > lim.max_total_bytes:
                        raise XlsxError("bomb", limit_mb=lim.max_total_bytes / MB, part=name)
                    if first:
                        head = chunk[:_PRESCAN].upper()
                        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                            raise XlsxError("doctype", part=name)
                        first = False
                    p.Parse(chunk, False)
                p.Parse(b"", True)
        except expat.ExpatError as e:
            raise XlsxError("corrupt", detail=f"{name}: {expat.ErrorString(e.code)}") from None


# --------------------------------------------------------------------------
# workbook-level parts


def _local_attr(attrs: dict, local: str):
    for k, v in attrs.items():
        if k == local or k.rpartition(":")[2] == local:
            return v
    return None


def _resolve(base_dir: str, target: str) -> str:
    target = target.replace("\\", "/")
    if target.startswith("/"):
        path = target.lstrip("/")
    else:
        path = posixpath.join(base_dir, target)
    return posixpath.normpath(path).lstrip("/")


def _read_workbook_xml(rd: _Reader, part: str):
    sheets: list[tuple[str, str]] = []  # (name, rId)
    flags = {"date1904": False, "raw": []}
    ln = _LocalNames()

    def setup(p):
        def start(name, attrs):
            tag = ln[name]
            if tag == "sheet":
                sheets.append((attrs.get("name", f"Sheet{len(sheets) + 1}"), _local_attr(attrs, "id")))
            elif tag == "workbookPr":
                flags["raw"].append(attrs.get("date1904"))
                v = (attrs.get("date1904") or "").strip().lower()
                flags["date1904"] = v in ("1", "true")

        p.StartElementHandler = start

    rd.parse(part, setup)
    # calamine reads date1904 only when written exactly "1" or "true" (not "TRUE", " 1")
    rd.date_system_plain = len(flags["raw"]) <= 1 and all(v in (None, "0", "1", "true", "false")
                                                               for v in flags["raw"])
    return sheets, flags["date1904"]


def _read_rels(rd: _Reader, rels_name: str, base_dir: str, raw: dict | None = None):
    """{rId: path} and {type-suffix: path} from a .rels part (missing -> empty).

    `raw`, if given, receives {rId: Target as written}; an Id used twice maps
    to None there (the fast path then leaves the workbook to expat)."""
    by_id: dict[str, str] = {}
    by_type: dict[str, str] = {}
    if rd.info(rels_name) is None:
        return by_id, by_type
    ln = _LocalNames()

    def setup(p):
        def start(name, attrs):
            if ln[name] == "Relationship":
                target = attrs.get("Target")
                if not target or attrs.get("TargetMode") == "External":
                    return
                path = _resolve(base_dir, target)
                if attrs.get("Id"):
                    if raw is not None:
                        raw[attrs["Id"]] = None if attrs["Id"] in raw else target
                    by_id[attrs["Id"]] = path
                typ = (attrs.get("Type") or "").rpartition("/")[2]
                by_type.setdefault(typ, path)

        p.StartElementHandler = start

    rd.parse(rels_name, setup)
    return by_id, by_type


def _read_shared_strings(rd: _Reader, name: str) -> list[str]:
    out: list[str] = []
    if rd.info(name) is None:
        return out
    ln = _LocalNames()
    st = {"in_si": False, "collect": False, "rph": 0, "parts": []}

    def setup(p):
        def start(tag, attrs):
            tag = ln[tag]
            if tag == "t":
                if st["in_si"] and not st["rph"]:
                    st["collect"] = True
            elif tag == "si":
                st["in_si"] = True
                st["parts"] = []
            elif tag == "rPh":
                st["rph"] += 1

        def end(tag):
            tag = ln[tag]
            if tag == "t":
                st["collect"] = False
            elif tag == "si":
                st["in_si"] = False
                out.append(_unescape("".join(st["parts"])))
            elif tag == "rPh":
                st["rph"] -= 1

        def chars(data):
            if st["collect"]:
                st["parts"].append(data)

        p.StartElementHandler = start
        p.EndElementHandler = end
        p.CharacterDataHandler = chars

    rd.parse(name, setup)
    return out


def _read_styles(rd: _Reader, name: str) -> dict[str, int]:
    """{'<xf index>': kind} for cell formats that are date or percent."""
    return _read_styles_info(rd, name)[0]


def _read_styles_info(rd: _Reader, name: str) -> tuple[dict[str, int], int]:
    """(`_read_styles`, number of cell formats in cellXfs)."""
    if rd.info(name) is None:
        return {}, 0
    ln = _LocalNames()
    custom: dict[int, str] = {}
    xf_fmt: list[int] = []
    depth = {"cellXfs": False}

    def setup(p):
        def start(tag, attrs):
            tag = ln[tag]
            if tag == "numFmt":
                try:
                    custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
                except ValueError:
                    pass
            elif tag == "cellXfs":
                depth["cellXfs"] = True
            elif tag == "xf" and depth["cellXfs"]:
                try:
                    xf_fmt.append(int(attrs.get("numFmtId", "0")))
                except ValueError:
                    xf_fmt.append(0)

        def end(tag):
            if ln[tag] == "cellXfs":
                depth["cellXfs"] = False

        p.StartElementHandler = start
        p.EndElementHandler = end

    rd.parse(name, setup)
    kinds: dict[str, int] = {}
    for i, fid in enumerate(xf_fmt):
        if fid in custom:
            kind = _format_kind(custom[fid])
        elif fid in _BUILTIN_DATE:
            kind = _DATE
        elif fid in _BUILTIN_PERCENT:
            kind = _PERCENT
        else:
            kind = _NONE
        if kind:
            kinds[str(i)] = kind
    return kinds, len(xf_fmt)


# --------------------------------------------------------------------------
# the worksheet: the hot path


def _read_sheet(rd: _Reader, part: str, sheet_name: str, sst: list, kinds: dict, date1904: bool) -> Sheet:
    lim = rd.limits
    max_rows = lim.max_rows
    max_cols = lim.max_cols
    cell_budget = lim.max_cells - rd.cells
    rows: list = []
    percent: set = set()
    uncached: set = set()
    merged: list = []
    ln = _LocalNames()
    cols = _COLS
    digits = _DIGITS
    nsst = len(sst)

    # parser state (closure cells are fast)
    cell_count = 0
    row_count = 0
    cur_row = 0
    last_row = 0
    row_from_cell = False
    vals: list = []
    row_has = False
    next_col = 0
    col = 0
    ctype = None
    cstyle = None
    has_f = False
    vtext = None
    collecting = False
    in_is = False
    rph = 0
    in_cell = False
    unsorted = False

    def start(name, attrs):
        nonlocal row_count, cur_row, last_row, row_from_cell, vals, row_has, next_col
        nonlocal col, ctype, cstyle, has_f, vtext, collecting, in_is, rph, in_cell, unsorted, cell_count
        tag = ln[name]
        if tag == "c":
            cell_count += 1
            if cell_count > cell_budget:
                raise XlsxError("too_many_cells", sheet=sheet_name, limit=lim.max_cells)
            r = attrs.get("r")
            col = -1
            if r:
                letters = r.rstrip(digits)
                col = cols[letters]
                if row_from_cell and len(letters) < len(r):
                    try:
                        cur_row = int(r[len(letters):])
                    except ValueError:
                        pass
                    row_from_cell = False
            if col < 0:
                col = next_col
            next_col = col + 1
            ctype = attrs.get("t")
            cstyle = attrs.get("s")
            has_f = False
            vtext = None
            in_cell = True
        elif tag == "v":
            if in_cell:
                vtext = ""
                collecting = True
        elif tag == "row":
            row_count += 1
            if row_count > max_rows:
                raise XlsxError("too_many_rows", sheet=sheet_name, limit=max_rows)
            r = attrs.get("r")
            prev = cur_row
            row_from_cell = False
            if r:
                try:
                    cur_row = int(r)
                except ValueError:
                    cur_row = prev + 1
            else:
                cur_row = prev + 1
                row_from_cell = True
            vals = []
            row_has = False
            next_col = 0
        elif tag == "f":
            has_f = True
            collecting = False
        elif tag == "is":
            if in_cell:
                in_is = True
                vtext = ""
        elif tag == "t":
            if in_is and not rph:
                collecting = True
        elif tag == "rPh":
            rph += 1
        elif tag == "mergeCell":
            ref = attrs.get("ref") or ""
            a, _, b = ref.partition(":")
            ra = _ref(a)
            rb = _ref(b) if b else ra
            if ra and rb and ra[1] >= 0 and rb[1] >= 0:
                merged.append((min(ra[0], rb[0]), min(ra[1], rb[1]), max(ra[0], rb[0]), max(ra[1], rb[1])))

    def end(name):
        nonlocal collecting, in_cell, row_has, in_is, rph, vals, last_row, unsorted
        tag = ln[name]
        if tag == "c":
            in_cell = False
            collecting = False
            if col >= max_cols:
                return
            key = (cur_row, col)
            text = vtext
            if not text:
                if has_f:
                    uncached.add(key)
                    row_has = True
                return
            t = ctype
            if t is None or t == "n":
                try:
                    v = float(text)
                except ValueError:
                    v = text.strip() or None
                else:
                    if cstyle is not None:
                        k = kinds.get(cstyle)
                        if k == _DATE:
                            v = _to_datetime(v, date1904)
                        elif k == _PERCENT:
                            percent.add(key)
            elif t == "s":
                try:
                    i = int(text)
                except ValueError:
                    raise XlsxError("corrupt", detail=f"{part}: bad shared string index") from None
                if not 0 <= i < nsst:
                    raise XlsxError("corrupt", detail=f"{part}: shared string {i} missing")
                v = sst[i] or None
            elif t == "str" or t == "inlineStr":
                v = _unescape(text)
            elif t == "b":
                v = text.strip().lower() in ("1", "true")
            elif t == "e":
                v = CellError(text.strip())
            elif t == "d":
                try:
                    v = _dt.datetime.fromisoformat(text.strip())
                except ValueError:
                    v = text
            else:
                v = text
            if v is None:
                return
            n = len(vals)
            if col == n:
                vals.append(v)
            elif col > n:
                vals.extend([None] * (col - n))
                vals.append(v)
            else:
                vals[col] = v
            row_has = True
        elif tag == "v":
            collecting = False
        elif tag == "row":
            if cur_row < last_row:
                unsorted = True
            last_row = max(last_row, cur_row)
            if row_has:
                while vals and vals[-1] is None:
                    vals.pop()
                rows.append((cur_row, vals))
            vals = []
            row_has = False
        elif tag == "t":
            if in_is:
                collecting = False
        elif tag == "is":
            in_is = False
            collecting = False
        elif tag == "rPh":
            rph -= 1

    def chars(data):
        nonlocal vtext
        if collecting:
            vtext += data

    def setup(p):
        p.StartElementHandler = start
        p.EndElementHandler = end
        p.CharacterDataHandler = chars

    rd.parse(part, setup)
    rd.cells += cell_count

    if unsorted:
        rows = _merge_duplicate_rows(sorted(rows, key=lambda rv: rv[0]))
    sheet = Sheet(name=sheet_name, rows=rows, percent=percent, uncached=uncached, merged=merged)
    sheet._last_row = last_row  # type: ignore[attr-defined]
    return sheet


def _merge_duplicate_rows(rows):
    out = []
    for r, vals in rows:
        if out and out[-1][0] == r:
            prev = out[-1][1]
            for i, v in enumerate(vals):
                if v is None:
                    continue
                if i < len(prev):
                    prev[i] = v
                else:
                    prev.extend([None] * (i - len(prev)))
                    prev.append(v)
        else:
            out.append((r, vals))
    return out


def _fill_merged(sheet: Sheet, limits: Limits, last_row: int) -> None:
    if not sheet.merged:
        return
    if not isinstance(sheet.rows, list):  # a calamine sheet's columns: rows to fill in
        sheet.rows = list(sheet.rows)
    index = {r: vals for r, vals in sheet.rows}
    created = False
    budget = _MAX_MERGE_FILL
    for r1, c1, r2, c2 in sheet.merged:
        if c1 >= limits.max_cols:
            continue
        c2 = min(c2, limits.max_cols - 1)
        r2 = min(r2, max(last_row, r1))
        top = index.get(r1)
        v = top[c1] if top is not None and c1 < len(top) else None
        key = (r1, c1)
        pct = key in sheet.percent
        unc = key in sheet.uncached
        if v is None and not unc:
            continue
        cells = (r2 - r1 + 1) * (c2 - c1 + 1)
        budget -= cells
        if budget < 0:
            raise XlsxError("corrupt", detail="merged cells cover too many cells")
        for r in range(r1, r2 + 1):
            vals = index.get(r)
            if vals is None:
                vals = index[r] = []
                created = True
            for c in range(c1, c2 + 1):
                if r == r1 and c == c1:
                    continue
                if v is not None:
                    n = len(vals)
                    if c < n:
                        vals[c] = v
                    else:
                        vals.extend([None] * (c - n))
                        vals.append(v)
                if pct:
                    sheet.percent.add((r, c))
                if unc:
                    sheet.uncached.add((r, c))
    if created:
        sheet.rows = sorted(index.items(), key=lambda rv: rv[0])


# --------------------------------------------------------------------------
# the fast path: cell values from python-calamine, everything else from bytes
#
# python-calamine (Rust) reads cell values ~5x faster than expat, but it
# reports no number formats, turns an uncached formula into '', and -- the
# reason for all the care below -- aborts the whole process (uncatchable)
# when a zip bomb or a huge sparse range makes it allocate too much. So it
# only ever sees a workbook that `_scan_parts` has streamed through first,
# and only a sheet where reading it with calamine gives *exactly* what
# `_read_sheet` gives. The scan proves that per sheet from the bytes:
#
# - every row with cells is `<row r="N" ...>` whose cells all match a plain
#   grammar: `<c r="<letters>N"` (the row's own number), an optional
#   `s="<digits>"`, then a number `<v>`, a shared-string index, a 0/1
#   boolean, or nothing -- so no formula (`<f>`), no error (`t="e"`), no
#   inline or ISO-date cells, no namespace prefix, no cell without `r`;
# - row numbers strictly ascending (expat merges repeated rows, calamine
#   too, but differently); no `<row>` without `r`;
# - the dense range calamine allocates (rows x columns from A1) is small
#   compared with the cells actually present (a cell at XFD1048576 is 17G);
# - no cell uses a style where calamine's date detection differs from ours
#   (`_calamine_date_styles` asks calamine itself, on a tiny probe workbook).
#
# It also collects what calamine cannot tell: percent-styled cells and the
# merged ranges. Anything else -- or any calamine error, or a value type we
# cannot map exactly (a date with a time of day, a time, a duration) --
# sends that one sheet to `_read_sheet`.

try:  # a hard dependency (pyproject.toml); without it every sheet takes the expat path
    import python_calamine as _calamine
except ImportError:  # pragma: no cover
    _calamine = None

FAST = True  # module switch: read_workbook(fast=None) uses it; tests pass fast=False to compare

_MAX_CARRY = 4 * MB  # a row longer than this is left to expat (windows end at '</row>')
_MAX_PROBE_XFS = 20_000
_MAX_PROBE_STYLES_BYTES = 8 * MB
_AREA_FLOOR = 2_000_000  # dense cells calamine may always allocate for a sheet (~64 MB)
_AREA_FACTOR = 4  # ... or this many times the cells the sheet really has

_DTD = re.compile(rb"<!(?:doctype|entity)", re.I)
# one row whose cells all follow the plain grammar (atomic groups: no backtracking): a number,
# a shared-string index, a 0/1 boolean, nothing, or an inline string (openpyxl writes those)
# without whitespace at an edge unless xml:space="preserve" (calamine trims it, we do not)
_ROW_PLAIN = re.compile(
    rb'<row r="([1-9][0-9]{0,6})"(?: [A-Za-z][\w:.-]*="[^"<>]*")*+>'
    rb'(?:<c r="[A-Z]{1,3}+\1"(?: s="[0-9]{1,5}+")?+'
    rb'(?:(?: t="[nsb]")?+(?>/>|></c>|><v>[0-9.eE+-]{1,40}+</v></c>)'
    rb'| t="inlineStr"><is>(?><t xml:space="preserve">[^<]*+|<t>(?!\s|&#)[^<]*+(?<![\s;>]))</t></is></c>))*+'
    rb"</row>"
)
# shared-string indexes calamine would read leniently ('1.5', '-1') and booleans other than 0/1
# (and an escaped surrogate in an inline string: we decode _xD83D_, calamine keeps the text)
# (one literal prefix per pattern keeps the search at memchr speed)
_ODD_VALUE = (re.compile(rb't="s"><v>(?![0-9]{1,9}</v>)'), re.compile(rb't="b"><v>(?![01]</v>)'),
              re.compile(rb"_x[dD][89a-fA-F][0-9a-fA-F]{2}_"))
# outside the plain rows: any cell, value or inline string (prefixed or not), an unprefixed <f>
# (x14 extensions hold <xm:f> formulas of data validations: those are not cells), a prefixed
# row, a row without r
_CELLISH = re.compile(rb"<(?:[\w.-]+:)?(?:c|v|is)[\s/>]|<f[\s/>]|<[\w.-]+:row[\s/>]|<row(?! r=\"[0-9])[\s/>]")
_ANY_ROW = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
_ROW_NUM = re.compile(rb'<row r="([0-9]+)"')
_MERGE = re.compile(rb'<mergeCell ref="([^"<>]*)"')


def _letters(col0: int) -> str:
    return column_letter(col0)


def _above(col0: int):
    """A regex for a cell reference (`r="XY1`) whose column is right of `col0`."""
    pat = _ABOVE.get(col0)
    if pat is None:
        letters = _letters(col0) if col0 >= 0 else ""
        k = len(letters)
        alts = ["[A-Z]{%d}" % n for n in range(k + 1, 4)]
        for i in range(k):
            if letters[i] != "Z":
                alts.append(letters[:i] + "[%s-Z]" % chr(ord(letters[i]) + 1) + "[A-Z]" * (k - i - 1))
        if not alts:
            return None
        pat = _ABOVE[col0] = re.compile(b'r="(' + "|".join(alts).encode() + b')[0-9]')
    return pat


_ABOVE: dict = {}


class _NotExact(Exception):
    """This sheet cannot be read exactly by calamine: read it with expat."""


class _Facts:
    """What the byte scan learnt about one worksheet part."""

    __slots__ = ("exact", "reason", "rows", "last_row", "max_col", "cells", "percent", "merged", "_prev")

    def __init__(self):
        self.exact = True
        self.reason = ""
        self.rows = 0  # <row> elements (for the row cap)
        self.last_row = 0  # highest r of any <row>
        self.max_col = -1  # rightmost column of any cell
        self.cells = 0
        self.percent: list = []  # (row, col) of cells with a percent style
        self.merged: list = []
        self._prev = 0  # last row number with cells, for the ascending check

    def give_up(self, reason: str) -> None:
        if self.exact:
            self.exact, self.reason = False, reason
            self.percent, self.merged = [], []


def _scan_window(win: bytes, facts: _Facts, pct_re, odd_re) -> None:
    """Facts from one window of a worksheet (ends at '</row>' or a tag end)."""
    parts = _ROW_PLAIN.split(win)
    residue = b"".join(parts[0::2]) if len(parts) > 1 else win
    if _CELLISH.search(residue):
        return facts.give_up("cells outside the plain grammar (formula, error, inline string, prefix, ...)")
    nums = parts[1::2]
    if nums:
        ints = list(map(int, nums))
        if ints[0] <= facts._prev or (len(ints) > 1 and not all(map(operator.lt, ints, ints[1:]))):
            return facts.give_up("rows out of order")
        facts._prev = ints[-1]
        facts.last_row = max(facts.last_row, ints[-1])
        facts.rows += len(ints)
    facts.rows += len(_ANY_ROW.findall(residue))
    for r in _ROW_NUM.findall(residue):
        facts.last_row = max(facts.last_row, int(r))
    if odd_re is not None and odd_re.search(win):
        return facts.give_up("a style calamine reads as a date and we do not (or the reverse)")
    if any(p.search(win) for p in _ODD_VALUE):
        return facts.give_up("a shared-string index or boolean calamine would read differently")
    pos = 0
    while (above := _above(facts.max_col)) is not None and (m := above.search(win, pos)):
        facts.max_col, pos = _COLS[m.group(1).decode()], m.start()
    if pct_re is not None:
        cols = _COLS
        facts.percent.extend((int(row), cols[letters.decode()]) for letters, row in pct_re.findall(win))
    if b"mergeCell" in residue:
        refs = _MERGE.findall(residue)
        if len(refs) != len(re.findall(rb"<(?:[\w.-]+:)?mergeCell[\s/>]", residue)):
            return facts.give_up("merged ranges written unusually")
        for ref in refs:
            a, _, b = ref.decode("utf-8", "replace").partition(":")
            ra = _ref(a)
            rb_ = _ref(b) if b else ra
            if ra and rb_ and ra[1] >= 0 and rb_[1] >= 0:
                facts.merged.append((min(ra[0], rb_[0]), min(ra[1], rb_[1]),
                                     max(ra[0], rb_[0]), max(ra[1], rb_[1])))


def _scan_parts(zf: zipfile.ZipFile, limits: Limits, worksheets: bool, pct_styles=(), odd_styles=(),
                want: set | None = None) -> dict:
    """Stream parts through C-speed byte checks before any parser sees them.

    worksheets=False: every part that is not a worksheet -- its actual
    unpacked size, and `<!DOCTYPE`/`<!ENTITY` anywhere in it.
    worksheets=True: every worksheet part -- the same, plus the cell cap for
    the whole workbook and the fast-path facts per part ({name: _Facts}) for
    the parts in `want`.
    Memory stays bounded: 1 MB chunks plus an incomplete row.
    """
    facts_by_part: dict[str, _Facts] = {}
    cells = 0
    total = 0
    pct_re = odd_re = None
    if worksheets and pct_styles:
        alt = b"|".join(str(s).encode() for s in sorted(pct_styles, key=int))
        pct_re = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)" s="(?:' + alt + rb')"[ />]')
    if worksheets and odd_styles:
        alt = b"|".join(str(s).encode() for s in sorted(odd_styles, key=int))
        odd_re = re.compile(rb' s="(?:' + alt + rb')"')
    for info in zf.infolist():
        lname = info.filename.lower()
        is_sheet = "worksheets/" in lname and lname.endswith(".xml")
        if is_sheet != worksheets:
            continue
        facts = _Facts()
        if not want or info.filename not in want:
            facts.give_up("not planned for calamine")
        size = 0
        carry = b""
        try:
            with zf.open(info) as f:
                while True:
                    chunk = f.read(_CHUNK)
                    size += len(chunk)
                    total += len(chunk)
                    if size > limits.max_part_bytes:
                        raise XlsxError("bomb", limit_mb=limits.max_part_bytes / MB, part=info.filename)
                    if total > limits.max_total_bytes:
                        raise XlsxError("bomb", limit_mb=limits.max_total_bytes / MB, part=info.filename)
                    buf = carry + chunk if carry else chunk
                    if not chunk:
                        win, carry = buf, b""
                    elif not is_sheet:
                        win, carry = buf, chunk[-16:]  # overlap: a marker split by the chunk edge is seen
                    else:
                        cut = buf.rfind(b"</row>")
                        cut = cut + 6 if cut >= 0 else buf.rfind(b">") + 1
                        if cut <= 0 or len(buf) - cut > _MAX_CARRY:
                            facts.give_up("a row or tag longer than 4 MB")
                            win, carry = buf, buf[-16:]  # overlap (counts may double: only ever too high)
                        else:
                            win, carry = buf[:cut], buf[cut:]
                    if win:
                        if _DTD.search(win):
                            raise XlsxError("doctype", part=info.filename)
                        if is_sheet:
                            n = win.count(b"<c ") + win.count(b"<c>") + win.count(b":c r=")
                            facts.cells += n
                            cells += n
                            if cells > limits.max_cells:
                                raise XlsxError("too_many_cells", sheet=posixpath.basename(info.filename),
                                                limit=limits.max_cells)
                            if facts.exact:
                                _scan_window(win, facts, pct_re, odd_re)
                    if not chunk:
                        break
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise XlsxError("corrupt", detail=f"{info.filename}: {e}") from None
        if is_sheet:
            if facts.exact:
                area = facts.last_row * (facts.max_col + 1)
                if area > max(_AREA_FLOOR, _AREA_FACTOR * facts.cells):
                    facts.give_up("sparse: the dense range would be much larger than its cells")
            facts_by_part[info.filename] = facts
    return facts_by_part


_PROBE_CT = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
_PROBE_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
               b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
               b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_PROBE_WB = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
             b'relationships"><sheets><sheet name="p" sheetId="1" r:id="rId1"/></sheets></workbook>')
_PROBE_WB_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                  b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                  b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                  b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  b'relationships/styles" Target="styles.xml"/></Relationships>')
_DATE_LIKE = (_dt.date, _dt.datetime, _dt.time, _dt.timedelta)


def _calamine_date_styles(styles: bytes, n_xf: int) -> set[int]:
    """The cell formats (xf indexes) calamine turns a number into a date/time with.

    Asked of calamine itself rather than re-implemented: a workbook with the
    same styles part and one number per cell format."""
    rows = "".join(f'<row r="{i + 1}"><c r="A{i + 1}" s="{i}"><v>45000.25</v></c></row>' for i in range(n_xf))
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>').encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", _PROBE_CT)
        z.writestr("_rels/.rels", _PROBE_RELS)
        z.writestr("xl/workbook.xml", _PROBE_WB)
        z.writestr("xl/_rels/workbook.xml.rels", _PROBE_WB_RELS)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    wb = _calamine.CalamineWorkbook.from_object(io.BytesIO(buf.getvalue()))
    try:
        values = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    finally:
        wb.close()
    if len(values) != n_xf:
        raise _NotExact("probe")
    return {i for i, row in enumerate(values) if row and isinstance(row[0], _DATE_LIKE)}


def _is_panic(e: BaseException) -> bool:
    return type(e).__name__ == "PanicException"  # pyo3: a Rust panic, a BaseException


_BATCH = 4096  # rows converted at a time, column by column (columns are mostly one type)


def _convert_column(col: tuple, strs: dict, dates: dict):
    """calamine values -> ours: '' -> None, one str object per text, date -> datetime, int -> float."""
    types = set(map(type, col))
    if types == _FLOAT_ONLY:
        return col
    if types == _STR_ONLY:
        return map(strs.setdefault, col, col)  # strs[''] is None: empties become None
    if types <= _STR_FLOAT:
        get = strs.setdefault
        return [v if type(v) is float else get(v, v) for v in col]
    if types == _DATE_ONLY:
        for d in set(col).difference(dates):
            dates[d] = _dt.datetime(d.year, d.month, d.day)
        return map(dates.__getitem__, col)
    out = []
    for v in col:
        tp = type(v)
        if tp is str:
            v = strs.setdefault(v, v)
        elif tp is float or tp is bool:
            pass
        elif tp is _dt.date:
            d = dates.get(v)
            if d is None:
                d = dates[v] = _dt.datetime(v.year, v.month, v.day)
            v = d
        elif tp is int:
            v = float(v)
        else:  # a date with a time of day, a time, a duration: rounding not provably ours
            raise _NotExact(f"a {tp.__name__} value")
        out.append(v)
    return out


_FLOAT_ONLY, _STR_ONLY, _DATE_ONLY = {float}, {str}, {_dt.date}
_STR_FLOAT = {str, float}


class _Rows:
    """`Sheet.rows` of a sheet read by calamine, kept as columns.

    Reads like the list of (row number, values) the expat path gives (iterate,
    index, slice, len, ==), but holds one list per column instead of a tuple
    and a list per row: 1.3M check-in rows cost ~50 MB instead of ~250 MB
    (issue #7). Each row's values list is built when it is read.
    """

    __slots__ = ("nums", "cols", "pad")

    def __init__(self, nums, cols: list, pad: int):
        self.nums = nums  # array('l'): the file's row numbers, ascending
        self.cols = cols  # one list per column from column `pad`, all as long as nums
        self.pad = pad  # leading columns that are empty in every row

    def _row(self, i: int, t) -> tuple:
        vals = [None] * self.pad + list(t) if self.pad else list(t)
        while vals[-1] is None:
            vals.pop()
        return self.nums[i], vals

    def __len__(self) -> int:
        return len(self.nums)

    def __iter__(self):
        row = self._row
        return (row(i, t) for i, t in enumerate(zip(*self.cols)))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self._row(i, tuple(c[i] for c in self.cols)) for i in range(*key.indices(len(self)))]
        i = range(len(self))[key]
        return self._row(i, tuple(c[i] for c in self.cols))

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, _Rows)):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return f"_Rows({len(self)} rows)"


def _read_sheet_calamine(cal_sheet, sheet_name: str, facts: _Facts, limits: Limits) -> Sheet:
    """Exactly `_read_sheet`'s result for a sheet the scan cleared (else _NotExact)."""
    max_cols = limits.max_cols
    start = cal_sheet.start
    nums = array("l")
    cols: list = []
    c0 = 0
    if start is not None and start[1] < max_cols:
        c0 = start[1]
        keep = max_cols - c0
        strs: dict = {"": None}  # one str object per distinct text, as the shared-string table gives
        dates: dict = {}
        it = cal_sheet.iter_rows()
        r = 0
        while batch := list(islice(it, _BATCH)):
            if len(batch[0]) > keep:
                batch = [row[:keep] for row in batch]
            conv = [list(_convert_column(col, strs, dates)) for col in zip(*batch)]
            if not cols:
                cols = [[] for _ in conv]
            width = len(conv)
            full = [i for i, t in enumerate(zip(*conv)) if t.count(None) != width]
            if len(full) == len(batch):
                nums.extend(range(r + 1, r + 1 + len(batch)))
                for dst, src in zip(cols, conv):
                    dst.extend(src)
            elif full:
                nums.extend(r + 1 + i for i in full)
                pick = operator.itemgetter(*full)
                for dst, src in zip(cols, conv):
                    got = pick(src)
                    dst.extend(got if len(full) > 1 else (got,))
            r += len(batch)
        end = cal_sheet.end
        if r != (end[0] + 1 if end else 0):
            raise _NotExact("calamine rows do not start at row 1")
    rows = _Rows(nums, cols, c0) if len(nums) else []
    percent: set = set()
    if facts.percent and len(nums):
        for r, c in facts.percent:
            i = bisect_left(nums, r)
            j = c - c0
            if i < len(nums) and nums[i] == r and 0 <= j < len(cols) and type(cols[j][i]) is float:
                percent.add((r, c))
    return Sheet(name=sheet_name, rows=rows, percent=percent, uncached=set(), merged=list(facts.merged))


# shared strings calamine reads differently from us: text with whitespace at an edge and no
# xml:space="preserve" (calamine trims it), a <t> with other attributes, an escaped surrogate
# (_xD83D_: we decode it, calamine keeps the text), namespace prefixes
_SST_ODD = re.compile(
    rb"<t>(?:\s|&#)[^<]*</t>|<t>[^<]*(?:\s|;)</t>|<t\s(?!xml:space=\"preserve\">)|"
    rb"_x[dD][89a-fA-F][0-9a-fA-F]{2}_|</?[\w.-]+:"
)


def _sst_plain(zf: zipfile.ZipFile, info) -> bool:
    carry = b""
    with zf.open(info) as f:
        while True:
            chunk = f.read(_CHUNK)
            buf = carry + chunk
            if not chunk:
                return not _SST_ODD.search(buf)
            cut = buf.rfind(b"</si>") + 1
            if cut <= 0 or len(buf) - cut > _MAX_CARRY:
                return False
            if _SST_ODD.search(buf, 0, cut + 4):
                return False
            carry = buf[cut + 4:]


def _fast_plan(rd: _Reader, wb_part: str, sheets_meta, raw_targets: dict, by_type: dict, kinds: dict,
               n_xf: int, styles_part: str):
    """(odd styles, {sheet index: part}) for sheets calamine may read, or None: all expat."""
    if _calamine is None or wb_part != "xl/workbook.xml" or not rd.date_system_plain:
        return None
    names = [n for n, _ in sheets_meta]
    if len(set(names)) != len(names) or len(set(rd.names)) != len(rd.zf.infolist()):
        return None  # duplicate sheet names or zip members: which one would calamine take?
    sst_part = by_type.get("sharedStrings")
    if sst_part not in (None, "xl/sharedStrings.xml") or styles_part not in (None, "xl/styles.xml"):
        return None
    sst_info = rd.info("xl/sharedStrings.xml")
    if sst_info is not None and not _sst_plain(rd.zf, sst_info):
        return None
    odd: set = set()
    if styles_part and n_xf:
        info = rd.info(styles_part)
        if n_xf > _MAX_PROBE_XFS or info is None or info.file_size > _MAX_PROBE_STYLES_BYTES:
            return None
        cal_dates = _calamine_date_styles(rd.zf.read(info), n_xf)
        ours = {int(k) for k, v in kinds.items() if v == _DATE}
        odd = {str(i) for i in cal_dates ^ ours}
    parts = {}
    for i, (_name, rid) in enumerate(sheets_meta):
        target = raw_targets.get(rid) if rid else None
        if not target or "\\" in target or "./" in target:
            continue
        part = target[1:] if target.startswith("/") else "xl/" + target
        if part.startswith("xl/worksheets/") and part in rd.names:
            parts[i] = part
    return odd, parts


# --------------------------------------------------------------------------
# sniffing and the entry point


def _looks_like_text(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = sample[: len(sample) - (len(sample) % 2)].decode("utf-16")
        except UnicodeDecodeError:
            return False
    else:
        if b"\x00" in sample:
            return False
        try:
            text = sample.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            if e.start >= len(sample) - 4 and len(data) > len(sample):
                text = sample[: e.start].decode("utf-8-sig", "replace")
            else:
                text = sample.decode("latin-1")
    if not text:
        return False
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    if bad > len(text) // 100:
        return False
    return any(sep in text for sep in (",", ";", "\t"))


def _load_source(source, limits: Limits) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        try:
            size = os.path.getsize(source)
            if size > limits.max_file_bytes:
                raise XlsxError("too_large", size_mb=size / MB, limit_mb=limits.max_file_bytes / MB)
            with open(source, "rb") as f:
                data = f.read(limits.max_file_bytes + 1)
        except OSError as e:
            raise XlsxError("corrupt", detail=f"cannot read the file: {e.strerror or e}") from None
    elif hasattr(source, "read"):
        data = source.read(limits.max_file_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        raise TypeError("source must be a path, bytes or a binary file object")
    if len(data) > limits.max_file_bytes:
        raise XlsxError("too_large", size_mb=len(data) / MB, limit_mb=limits.max_file_bytes / MB)
    return data


def _open_zip(data: bytes) -> zipfile.ZipFile:
    if not data:
        raise XlsxError("empty")
    if data[:8] == _OLE2:
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise XlsxError("encrypted")
        raise XlsxError("xls")
    if data[:2] != b"PK":
        if _looks_like_text(data):
            raise XlsxError("csv")
        raise XlsxError("not_xlsx")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as e:
        raise XlsxError("corrupt", detail=f"not a complete zip archive: {e}") from None
    names = set(zf.namelist())
    if "mimetype" in names:
        try:
            info = zf.getinfo("mimetype")
            if info.file_size < 1024:
                mt = zf.read(info)[:200]
                if b"opendocument" in mt:
                    raise XlsxError("ods")
        except XlsxError:
            raise
        except Exception:
            pass
    if "xl/workbook.xml" not in names and "xl/workbook.xml" not in {n.lower() for n in names}:
        if any(n.lower().endswith("workbook.xml") for n in names):
            # a workbook part in an unusual place: resolve via the package rels
            return zf
        raise XlsxError("not_xlsx")
    return zf


def _preflight(zf: zipfile.ZipFile, limits: Limits) -> None:
    total = 0
    for info in zf.infolist():
        size = info.file_size
        total += size
        if size > limits.max_part_bytes:
            raise XlsxError("bomb", limit_mb=limits.max_part_bytes / MB, part=info.filename)
        if total > limits.max_total_bytes:
            raise XlsxError("bomb", limit_mb=limits.max_total_bytes / MB, part=info.filename)
        if size > MB and size > limits.max_ratio * max(info.compress_size, 1):
            raise XlsxError("bomb", limit_mb=size / MB, part=info.filename)


def _workbook_part(rd: _Reader) -> str:
    if rd.info("xl/workbook.xml") is not None:
        return "xl/workbook.xml"
    _ids, types = _read_rels(rd, "_rels/.rels", "")
    path = types.get("officeDocument")
    if path and rd.info(path) is not None:
        return path
    raise XlsxError("not_xlsx")


def read_workbook(source, limits: Limits | None = None, fill_merged: bool = True, fast: bool | None = None,
                  paths: dict | None = None) -> list[Sheet]:
    """All worksheets (visible and hidden) in workbook order; see the module docstring.

    fast: read the values of cleared sheets with python-calamine (default:
    the module switch `FAST`); the result is the same either way. `paths`,
    if given, receives {sheet name: "calamine" or "expat: <why>"}.
    """
    limits = limits or Limits()
    fast = FAST if fast is None else fast
    data = _load_source(source, limits)
    try:
        zf = _open_zip(data)
        with zf:
            _preflight(zf, limits)
            _scan_parts(zf, limits, worksheets=False)  # DTDs anywhere, real sizes: before any parser
            rd = _Reader(zf, limits)
            wb_part = _workbook_part(rd)
            base = posixpath.dirname(wb_part)
            sheets_meta, date1904 = _read_workbook_xml(rd, wb_part)
            rels_name = posixpath.join(base, "_rels", posixpath.basename(wb_part) + ".rels")
            raw_targets: dict = {}
            by_id, by_type = _read_rels(rd, rels_name, base, raw_targets)
            sst_part = by_type.get("sharedStrings") or posixpath.join(base, "sharedStrings.xml")
            sst = _read_shared_strings(rd, sst_part)
            styles_part = by_type.get("styles") or posixpath.join(base, "styles.xml")
            kinds, n_xf = _read_styles_info(rd, styles_part)
            plan = None
            if fast:
                try:
                    exact_names = all(rd.info(n) is None or n in rd.names for n in (sst_part, styles_part))
                    if exact_names:
                        plan = _fast_plan(rd, wb_part, sheets_meta, raw_targets, by_type, kinds, n_xf,
                                          styles_part if rd.info(styles_part) is not None else None)
                except XlsxError:
                    raise
                except BaseException as e:  # a calamine error or panic on the probe: no fast path
                    if not (isinstance(e, Exception) or _is_panic(e)):
                        raise
                    plan = None
            odd, fast_parts = plan if plan else ((), {})
            pct = [k for k, v in kinds.items() if v == _PERCENT] if fast_parts else ()
            # the cell cap for the whole workbook, DTDs anywhere in a sheet, and the fast-path facts
            facts = _scan_parts(zf, limits, worksheets=True, pct_styles=pct, odd_styles=odd,
                                want=set(fast_parts.values()))
            cal = None
            out: list[Sheet] = []
            for i, (name, rid) in enumerate(sheets_meta):
                part = by_id.get(rid) if rid else None
                if part is None:
                    guess = posixpath.join(base, f"worksheets/sheet{i + 1}.xml")
                    if rd.info(guess) is None:
                        raise XlsxError("corrupt", detail=f"sheet '{name}' has no part")
                    part = guess
                sheet = None
                why = "fast path off" if not fast else "workbook layout" if plan is None else "sheet part"
                f = facts.get(part)
                if fast_parts.get(i) == part and f is not None:
                    why = f.reason
                    if f.exact:
                        if f.rows > limits.max_rows:  # the row cap holds before calamine runs
                            raise XlsxError("too_many_rows", sheet=name, limit=limits.max_rows)
                        try:
                            if cal is None:
                                cal = _calamine.CalamineWorkbook.from_object(io.BytesIO(data))
                                if list(cal.sheet_names) != [n for n, _ in sheets_meta]:
                                    raise _NotExact("calamine sees other sheets")
                            sheet = _read_sheet_calamine(cal.get_sheet_by_index(i), name, f, limits)
                            last_row = f.last_row
                        except _NotExact as e:
                            why = str(e)
                        except BaseException as e:  # CalamineError, XmlError, a Rust panic ...
                            if not (isinstance(e, Exception) or _is_panic(e)):
                                raise
                            why = f"calamine: {e.__class__.__name__}: {e}"[:200]
                if sheet is None:
                    sheet = _read_sheet(rd, part, name, sst, kinds, date1904)
                    last_row = getattr(sheet, "_last_row", 0)
                    del sheet._last_row  # type: ignore[attr-defined]
                    if paths is not None:
                        paths[name] = "expat: " + why
                elif paths is not None:
                    paths[name] = "calamine"
                if fill_merged:
                    _fill_merged(sheet, limits, last_row)
                out.append(sheet)
            if cal is not None:
                cal.close()
            return out
    except XlsxError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise XlsxError("corrupt", detail=f"damaged zip data: {e}") from None
    except UnicodeError as e:
        raise XlsxError("corrupt", detail=f"bad text encoding: {e.__class__.__name__}") from None
    except (KeyError, ValueError, OSError, RuntimeError, NotImplementedError, expat.ExpatError) as e:
        raise XlsxError("corrupt", detail=f"{e.__class__.__name__}: {e}"[:200]) from None
    except RecursionError:
        raise XlsxError("corrupt", detail="nesting too deep") from None
    except MemoryError:
        raise XlsxError("corrupt", detail="out of memory") from None
    except Exception as e:  # never leak another exception type to callers
        raise XlsxError("corrupt", detail=f"{e.__class__.__name__}: {e}"[:200]) from None
