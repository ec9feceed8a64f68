"""Tests for okr/xlsx.py: our safe, streaming xlsx cell reader."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from openpyxl.styles import numbers

from benchmarks import reader as reader_bench
from okr.xlsx import CellError, Limits, Sheet, XlsxError, column_letter, read_workbook, _new_parser


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


def minimal_xlsx(sheet_xml: str | bytes, shared: str | bytes | None = None, styles: str | None = None,
                 workbook_extra: str = "") -> bytes:
    """A hand-built xlsx with one sheet 'S' (for malformed/hostile cases)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml",
                   f'<workbook xmlns="{ns}" xmlns:r="{rns}">{workbook_extra}<sheets>'
                   f'<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://x/worksheet" Target="/xl/worksheets/sheet1.xml"/>')
        if shared is not None:
            rels += '<Relationship Id="rId2" Type="http://x/sharedStrings" Target="sharedStrings.xml"/>'
            z.writestr("xl/sharedStrings.xml", shared)
        if styles is not None:
            rels += '<Relationship Id="rId3" Type="http://x/styles" Target="styles.xml"/>'
            z.writestr("xl/styles.xml", styles)
        z.writestr("xl/_rels/workbook.xml.rels", rels + "</Relationships>")
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


def sheet_xml(body: str, extra: str = "", ns: str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main") -> str:
    return f'<worksheet xmlns="{ns}"><sheetData>{body}</sheetData>{extra}</worksheet>'


def code_of(source, **kw) -> str:
    with pytest.raises(XlsxError) as ei:
        read_workbook(source, **kw)
    return ei.value.code


def as_dict(sheet: Sheet) -> dict:
    return {(r, c): v for r, vals in sheet.rows for c, v in enumerate(vals) if v is not None}


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
    assert s.name == "Key Results" and hidden.name == "Hidden"
    assert s.rows[0] == (1, ["id", "Omzet €"])
    r, vals = s.rows[1]
    assert r == 2
    assert vals[0] == "KR-1"
    assert vals[1] == 42.0 and vals[2] == 1.5
    assert vals[3] is True and vals[4] is False
    assert vals[5] == dt.datetime(2026, 3, 31, 14, 30)
    assert vals[6] == dt.datetime(2025, 3, 4)
    assert vals[7] == 0.45 and vals[8] == 0.125  # raw values; caller multiplies
    assert isinstance(vals[9], CellError) and vals[9] == "#N/A"
    assert vals[10] == 1234.5 and not isinstance(vals[10], dt.datetime)
    assert s.percent == {(2, 7), (2, 8)}
    assert s.uncached == set()
    assert hidden.rows == [(1, ["x"])]


def test_shared_strings_rich_text_inline_and_str(tmp_path):
    shared = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              "<si><t>plain</t></si>"
              "<si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>PHON</t></rPh></si>"
              "<si><t>line_x000D_break</t></si>"
              "</sst>")
    body = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
            '<c r="D1" t="inlineStr"><is><t>inline</t></is></c>'
            '<c r="E1" t="str"><f>A1&amp;"x"</f><v>plainx</v></c>'
            '<c r="F1" t="e"><v>#DIV/0!</v></c>'
            '<c r="G1" t="d"><v>2026-01-31T00:00:00</v></c></row>')
    (s,) = read_workbook(minimal_xlsx(sheet_xml(body), shared=shared))
    assert s.rows == [(1, ["plain", "rich text", "line\rbreak", "inline", "plainx",
                           CellError("#DIV/0!"), dt.datetime(2026, 1, 31)])]


def test_prefixed_and_strict_namespaces_and_missing_refs():
    strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    xml = (f'<x:worksheet xmlns:x="{strict}"><x:sheetData>'
           '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row>'
           '<x:row><x:c r="C2"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>'
           '<x:row r="5"><x:c><x:v>5</x:v></x:c></x:row>'
           '<x:row><x:c><x:v>6</x:v></x:c></x:row>'
           "</x:sheetData></x:worksheet>")
    (s,) = read_workbook(minimal_xlsx(xml))
    assert s.rows == [(1, ["a", 1.0]), (2, [None, None, 3.0, 4.0]), (5, [5.0]), (6, [6.0])]


