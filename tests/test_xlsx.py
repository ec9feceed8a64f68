"""Tests for okr/xlsx.py: the byte scan, then python-calamine for the values."""

from __future__ import annotations

import datetime as dt
import io
import types
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import numbers

from okr import template, xlsx
from okr.xlsx import CellError, Limits, Sheet, XlsxError, column_letter, read_workbook
from tests.conftest import SAMPLE_DIR, canonical_sheets, package_xlsx, sheet_xml, write_xlsx

# ---------------------------------------------------------------- helpers


def save(wb, tmp_path, name="wb.xlsx"):
    path = tmp_path / name
    wb.save(path)
    return path


def rewrite(path, replace: dict[str, callable], add: dict[str, bytes] | None = None) -> bytes:
    """Copy the zip at `path`, transforming members named in `replace` (bytes -> bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in replace:
                data = replace[info.filename](data)
            dst.writestr(info.filename, data)
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def one_sheet(body: str, **kw) -> bytes:
    return package_xlsx({"S": body}, **kw)


def code_of(source, **kw) -> str:
    with pytest.raises(XlsxError) as ei:
        read_workbook(source, **kw)
    return ei.value.code


def as_dict(sheet: Sheet) -> dict:
    return {(r, c): v for r, vals in sheet.rows for c, v in enumerate(vals) if v is not None}


@pytest.fixture
def calamine_calls(monkeypatch):
    """What python-calamine is asked to do, while still really doing it:
    "open" for a workbook (it reads the shared strings then), ("sheet", i)
    for a worksheet it parses."""
    real = xlsx._calamine
    events: list = []

    class Workbook:
        def __init__(self, wb):
            self.wb = wb
            self.sheets_metadata = wb.sheets_metadata

        @staticmethod
        def from_object(f):
            events.append("open")
            return Workbook(real.CalamineWorkbook.from_object(f))

        def get_sheet_by_index(self, i):
            events.append(("sheet", i))
            return self.wb.get_sheet_by_index(i)

        def close(self):
            self.wb.close()

    monkeypatch.setattr(xlsx, "_calamine", types.SimpleNamespace(
        CalamineWorkbook=Workbook, SheetTypeEnum=real.SheetTypeEnum, SheetVisibleEnum=real.SheetVisibleEnum))
    return events


STYLES = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/>'
          '<numFmt numFmtId="165" formatCode="0.0%"/><numFmt numFmtId="166" formatCode="[Red]0.00"/>'
          '<numFmt numFmtId="167" formatCode="0.00&quot;%&quot;"/></numFmts>'
          '<cellStyleXfs><xf numFmtId="10"/></cellStyleXfs>'
          '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>'
          '<xf numFmtId="14"/><xf numFmtId="10"/><xf numFmtId="167"/></cellXfs></styleSheet>')


# ---------------------------------------------------------------- values


def test_values_types_and_formats(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Key Results"
    ws["A1"] = "id"
    ws["B1"] = "Omzet €"
    ws["A2"] = "KR-1"
    ws["B2"] = 42
    ws["C2"] = 1.5
    ws["D2"] = True
    ws["E2"] = False
    ws["F2"] = dt.datetime(2026, 3, 31, 14, 30)
    ws["F2"].number_format = "yyyy-mm-dd hh:mm"
    ws["G2"] = dt.datetime(2025, 3, 4)
    ws["G2"].number_format = "dd-mm-yyyy"
    ws["H2"] = 0.45
    ws["H2"].number_format = "0%"
    ws["I2"] = 0.125
    ws["I2"].number_format = numbers.FORMAT_PERCENTAGE_00
    ws["J2"] = "#N/A"  # openpyxl writes this as an error cell (t="e")
    ws["K2"] = 1234.5
    ws["K2"].number_format = '#,##0.00 "days"'  # 'd' inside quotes: not a date
    wb.create_sheet("Hidden").sheet_state = "hidden"
    wb["Hidden"]["A1"] = "x"
    (s, hidden) = read_workbook(save(wb, tmp_path))
    assert (s.name, s.visible, hidden.name, hidden.visible) == ("Key Results", True, "Hidden", False)
    assert s.rows[0] == (1, ["id", "Omzet €"])
    r, vals = s.rows[1]
    assert r == 2
    assert vals[0] == "KR-1"
    assert vals[1] == 42.0 and type(vals[1]) is float and vals[2] == 1.5
    assert vals[3] is True and vals[4] is False
    assert vals[5] == dt.datetime(2026, 3, 31, 14, 30)
    assert vals[6] == dt.date(2025, 3, 4)
    assert vals[7] == 0.45 and vals[8] == 0.125  # raw values; the caller multiplies
    assert isinstance(vals[9], CellError) and vals[9] == "#N/A"
    assert vals[10] == 1234.5 and not isinstance(vals[10], dt.date)
    assert s.percent == {(2, 7), (2, 8)}
    assert s.uncached == set()
    assert hidden.rows == [(1, ["x"])]


def test_shared_strings_rich_text_inline_str_error_and_iso_date():
    shared = ("<si><t>plain</t></si>"
              # Excel marks kept spaces (xml:space="preserve"); python-calamine trims unmarked ones
              '<si><r><t xml:space="preserve">rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>PHON</t></rPh></si>'

              "<si><t>line_x000D_break</t></si>")
    body = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
            '<c r="D1" t="inlineStr"><is><t>inline</t></is></c>'
            '<c r="E1" t="str"><f>A1&amp;"x"</f><v>plainx</v></c>'
            '<c r="F1" t="e"><v>#DIV/0!</v></c>'
            '<c r="G1" t="d"><v>2026-01-31T00:00:00</v></c></row>')
    (s,) = read_workbook(one_sheet(body, raw_shared=shared))
    assert s.rows == [(1, ["plain", "rich text", "line\rbreak", "inline", "plainx",
                           CellError("#DIV/0!"), dt.datetime(2026, 1, 31)])]


def test_prefixed_and_strict_namespaces_and_missing_refs():
    for ns in ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
               "http://purl.oclc.org/ooxml/spreadsheetml/main"):
        xml = (f'<x:worksheet xmlns:x="{ns}"><x:sheetData>'
               '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row>'
               '<x:row><x:c r="C2"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>'
               '<x:row r="5"><x:c><x:f>1+1</x:f></x:c></x:row>'
               '<x:row><x:c><x:v>6</x:v></x:c></x:row>'
               "</x:sheetData></x:worksheet>")
        (s,) = read_workbook(one_sheet(xml))
        assert s.rows == [(1, ["a", 1.0]), (2, [None, None, 3.0, 4.0]), (6, [6.0])]
        assert s.uncached == {(5, 0)}  # found by counting positions: the cells have no r=


def test_percent_styles_date_styles_and_the_1904_date_system():
    body = ('<row r="1"><c r="A1" s="0"><v>1</v></c><c r="B1" s="1"><v>1</v></c><c r="C1" s="2"><v>0.5</v></c>'
            '<c r="D1" s="3"><v>7</v></c><c r="E1" s="4"><v>366</v></c><c r="F1" s="5"><v>0.1</v></c>'
            '<c r="G1" s="6"><v>12</v></c><c r="H1" t="s" s="2"><v>0</v></c></row>')
    (s,) = read_workbook(one_sheet(body, styles=STYLES, shared=["12%"], workbook_extra='<workbookPr date1904="1"/>'))
    assert s.rows == [(1, [1.0, dt.date(1904, 1, 2), 0.5, 7.0, dt.date(1905, 1, 1), 0.1, 12.0, "12%"])]
    # 0.0% and the built-in 10 are percent; "0.00"%"" shows a quoted % sign, not a percentage
    assert s.percent == {(1, 2), (1, 5), (1, 7)}
    assert s.date1904
    (s,) = read_workbook(one_sheet(body, styles=STYLES, shared=["12%"]))  # the 1900 system
    assert s.rows[0][1][4] == dt.date(1900, 12, 31) and not s.date1904


def test_percent_style_written_before_the_reference_or_on_a_row():
    body = ('<row r="1" s="2" customFormat="1"><c s="2" r="A1"><v>0.5</v></c><c r="B1"><v>0.5</v></c></row>'
            '<row r="2"><c r="A2" t="n" s="2"><v>0.25</v></c></row>')
    (s,) = read_workbook(one_sheet(body, styles=STYLES))
    assert s.percent == {(1, 0), (2, 0)}


def test_formula_cached_value_and_uncached(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = 2
    ws["B1"] = "=A1*2"
    ws["C1"] = "=A1/0"
    ws["A3"] = "=NOW()"  # a row holding only an uncached formula
    path = save(wb, tmp_path)

    def add_cache(xml: bytes) -> bytes:
        # openpyxl never writes cached values: add one for B1 only
        return xml.replace(b"<f>A1*2</f><v></v>", b"<f>A1*2</f><v>4</v>").replace(
            b"<f>A1*2</f><v />", b"<f>A1*2</f><v>4</v>").replace(b"<f>A1*2</f></c>", b"<f>A1*2</f><v>4</v></c>")

    data = rewrite(path, {"xl/worksheets/sheet1.xml": add_cache})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"<v>4</v>" in z.read("xl/worksheets/sheet1.xml")
    (s,) = read_workbook(data)
    d = as_dict(s)
    assert d[(1, 0)] == 2.0 and d[(1, 1)] == 4.0
    assert (1, 2) not in d
    assert s.uncached == {(1, 2), (3, 0)}


def test_merged_ranges_filled(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["objective", "kr", "target"])
    ws.append(["Grow", "KR a", 0.5])
    ws.append([None, "KR b", None])
    ws.append([None, "KR c", None])
    ws["C2"].number_format = "0%"
    ws.merge_cells("A2:A4")
    ws.merge_cells("C2:C3")
    ws["E7"] = "title"
    ws.merge_cells("E7:F8")  # row 8 does not exist in the sheet XML
    path = save(wb, tmp_path)
    (s,) = read_workbook(path)
    assert sorted(s.merged) == [(2, 0, 4, 0), (2, 2, 3, 2), (7, 4, 8, 5)]
    d = as_dict(s)
    assert [d.get((r, 0)) for r in (2, 3, 4)] == ["Grow"] * 3
    assert d[(3, 2)] == 0.5 and (4, 2) not in d
    assert {(2, 2), (3, 2)} <= s.percent
    assert d[(7, 5)] == d[(8, 4)] == d[(8, 5)] == "title"
    (raw,) = read_workbook(path, fill_merged=False)
    assert (3, 0) not in as_dict(raw)


def test_title_rows_above_header_keep_row_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "OKRs Q1 2026"
    ws["B4"] = "Doelstelling"
    ws["C4"] = "Kernresultaat"
    ws["B5"] = "Groei"
    (s,) = read_workbook(save(wb, tmp_path))
    assert s.rows == [(1, ["OKRs Q1 2026"]), (4, [None, "Doelstelling", "Kernresultaat"]), (5, [None, "Groei"])]


def test_dimension_ignored_and_a_stray_value_in_column_xfd_dropped():
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="XFD{r}"><v>9</v></c></row>'
                   for r in range(1, 2001))
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<dimension ref="A1:XFD1048576"/><sheetData>' + body + "</sheetData></worksheet>")
    (s,) = read_workbook(one_sheet(xml))
    assert len(s.rows) == 2000 and len(s.columns) == 1
    assert s.rows[-1] == (2000, [2000.0])


def test_a_value_far_below_the_table_is_refused_with_its_sheet():
    body = '<row r="1"><c r="A1"><v>1</v></c><c r="L1"><v>2</v></c></row>' \
           '<row r="1048576"><c r="L1048576"><v>3</v></c></row>'
    e = pytest.raises(XlsxError, read_workbook, one_sheet(body)).value
    assert e.code == "far_cell" and e.params == {"sheet": "S", "row": 1048576, "column": "L"}


def test_an_empty_styled_cell_far_away_is_no_value():
    body = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" s="1"/></row>'
    (s,) = read_workbook(one_sheet(body))
    assert s.rows == [(1, [1.0])]


def test_max_cols_limit():
    body = '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c></row>'
    (s,) = read_workbook(one_sheet(body), limits=Limits(max_cols=3))
    assert s.rows == [(1, [1.0, None, 3.0])]


def test_column_letter():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702, 16383)] == ["A", "Z", "AA", "AB", "ZZ", "AAA", "XFD"]


def test_sheet_order_and_relative_absolute_targets(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Objectives"
    wb.create_sheet("Key Results")
    wb.create_sheet("Check-ins", 0)
    for ws in wb.worksheets:
        ws["A1"] = ws.title
    (a, b, c) = read_workbook(save(wb, tmp_path))
    assert [a.name, b.name, c.name] == ["Check-ins", "Objectives", "Key Results"]
    assert [x.rows[0][1][0] for x in (a, b, c)] == ["Check-ins", "Objectives", "Key Results"]


def test_an_escape_character_arrives_as_a_character():
    (s,) = read_workbook(one_sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=["Sales_x001B_[31m"]))
    assert s.rows == [(1, ["Sales\x1b[31m"])]  # parse.text() takes it out before anyone sees it


# ---------------------------------------------------------------- the values are the ones Excel holds


def openpyxl_view(path: Path) -> dict:
    """{sheet: ({(row, col): value}, {percent cells})} as openpyxl reads the file (an independent reader)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in wb.worksheets:
        cells, pct = {}, set()
        for row in ws.iter_rows():
            for c in row:
                if c.value is None or c.value == "":
                    continue
                v = c.value
                if isinstance(v, dt.datetime) and v.time() == dt.time():
                    v = v.date()
                elif isinstance(v, (int, float)) and not isinstance(v, bool):
                    v = float(v)
                    if "%" in c.number_format.split(";")[0].replace('"%"', ""):
                        pct.add((c.row, c.column - 1))
                cells[(c.row, c.column - 1)] = v
        out[ws.title] = (cells, pct)
    return out


