"""The fast path of okr/xlsx.py (python-calamine values + facts from a byte
scan) gives exactly what the expat path gives, falls back where it cannot,
and never lets calamine see a file the scan has not cleared.

Every comparison reads the same bytes twice, `fast=False` and `fast=True`,
and compares sheet by sheet: rows (value *and* type: 1.0 == True in Python),
percent cells, uncached formulas, merged ranges -- or the same refusal.
"""

from __future__ import annotations

import datetime as dt
import glob
import inspect
import io
import types
import zipfile
from pathlib import Path

import openpyxl
import pytest

from okr import template, xlsx
from okr.xlsx import Limits, XlsxError, read_workbook
from tests import conftest
from tests import test_xlsx as tx

ROOT = Path(__file__).resolve().parents[1]
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# ---------------------------------------------------------------- helpers


def canon(result):
    """Sheets -> comparable data with value types; a refusal -> its code and params."""
    if isinstance(result, XlsxError):
        return ("refused", result.code, sorted(result.params.items()))
    return [(s.name, [(r, [(type(v).__name__, v) for v in vals]) for r, vals in s.rows],
             sorted(s.percent), sorted(s.uncached), list(s.merged)) for s in result]


def read_both(source, **kw):
    """(result of the fast path, {sheet: path taken}); asserts it equals the expat path."""
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    out = {}
    for fast in (False, True):
        paths: dict = {}
        try:
            res = read_workbook(data, fast=fast, paths=paths, **kw)
        except XlsxError as e:
            res = e
        out[fast] = (res, paths)
    assert canon(out[True][0]) == canon(out[False][0])
    return out[True]


REAL_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/></Types>')


