"""Reading an .xlsx workbook safely: our byte scan first, then python-calamine.

python-calamine (Rust) reads cell values fast, but it aborts the whole process
(uncatchable) when a zip bomb or a huge sparse range makes it allocate too
much; and it reports no number formats, turns a formula without a cached value
into '' and an error cell (#N/A) into ''. So every part of the zip is first
streamed through C-speed byte checks (`_scan_part`): real unpacked sizes, no
DTD or entity declaration anywhere, the caps on rows, cells, shared strings and
characters per cell, and the dense range calamine will allocate. The same pass
collects what calamine does not tell: percent-formatted cells, formulas
without a value, error cells. Only then does calamine read the values; what it
still cannot open is refused with a sentence.

`read_workbook(source)` returns one `Sheet` per worksheet in workbook order.
Every refusal is an `XlsxError(code, **params)`, whose `message(lang)` is the
`file.<code>` text of `okr.i18n`.

Why one long module: the scan and the reading share one notion of a zip
part, its limits and its refusals, and the scan's findings (percent cells,
formulas without a value) are read back cell by cell against calamine's
values; split in two, each half would reach into the other's internals.
"""

from __future__ import annotations

import datetime as _dt
import functools
import html
import io
import itertools
import operator
import os
import posixpath
import re
import zipfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import python_calamine as _calamine

from okr.i18n import t as _t

__all__ = ["CellError", "XlsxError", "Sheet", "Limits", "read_workbook", "column_letter"]

MB = 1024 * 1024
_CHUNK = 1 << 20
_MAX_CARRY = 4 * MB  # a row (or shared string) longer than this is cut at a tag end
_MAX_MERGE_FILL = 5_000_000  # cells filled from merged ranges, per sheet
_AREA_FLOOR = 4_000_000  # dense cells calamine may always allocate for a sheet (~128 MB)
_AREA_FACTOR = 4  # ... or this many times the cells the sheet really has
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BATCH = 4096  # rows taken from calamine at a time, then kept as columns


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
    # different texts in the shared-string table (each is one Python string later)
    max_shared_strings: int = 5_000_000
    # Excel's own limit on the characters in one cell
    max_cell_chars: int = 32_767


@dataclass
class Sheet:
    """One worksheet's values, kept as columns.

    `columns[j]` holds column `col0 + j` for rows `row0`, `row0 + 1`, ... (row
    numbers as in Excel, from 1); an empty cell is ''. `percent`, `uncached`
    and cell errors are keyed by (row number, 0-based column)."""

    name: str
    columns: list = field(default_factory=list)
    row0: int = 1
    col0: int = 0
    visible: bool = True
    date1904: bool = False
    percent: set = field(default_factory=set)
    uncached: set = field(default_factory=set)
    merged: list = field(default_factory=list)  # (first row, first col, last row, last col)
    whitespace: set = field(default_factory=set)  # the distinct texts of only spaces, tabs, line breaks

    @property
    def n_rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def column(self, col: int) -> list:
        """Column `col`'s values from row `row0` on ('' where empty)."""
        j = col - self.col0
        if 0 <= j < len(self.columns):
            return self.columns[j]
        return [""] * self.n_rows

    def row(self, i: int) -> list:
        """Row index `i` (row number `row0 + i`) from column A, trailing blanks dropped."""
        vals = [None] * self.col0 + [None if c[i] == "" else c[i] for c in self.columns]
        while vals and vals[-1] is None:
            vals.pop()
        return vals

    @property
    def rows(self) -> list:
        """(row number, values) for every row holding a value: for tests and small sheets."""
        out = []
        for i in range(self.n_rows):
            vals = self.row(i)
            if vals:
                out.append((self.row0 + i, vals))
        return out


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


class _Columns(dict):
    """b'AB' -> 27; not letters -> -1."""

    def __missing__(self, letters: bytes) -> int:
        n = 0
        for o in letters.upper():
            if not 65 <= o <= 90:
                n = 0
                break
            n = n * 26 + o - 64
        if len(self) < 100_000:
            self[letters] = n - 1
        return n - 1


_col_index = _Columns().__getitem__


def _greater(digits: str, alphabet: str) -> list[str]:
    """Regex alternatives for the strings of `alphabet` as long as `digits`
    and larger than it (larger at the first difference)."""
    lo, hi = alphabet[0], alphabet[-1]
    k = len(digits)
    return [re.escape(digits[:i]) + f"[{alphabet[alphabet.index(ch) + 1]}-{hi}]" + f"[{lo}-{hi}]" * (k - i - 1)
            for i, ch in enumerate(digits) if ch != hi]


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"


def _letters_above(col0: int) -> bytes:
    """Regex alternatives for the column letters right of column `col0`."""
    letters = column_letter(col0) if col0 >= 0 else ""
    alts = [f"[A-Z]{{{n}}}" for n in range(len(letters) + 1, 4)] + _greater(letters, _LETTERS)
    return "|".join(alts or ["(?!)"]).encode()