def benchmark_workbook(tmp_path: Path) -> Path:
    from benchmarks import generate

    return generate.write(tmp_path / "bench.xlsx", 120)


@pytest.mark.parametrize("source", ["sample", "template", "benchmark", "spec"])
def test_every_value_and_percent_cell_is_the_one_openpyxl_reads(source, tmp_path):
    """A wrong value on the read path (a date off by a day, a number scaled,
    a text trimmed, a percent flag lost) fails here: openpyxl is the referee."""
    if source == "sample":
        paths = sorted(SAMPLE_DIR.glob("*.xlsx"))
    elif source == "template":
        paths = [tmp_path / f"t-{lang}.xlsx" for lang in ("en", "nl")]
        for p, lang in zip(paths, ("en", "nl")):
            template.write_template(p, lang=lang)
    elif source == "benchmark":
        paths = [benchmark_workbook(tmp_path)]
    else:
        paths = [write_xlsx(tmp_path / "spec.xlsx", canonical_sheets(), percent={"Key Results": ["E2"]})]
    assert paths
    for path in paths:
        expected = openpyxl_view(path)
        sheets = read_workbook(path, fill_merged=False)
        assert [s.name for s in sheets] == list(expected)
        for s in sheets:
            cells, pct = expected[s.name]
            got = as_dict(s)
            assert got == cells, (path.name, s.name, set(got.items()) ^ set(cells.items()))
            assert {k for k in s.percent if isinstance(got.get(k), float)} == pct, (path.name, s.name)


