"""The reference: the same workbook read into DuckDB by the fastest reader
there is (fastexcel or python-calamine), nothing checked, nothing scored.

`python -m benchmarks.reference fastexcel|calamine WORKBOOK DB` — run as a
child process so its wall time and peak RSS compare with `okr import`.
"""

from __future__ import annotations

import sys


def read_fastexcel(path: str) -> dict:
    import fastexcel

    reader = fastexcel.read_excel(path)
    # strings: fastexcel guesses types from the first rows and silently NULLs the rest otherwise
    return {name: reader.load_sheet(name, dtypes="string").to_arrow() for name in reader.sheet_names}


def read_calamine(path: str) -> dict:
    import pyarrow as pa
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    out = {}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python()
        if not rows:
            continue
        header, body = rows[0], rows[1:]
        cols = {}
        for i, h in enumerate(header):
            col = [r[i] for r in body]
            try:
                cols[str(h) or f"c{i}"] = pa.array([None if v == "" else v for v in col])
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed numbers and text
                cols[str(h) or f"c{i}"] = pa.array([None if v == "" else str(v) for v in col])
        out[name] = pa.table(cols)
    return out


READERS = {"fastexcel": read_fastexcel, "calamine": read_calamine}


def main(argv: list[str]) -> int:
    reader, path, db = argv
    import duckdb

    tables = READERS[reader](path)
    con = duckdb.connect(db)
    con.begin()
    for i, (name, arrow) in enumerate(tables.items()):
        con.register("incoming", arrow)
        con.execute(f'CREATE TABLE "t{i}" AS SELECT * FROM incoming')
        con.unregister("incoming")
    con.commit()
    con.execute("CHECKPOINT")
    con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