_CELL_TAG = re.compile(rb'<(?:[\w.-]+:)?c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_DTD = re.compile(rb"<!(?:doctype|entity)", re.I)
_ESC = re.compile(r"&#?\w{1,8};|_x[0-9A-Fa-f]{4}_")
_RICH_TEXT = re.compile(rb"<(?:[\w.-]+:)?t(?:\s[^>]*)?>([^<]*)</(?:[\w.-]+:)?t>")
_PHONETIC = re.compile(rb"<(?:[\w.-]+:)?rPh[\s>].*?</(?:[\w.-]+:)?rPh>", re.S)


def _chars(text: bytes) -> int:
    """Characters of XML text as Excel counts them (an entity or _xHHHH_ escape is one)."""
    return len(_ESC.sub("x", text.decode("utf-8", "replace")))


# --------------------------------------------------------------------------
# the byte scan


class _Facts:
    """What the scan learnt about one worksheet part."""

    __slots__ = ("rows", "cells", "max_row", "max_col", "row_bound", "coarse", "percent", "uncached", "errors",
                 "last_row")

    def __init__(self):
        self.rows = 0  # <row> elements (for the row cap)
        self.cells = 0
        self.max_row = 0  # highest row and column of any cell reference: calamine's range is within
        self.max_col = -1
        self.row_bound = 0  # no cell reference is below this row
        self.coarse = False  # row_bound is 10**digits - 1 somewhere, not the farthest row itself
        self.percent: set = set()
        self.uncached: set = set()
        self.errors: dict = {}
        self.last_row = 0  # the row a row without r= follows


class _Scan:
    def __init__(self, zf: zipfile.ZipFile, limits: Limits):
        self.zf = zf
        self.limits = limits
        self.total = 0
        self.cells = 0
        self.tag_before = b""  # the last tag before the current window

    def windows(self, info: zipfile.ZipInfo, cut: bytes | None, fallback: bytes | None = None,
                sheet: str | None = None):
        """The part's unpacked bytes in windows of ~1 MB that end just after `cut`
        (a closing tag; `fallback` in a row longer than 4 MB), so no cell or
        string is split; real sizes counted against the caps."""
        try:
            yield from self._windows(info, cut, fallback, sheet)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise XlsxError("corrupt", detail=f"{info.filename}: {e}") from None

    def _windows(self, info, cut, fallback, sheet):
        lim = self.limits
        size = 0
        carry = b""
        last_tag = b""  # the tag the carried bytes follow
        with self.zf.open(info) as f:
            while True:
                chunk = f.read(_CHUNK)
                size += len(chunk)
                self.total += len(chunk)
                if size > lim.max_part_bytes:
                    raise XlsxError("bomb", limit_mb=lim.max_part_bytes / MB, part=info.filename)
                if self.total > lim.max_total_bytes:
                    raise XlsxError("bomb", limit_mb=lim.max_total_bytes / MB, part=info.filename)
                if not chunk:
                    if carry:
                        self.tag_before = last_tag
                        yield carry
                    return
                buf = carry + chunk if carry else chunk
                if cut is None:  # only markers to find: overlap so one split by the edge is seen
                    yield buf
                    carry = buf[-16:]
                    continue
                end = _cut(buf, cut)
                if end < 0 and fallback:
                    end = _cut(buf, fallback)
                if end < 0:  # outside the cells (merged ranges, validations): any tag end will do
                    end = _cut(buf, b">")
                if end < 0:  # megabytes after the last tag
                    if len(buf) <= _MAX_CARRY:
                        carry = buf
                        continue
                    tag_end = buf.rfind(b">") + 1
                    tag = buf[buf.rfind(b"<", 0, tag_end):tag_end] if tag_end else last_tag
                    if _TEXT_TAG.match(tag):  # a cell's text: more than any cell holds
                        if sheet:
                            raise XlsxError("long_text_cell", sheet=sheet, cell=_cell_before(buf, tag_end),
                                            limit=lim.max_cell_chars)
                        raise XlsxError("long_text", start=_start_of(buf[tag_end:]) or "…",
                                        limit=lim.max_cell_chars)
                    end = len(buf) - 16  # padding between tags: nothing a reader keeps
                self.tag_before = last_tag
                if end > 0 and buf[end - 1:end] == b">":
                    last_tag = buf[buf.rfind(b"<", 0, end):end]
                yield buf[:end]
                carry = buf[end:]

    def long_text(self, win: bytes, sheet: str | None) -> None:
        """Refuse text longer than Excel's cell limit.

        A run of more than `max_cell_chars` bytes without a '<' covers one of
        the aligned blocks of half that size, so one `find` per block finds it:
        a few dozen finds per MB, each stopping at the next tag."""
        limit = self.limits.max_cell_chars
        step = max(1, limit // 2)
        n = len(win)
        p = 0
        while p + step <= n:
            if win.find(b"<", p, p + step) < 0:
                start = win.rfind(b">", 0, p) + 1
                end = win.find(b"<", p)
                end = n if end < 0 else end
                run = win[start:end]
                tag = win[win.rfind(b"<", 0, start):start] if start else self.tag_before
                if _TEXT_TAG.match(tag) and (len(run) > 10 * limit or _chars(run) > limit):
                    if sheet:
                        raise XlsxError("long_text_cell", sheet=sheet, cell=_cell_before(win, start),
                                        limit=limit)
                    raise XlsxError("long_text", start=_start_of(run), limit=limit)
                p = end
            p += step

    def rich_text(self, win: bytes, close: bytes, sheet: str | None) -> None:
        """Rich text splits one cell's text into runs: add them up per cell."""
        limit = self.limits.max_cell_chars
        pos = 0
        for piece in win.split(close):
            if len(piece) > limit:
                runs = _RICH_TEXT.findall(_PHONETIC.sub(b"", piece))
                if sum(map(len, runs)) > limit and sum(map(_chars, runs)) > limit:
                    if sheet:
                        raise XlsxError("long_text_cell", sheet=sheet, cell=_cell_before(win, pos + len(piece)),
                                        limit=limit)
                    raise XlsxError("long_text", start=_start_of(b"".join(runs)), limit=limit)
            pos += len(piece) + len(close)

    def other_part(self, info) -> None:
        for win in self.windows(info, None):
            if _declares_dtd(win):
                raise XlsxError("doctype", part=info.filename)

    def shared_strings(self, info) -> None:
        lim = self.limits
        count = 0
        for win in self.windows(info, b"</si>"):
            if _declares_dtd(win):
                raise XlsxError("doctype", part=info.filename)
            count += win.count(b"<si>") + win.count(b"<si ") + win.count(b":si>") + win.count(b":si ")
            if count > lim.max_shared_strings:
                raise XlsxError("too_many_strings", limit=lim.max_shared_strings)
            self.long_text(win, None)
            if b"<r>" in win or b":r>" in win:
                self.rich_text(win, b"</si>", None)

    def sheet(self, info, name: str, pct_styles: frozenset, exact: bool = False) -> _Facts:
        """The facts of one worksheet part; `exact`: the farthest row itself, not a bound."""
        lim = self.limits
        facts = _Facts()
        for win in self.windows(info, b"</row>", b"</c>", name):
            if _declares_dtd(win):
                raise XlsxError("doctype", part=info.filename)
            # counted with bytes.count (C speed); <c also counts a few <col> and <cfRule> tags: an upper bound
            cells = win.count(b"<c")
            rows = win.count(b"<row")
            refs = win.count(b'<c r="')
            plain = cells == refs and not (b":" in win and b":c" in win)
            if not plain:  # cells without r= or with r= later, prefixed, or <col> tags: count exactly
                cells, rows = len(_ANY_CELL.findall(win)), len(_ANY_ROW.findall(win))
            facts.cells += cells
            facts.rows += rows
            self.cells += cells
            if self.cells > lim.max_cells:
                raise XlsxError("too_many_cells", sheet=name, limit=lim.max_cells)
            if facts.rows > lim.max_rows:
                raise XlsxError("too_many_rows", sheet=name, limit=lim.max_rows)
            self.long_text(win, name)
            if b"r>" in win:  # <r>, </r> or <x:r>: rich text runs, added up per cell
                self.rich_text(win, b"</c>", name)
            if plain:
                _facts(win, facts, pct_styles)
            else:
                _walk(win, facts, pct_styles)
            _extent(win, facts, refs if plain else None, exact)
        return facts


def _declares_dtd(win: bytes) -> bool:
    """A DTD or entity declaration in the window?

    Here and for the other markers that start with '<', a rare byte of the
    marker is looked for first: `in` finds one byte at memchr speed, while a
    needle starting with '<' stops at every tag (0.6 ms against 17 ms for a
    17 MB check-in sheet, per marker)."""
    return b"!" in win and b"<!" in win and _DTD.search(win) is not None


_TEXT_TAG = re.compile(rb"<(?:[\w.-]+:)?(?:t|v|f)[\s>]")
_ANY_CELL = re.compile(rb"<(?:[\w.-]+:)?c[\s>/]")
_ANY_ROW = re.compile(rb"<(?:[\w.-]+:)?row[\s>/]")


def _cut(buf: bytes, tag: bytes) -> int:
    """Just after the last `tag` in `buf`, if that leaves less than 4 MB over; else -1."""
    end = buf.rfind(tag)
    return end + len(tag) if end >= 0 and len(buf) - end - len(tag) <= _MAX_CARRY else -1


def _start_of(text: bytes) -> str:
    s = " ".join(text[:200].decode("utf-8", "replace").split())[:40]
    return "".join(ch for ch in s if ch.isprintable())


def _cell_before(win: bytes, pos: int) -> str:
    last = None
    for last in _CELL_TAG.finditer(win, 0, pos):
        pass
    return (last.group(1) + last.group(2)).decode() if last else "?"


def _extent(win: bytes, facts: _Facts, refs: int | None, exact: bool = False) -> None:
    """Raise facts.max_col, and facts.row_bound to a row no cell reference in
    the window is below, keeping the dense range calamine allocates in view.

    `refs`: the number of `<c r="` in a window whose cells all start so, or None.
    One bytes.translate serves both bounds. It turns every digit to 0 and
    every column letter up to max_col to A: if as many references read
    `<c r="A0` as there are references, none lies right of max_col (a regex
    looks for the farthest one only when that count falls short). Rows come
    in ascending order: the last cell's row is the likely maximum. If no
    reference has more digits (one find in the zeroed window), 10**digits - 1
    bounds the rows, and only when that bound is too coarse for the area
    budget (or `exact`) does a regex look for the exact farthest row."""
    last = win.rfind(b'<c r="')
    if last >= 0:
        m = _CELL_REF.match(win, last + 6)
        if m:
            facts.max_row = max(facts.max_row, int(m.group(2)))
            if refs is not None:
                facts.last_row = int(m.group(2))
    zeroed = win.translate(_zeroed(min(facts.max_col, 26)))
    if refs is None or facts.max_col > 25 or zeroed.count(b'<c r="A0') != refs:
        pos = 0
        while m := _col_beyond(facts.max_col).search(win, pos):
            facts.max_col, pos = _col_index(m.group(1)), m.start()
    digits = len(str(facts.max_row))
    longer = b"0" * (digits + 1) + b'"' in zeroed
    coarse = 10 ** digits - 1
    if longer or exact or coarse * (facts.max_col + 1) > _budget(facts):
        pos = 0
        while m := _row_beyond(facts.max_row).search(win, pos):
            facts.max_row, pos = int(m.group(1)), m.start()
        facts.row_bound = max(facts.row_bound, facts.max_row)
    else:
        facts.row_bound = max(facts.row_bound, coarse)
        facts.coarse = True


@functools.lru_cache(maxsize=32)
def _zeroed(max_col: int) -> bytes:
    """The translate table: digits to 0, the column letters up to `max_col` (0-based) to A, the others to Z."""
    upper = bytes(range(ord("A"), ord("Z") + 1))
    within = upper[:max_col + 1]
    return bytes.maketrans(b"123456789" + upper, b"000000000" + b"A" * len(within) + b"Z" * (26 - len(within)))


@functools.lru_cache(maxsize=4096)
def _row_beyond(row: int) -> re.Pattern:
    """A cell reference below row `row`."""
    digits = str(row)
    alts = [f"[1-9][0-9]{{{len(digits)},}}"] + _greater(digits, _DIGITS)
    return re.compile(b'<c r="[A-Z]{1,3}(' + "|".join(alts).encode() + b')"')


@functools.lru_cache(maxsize=4096)
def _col_beyond(col0: int) -> re.Pattern:
    """A cell reference right of column `col0`."""
    return re.compile(b'<c r="(' + _letters_above(col0) + b")[0-9]")


@functools.lru_cache(maxsize=64)
def _percent_cells(style: bytes) -> re.Pattern:
    """`<c r="B7" [t="n"] s="<style>"`, reversed."""
    return re.compile(b'"' + style[::-1] + rb'"=s (?:"[a-zA-Z]+"=t )?"([0-9]{1,7})([A-Z]{1,3})"=r c<')


_CELL_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})\"")
_CELL_AT = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_OPEN = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"([^>]*)>')