# ---------------------------------------------------------------- refusals


def test_empty(tmp_path):
    p = tmp_path / "e.xlsx"
    p.write_bytes(b"")
    assert code_of(p) == "empty"
    assert code_of(b"") == "empty"


def test_ole2_xls_and_encrypted():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert code_of(ole + "Workbook".encode("utf-16-le")) == "xls"
    assert code_of(ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100) == "encrypted"
    assert code_of(ole + "EncryptedPackage".encode("utf-16-le")) == "encrypted"


def test_ods():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    assert code_of(out.getvalue()) == "ods"


def test_csv_text():
    assert code_of("id;objective;team\nO-1;Groei;Sales\n".encode("utf-8")) == "csv"
    assert code_of("id,objective\nO-1,Café\n".encode("latin-1")) == "csv"
    assert code_of("\ufeffid\tobjective\n".encode("utf-16")) == "csv"


def test_not_xlsx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert code_of(out.getvalue()) == "not_xlsx"
    assert code_of(b"%PDF-1.7\n\x00\x01\x02\xff binary") == "not_xlsx"


def test_truncated_zip(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    data = save(wb, tmp_path).read_bytes()
    assert code_of(data[: len(data) // 2]) == "corrupt"


def test_corrupt_member_data():
    data = bytearray(one_sheet('<row r="1"><c r="A1"><v>1</v></c></row>' * 50))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + 25):
        data[i] ^= 0xFF
    e = pytest.raises(XlsxError, read_workbook, bytes(data)).value
    assert e.code == "corrupt" and e.params["detail"]
    assert "damaged" in str(e)


def test_two_zip_entries_with_one_name_are_refused(calamine_calls):
    data = bytearray(package_xlsx({"S": '<row r="1"><c r="A1"><v>1</v></c></row>'},
                                  extra_parts={"xl/worksheets/sheet9.xml": sheet_xml('<row r="1"><c r="A1"><v>2</v>'
                                                                                    "</c></row>")}))
    # rename the extra entry (local header and central directory) to the first sheet's name
    data = bytes(data).replace(b"xl/worksheets/sheet9.xml", b"xl/worksheets/sheet1.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert [i.filename for i in z.infolist()].count("xl/worksheets/sheet1.xml") == 2
    e = pytest.raises(XlsxError, read_workbook, data).value
    assert e.code == "corrupt" and "two parts named xl/worksheets/sheet1.xml" in str(e)
    assert calamine_calls == []


def test_file_too_large(tmp_path):
    p = tmp_path / "big.xlsx"
    p.write_bytes(b"PK" + b"\x00" * 5000)
    e = pytest.raises(XlsxError, read_workbook, p, limits=Limits(max_file_bytes=1000)).value
    assert e.code == "too_large" and e.params["limit_mb"] == 1000 / 1024 / 1024


def test_zip_bomb_declared_size_and_ratio():
    data = one_sheet(sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + (" " * 1000 + "<!---->") * 3000))
    # the ratio check (3 MB of spaces compresses > 200:1)
    assert code_of(data) == "bomb"
    # the declared-size check
    assert code_of(data, limits=Limits(max_part_bytes=1024 * 1024, max_ratio=1e9)) == "bomb"
    assert code_of(data, limits=Limits(max_total_bytes=2 * 1024 * 1024, max_ratio=1e9)) == "bomb"
    # generous limits: it is a valid (if silly) workbook
    (s,) = read_workbook(data, limits=Limits(max_ratio=1e9))
    assert s.rows == [(1, [1.0])]


def test_zip_bomb_lying_declared_size(calamine_calls):
    """Declared sizes are small, but the member actually inflates past the part limit."""
    data = bytearray(one_sheet(sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (2 * 1024 * 1024))))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        real = z.getinfo("xl/worksheets/sheet1.xml").file_size
    fake, real_b = (1000).to_bytes(4, "little"), real.to_bytes(4, "little")
    n, pos = 0, data.find(real_b)
    while pos >= 0:  # the uncompressed size in the local header and the central directory
        data[pos: pos + 4] = fake
        n += 1
        pos = data.find(real_b, pos + 4)
    assert n >= 2
    e = pytest.raises(XlsxError, read_workbook, bytes(data), limits=Limits(max_part_bytes=512 * 1024)).value
    assert e.code in ("bomb", "corrupt")
    assert ("sheet", 0) not in calamine_calls


def test_streaming_byte_count_enforces_part_limit(monkeypatch):
    """Even if the pre-flight (declared sizes) were fooled, streaming counts real bytes."""
    data = one_sheet(sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (2 * 1024 * 1024)))
    monkeypatch.setattr(xlsx, "_preflight", lambda zf, limits: None)
    e = pytest.raises(XlsxError, read_workbook, data, limits=Limits(max_part_bytes=512 * 1024)).value
    assert e.code == "bomb" and e.params["part"] == "xl/worksheets/sheet1.xml"
    e = pytest.raises(XlsxError, read_workbook, data, limits=Limits(max_total_bytes=1024 * 1024)).value
    assert e.code == "bomb"