PACKAGE_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def with_content_types(data: bytes) -> bytes | None:
    """The same zip with a real [Content_Types].xml, if it had the empty placeholder; else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            if src.read("[Content_Types].xml") != b"<Types/>":
                return None
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    body = src.read(info)
                    dst.writestr(info.filename, REAL_CONTENT_TYPES if info.filename == "[Content_Types].xml"
                                 else body)
                if "_rels/.rels" not in src.namelist():
                    dst.writestr("_rels/.rels", PACKAGE_RELS)
            return out.getvalue()
    except Exception:
        return None


def plain_xlsx(sheets: dict[str, str], shared: list[str] | None = None, styles: str | None = None,
               workbook_extra: str = "", raw_shared: str | None = None) -> bytes:
    """A hand-built xlsx laid out as Excel does (content types and all), so calamine reads it.

    sheets: {name: sheetData body}."""
    rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = REAL_CONTENT_TYPES
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        entries = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{NS}" xmlns:r="{rns}">{workbook_extra}'
                                      f"<sheets>{entries}</sheets></workbook>")
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{rel}worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                       for i in range(len(sheets)))
        if shared is not None or raw_shared is not None:
            rels += f'<Relationship Id="rIdS" Type="{rel}sharedStrings" Target="sharedStrings.xml"/>'
            body = raw_shared if raw_shared is not None else "".join(
                f'<si><t xml:space="preserve">{s}</t></si>' for s in shared)
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{NS}">{body}</sst>')
        if styles is not None:
            rels += f'<Relationship Id="rIdT" Type="{rel}styles" Target="styles.xml"/>'
            z.writestr("xl/styles.xml", styles)
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                   f'package/2006/relationships">{rels}</Relationships>')
        for i, body in enumerate(sheets.values()):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", body if body.startswith("<?xml") or
                       body.startswith("<worksheet") else f'<worksheet xmlns="{NS}"><sheetData>{body}'
                                                          f"</sheetData></worksheet>")
    return out.getvalue()


STYLES = (f'<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="14"/><xf numFmtId="164"/>'
          "</cellXfs></styleSheet>")


def grid(n_rows: int, first: int = 1) -> str:
    """Plain rows: a shared string, a date, a percent, a number."""
    return "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>{r % 3}</v></c><c r="B{r}" s="2"><v>{46000 + r % 50}</v></c>'
                   f'<c r="C{r}" s="1"><v>0.{r % 97}</v></c><c r="D{r}"><v>{r * 1.5}</v></c></row>'
                   for r in range(first, first + n_rows))


def plain_grid(n_rows: int = 20, **kw) -> bytes:
    return plain_xlsx({"S": grid(n_rows)}, shared=["KR-1", "KR-2", "KR-3"], styles=STYLES, **kw)


@pytest.fixture
def calamine_opens(monkeypatch):
    """Every workbook calamine is asked to open (the bytes), while still really opening it."""
    real = xlsx._calamine
    opened: list[bytes] = []

    class Workbook:
        @staticmethod
        def from_object(f):
            data = f.getvalue()
            opened.append(data)
            return real.CalamineWorkbook.from_object(io.BytesIO(data))

    monkeypatch.setattr(xlsx, "_calamine", types.SimpleNamespace(CalamineWorkbook=Workbook))
    return opened


# ---------------------------------------------------------------- the two paths agree


def test_plain_workbook_takes_the_fast_path_and_agrees():
    sheets, paths = read_both(plain_grid(30))
    assert paths == {"S": "calamine"}
    s = sheets[0]
    assert s.rows[0] == (1, ["KR-2", dt.datetime(2025, 12, 10), 0.1, 1.5])
    assert (1, 2) in s.percent and (1, 1) not in s.percent


XLSX_TESTS = [name for name, fn in vars(tx).items() if name.startswith("test_") and callable(fn)]


@pytest.mark.parametrize("name", XLSX_TESTS)
def test_every_workbook_of_test_xlsx_reads_the_same_both_ways(name, monkeypatch, tmp_path):
    """Runs each test of tests/test_xlsx.py with `read_workbook` replaced by one
    that reads every workbook both ways, asserts they agree, and returns the
    fast result (so the original test's own assertions check it too)."""
    calls = []

    def both(source, limits=None, fill_merged=True, **kw):
        if isinstance(source, (str, Path)) or hasattr(source, "read"):
            source = Path(source).read_bytes() if not hasattr(source, "read") else source.read()
        if not isinstance(source, (bytes, bytearray)):
            return read_workbook(source, limits, fill_merged, **kw)
        res = {}
        for fast in (False, True):
            try:
                res[fast] = read_workbook(source, limits, fill_merged, fast=fast)
            except XlsxError as e:
                res[fast] = e
        assert canon(res[True]) == canon(res[False])
        # tests/test_xlsx.py's hand-built files have an empty [Content_Types].xml, which calamine
        # refuses (so they fall back): read them again with real content types, so calamine does read
        fixed = with_content_types(source)
        if fixed is not None:
            paths: dict = {}
            try:
                again = read_workbook(fixed, limits, fill_merged, fast=True, paths=paths)
            except XlsxError as e:
                again = e
            assert canon(again) == canon(res[False])
            calls.extend(paths.values())
        if isinstance(res[True], XlsxError):
            raise res[True]
        return res[True]

    monkeypatch.setattr(tx, "read_workbook", both)
    fn = getattr(tx, name)
    available = {"tmp_path": tmp_path, "monkeypatch": monkeypatch}
    params = inspect.signature(fn).parameters
    if not set(params) <= set(available):
        pytest.skip(f"needs fixtures {set(params) - set(available)}")
    fn(**{p: available[p] for p in params})


def _conftest_workbooks(tmp_path) -> dict[str, Path]:
    c = conftest
    cases = {
        "spec": dict(sheets=c.canonical_sheets()),
        "flat": dict(sheets={"OKR's": c.flat_rows()}),
        "flat_repeated": dict(sheets={"OKR's": c.flat_rows(blank_below=False)}),
        "broken": dict(sheets=c.broken_sheets()),
        "percent_merged": dict(sheets=c.canonical_sheets(), percent={"Key Results": ["F2", "G2", "G4"]},
                               merges={"Objectives": ["C2:C3"], "Key Results": ["D5:D6"]}),
        "checkins": dict(sheets=c.canonical_sheets(extra={"Check-ins": [
            ["key result", "date", "value", "comment"], ["KR-S-1", dt.date(2026, 1, 15), 3, "ok"],
            ["KR-S-1", dt.datetime(2026, 1, 22, 9, 30), 0.25, None], ["KR-S-2", "2026-01-29", "1,5", True]]})),
    }
    out = {}
    for name, kw in cases.items():
        out[name] = c.write_xlsx(tmp_path / f"{name}.xlsx", kw.pop("sheets"), **kw)
    return out


def test_conftest_workbooks_read_the_same_both_ways(tmp_path):
    taken = []
    for name, path in _conftest_workbooks(tmp_path).items():
        _sheets, paths = read_both(path)
        taken += paths.values()
    # openpyxl-written workbooks (inline strings) go through calamine too, not only through the fallback
    assert taken.count("calamine") >= len(taken) // 2, taken


def test_sample_data_template_and_benchmark_read_the_same_both_ways(tmp_path):
    from benchmarks import generate

    files = sorted(glob.glob(str(ROOT / "sample_data" / "*.xlsx")))
    assert len(files) >= 6
    for lang in ("en", "nl"):
        template.write_template(tmp_path / f"template-{lang}.xlsx", lang)
        files.append(tmp_path / f"template-{lang}.xlsx")
    files.append(generate.write(tmp_path / "bench-300.xlsx", 300))
    for f in files:
        _sheets, paths = read_both(f)
        if "template" not in str(f):
            assert set(paths.values()) == {"calamine"}, (f, paths)


# ---------------------------------------------------------------- what falls back, and why


@pytest.mark.parametrize("case,body", [
    ("formula", '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row>'),
    ("uncached formula", '<row r="2"><c r="A2"><f>1+1</f></c></row>'),
    ("error cell", '<row r="2"><c r="A2" t="e"><v>#N/A</v></c></row>'),
    ("cell without r", '<row r="2"><c><v>7</v></c></row>'),
    ("row without r", '<row><c r="A2"><v>7</v></c></row>'),
    ("cell in another row", '<row r="2"><c r="A5"><v>7</v></c></row>'),
    ("rows out of order", '<row r="2"><c r="A2"><v>7</v></c></row><row r="1"><c r="A1"><v>8</v></c></row>'),
    ("iso date cell", '<row r="2"><c r="A2" t="d"><v>2026-01-15</v></c></row>'),
    ("shared string index 1.5", '<row r="2"><c r="A2" t="s"><v>1.5</v></c></row>'),
    ("boolean 2", '<row r="2"><c r="A2" t="b"><v>2</v></c></row>'),
    ("number with spaces", '<row r="2"><c r="A2"><v> 7 </v></c></row>'),
    ("date with a time of day", '<row r="2"><c r="A2" s="2"><v>46000.5</v></c></row>'),
])
def test_fallback_triggers(case, body):
    good = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>'
    control = plain_xlsx({"S": good, "T": good}, shared=["x", "y"], styles=STYLES)
    assert read_both(control)[1] == {"S": "calamine", "T": "calamine"}
    first = body if case == "rows out of order" else good + body
    result, paths = read_both(plain_xlsx({"S": first, "T": good}, shared=["x", "y"], styles=STYLES))
    if isinstance(result, XlsxError):  # both paths refuse it (a string index that is no index)
        assert result.code == "corrupt"
        return
    assert paths["S"].startswith("expat: "), paths
    assert paths["T"] == "calamine"  # one odd sheet does not slow the others down


def test_prefixed_namespace_falls_back():
    body = (f'<x:worksheet xmlns:x="{NS}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
            "</x:sheetData></x:worksheet>")
    sheets, paths = read_both(plain_xlsx({"S": body}))
    assert paths["S"].startswith("expat: cells outside the plain grammar")
    assert sheets[0].rows == [(1, [1.0])]


def test_strings_calamine_would_trim_or_decode_differently_fall_back():
    cases = ["<si><t>  lead</t></si>", "<si><t>trail </t></si>", "<si><t>a_xD83D_b</t></si>",
             "<si><r><t>a</t></r><r><t> b</t></r></si>"]
    for raw in cases:
        data = plain_xlsx({"S": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'}, raw_shared=raw)
        sheets, paths = read_both(data)
        assert paths["S"] == "expat: workbook layout", raw
    sheets, paths = read_both(plain_xlsx({"S": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'},
                                         raw_shared='<si><t xml:space="preserve">  kept  </t></si>'))
    assert paths["S"] == "calamine" and sheets[0].rows == [(1, ["  kept  "])]


@pytest.mark.parametrize("flag,fast", [("1", True), ("true", True), ("0", True), ("TRUE", False), (" 1", False)])
def test_date1904_as_written(flag, fast):
    """calamine reads date1904 only as exactly '1' or 'true'; we accept more, so anything else falls back."""
    data = plain_xlsx({"S": grid(3)}, shared=["a", "b", "c"], styles=STYLES,
                      workbook_extra=f'<workbookPr date1904="{flag}"/>')
    sheets, paths = read_both(data)
    assert (paths["S"] == "calamine") is fast
    expected = dt.datetime(2029, 12, 11) if flag.strip().lower() in ("1", "true") else dt.datetime(2025, 12, 10)
    assert sheets[0].rows[0][1][1] == expected


def test_dates_of_the_1900_system_and_its_leap_year_quirk():
    body = "".join(f'<row r="{i + 1}"><c r="A{i + 1}" s="2"><v>{v}</v></c></row>'
                   for i, v in enumerate([1, 59, 60, 61, 45000, 2958465, 2958466, 1e9]))
    sheets, paths = read_both(plain_xlsx({"S": body}, styles=STYLES))
    assert paths["S"] == "calamine"
    assert [v for _r, (v,) in sheets[0].rows][:5] == [dt.datetime(1900, 1, 1), dt.datetime(1900, 2, 28),
                                                      dt.datetime(1900, 2, 28), dt.datetime(1900, 3, 1),
                                                      dt.datetime(2023, 3, 15)]
    assert [v for _r, (v,) in sheets[0].rows][6:] == [2958466.0, 1e9]  # past year 9999: the number


def test_sparse_sheet_never_reaches_calamine(calamine_opens):
    """A1 and XFD1048576: calamine would allocate 17 billion cells; the scan sends it to expat."""
    data = plain_xlsx({"S": '<row r="1"><c r="A1"><v>1</v></c></row>'
                            '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'})
    sheets, paths = read_both(data)
    assert paths["S"].startswith("expat: sparse")
    assert sheets[0].rows == [(1, [1.0])]
    assert data not in calamine_opens


# ---------------------------------------------------------------- safety before calamine


def test_doctype_deep_in_a_sheet_is_refused_before_calamine_runs(calamine_opens):
    n = 12_000  # > 1 MB of plain cells before the declaration
    body = grid(n)
    assert len(body) > 1024 * 1024
    clean = plain_xlsx({"S": body}, shared=["a", "b", "c"], styles=STYLES)
    assert read_both(clean)[1] == {"S": "calamine"}
    assert clean in calamine_opens
    calamine_opens.clear()
    sheet = (f'<worksheet xmlns="{NS}"><sheetData>{body}<!DOCTYPE x [<!ENTITY a "b">]>'
             f'<row r="{n + 1}"><c r="A{n + 1}"><v>1</v></c></row></sheetData></worksheet>')
    data = plain_xlsx({"S": sheet}, shared=["a", "b", "c"], styles=STYLES)
    with pytest.raises(XlsxError) as ei:
        read_workbook(data)
    assert ei.value.code == "doctype" and ei.value.params["part"] == "xl/worksheets/sheet1.xml"
    assert data not in calamine_opens


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml",
                                  "xl/_rels/workbook.xml.rels", "[Content_Types].xml"])
def test_entity_declaration_anywhere_in_any_part_is_refused_before_calamine(part, calamine_opens):
    data = plain_grid(5)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == part:
                # after the root's first child: far past where a prolog DOCTYPE would be
                cut = body.index(b">", body.index(b"<", body.index(b"<") + 1)) + 1
                body = body[:cut] + b"<!-- " + b"x" * 20_000 + b' --><!ENTITY e "boom">' + body[cut:]
            dst.writestr(info.filename, body)
    with pytest.raises(XlsxError) as ei:
        read_workbook(out.getvalue())
    assert ei.value.code == "doctype" and ei.value.params["part"] == part
    assert not calamine_opens  # not even the style probe


def test_row_cap_holds_before_calamine_runs(calamine_opens):
    data = plain_grid(50)
    assert read_both(data, limits=Limits(max_rows=50))[1] == {"S": "calamine"}
    calamine_opens.clear()
    with pytest.raises(XlsxError) as ei:
        read_workbook(data, limits=Limits(max_rows=49))
    assert (ei.value.code, ei.value.params) == ("too_many_rows", {"sheet": "S", "limit": 49})
    assert data not in calamine_opens
    # empty rows count too, as in the expat path
    data = plain_xlsx({"S": grid(10) + "".join(f'<row r="{r}"/>' for r in range(11, 60))},
                      shared=["a", "b", "c"], styles=STYLES)
    with pytest.raises(XlsxError) as ei:
        read_workbook(data, limits=Limits(max_rows=58))
    assert ei.value.code == "too_many_rows"
    assert data not in calamine_opens


def test_cell_cap_holds_before_calamine_runs(calamine_opens):
    data = plain_grid(50)  # 200 cells
    with pytest.raises(XlsxError) as ei:
        read_workbook(data, limits=Limits(max_cells=199))
    assert ei.value.code == "too_many_cells"
    assert data not in calamine_opens


def test_switch_and_default():
    assert xlsx.FAST is True
    paths: dict = {}
    read_workbook(plain_grid(3), paths=paths)
    assert paths == {"S": "calamine"}
    read_workbook(plain_grid(3), fast=False, paths=paths)
    assert paths == {"S": "expat: fast path off"}


def test_openpyxl_workbook_with_formula_sheet_and_plain_sheet(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plain"
    ws.append(["id", "value", "when"])
    ws.append(["KR-1", 0.25, dt.date(2026, 3, 1)])
    ws["B2"].number_format = "0%"
    f = wb.create_sheet("Formulas")
    f.append(["a", "=1+1"])
    wb.save(tmp_path / "mixed.xlsx")
    sheets, paths = read_both(tmp_path / "mixed.xlsx")
    assert paths["Plain"] == "calamine" and paths["Formulas"].startswith("expat: ")
    assert sheets[0].percent == {(2, 1)} and sheets[1].uncached == {(1, 1)}