def _facts(win: bytes, facts: _Facts, pct_styles: frozenset) -> None:
    """Percent cells, formulas without a value and error cells of a window
    whose cells all start `<c r="`: found from their few markers, not by
    looking at every cell."""
    if pct_styles and b' s="' in win:
        backwards = win[::-1]  # the style follows the reference: read backwards, it leads, a literal
        for style in pct_styles:
            for row, letters in _percent_cells(style).findall(backwards):
                facts.percent.add((int(row[::-1]), _col_index(letters[::-1])))
    if (b"f" in win and b"<f" in win) or (b"e" in win and b't="e"' in win):
        for m in _CELL_OPEN.finditer(win):
            if m.group(3).endswith(b"/"):
                continue
            end = win.find(b"</c>", m.end())
            body = win[m.end():end if end >= 0 else len(win)]
            if b"<f" in body or b't="e"' in m.group(3):
                _cell_facts(int(m.group(2)), _col_index(m.group(1)), m.group(3), body, facts)


def _cell_facts(row: int, col: int, attrs: bytes, body: bytes, facts: _Facts) -> None:
    value = _VALUE.search(body)
    if _attr(attrs, b"t") == b"e" and value and value.group(1).strip():
        facts.errors[(row, col)] = CellError(value.group(1).strip().decode("utf-8", "replace"))
    elif _FORMULA.search(body) and not (value and value.group(1)):
        facts.uncached.add((row, col))


