"""okr/xlsx.py on two 20,000-row sheets whose speed tests/test_xlsx.py used
to assert (< 2 s each); the tests now check only what is read.

- `dimension`: a hand-built sheet whose <dimension> claims A1:XFD1048576, with
  a cell in column XFD on every row: the reader must not allocate the claimed
  grid, so this stays as fast as any 20k-row sheet.
- `checkins`: a realistic Check-ins sheet written by openpyxl (20,000 rows of
  KR id, date, value, comment).

`python -m benchmarks.reader REPEAT` prints JSON {case: {"rows", "s": [...]}}.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ROWS = 20_000


def dimension_sheet() -> bytes:
    from tests.test_xlsx import one_sheet

    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="XFD{r}"><v>9</v></c></row>'
                   for r in range(1, ROWS + 1))
    return one_sheet('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     '<dimension ref="A1:XFD1048576"/><sheetData>' + body + "</sheetData></worksheet>")


def checkins_sheet(folder: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Check-ins")
    ws.append(["key result", "date", "value", "comment"])
    for i in range(ROWS):
        ws.append([f"KR-{i % 1000}", dt.datetime(2026, 1, 5) + dt.timedelta(days=i % 13), i * 0.5, "ok"])
    path = folder / "checkins.xlsx"
    wb.save(path)
    return path


def measure(repeat: int) -> dict:
    from okr.xlsx import read_workbook

    out = {}
    with tempfile.TemporaryDirectory(prefix="okr-bench-reader-") as tmp:
        for case, source in (("dimension", dimension_sheet()), ("checkins", checkins_sheet(Path(tmp)))):
            times, rows = [], 0
            for _ in range(repeat):
                t0 = time.perf_counter()
                (sheet,) = read_workbook(source)
                times.append(time.perf_counter() - t0)
                rows = len(sheet.rows)
            out[case] = {"rows": rows, "s": times}
    return out


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5)))