LOL = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
       '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')


def test_doctype_entity_expansion_sheet(calamine_calls):
    data = one_sheet(LOL + sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'))
    e = pytest.raises(XlsxError, read_workbook, data).value
    assert e.code == "doctype" and e.params["part"] == "xl/worksheets/sheet1.xml"
    assert ("sheet", 0) not in calamine_calls


def test_external_entity_shared_strings(calamine_calls):
    xxe = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>')
    data = one_sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', raw_shared=xxe)
    e = pytest.raises(XlsxError, read_workbook, data).value
    assert e.code == "doctype" and e.params["part"] == "xl/sharedStrings.xml"
    assert calamine_calls == []


@pytest.mark.parametrize("where", ["head", "deep"])
def test_doctype_anywhere_in_a_sheet_is_refused_before_calamine_runs(where, calamine_calls):
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 60_001))
    comment = "<!--" + "x" * 20_000 + "-->"
    xml = (comment + LOL + sheet_xml(rows)) if where == "head" else \
        sheet_xml(rows[: len(rows) // 2] + '<!DOCTYPE x [<!ENTITY e "boom">]>' + rows[len(rows) // 2:])
    assert code_of(one_sheet(xml)) == "doctype"
    assert ("sheet", 0) not in calamine_calls


def test_too_many_rows_counts_empty_rows(calamine_calls):
    body = "".join(f'<row r="{r}"/>' for r in range(1, 101)) + '<row r="101"><c r="A101"><v>1</v></c></row>'
    data = one_sheet(body)
    e = pytest.raises(XlsxError, read_workbook, data, limits=Limits(max_rows=100)).value
    assert e.code == "too_many_rows" and e.params == {"sheet": "S", "limit": 100}
    assert ("sheet", 0) not in calamine_calls
    (s,) = read_workbook(data, limits=Limits(max_rows=101))
    assert s.rows == [(101, [1.0])]


def test_too_many_cells_in_the_workbook(calamine_calls):
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="B{r}"><v>2</v></c></row>' for r in range(1, 51))
    data = package_xlsx({"A": body, "B": body})
    e = pytest.raises(XlsxError, read_workbook, data, limits=Limits(max_cells=150)).value
    assert e.code == "too_many_cells" and e.params == {"sheet": "B", "limit": 150}
    assert ("sheet", 1) not in calamine_calls  # A may be read: it was cleared
    assert len(read_workbook(data, limits=Limits(max_cells=200))) == 2


def test_too_many_shared_strings(calamine_calls):
    data = one_sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=[f"s{i}" for i in range(1001)])
    e = pytest.raises(XlsxError, read_workbook, data, limits=Limits(max_shared_strings=1000)).value
    assert e.code == "too_many_strings" and e.params == {"limit": 1000}
    assert calamine_calls == []
    assert read_workbook(data, limits=Limits(max_shared_strings=1001))[0].rows == [(1, ["s0"])]


def test_a_cell_longer_than_excel_allows_is_refused_and_one_that_fits_is_read(calamine_calls):
    fits = "é" * 32_767  # 65 KB of UTF-8 and &amp; count as one character each
    (s,) = read_workbook(one_sheet(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{fits[:-1]}&amp;</t></is></c></row>'))
    assert len(s.rows[0][1][0]) == 32_767
    calamine_calls.clear()
    long = "x" * 32_768
    inline = one_sheet(f'<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2" t="inlineStr"><is><t>{long}'
                       "</t></is></c></row>")
    e = pytest.raises(XlsxError, read_workbook, inline).value
    assert e.code == "long_text_cell" and e.params == {"sheet": "S", "cell": "B2", "limit": 32_767}
    rich = one_sheet('<row r="1"><c r="C1" t="inlineStr"><is>' + "<r><t>" + "y" * 20_000 + "</t></r>" * 1
                     + "<r><rPr><b/></rPr><t>" + "z" * 20_000 + "</t></r></is></c></row>")
    e = pytest.raises(XlsxError, read_workbook, rich).value
    assert e.code == "long_text_cell" and e.params["cell"] == "C1"
    shared = one_sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=["Lorem ipsum " + long])
    e = pytest.raises(XlsxError, read_workbook, shared).value
    assert e.code == "long_text" and e.params["start"].startswith("Lorem ipsum xxx")
    assert ("sheet", 0) not in calamine_calls and calamine_calls.count("open") == 2  # the shared one: not even opened


def test_bad_xml_is_corrupt_not_exception():
    assert code_of(one_sheet("<worksheet><sheetData><row><c><v>1</v></row>")) == "corrupt"


def test_messages_in_both_languages():
    e = XlsxError("bomb", limit_mb=400.0, part="xl/worksheets/sheet1.xml")
    assert "400 MB" in str(e) and "400 MB" in e.message("nl")
    assert e.message("nl") != e.message("en")
    for code, params in (("long_text", {"start": "abc", "limit": 32767}),
                         ("long_text_cell", {"sheet": "S", "cell": "B2", "limit": 32767}),
                         ("too_many_strings", {"limit": 10}), ("far_cell", {"sheet": "S", "row": 9, "column": "L"})):
        e = XlsxError(code, **params)
        assert e.message("en") != e.message("nl") and "{" not in e.message("en") + e.message("nl")


def test_check_in_sheet_with_date_cells_reads_dates_and_numbers(tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Check-ins")
    ws.append(["key result", "date", "value", "comment"])
    for i in range(5000):
        ws.append([f"KR-{i % 100}", dt.datetime(2026, 1, 5) + dt.timedelta(days=i % 13), i * 0.5, "ok" if i % 2 else None])
    (s,) = read_workbook(save(wb, tmp_path))
    assert len(s.rows) == 5001
    assert s.rows[-1] == (5001, ["KR-99", dt.date(2026, 1, 5) + dt.timedelta(days=4999 % 13), 4999 * 0.5, "ok"])
    assert s.rows[1] == (2, ["KR-0", dt.date(2026, 1, 5), 0.0])


def test_meanwhile_gets_every_sheet_but_the_largest_while_calamine_reads_it(tmp_path):
    big = [["n"]] + [[i] for i in range(2000)]
    path = write_xlsx(tmp_path / "wb.xlsx", {"A": [["a"], [1]], "Big": big, "C": [["c"], [3]]})
    got = []

    def meanwhile(sheets):
        got.append([(s.name, s.columns) for s in sheets])

    sheets = read_workbook(path, meanwhile=meanwhile)
    assert got == [[("A", [["a", 1.0]]), ("C", [["c", 3.0]])]]  # in workbook order, complete
    assert [s.name for s in sheets] == ["A", "Big", "C"] and len(sheets[1].columns[0]) == 2001


def test_what_meanwhile_raises_is_raised_as_it_was(tmp_path):
    path = write_xlsx(tmp_path / "wb.xlsx", {"A": [["a"], [1]], "Big": [["n"]] + [[i] for i in range(500)]})

    def meanwhile(sheets):
        raise ZeroDivisionError("ours")

    with pytest.raises(ZeroDivisionError):
        read_workbook(path, meanwhile=meanwhile)