_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)</(?:[\w.-]+:)?v>")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s/>]")
_CELL_END = re.compile(rb"</(?:[\w.-]+:)?c>")
_ATTR: dict = {}


def _attr(attrs: bytes, name: bytes) -> bytes | None:
    pat = _ATTR.get(name)
    if pat is None:
        pat = _ATTR[name] = re.compile(rb'(?:^|\s)' + name + rb'\s*=\s*"([^"]*)"')
    m = pat.search(attrs)
    return m.group(1) if m else None


_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>")


def _walk(win: bytes, facts: _Facts, pct_styles: frozenset) -> None:
    """Cell positions counted the way a spreadsheet reader does when `r=` is
    missing: a row without r follows the previous row, a cell without r the
    previous cell. Slow, and only for sheets written that way."""
    row, col = facts.last_row, -1
    for m in _TAG.finditer(win):
        closing, tag, attrs = m.groups()
        if closing:
            continue
        r = _attr(attrs, b"r")
        if tag == b"row":
            row = int(r) if r and r.isdigit() else row + 1
            col = -1
            facts.last_row = row
            continue
        ref = re.match(rb"([A-Za-z]{1,3})([0-9]+)$", r) if r else None
        col = _col_index(ref.group(1)) if ref else col + 1
        facts.max_col = max(facts.max_col, col)
        facts.max_row = max(facts.max_row, row)
        if pct_styles and _attr(attrs, b"s") in pct_styles:
            facts.percent.add((row, col))
        if not attrs.endswith(b"/"):
            end = _CELL_END.search(win, m.end())
            _cell_facts(row, col, attrs, win[m.end():end.start() if end else len(win)], facts)