def test_date1904_and_custom_date_styles():
    styles = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<numFmts><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/>'
              '<numFmt numFmtId="165" formatCode="0.0%"/><numFmt numFmtId="166" formatCode="[Red]0.00"/></numFmts>'
              '<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>'
              '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>'
              '<xf numFmtId="14"/><xf numFmtId="10"/></cellXfs></styleSheet>')
    body = ('<row r="1"><c r="A1" s="0"><v>1</v></c><c r="B1" s="1"><v>0</v></c><c r="C1" s="2"><v>0.5</v></c>'
            '<c r="D1" s="3"><v>7</v></c><c r="E1" s="4"><v>366</v></c><c r="F1" s="5"><v>0.1</v></c></row>')
    (s,) = read_workbook(minimal_xlsx(sheet_xml(body), styles=styles, workbook_extra='<workbookPr date1904="1"/>'))
    assert s.rows == [(1, [1.0, dt.datetime(1904, 1, 1), 0.5, 7.0, dt.datetime(1905, 1, 1), 0.1])]
    assert s.percent == {(1, 2), (1, 5)}
    (s,) = read_workbook(minimal_xlsx(sheet_xml(body), styles=styles))  # 1900 system
    assert s.rows[0][1][4] == dt.datetime(1900, 12, 31)


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
    ws.merge_cells("E7:F8")  # rows 8 does not exist in the sheet XML
    path = save(wb, tmp_path)
    (s,) = read_workbook(path)
    assert sorted(s.merged) == [(2, 0, 4, 0), (2, 2, 3, 2), (7, 4, 8, 5)]
    d = as_dict(s)
    assert [d.get((r, 0)) for r in (2, 3, 4)] == ["Grow"] * 3
    assert d[(3, 2)] == 0.5 and (4, 2) not in d
    assert {(2, 2), (3, 2)} <= s.percent
    assert d[(7, 5)] == d[(8, 4)] == d[(8, 5)] == "title"
    assert [r for r, _ in s.rows] == sorted(r for r, _ in s.rows)
    (raw,) = read_workbook(path, fill_merged=False)
    assert (3, 0) not in as_dict(raw)


def test_title_rows_above_header_keep_row_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "OKRs Q1 2026"
    ws["B4"] = "Doelstelling"
    ws["C4"] = "Kernresultaat"
    ws["B5"] = "Groei"
    ws["D5"] = None
    (s,) = read_workbook(save(wb, tmp_path))
    assert s.rows == [(1, ["OKRs Q1 2026"]), (4, [None, "Doelstelling", "Kernresultaat"]), (5, [None, "Groei"])]


def test_dimension_ignored_and_column_xfd_not_allocated():
    """20k rows under a <dimension> of A1:XFD1048576, a cell in column XFD on
    every row (how fast: the same sheet in benchmarks/reader.py)."""
    (s,) = read_workbook(reader_bench.dimension_sheet())
    assert len(s.rows) == 20000
    assert all(len(vals) == 1 for _, vals in s.rows)
    assert s.rows[-1] == (20000, [20000.0])


def test_max_cols_limit():
    body = '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c></row>'
    (s,) = read_workbook(minimal_xlsx(sheet_xml(body)), limits=Limits(max_cols=3))
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
    data = bytearray(minimal_xlsx(sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' * 50)))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + 25):
        data[i] ^= 0xFF
    e = pytest.raises(XlsxError, read_workbook, bytes(data)).value
    assert e.code == "corrupt" and e.params["detail"]
    assert "damaged" in str(e)


def test_file_too_large(tmp_path):
    p = tmp_path / "big.xlsx"
    p.write_bytes(b"PK" + b"\x00" * 5000)
    e = pytest.raises(XlsxError, read_workbook, p, limits=Limits(max_file_bytes=1000)).value
    assert e.code == "too_large" and e.params["limit_mb"] == 1000 / 1024 / 1024


def test_zip_bomb_declared_size_and_ratio():
    big = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (3 * 1024 * 1024))
    data = minimal_xlsx(big)
    # the ratio check (3 MB of spaces compresses > 200:1)
    assert code_of(data) == "bomb"
    # the declared-size check
    assert code_of(data, limits=Limits(max_part_bytes=1024 * 1024, max_ratio=1e9)) == "bomb"
    assert code_of(data, limits=Limits(max_total_bytes=2 * 1024 * 1024, max_ratio=1e9)) == "bomb"
    # generous limits: it is a valid (if silly) workbook
    (s,) = read_workbook(data, limits=Limits(max_ratio=1e9))
    assert s.rows == [(1, [1.0])]


def test_zip_bomb_lying_declared_size():
    """Declared sizes are small, but the member actually inflates past the part limit."""
    big = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (2 * 1024 * 1024))
    data = bytearray(minimal_xlsx(big))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        real = info.file_size
    fake = (1000).to_bytes(4, "little")
    real_b = real.to_bytes(4, "little")
    # patch the uncompressed size in the local header and the central directory
    n = 0
    pos = data.find(real_b)
    while pos >= 0:
        data[pos : pos + 4] = fake
        n += 1
        pos = data.find(real_b, pos + 4)
    assert n >= 2
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        assert z.getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    # zipfile stops at the declared size and then fails its CRC check: refused, bounded
    e = pytest.raises(XlsxError, read_workbook, bytes(data), limits=Limits(max_part_bytes=512 * 1024)).value
    assert e.code in ("bomb", "corrupt")


