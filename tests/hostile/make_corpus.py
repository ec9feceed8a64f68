"""Build the hostile-input corpus into a folder (docs/workbook.md, issue #6).

    python tests/hostile/make_corpus.py OUT_DIR

Nothing generated here is committed: the zip bomb alone inflates to more than
a gigabyte. The tests build the corpus in a temporary folder at test time.

Every case is a `Case(name, file, code, exit)`:

- `code` is the `file.<code>` catalogue key whose sentence the user must see
  (the one sentence that says what the file is and what to upload instead);
  `None` for files that are odd but legitimate (a lying `<dimension>`, a cell
  at XFD1048576): those must import normally, just as fast and small.
- `exit` is the `okr import` exit code: 2 refused, 0 imported.

The hostile variants start from a real workbook written by openpyxl (the
SPEC example) and change one part, so the only thing wrong is the attack.
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.conftest import canonical_sheets, write_xlsx  # noqa: E402

GB = 1024 ** 3
MB = 1024 ** 2


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    code: str | None  # file.<code> message expected, None = imports fine
    exit: int
    what: str  # one line for the report table


# the parts of the openpyxl-written base workbook
SHEET = "xl/worksheets/sheet1.xml"  # "Objectives"
KR_SHEET = "xl/worksheets/sheet2.xml"  # "Key Results"
SHARED = "xl/sharedStrings.xml"
STYLES = "xl/styles.xml"
WORKBOOK = "xl/workbook.xml"

CASES: list[Case] = [
    Case("empty", "empty.xlsx", "empty", 2, "0-byte file"),
    Case("encrypted", "protected.xlsx", "encrypted", 2, "password-protected xlsx (OLE2 + EncryptionInfo/EncryptedPackage)"),
    Case("xls", "legacy.xls", "xls", 2, "Excel 97-2003 .xls (OLE2 + Workbook stream)"),
    Case("xls_renamed", "legacy-renamed.xlsx", "xls", 2, ".xls renamed to .xlsx"),
    Case("csv", "export.csv", "csv", 2, "CSV file"),
    Case("csv_renamed", "export-renamed.xlsx", "csv", 2, "CSV renamed to .xlsx"),
    Case("ods", "sheet.ods", "ods", 2, "OpenDocument .ods (zip, mimetype first)"),
    Case("ods_renamed", "sheet-renamed.xlsx", "ods", 2, ".ods renamed to .xlsx"),
    Case("pdf", "report.pdf", "not_xlsx", 2, "PDF"),
    Case("truncated", "truncated.xlsx", "corrupt", 2, "real xlsx cut in half"),
    Case("zip_bomb", "bomb.xlsx", "bomb", 2, "sheet XML inflating to 1.1 GB (deflate of whitespace)"),
    Case("zip_bomb_lying", "bomb-lying.xlsx", "corrupt", 2, "1.1 GB sheet whose zip headers declare 1000 bytes"),
    Case("laughs_sheet", "laughs-sheet.xlsx", "doctype", 2, "billion laughs in a worksheet"),
    Case("laughs_shared", "laughs-shared.xlsx", "doctype", 2, "billion laughs in sharedStrings.xml"),
    Case("laughs_styles", "laughs-styles.xlsx", "doctype", 2, "billion laughs in styles.xml"),
    Case("laughs_workbook", "laughs-workbook.xlsx", "doctype", 2, "billion laughs in workbook.xml"),
    Case("xxe_sheet", "xxe-sheet.xlsx", "doctype", 2, "external entity file:///etc/passwd in a worksheet"),
    Case("xxe_shared", "xxe-shared.xlsx", "doctype", 2, "external entity in sharedStrings.xml"),
    Case("xxe_styles", "xxe-styles.xlsx", "doctype", 2, "external entity in styles.xml"),
    Case("xxe_workbook", "xxe-workbook.xlsx", "doctype", 2, "external entity in workbook.xml"),
    Case("xxe_hidden", "xxe-hidden.xlsx", "doctype", 2, "external entity behind a 20 KB comment (past the pre-scan)"),
    Case("laughs_hidden", "laughs-hidden.xlsx", "doctype", 2, "billion laughs behind a 20 KB comment"),
    Case("million_rows", "million-rows.xlsx", "too_many_rows", 2, "Key Results sheet with 1,000,000 empty rows"),
    Case("dense", "dense.xlsx", "too_many_cells", 2, "2,100,000 numeric cells (ratio < 200, rows < cap)"),
    Case("long_cell", "long-cell.xlsx", "long_text_cell", 2, "one cell holding 30 MB of varied text (inline string)"),
    Case("long_shared", "long-shared.xlsx", "long_text", 2, "a shared string of 30 MB of varied text"),
    Case("many_strings", "many-strings.xlsx", "too_many_strings", 2, "5,000,000 shared strings"),
    Case("duplicate_part", "duplicate-part.xlsx", "corrupt", 2, "two zip entries named xl/worksheets/sheet2.xml"),
    Case("far_row", "far-row.xlsx", "far_cell", 2, "a value in L1048576 beside valid data"),
    Case("dimension", "dimension.xlsx", None, 0, '<dimension ref="A1:XFD1048576"> on valid data (imports)'),
    Case("far_cell", "far-cell.xlsx", None, 0, "a value at XFD1048576 beside valid data (imports)"),
]


# --------------------------------------------------------------------------
# building blocks


def base_xlsx(path: Path) -> bytes:
    """The SPEC example workbook, written by openpyxl, with its strings moved
    into xl/sharedStrings.xml as Excel writes them (openpyxl writes inline
    strings), so every part an attack can hide in is there."""
    write_xlsx(path, canonical_sheets())
    data = to_shared_strings(path.read_bytes())
    path.write_bytes(data)
    return data


_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"([^>]*)><is><t[^>]*>(.*?)</t></is></c>', re.S)


def to_shared_strings(data: bytes) -> bytes:
    strings: dict[bytes, int] = {}

    def cell(m) -> bytes:
        i = strings.setdefault(m.group(4), len(strings))
        return b'<c r="%s"%s t="s"%s><v>%d</v></c>' % (m.group(1), m.group(2), m.group(3), i)

    def sheet(xml: bytes) -> bytes:
        return _INLINE.sub(cell, xml)

    def rels(xml: bytes) -> bytes:
        return xml.replace(b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/'
                           b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
                           b'Id="rId99" /></Relationships>')

    def types(xml: bytes) -> bytes:
        return xml.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                           b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>')

    out = rezip(data, {SHEET: sheet, KR_SHEET: sheet, "xl/_rels/workbook.xml.rels": rels,
                       "[Content_Types].xml": types})
    sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
           + b"".join(b"<si><t>%s</t></si>" % s for s in strings) + b"</sst>")
    buf = io.BytesIO(out)
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(SHARED, sst)
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, callable]) -> bytes:
    """Copy a zip, transforming the named members (bytes -> bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = src.read(info)
            if info.filename in replace:
                member = replace[info.filename](member)
            dst.writestr(info.filename, member)
    return out.getvalue()


def with_doctype(doctype: str, comment: int = 0):
    """Insert a DOCTYPE (optionally behind a long comment) after the XML declaration."""

    def transform(xml: bytes) -> bytes:
        text = xml.decode("utf-8")
        decl = ""
        if text.startswith("<?xml"):
            end = text.index("?>") + 2
            decl, text = text[:end], text[end:]
        pad = f"<!--{'x' * comment}-->" if comment else ""
        return (decl + pad + doctype + text).encode("utf-8")

    return transform


def laughs(root: str) -> str:
    """The classic: 10 levels of 10 references, 10^9 'lol's if ever expanded."""
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    return f"<!DOCTYPE {root} [{''.join(ents)}]>"


def xxe(root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def use_entity(part: str, entity: str):
    """Reference the entity where the part carries text, so expansion would matter."""

    def transform(xml: bytes) -> bytes:
        text = xml.decode("utf-8")
        if part == SHARED:
            text = text.replace("<t>", f"<t>&{entity};", 1)
        elif part == STYLES:
            text = text.replace("<fonts", f'<numFmts count="1"><numFmt numFmtId="200" formatCode="&{entity};"/>'
                                "</numFmts><fonts", 1)
        elif part == WORKBOOK:
            text = text.replace('name="Objectives"', f'name="&{entity};"', 1)
        else:
            text = text.replace("<sheetData>", f'<sheetData><row r="99"><c r="A99" t="inlineStr"><is><t>&{entity};'
                                "</t></is></c></row>", 1)
        return text.encode("utf-8")

    return transform


ROOT_TAG = {SHEET: "worksheet", SHARED: "sst", STYLES: "styleSheet", WORKBOOK: "workbook"}


def entity_attack(base: bytes, part: str, doctype: str, entity: str, comment: int = 0) -> bytes:
    def transform(xml: bytes) -> bytes:
        return with_doctype(doctype, comment)(use_entity(part, entity)(xml))

    return rezip(base, {part: transform})


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal but well-formed OLE2 compound file (CFB v3, 512-byte sectors).

    Each stream is padded to >= 4096 bytes so it lives in regular sectors
    (no mini stream needed); sector 0 is the FAT, sector 1 the directory.
    """
    sec = 512
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    data_sectors: list[bytes] = []
    entries = []  # (name, start, size)
    next_sector = 2
    chains: list[int] = [fatsect, end]
    for name, payload in streams.items():
        payload = payload.ljust(4096, b"\x00")
        n = -(-len(payload) // sec)
        payload = payload.ljust(n * sec, b"\x00")
        entries.append((name, next_sector, len(payload)))
        for i in range(n):
            chains.append(next_sector + i + 1 if i < n - 1 else end)
            data_sectors.append(payload[i * sec:(i + 1) * sec])
        next_sector += n
    assert len(chains) <= sec // 4, "one FAT sector is enough for this corpus"
    fat = b"".join(struct.pack("<I", c) for c in chains).ljust(sec, b"\xff")

    def dir_entry(name: str, typ: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), typ, 1)  # colour: black
                + struct.pack("<III", left, right, child) + b"\x00" * 16  # CLSID
                + struct.pack("<I", 0) + b"\x00" * 16  # state bits, creation/modification times
                + struct.pack("<I", start) + struct.pack("<Q", size))

    nostream = 0xFFFFFFFF
    dirs = [dir_entry("Root Entry", 5, nostream, nostream, 1 if entries else nostream, end, 0)]
    for i, (name, start, size) in enumerate(entries, start=1):
        right = i + 1 if i < len(entries) else nostream  # a right-leaning chain of black nodes
        dirs.append(dir_entry(name, 2, nostream, right, nostream, start, size))
    directory = b"".join(dirs)
    assert len(directory) <= sec
    directory = directory.ljust(sec, b"\x00")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == sec, len(header)
    return header + fat + directory + b"".join(data_sectors)


def encrypted_workbook() -> bytes:
    # Agile encryption: version 4.4, flags 0x40, then the XML descriptor
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption '
        b'xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" '
        b'keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
        b'hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>')
    package = struct.pack("<Q", 8192) + bytes(range(256)) * 32
    return cfb({"EncryptionInfo": info, "EncryptedPackage": package})


def legacy_xls() -> bytes:
    bof = struct.pack("<HHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC) + b"\x00" * 4
    eof = struct.pack("<HH", 0x000A, 0)
    return cfb({"Workbook": bof + eof})


def ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")  # stored, first
        z.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                   'opendocument:xmlns:manifest:1.0"/>')
        z.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                   'xmlns:office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>')
    return out.getvalue()


CSV = ("id;objective;team;quarter;owner\r\nO-SALES-1;Versterk onze marktpositie;Sales;2026-Q1;Bram\r\n"
       "O-CS-1;Klanten blijven omdat ze willen;Customer Success;2026-Q1;Cees\r\n").encode("utf-8-sig")

PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\nxref\n0 3\n0000000000 65535 f \n"
       b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n")


def zip_bomb(base: bytes, inflated: int = 1100 * MB, lie: bool = False) -> bytes:
    """The base workbook whose first sheet is padded with `inflated` bytes of
    whitespace, streamed into the deflate member (the file stays ~1 MB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = src.read(info)
            if info.filename != SHEET:
                dst.writestr(info.filename, member)
                continue
            head, tail = member.split(b"</sheetData>", 1)
            zi = zipfile.ZipInfo(SHEET)
            zi.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(zi, "w") as w:
                w.write(head)
                chunk = b" " * (16 * MB)
                left = inflated
                while left > 0:
                    w.write(chunk[:min(left, len(chunk))])
                    left -= len(chunk)
                w.write(b"</sheetData>" + tail)
    data = bytearray(out.getvalue())
    if lie:  # rewrite the uncompressed size in the local header and the central directory
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
            real = z.getinfo(SHEET).file_size
        assert real < 2 ** 32
        real_b, fake = struct.pack("<I", real), struct.pack("<I", 1000)
        n, pos = 0, data.find(real_b)
        while pos >= 0:
            data[pos:pos + 4] = fake
            n += 1
            pos = data.find(real_b, pos + 4)
        assert n >= 2, "sizes not found in both headers"
    return bytes(data)


def million_rows(base: bytes, n: int = 1_000_000) -> bytes:
    def transform(xml: bytes) -> bytes:
        head, tail = xml.split(b"</sheetData>", 1)
        empty = "".join(f'<row r="{r}"/>' for r in range(100, 100 + n)).encode()
        return head + empty + b"</sheetData>" + tail

    return rezip(base, {KR_SHEET: transform})


def dense(base: bytes, rows: int = 100_000, cols: int = 21) -> bytes:
    """Varied numbers compress modestly, so neither the ratio nor the row cap stops it."""
    letters = [chr(65 + c) for c in range(cols)]

    def transform(xml: bytes) -> bytes:
        head, tail = xml.split(b"</sheetData>", 1)
        parts = []
        for r in range(100, 100 + rows):
            cells = "".join(f'<c r="{letters[c]}{r}"><v>{(r * 7919 + c * 104729) % 999983}</v></c>' for c in range(cols))
            parts.append(f'<row r="{r}">{cells}</row>')
        return head + "".join(parts).encode() + b"</sheetData>" + tail

    return rezip(base, {KR_SHEET: transform})


def dimension_claim(base: bytes) -> bytes:
    def transform(xml: bytes) -> bytes:
        text = xml.decode()
        if "<dimension" in text:
            start = text.index("<dimension")
            text = text[:start] + '<dimension ref="A1:XFD1048576"/>' + text[text.index("/>", start) + 2:]
        else:
            text = text.replace("<sheetData", '<dimension ref="A1:XFD1048576"/><sheetData', 1)
        return text.encode()

    return rezip(base, {SHEET: transform, KR_SHEET: transform})


def varied_text(n_bytes: int) -> str:
    """Text that deflate cannot squeeze much: a megabyte of random words, repeated
    (deflate looks back 32 KB, so a repeat a megabyte away costs full price)."""
    import random

    rng = random.Random(16)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    block = " ".join(rng.choice(words) for _ in range(180_000))[: MB]
    return (block * (n_bytes // len(block) + 1))[:n_bytes]


def long_cell(base: bytes, n_bytes: int = 30 * MB) -> bytes:
    def transform(xml: bytes) -> bytes:
        cell = f'<row r="50"><c r="B50" t="inlineStr"><is><t>{varied_text(n_bytes)}</t></is></c></row>'
        return xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>", 1)

    return rezip(base, {KR_SHEET: transform})


def long_shared(base: bytes, n_bytes: int = 30 * MB) -> bytes:
    def transform(xml: bytes) -> bytes:
        return xml.replace(b"</sst>", f"<si><t>{varied_text(n_bytes)}</t></si></sst>".encode(), 1)

    return rezip(base, {SHARED: transform})


def many_strings(base: bytes, n: int = 5_000_000) -> bytes:
    def transform(xml: bytes) -> bytes:
        extra = "".join(f"<si><t>t{i:07d}</t></si>" for i in range(n)).encode()
        return xml.replace(b"</sst>", extra + b"</sst>", 1)

    return rezip(base, {SHARED: transform})


def duplicate_part(base: bytes) -> bytes:
    """The base workbook plus a second entry with the Key Results sheet's name
    (key results with other targets): which one a reader takes is up to it."""
    out = io.BytesIO(base)
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        other = z.read(KR_SHEET).replace(b"<v>15</v>", b"<v>1500</v>")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
            z.writestr(KR_SHEET, other)
    return out.getvalue()


def far_row(base: bytes) -> bytes:
    def transform(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="L1048576" t="inlineStr"><is><t>far away'
                           b"</t></is></c></row></sheetData>", 1)

    return rezip(base, {KR_SHEET: transform})


def far_cell(base: bytes) -> bytes:
    def transform(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far away'
                           b"</t></is></c></row></sheetData>", 1)

    return rezip(base, {KR_SHEET: transform})


# --------------------------------------------------------------------------


def build(out_dir: str | Path, only: set[str] | None = None) -> dict[str, Path]:
    """Write every case (or the `only` ones) into `out_dir`; {case name: path}."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = base_xlsx(out / "_base.xlsx")
    builders = {
        "empty": lambda: b"",
        "encrypted": encrypted_workbook,
        "xls": legacy_xls,
        "xls_renamed": legacy_xls,
        "csv": lambda: CSV,
        "csv_renamed": lambda: CSV,
        "ods": ods,
        "ods_renamed": ods,
        "pdf": lambda: PDF,
        "truncated": lambda: base[: len(base) // 2],
        "zip_bomb": lambda: zip_bomb(base),
        "zip_bomb_lying": lambda: zip_bomb(base, lie=True),
        "laughs_sheet": lambda: entity_attack(base, SHEET, laughs("worksheet"), "lol9"),
        "laughs_shared": lambda: entity_attack(base, SHARED, laughs("sst"), "lol9"),
        "laughs_styles": lambda: entity_attack(base, STYLES, laughs("styleSheet"), "lol9"),
        "laughs_workbook": lambda: entity_attack(base, WORKBOOK, laughs("workbook"), "lol9"),
        "xxe_sheet": lambda: entity_attack(base, SHEET, xxe("worksheet"), "xxe"),
        "xxe_shared": lambda: entity_attack(base, SHARED, xxe("sst"), "xxe"),
        "xxe_styles": lambda: entity_attack(base, STYLES, xxe("styleSheet"), "xxe"),
        "xxe_workbook": lambda: entity_attack(base, WORKBOOK, xxe("workbook"), "xxe"),
        "xxe_hidden": lambda: entity_attack(base, SHEET, xxe("worksheet"), "xxe", comment=20_000),
        "laughs_hidden": lambda: entity_attack(base, SHARED, laughs("sst"), "lol9", comment=20_000),
        "million_rows": lambda: million_rows(base),
        "dense": lambda: dense(base),
        "long_cell": lambda: long_cell(base),
        "long_shared": lambda: long_shared(base),
        "many_strings": lambda: many_strings(base),
        "duplicate_part": lambda: duplicate_part(base),
        "far_row": lambda: far_row(base),
        "dimension": lambda: dimension_claim(base),
        "far_cell": lambda: far_cell(base),
    }
    assert set(builders) == {c.name for c in CASES}
    paths = {}
    for case in CASES:
        if only and case.name not in only:
            continue
        path = out / case.file
        path.write_bytes(builders[case.name]())
        paths[case.name] = path
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    for name, path in build(sys.argv[1]).items():
        print(f"{path.stat().st_size:>12,}  {path}")