# --------------------------------------------------------------------------
# the small parts: workbook, relationships, styles (all scanned before this)

_SHEET_ENTRY = re.compile(rb"<(?:[\w.-]+:)?sheet\s([^>]*)>")
_REL = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*)>")
_NUMFMT = re.compile(rb"<(?:[\w.-]+:)?numFmt\s([^>]*)>")
_CELLXFS = re.compile(rb"<(?:[\w.-]+:)?cellXfs[\s>].*?</(?:[\w.-]+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:[\w.-]+:)?xf(?=[\s/>])([^>]*)>")
_DATE1904 = re.compile(rb"<(?:[\w.-]+:)?workbookPr\s[^>]*?\bdate1904\s*=\s*\"([^\"]*)\"")
_RID = re.compile(rb'(?:^|\s)[\w.-]+:id\s*=\s*"([^"]*)"')

_BUILTIN_PERCENT = {9, 10}


def _percent_format(code: str) -> bool:
    """Does a number format code show a percentage (and is not a date)? Only its first section counts."""
    code = re.sub(r'"[^"]*"|\\.|_.|\*.', "", code).split(";")[0]
    bare = re.sub(r"\[[^\]]*\]", "", code)
    return "%" in bare and not re.search(r"[dmyhs]", bare, re.I)


def _percent_styles(xml: bytes) -> frozenset:
    custom = {}
    for m in _NUMFMT.finditer(xml):
        fid, code = _attr(m.group(1), b"numFmtId"), _attr(m.group(1), b"formatCode")
        if fid and fid.isdigit() and code is not None:
            custom[int(fid)] = html.unescape(code.decode("utf-8", "replace"))
    block = _CELLXFS.search(xml)
    out = set()
    for i, m in enumerate(_XF.finditer(block.group(0)) if block else ()):
        fid = _attr(m.group(1), b"numFmtId")
        n = int(fid) if fid and fid.isdigit() else 0
        if (n in custom and _percent_format(custom[n])) or (n not in custom and n in _BUILTIN_PERCENT):
            out.add(str(i).encode())
    return frozenset(out)


def _resolve(base_dir: str, target: str) -> str:
    target = target.replace("\\", "/")
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(base_dir, target)
    return posixpath.normpath(path).lstrip("/")


def _package(zf: zipfile.ZipFile, names: dict) -> tuple[list[tuple[str, str | None]], str | None, bool]:
    """(sheet name, part) in workbook order, the styles part, the 1904 date system flag."""
    wb_name = "xl/workbook.xml"
    if wb_name not in names:
        rels = names.get("_rels/.rels")
        for m in _REL.finditer(zf.read(rels) if rels else b""):
            typ, target = _attr(m.group(1), b"Type") or b"", _attr(m.group(1), b"Target")
            if typ.endswith(b"/officeDocument") and target:
                wb_name = _resolve("", html.unescape(target.decode("utf-8", "replace")))
        if wb_name not in names:
            raise XlsxError("not_xlsx")
    xml = zf.read(names[wb_name])
    base = posixpath.dirname(wb_name)
    targets = {}
    styles = None
    rels_name = posixpath.join(base, "_rels", posixpath.basename(wb_name) + ".rels")
    if rels_name in names:
        for m in _REL.finditer(zf.read(names[rels_name])):
            rid, target = _attr(m.group(1), b"Id"), _attr(m.group(1), b"Target")
            if rid and target and _attr(m.group(1), b"TargetMode") != b"External":
                targets[rid] = _resolve(base, html.unescape(target.decode("utf-8", "replace")))
                if (_attr(m.group(1), b"Type") or b"").endswith(b"/styles"):
                    styles = targets[rid]
    sheets = []
    for i, m in enumerate(_SHEET_ENTRY.finditer(xml)):
        name = _attr(m.group(1), b"name")
        name = html.unescape(name.decode("utf-8", "replace")) if name is not None else f"Sheet{i + 1}"
        rid = _RID.search(m.group(1))
        sheets.append((name, targets.get(rid.group(1)) if rid else None))
    flag = _DATE1904.search(xml)
    # read as calamine reads it (only "1" and "true"), so that our serials agree with its date cells
    return sheets, styles or posixpath.join(base, "styles.xml"), bool(flag) and flag.group(1) in (b"1", b"true")


