"""Shared fixtures: real xlsx workbooks written by openpyxl, real DuckDB files."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "sample_data"

OBJ_HEADER = ["id", "objective", "team", "quarter", "owner", "parent", "type"]
KR_HEADER = ["id", "objective", "key result", "owner", "start", "target", "current", "unit", "kind", "weight",
             "status", "comment"]

# SPEC §1: the method's example, plus the cases SPEC §3 names.
SPEC_OBJECTIVES = [
    ["O-CO-1", "Groei naar een leidende positie", "Company", "2026-Q1", "Anna", None, None],
    ["O-SALES-1", "Versterk onze marktpositie in de IT-sector", "Sales", "2026-Q1", "Bram", "O-CO-1", None],
    ["O-CS-1", "Klanten blijven omdat ze willen", "Customer Success", "2026-Q1", "Cees", "O-CO-1", "committed"],
    ["O-PROD-1", "Het beste product in de markt", "Product", "2026-Q1", "Dana", "O-CO-1", "aspirational"],
]
SPEC_KEY_RESULTS = [
    ["KR-S-1", "O-SALES-1", "15 Sales Qualified Leads (SQL's) gerealiseerd in Q1", "Bram", 0, 15, 9, "SQL",
     None, None, "green", "Goed op weg"],
    ["KR-S-2", "O-SALES-1", "3 nieuwe contracten gesloten met een waarde van minstens €30.000 ARR", "Eva", 0, 3, 0,
     "contracts", None, None, "green", None],
    ["KR-S-3", "O-SALES-1", "20% meer volgers van onze ICP op LinkedIn", "Fred", 0, 20, 26, "%", None, None,
     None, "Boven verwachting"],
    ["KR-CS-1", "O-CS-1", "Churn teruggebracht van 8% naar 5%", "Cees", 8, 5, 6, "%", None, 2, "amber", None],
    ["KR-CS-2", "O-CS-1", "Klanttevredenheidsonderzoek verstuurd", "Gijs", None, None, "ja", None, "milestone",
     None, None, None],
    ["KR-P-1", "O-PROD-1", "NPS van 30 naar 50", "Dana", 30, 50, None, "NPS", None, None, None, None],
]


def write_xlsx(path: Path, sheets: dict[str, list[list]], *, percent: dict[str, list[str]] | None = None,
               merges: dict[str, list[str]] | None = None) -> Path:
    """A real workbook: one sheet per entry, rows as given (None = empty)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (percent or {}).get(name, []):
            ws[ref].number_format = "0%"
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


def canonical_sheets(objectives=None, key_results=None, extra: dict | None = None) -> dict[str, list[list]]:
    sheets = {
        "Objectives": [OBJ_HEADER] + [list(r) for r in (SPEC_OBJECTIVES if objectives is None else objectives)],
        "Key Results": [KR_HEADER] + [list(r) for r in (SPEC_KEY_RESULTS if key_results is None else key_results)],
    }
    sheets.update(extra or {})
    return sheets


@pytest.fixture
def make_workbook(tmp_path):
    """make_workbook(sheets, name=..., percent=..., merges=...) -> Path of a real .xlsx."""
    counter = iter(range(1, 10_000))

    def make(sheets: dict[str, list[list]] | None = None, name: str | None = None, **kw) -> Path:
        path = tmp_path / (name or f"workbook-{next(counter)}.xlsx")
        return write_xlsx(path, sheets if sheets is not None else canonical_sheets(), **kw)

    return make


@pytest.fixture
def spec_workbook(make_workbook) -> Path:
    return make_workbook(canonical_sheets(), name="spec.xlsx")


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def store(db_path):
    from okr.store import Store

    s = Store.open(db_path)
    yield s
    s.close()


@pytest.fixture
def run_cli(tmp_path):
    """Run `python -m okr ...` in a real subprocess; returns CompletedProcess."""
    import subprocess

    def run(*args: str, env: dict | None = None, timeout: float = 60):
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), "OKR_LANG": "en", **(env or {})}
        full_env.pop("OKR_DB", None)
        if env and "OKR_DB" in env:
            full_env["OKR_DB"] = env["OKR_DB"]
        return subprocess.run([sys.executable, "-m", "okr", *args], capture_output=True, text=True,
                              cwd=tmp_path, env=full_env, timeout=timeout)

    return run


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    buf = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(buf)
    return buf.getvalue()


AS_OF = dt.date(2026, 2, 15)  # 45 of 90 days into 2026-Q1: expected progress 0.5
