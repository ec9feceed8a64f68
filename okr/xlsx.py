"""A small, safe, streaming .xlsx cell reader (stdlib only: zipfile + expat).

Why our own reader: we need cell values *and* whether a numeric cell has a
percent number format, whether a formula has no cached value, and the merged
ranges -- and we must refuse hostile files (zip bombs, DTD/entity tricks,
sheets claiming millions of rows) within bounded time and memory.

`read_workbook(source)` returns one `Sheet` per worksheet in workbook order.
Every failure is an `XlsxError(code, **params)`, whose `message(lang)` is the
`file.<code>` text of `okr.i18n`.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
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
    flags = {"date1904": False}
    ln = _LocalNames()

    def setup(p):
        def start(name, attrs):
            tag = ln[name]
            if tag == "sheet":
                sheets.append((attrs.get("name", f"Sheet{len(sheets) + 1}"), _local_attr(attrs, "id")))
            elif tag == "workbookPr":
                v = (attrs.get("date1904") or "").strip().lower()
                flags["date1904"] = v in ("1", "true")

        p.StartElementHandler = start

    rd.parse(part, setup)
    return sheets, flags["date1904"]


def _read_rels(rd: _Reader, rels_name: str, base_dir: str):
    """{rId: path} and {type-suffix: path} from a .rels part (missing -> empty)."""
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
    if rd.info(name) is None:
        return {}
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
    return kinds


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


_CELL_MARKS = (b"<c ", b"<c>", b":c r=")


def _count_cells(zf: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a workbook with too many cells before any parser runs.

    Counting cell tags in the decompressed worksheet bytes is C-speed (a
    2M-cell sheet takes ~0.1 s) where parsing them takes seconds, and it
    measures the *actual* unpacked size, whatever the zip headers claim.
    The exact count while parsing stays as the backstop.
    """
    cells = 0
    for info in zf.infolist():
        name = info.filename.lower()
        if "worksheets/" not in name or not name.endswith(".xml"):
            continue
        size = 0
        tail = b""
        try:
            with zf.open(info) as f:
                while chunk := f.read(_CHUNK):
                    size += len(chunk)
                    if size > limits.max_part_bytes:
                        raise XlsxError("bomb", limit_mb=limits.max_part_bytes / MB, part=info.filename)
                    window = tail + chunk
                    cells += sum(window.count(m) for m in _CELL_MARKS)
                    tail = chunk[-4:]
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise XlsxError("corrupt", detail=f"{info.filename}: {e}") from None
        if cells > limits.max_cells:
            raise XlsxError("too_many_cells", sheet=posixpath.basename(info.filename), limit=limits.max_cells)


def _workbook_part(rd: _Reader) -> str:
    if rd.info("xl/workbook.xml") is not None:
        return "xl/workbook.xml"
    _ids, types = _read_rels(rd, "_rels/.rels", "")
    path = types.get("officeDocument")
    if path and rd.info(path) is not None:
        return path
    raise XlsxError("not_xlsx")


def read_workbook(source, limits: Limits | None = None, fill_merged: bool = True) -> list[Sheet]:
    """All worksheets (visible and hidden) in workbook order; see the module docstring."""
    limits = limits or Limits()
    data = _load_source(source, limits)
    try:
        zf = _open_zip(data)
        with zf:
            _preflight(zf, limits)
            _count_cells(zf, limits)
            rd = _Reader(zf, limits)
            wb_part = _workbook_part(rd)
            base = posixpath.dirname(wb_part)
            sheets_meta, date1904 = _read_workbook_xml(rd, wb_part)
            rels_name = posixpath.join(base, "_rels", posixpath.basename(wb_part) + ".rels")
            by_id, by_type = _read_rels(rd, rels_name, base)
            sst = _read_shared_strings(rd, by_type.get("sharedStrings") or posixpath.join(base, "sharedStrings.xml"))
            kinds = _read_styles(rd, by_type.get("styles") or posixpath.join(base, "styles.xml"))
            out: list[Sheet] = []
            for i, (name, rid) in enumerate(sheets_meta):
                part = by_id.get(rid) if rid else None
                if part is None:
                    guess = posixpath.join(base, f"worksheets/sheet{i + 1}.xml")
                    if rd.info(guess) is None:
                        raise XlsxError("corrupt", detail=f"sheet '{name}' has no part")
                    part = guess
                sheet = _read_sheet(rd, part, name, sst, kinds, date1904)
                last_row = getattr(sheet, "_last_row", 0)
                del sheet._last_row  # type: ignore[attr-defined]
                if fill_merged:
                    _fill_merged(sheet, limits, last_row)
                out.append(sheet)
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