# --------------------------------------------------------------------------
# the file and the zip


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
        raise XlsxError("csv" if _looks_like_text(data) else "not_xlsx")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as e:
        raise XlsxError("corrupt", detail=f"not a complete zip archive: {e}") from None
    names = zf.namelist()
    if "mimetype" in names:
        info = zf.getinfo("mimetype")
        if info.file_size < 1024 and b"opendocument" in zf.read(info)[:200]:
            raise XlsxError("ods")
    if not any(n.lower().endswith("workbook.xml") for n in names):
        raise XlsxError("not_xlsx")
    return zf


def _preflight(zf: zipfile.ZipFile, limits: Limits) -> None:
    """Declared sizes and compression ratios, and one entry per name: which of
    two same-named parts a reader takes is up to the reader."""
    total = 0
    seen = set()
    for info in zf.infolist():
        if info.filename in seen:
            raise XlsxError("corrupt", detail=f"two parts named {info.filename}")
        seen.add(info.filename)
        size = info.file_size
        total += size
        if size > limits.max_part_bytes:
            raise XlsxError("bomb", limit_mb=limits.max_part_bytes / MB, part=info.filename)
        if total > limits.max_total_bytes:
            raise XlsxError("bomb", limit_mb=limits.max_total_bytes / MB, part=info.filename)
        if size > MB and size > limits.max_ratio * max(info.compress_size, 1):
            raise XlsxError("bomb", limit_mb=size / MB, part=info.filename)


def _is_sheet_part(name: str) -> bool:
    low = name.lower()
    return "worksheets/" in low and low.endswith(".xml")


def _drop_columns_beyond(data: bytes, part: str, max_cols: int) -> bytes:
    """The same package with `part`'s cells right of column `max_cols` removed:
    calamine allocates the dense range up to the farthest value, and we read
    no further than `max_cols` anyway (a stray value in XFD1048576)."""
    cell = re.compile(rb'<(?:[\w.-]+:)?c\s[^>]*?\br="(?:' + _letters_above(max_cols - 1) +
                      rb')[0-9]+"[^>]*?(?:/>|>.*?</(?:[\w.-]+:)?c>)', re.S)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                                   compresslevel=1) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, cell.sub(b"", body) if info.filename == part else body)
    return out.getvalue()


def _budget(f: _Facts) -> int:
    """Dense cells calamine may allocate for a sheet: a floor, or a few times its real cells."""
    return max(_AREA_FLOOR, _AREA_FACTOR * f.cells)


def _too_sparse(f: _Facts) -> bool:
    return max(f.row_bound, f.max_row) * (f.max_col + 1) > _budget(f)


# --------------------------------------------------------------------------
# the entry point


def read_workbook(source, limits: Limits | None = None, fill_merged: bool = True, progress=None,
                  meanwhile=None) -> list[Sheet]:
    """All worksheets (visible and hidden) in workbook order; see the module docstring.

    `progress(sheet_name)`, if given, is called as each sheet is scanned.
    `meanwhile(sheets)`, if given, gets every worksheet but the largest (in
    workbook order) while calamine still reads the largest: the caller's work
    on them overlaps the longest read. What it raises is raised unchanged."""
    limits = limits or Limits()
    data = _load_source(source, limits)
    try:
        zf = _open_zip(data)
        with zf, ThreadPoolExecutor(1, thread_name_prefix="calamine") as pool:
            _preflight(zf, limits)
            return _read(zf, data, limits, pool, fill_merged, progress, meanwhile)
    except XlsxError:
        raise
    except _CallerError as e:
        raise e.error from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise XlsxError("corrupt", detail=f"damaged zip data: {e}") from None
    except RecursionError:
        raise XlsxError("corrupt", detail="nesting too deep") from None
    except MemoryError:
        raise XlsxError("corrupt", detail="out of memory") from None
    except BaseException as e:  # CalamineError, XmlError, a Rust panic (a BaseException) ...
        if not isinstance(e, Exception) and type(e).__name__ != "PanicException":
            raise
        raise XlsxError("corrupt", detail=f"{e.__class__.__name__}: {e}"[:200]) from None


class _CallerError(Exception):
    """What `meanwhile` raised: the caller's own error, not a fault of the file."""

    def __init__(self, error: BaseException):
        super().__init__(repr(error))
        self.error = error


