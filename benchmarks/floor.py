"""The floor under `okr import` on the path it keeps: what any import that
reads with python-calamine and scans the bytes first must spend, whatever it
checks afterwards. Timed as a whole process, like `benchmarks.reference`.

`python -m benchmarks.floor read WORKBOOK`: `okr import`'s start (it loads
`okr.cli`, and with it DuckDB, NumPy, python-calamine and Babel), then every
sheet parsed by python-calamine and its rows handed over as Python values.

`python -m benchmarks.floor scan WORKBOOK`: the same, after okr's byte scan of
every part (`okr/xlsx.py`), which has to clear a sheet before calamine may
parse it: a far cell or a lying zip entry would otherwise make calamine
allocate until the process dies. The caps are those of the environment
(OKR_MAX_ROWS_PER_SHEET, ...), as for `okr import`.

Nothing is checked and nothing is stored; it prints the number of rows read.
"""

from __future__ import annotations

import sys


def scan(data: bytes) -> None:
    """okr's scan of every part, in the reader's order (its private steps: this is a measurement)."""
    from okr import xlsx
    from okr.service import limits_for
    from okr.settings import Settings

    limits = limits_for(Settings.from_env())
    with xlsx._open_zip(data) as zf:
        xlsx._preflight(zf, limits)
        scanner = xlsx._Scan(zf, limits)
        _sheets, pct, _date1904 = xlsx._scan_package(scanner)
        for info in zf.infolist():
            if xlsx._is_sheet_part(info.filename):
                scanner.sheet(info, info.filename, pct)


def read(data: bytes) -> int:
    import io

    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_object(io.BytesIO(data))
    return sum(sum(1 for _row in wb.get_sheet_by_name(name).iter_rows()) for name in wb.sheet_names)


def main(argv: list[str]) -> int:
    import okr.cli  # noqa: F401 - what `okr import` loads before it reads a byte

    mode, path = argv
    with open(path, "rb") as f:
        data = f.read()
    if mode == "scan":
        scan(data)
    elif mode != "read":
        raise SystemExit("usage: python -m benchmarks.floor read|scan WORKBOOK")
    print(read(data))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