def test_streaming_byte_count_enforces_part_limit(monkeypatch):
    """Even if the pre-flight (declared sizes) were fooled, streaming counts real bytes."""
    import okr.xlsx as xlsx

    big = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (2 * 1024 * 1024))
    data = minimal_xlsx(big)
    monkeypatch.setattr(xlsx, "_preflight", lambda zf, limits: None)
    e = pytest.raises(XlsxError, read_workbook, data, limits=Limits(max_part_bytes=512 * 1024)).value
    assert e.code == "bomb" and e.params["part"] == "xl/worksheets/sheet1.xml"
    e = pytest.raises(XlsxError, read_workbook, data, limits=Limits(max_total_bytes=1024 * 1024)).value
    assert e.code == "bomb"


def test_doctype_entity_expansion_sheet():
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
           + sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'))
    e = pytest.raises(XlsxError, read_workbook, minimal_xlsx(lol)).value
    assert e.code == "doctype" and e.params["part"] == "xl/worksheets/sheet1.xml"


def test_external_entity_shared_strings():
    xxe = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>')
    data = minimal_xlsx(sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared=xxe)
    e = pytest.raises(XlsxError, read_workbook, data).value
    assert e.code == "doctype" and e.params["part"] == "xl/sharedStrings.xml"


def test_doctype_after_long_comment_is_refused_by_the_parser_itself():
    """A DOCTYPE beyond the pre-scan window is still refused by the expat handlers."""
    xml = ('<?xml version="1.0"?><!--' + "x" * 20000 + '--><!DOCTYPE w [<!ENTITY e "boom">]>'
           + sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'))
    e = pytest.raises(XlsxError, read_workbook, minimal_xlsx(xml)).value
    assert e.code == "doctype"
    # and directly: the parser refuses entity declarations in an internal subset
    p = _new_parser("part.xml")
    with pytest.raises(XlsxError) as ei:
        p.Parse(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', True)
    assert ei.value.code == "doctype"


def test_too_many_rows_counts_empty_rows():
    body = "".join(f'<row r="{r}"/>' for r in range(1, 101)) + '<row r="101"><c r="A101"><v>1</v></c></row>'
    data = minimal_xlsx(sheet_xml(body))
    e = pytest.raises(XlsxError, read_workbook, data, limits=Limits(max_rows=100)).value
    assert e.code == "too_many_rows" and e.params == {"sheet": "S", "limit": 100}
    (s,) = read_workbook(data, limits=Limits(max_rows=101))
    assert s.rows == [(101, [1.0])]


def test_bad_xml_is_corrupt_not_exception():
    data = minimal_xlsx("<worksheet><sheetData><row><c><v>1</v></row>")
    assert code_of(data) == "corrupt"
    data = minimal_xlsx(sheet_xml('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'), shared="<sst/>")
    assert code_of(data) == "corrupt"


def test_messages_in_both_languages():
    e = XlsxError("bomb", limit_mb=400.0, part="xl/worksheets/sheet1.xml")
    assert "400 MB" in str(e) and "400 MB" in e.message("nl")
    assert e.message("nl") != e.message("en")
    assert XlsxError("corrupt", detail="x").params == {"detail": "x"}


def test_realistic_checkin_sheet(tmp_path):
    """Every row of a 20k-row check-in sheet (how fast: the same sheet in benchmarks/reader.py)."""
    (s,) = read_workbook(reader_bench.checkins_sheet(tmp_path))
    assert len(s.rows) == 20001 and s.rows[-1][1][2] == 19999 * 0.5
    assert s.rows[1][1] == ["KR-0", dt.datetime(2026, 1, 5), 0.0, "ok"]