def _read(zf: zipfile.ZipFile, data: bytes, limits: Limits, pool: ThreadPoolExecutor, fill_merged: bool,
          progress, meanwhile=None) -> list[Sheet]:
    """Every part through the byte checks before any parser sees it; each
    worksheet goes to calamine (in `pool`) as soon as its scan has cleared it.
    calamine parses without holding the GIL, so it reads one sheet while the
    scan streams the next. Worksheets go smallest first (by their declared
    size: only an order), so the largest is read last, alone, while the small
    ones are already in Python's hands."""
    scan = _Scan(zf, limits)
    sheets, pct, date1904 = _scan_package(scan)
    workbook = pool.submit(_open_calamine, data, [name for name, _part in sheets])
    index = {}
    for i, (_name, part) in enumerate(sheets):
        index.setdefault(part, []).append(i)
    named = {part: name for name, part in reversed(sheets)}
    pending: dict[int, Future] = {}
    parts = sorted((info for info in zf.infolist() if _is_sheet_part(info.filename)), key=lambda i: i.file_size)
    for k, info in enumerate(parts):  # a worksheet no sheet points at is scanned too
        part = info.filename
        # the largest, read while `meanwhile` works: only calamine's GIL-free parse in the worker, the
        # Python objects after, or the two threads would take turns at the GIL
        later = meanwhile is not None and k == len(parts) - 1
        if progress and part in named:
            progress(named[part])
        f = scan.sheet(info, named.get(part, part), pct)
        if _too_sparse(f) and f.coarse:  # the quick bound on its rows was too coarse: find the farthest row
            scan.cells -= f.cells
            f = scan.sheet(info, named.get(part, part), pct, exact=True)
        source = workbook
        if _too_sparse(f) and f.max_col >= limits.max_cols:
            cleared = _drop_columns_beyond(data, part, limits.max_cols)
            with zipfile.ZipFile(io.BytesIO(cleared)) as again:
                scan.cells -= f.cells
                f = _Scan(again, limits).sheet(again.getinfo(part), named.get(part, part), pct, exact=True)
            source = pool.submit(_open_calamine, cleared, None)
        if _too_sparse(f):
            raise XlsxError("far_cell", sheet=named.get(part, part), row=max(f.row_bound, f.max_row),
                            column=column_letter(max(f.max_col, 0)))
        for i in index.get(part, ()):
            pending[i] = pool.submit(_load, source, i, sheets[i][0], f, date1904, limits, fill_merged, later)
    if meanwhile is not None and parts:
        largest = set(index.get(parts[-1].filename, ()))
        early = [pending[i].result() for i in sorted(pending) if i not in largest]
        try:
            meanwhile([s for s in early if s is not None])
        except BaseException as e:  # noqa: BLE001 - handed back to the caller as it was
            raise _CallerError(e) from None
    out = [pending.pop(i).result() for i in sorted(pending)]
    out = [s() if callable(s) else s for s in out]  # the largest sheet's values, now that the GIL is free
    wb = workbook.result()
    if wb is not None:
        wb.close()
    return [s for s in out if s is not None]


def _scan_package(scan: _Scan) -> tuple[list[tuple[str, str | None]], frozenset, bool]:
    """Every part but the worksheets through the byte checks, then what the
    package says: the sheets (name, part), the percent styles, date1904."""
    zf = scan.zf
    names = {i.filename: i for i in zf.infolist()}
    for info in zf.infolist():
        if _is_sheet_part(info.filename):
            continue
        if info.filename.lower().endswith("sharedstrings.xml"):
            scan.shared_strings(info)
        else:
            scan.other_part(info)
    sheets, styles, date1904 = _package(zf, names)
    pct = _percent_styles(zf.read(names[styles])) if styles in names else frozenset()
    return sheets, pct, date1904


def _open_calamine(data: bytes, names: list[str] | None):
    wb = _calamine.CalamineWorkbook.from_object(io.BytesIO(data))
    if names is not None and [m.name for m in wb.sheets_metadata] != names:
        wb.close()
        raise XlsxError("corrupt", detail="the list of sheets cannot be read")
    return wb


def _load(workbook: Future, i: int, name: str, f: _Facts, date1904: bool, limits: Limits,
          fill_merged: bool, later: bool = False):
    """Sheet i's values from calamine, with what the scan found (in the worker
    thread); with `later`, calamine's parse only, and a function that makes the Sheet."""
    wb = workbook.result()
    meta = wb.sheets_metadata[i]
    if meta.typ != _calamine.SheetTypeEnum.WorkSheet:
        return None
    cal = wb.get_sheet_by_index(i)
    if later:
        return functools.partial(_sheet, cal, meta, name, f, date1904, limits, fill_merged)
    return _sheet(cal, meta, name, f, date1904, limits, fill_merged)


def _sheet(cal, meta, name: str, f: _Facts, date1904: bool, limits: Limits, fill_merged: bool) -> Sheet:
    cols, row0, col0, whitespace = _values(cal, limits.max_cols)
    sheet = Sheet(name=name, columns=cols, row0=row0, col0=col0, date1904=date1904,
                  visible=meta.visible == _calamine.SheetVisibleEnum.Visible, whitespace=whitespace)
    sheet.merged = [(r1 + 1, c1, r2 + 1, c2) for (r1, c1), (r2, c2) in cal.merged_cell_ranges or ()]
    del cal  # calamine's copy of the cells
    sheet.percent = {k for k in f.percent if k[1] < limits.max_cols}
    sheet.uncached = {k for k in f.uncached if k[1] < limits.max_cols}
    for (r, c), err in f.errors.items():  # calamine reads an error cell as ''
        if c < limits.max_cols:
            _grow(sheet, r, r, c, c)
            sheet.columns[c - sheet.col0][r - sheet.row0] = err
    if fill_merged and sheet.merged:
        _fill_merged(sheet, limits.max_cols)
    return sheet


def _values(cal_sheet, max_cols: int) -> tuple[list, int, int, set]:
    """calamine's cells as columns: (columns, first row number, first column,
    the distinct texts that are only whitespace).

    An empty cell is ''; a text or date that repeats is one object (a
    check-in sheet repeats a few thousand ids and a dozen dates 1.3M times)."""
    start = cal_sheet.start
    if start is None or start[1] >= max_cols:
        return [], 1, 0, set()
    keep = max_cols - start[1]
    seen: dict = {}
    cols: list = []
    it = itertools.islice(cal_sheet.iter_rows(), start[0], None)  # it starts at row 1, column start[1]
    while batch := list(itertools.islice(it, _BATCH)):
        width = min(len(batch[0]), keep)
        for j in range(width):
            if j == len(cols):
                cols.append([])
            col = list(map(operator.itemgetter(j), batch))  # a column out of the rows, at C speed
            types = set(map(type, col))
            if types == _FLOAT:
                cols[j].extend(col)
            elif types <= _SHARED:
                cols[j].extend(map(seen.setdefault, col, col))
            elif types <= _SHARED_OR_FLOAT:
                get = seen.setdefault
                cols[j].extend([v if type(v) is float else get(v, v) for v in col])
            else:
                cols[j].extend(_convert(v, seen) for v in col)
    # every text of the sheet went through `seen` (merged cells copy one, error cells are CellError)
    return cols, start[0] + 1, start[1], {v for v in seen if type(v) is str and v.isspace()}


_FLOAT = {float}
_SHARED = {str, bool, _dt.date, _dt.datetime}
_SHARED_OR_FLOAT = _SHARED | _FLOAT


def _convert(v, seen: dict):
    tp = type(v)
    if tp is float:
        return v
    if tp in _SHARED:
        return seen.setdefault(v, v)
    if tp is int:
        return float(v)
    if tp is _dt.time:  # a time-formatted number: the time on the epoch day, as Excel keeps it
        return _dt.datetime.combine(_dt.date(1899, 12, 30), v)
    if tp is _dt.timedelta:
        return _dt.datetime(1899, 12, 30) + v
    return v


def _fill_merged(sheet: Sheet, max_cols: int) -> None:
    """Every cell of a merged range reads as its top-left cell."""
    budget = _MAX_MERGE_FILL
    for r1, c1, r2, c2 in sheet.merged:
        if c1 >= max_cols:
            continue
        c2 = min(c2, max_cols - 1)
        top = sheet.column(c1)
        i1 = r1 - sheet.row0
        v = top[i1] if 0 <= i1 < len(top) else ""
        pct, unc = (r1, c1) in sheet.percent, (r1, c1) in sheet.uncached
        if v == "" and not unc:
            continue
        budget -= (r2 - r1 + 1) * (c2 - c1 + 1)
        if budget < 0:
            raise XlsxError("corrupt", detail="merged cells cover too many cells")
        _grow(sheet, r1, r2, c1, c2)
        for c in range(c1, c2 + 1):
            col = sheet.columns[c - sheet.col0]
            for r in range(r1, r2 + 1):
                if v != "":
                    col[r - sheet.row0] = v
                if pct:
                    sheet.percent.add((r, c))
                if unc:
                    sheet.uncached.add((r, c))


def _grow(sheet: Sheet, r1: int, r2: int, c1: int, c2: int) -> None:
    """Make the columns cover rows r1..r2 and columns c1..c2 (a merged range or
    an error cell beyond calamine's values)."""
    if not sheet.columns:
        sheet.row0, sheet.col0 = r1, c1
    n = sheet.n_rows
    if r1 < sheet.row0:
        for col in sheet.columns:
            col[:0] = [""] * (sheet.row0 - r1)
        n += sheet.row0 - r1
        sheet.row0 = r1
    if c1 < sheet.col0:
        sheet.columns[:0] = [[""] * n for _ in range(sheet.col0 - c1)]
        sheet.col0 = c1
    while sheet.col0 + len(sheet.columns) <= c2:
        sheet.columns.append([""] * n)
    extra = r2 - (sheet.row0 + n - 1)
    if extra > 0:
        for col in sheet.columns:
            col.extend([""] * extra)
