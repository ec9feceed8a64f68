"""Shared fixtures: real xlsx workbooks written by openpyxl, real DuckDB files.

Workbooks: the method's example (canonical_sheets, flat_rows, broken_sheets) and a
cascade four levels deep (cascade_sheets). Databases built once per session
and never written (spec_db, sample_db, cascade_db); `app_db` is a private copy
for a test that writes. `serve(db)` points the app at a database and
`run_page(page, **query)` runs a page in AppTest as a browser opens it."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "sample_data"

OBJ_HEADER = ["id", "objective", "team", "quarter", "owner", "parent", "type"]
KR_HEADER = ["id", "objective", "key result", "owner", "start", "target", "current", "unit", "kind", "weight",
             "status", "comment"]

# docs/quality.md: the method's example, plus the cases docs/scoring.md names.
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


# A quarter that cascades four levels deep, plus what does not fit: an unaligned
# objective (O-U), one whose parent is last quarter's (O-X) and a team without
# objectives (Finance). Used by the tests of okr.alignment, its drawing and the
# Alignment page. AS_OF is 45 of 90 days into 2026-Q1: expected 0.5 (aspirational 0.35).
CASCADE_Q = "2026-Q1"
CASCADE_OBJECTIVES = [
    ["O-A", "Grow recurring revenue", "Company", CASCADE_Q, None, None, None],
    ["O-B", "Happy customers", "Company", CASCADE_Q, None, None, None],
    ["O-S", "Sell more", "Sales", CASCADE_Q, None, "O-A", None],
    ["O-M", "Be known", "Marketing", CASCADE_Q, None, "O-A", None],
    ["O-M2", "Be loved", "Marketing", CASCADE_Q, None, "O-A", "aspirational"],
    ["O-S1", "Win deals", "Sales East", CASCADE_Q, None, "O-S", None],
    ["O-S2", "Close fast", "Sales East", CASCADE_Q, None, "O-S1", None],
    ["O-S3", "Call back", "Sales East", CASCADE_Q, None, "O-S2", None],
    ["O-CS", "Keep customers", "Customer Success", CASCADE_Q, None, "O-B", None],
    ["O-U", "Our own thing", "Data", CASCADE_Q, None, None, None],
    ["O-OLD", "Last quarter's goal", "Company", "2025-Q4", None, None, None],
    ["O-X", "Carry on", "Support", CASCADE_Q, None, "O-OLD", None],
]


def cascade_kr(kid, obj, current, target=10, kind=None):
    """A key result row for the cascade workbook: 0 -> target, or a milestone."""
    return [kid, obj, f"KR {kid}", "Owner", 0 if kind is None else None, target, current, None, kind, None, None, None]


CASCADE_KEY_RESULTS = [
    cascade_kr("K-S", "O-S", 1),            # 0.1
    cascade_kr("K-M", "O-M", 4),            # 0.4
    cascade_kr("K-M2", "O-M2", 2),          # 0.2 (expected 0.35)
    cascade_kr("K-S1", "O-S1", 5),          # 0.5
    cascade_kr("K-S2", "O-S2", None),       # no update: 0
    cascade_kr("K-S3", "O-S3", "ja", None, "milestone"),  # done: 1
    cascade_kr("K-CS", "O-CS", 8),          # 0.8
    cascade_kr("K-U", "O-U", 5),
    cascade_kr("K-OLD", "O-OLD", 10),
    cascade_kr("K-X", "O-X", 5),
]

CASCADE_TEAMS = [["team", "parent team", "lead"],
                 ["Company", None, "Ann"], ["Sales", "Company", None], ["Marketing", "Company", None],
                 ["Sales East", "Sales", None], ["Customer Success", "Company", None], ["Data", "Company", None],
                 ["Support", "Company", None], ["Finance", "Company", None]]


def cascade_sheets(objectives=CASCADE_OBJECTIVES, key_results=CASCADE_KEY_RESULTS, teams=CASCADE_TEAMS):
    return canonical_sheets(objectives, key_results, {"Teams": teams} if teams else None)


def import_cascade(store, make_workbook, objectives=CASCADE_OBJECTIVES, key_results=CASCADE_KEY_RESULTS,
                   teams=CASCADE_TEAMS):
    """Import a cascade workbook into `store` as of AS_OF: (scorecard of CASCADE_Q, snapshot)."""
    from okr import service

    path = make_workbook(cascade_sheets(objectives, key_results, teams))
    out = service.import_bytes(store, path.read_bytes(), path.name, AS_OF)
    assert out.stored, out.checked.errors or out.checked.file_error
    return service.scorecard(store, out.snapshot_id, CASCADE_Q), store.load(out.snapshot_id)


@pytest.fixture
def cascade_tree(store, make_workbook):
    """(scorecard, snapshot, okr.alignment tree) of the cascade workbook."""
    from okr import alignment

    card, snap = import_cascade(store, make_workbook)
    return card, snap, alignment.build(card, snap.objectives, snap.teams)


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


def import_without(module: str, missing: str):
    """Import `module` in a fresh interpreter in which `missing` cannot be
    imported (as if it were broken); returns the CompletedProcess."""
    import subprocess

    code = f"import sys; sys.modules[{missing!r}] = None; import {module}"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


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


def cache_formulas(path: Path, values: dict[str, dict[str, object]]) -> Path:
    """Give formula cells a cached value, as Excel does on save (openpyxl never
    writes one). `values` maps a sheet's position ("sheet1", "sheet2", ...) to
    {cell ref: cached value}; the file at `path` is rewritten in place."""
    import re
    import zipfile

    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = src.read(info)
            sheet = info.filename.rsplit("/", 1)[-1].removesuffix(".xml")
            if info.filename.startswith("xl/worksheets/") and sheet in values:
                xml = member.decode()
                for ref, value in values[sheet].items():
                    xml, n = re.subn(rf'(<c r="{ref}"[^>]*>)<f>(.*?)</f>(?:<v\s*/>|<v></v>)?',
                                     lambda m: f"{m.group(1)}<f>{m.group(2)}</f><v>{value}</v>", xml, count=1)
                    assert n == 1, f"no formula at {sheet}!{ref}"
                member = xml.encode()
            dst.writestr(info, member)
    path.write_bytes(out.getvalue())
    return path


# --- databases built once per session, and the app (AppTest) on them -------------------------

WEEK1 = dt.date(2026, 2, 1)


def week2_key_results() -> list[list]:
    """The SPEC example a week later: KR-S-1 fell from 9 to 2 SQL and turned red."""
    krs = [list(r) for r in SPEC_KEY_RESULTS]
    krs[0][6] = 2
    return krs


def build_db(path: Path, *imports: tuple[bytes, str, dt.date]) -> Path:
    """A DuckDB file with one snapshot per (workbook bytes, file name, as-of), closed again."""
    from okr import service
    from okr.store import Store

    store = Store.open(path)
    try:
        for data, name, as_of in imports:
            out = service.import_bytes(store, data, name, as_of)
            assert out.stored, [str(p) for p in out.checked.errors] or out.checked.file_error
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def spec_db(tmp_path_factory) -> Path:
    """The SPEC example as two snapshots: week 1 (as of WEEK1) and week 2 (as of
    AS_OF, KR-S-1 newly red). Never opened: tests use a copy (`app_db`)."""
    return build_db(tmp_path_factory.mktemp("spec") / "spec.duckdb",
                    (xlsx_bytes(canonical_sheets()), "week1.xlsx", WEEK1),
                    (xlsx_bytes(canonical_sheets(key_results=week2_key_results())), "week2.xlsx", AS_OF))


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The sample organisation (every workbook in sample_data/). Read only."""
    from okr import service
    from okr.store import Store

    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    store = Store.open(path)
    try:
        assert all(out.stored for out in service.load_sample(store, SAMPLE_DIR))
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def cascade_db(tmp_path_factory) -> Path:
    """The cascade workbook (CASCADE_*) as one snapshot as of AS_OF. Read only."""
    return build_db(tmp_path_factory.mktemp("cascade") / "cascade.duckdb",
                    (xlsx_bytes(cascade_sheets()), "cascade.xlsx", AS_OF))


# A finished quarter for the quarter close (okr.close): 2026-Q2 in two snapshots, mid-quarter
# (CLOSE_MID) and final (CLOSE_FINAL, the quarter's last day), with the owners' own grades.
# Grades in the final snapshot: Sales (committed) S1 1.0, S2 0.2 (owner 0.5), S3 a decrease
# 8 -> 5 at 5.3 = 0.9 (weight 2), S4 a milestone not done; Marketing (aspirational) M1 0.75,
# M2 no current but a check-in, M3 never updated (its one check-in is from before the
# quarter); Finance F1 1.2 and F2 done: every key result at 1.0; Support U1 only had a value
# mid-quarter. O-CO has no key results of its own: it grades by its children.
CLOSE_Q = "2026-Q2"
CLOSE_MID, CLOSE_FINAL = dt.date(2026, 5, 15), dt.date(2026, 6, 30)
CLOSE_OBJECTIVES = [
    ["O-CO", "Grow together", "Company", CLOSE_Q, "Anna", None, None],
    ["O-S", "Sell more", "Sales", CLOSE_Q, "Bram", "O-CO", "committed"],
    ["O-M", "Be known", "Marketing", CLOSE_Q, "Cees", "O-CO", "aspirational"],
    ["O-F", "Close the books fast", "Finance", CLOSE_Q, "Dana", "O-CO", None],
    ["O-SUP", "Help customers fast", "Support", CLOSE_Q, "Eva", "O-CO", None],
]
CLOSE_TEAMS = [["team", "parent team", "lead"], ["Company", None, "Anna"], ["Sales", "Company", "Bram"],
               ["Marketing", "Company", "Cees"], ["Finance", "Company", "Dana"], ["Support", "Company", "Eva"]]
# id, objective, title, owner, start, target, (mid, final) current, unit, kind, weight, owner's grade, comment
_CLOSE_KRS = [
    ["K-S1", "O-S", "10 new customers", "Bram", 0, 10, (5, 10), "customers", None, None, None, "Done"],
    ["K-S2", "O-S", "10 partner deals", "Fred", 0, 10, (1, 2), "deals", None, None, 0.5, "Slow"],
    ["K-S3", "O-S", "Churn down from 8% to 5%", "Bram", 8, 5, (7, 5.3), "%", None, 2, 0.8, None],
    ["K-S4", "O-S", "Partner programme live", "Bram", None, None, ("nee", "nee"), None, "milestone", None, None, None],
    ["K-M1", "O-M", "100 webinar sign-ups", "Cees", 0, 100, (30, 75), "sign-ups", None, None, 0.7, None],
    ["K-M2", "O-M", "100 newsletter subscribers", "Cees", 0, 100, (None, None), None, None, None, None, None],
    ["K-M3", "O-M", "50 case studies read", "Gijs", 0, 50, (None, None), None, None, None, None, None],
    ["K-F1", "O-F", "Monthly close in 5 days", "Dana", 0, 5, (3, 6), "days", None, None, 1.0, None],
    ["K-F2", "O-F", "Budget 2027 approved", "Dana", None, None, ("nee", "ja"), None, "milestone", None, None, None],
    ["K-U1", "O-SUP", "Answer 10 tickets an hour", "Eva", 0, 10, (4, None), "tickets", None, None, None, None],
]


def close_sheets(final: bool = True) -> dict[str, list[list]]:
    """The close quarter's workbook, mid-quarter or final, with a `grade` column."""
    krs = [r[:6] + [r[6][1 if final else 0]] + r[7:10] + [None, r[11], r[10] if final else None]
           for r in _CLOSE_KRS]
    checkins = [["key result", "date", "value"], ["K-M2", dt.date(2026, 5, 1), 40],
                ["K-M3", dt.date(2026, 3, 15), 10]]  # before the quarter: not an update in it
    return {"Objectives": [OBJ_HEADER] + [list(r) for r in CLOSE_OBJECTIVES],
            "Key Results": [KR_HEADER + ["grade"]] + krs, "Check-ins": checkins, "Teams": CLOSE_TEAMS}


@pytest.fixture(scope="session")
def close_db(tmp_path_factory) -> Path:
    """The close quarter (CLOSE_*) as two snapshots, mid-quarter and final. Read only."""
    return build_db(tmp_path_factory.mktemp("close") / "close.duckdb",
                    (xlsx_bytes(close_sheets(final=False)), "mid.xlsx", CLOSE_MID),
                    (xlsx_bytes(close_sheets()), "final.xlsx", CLOSE_FINAL))


@pytest.fixture
def serve(tmp_path, monkeypatch):
    """serve(db) points the app (AppTest, OKR_DB) at `db`; until then it sees an
    empty database. Always English by default, no sample organisation, no password."""
    monkeypatch.setenv("OKR_SAMPLE", "0")
    monkeypatch.setenv("OKR_LANG", "en")
    monkeypatch.delenv("OKR_PASSWORD", raising=False)
    monkeypatch.setenv("OKR_DB", str(tmp_path / "empty.duckdb"))

    def serve_(db: Path) -> Path:
        monkeypatch.setenv("OKR_DB", str(db))
        return db

    return serve_


@pytest.fixture
def app_db(spec_db, tmp_path, serve):
    """A private copy of `spec_db` served to the app; the Store, to read and write."""
    import shutil

    from okr.store import Store

    db = serve(Path(shutil.copy(spec_db, tmp_path / "app.duckdb")))
    store = Store.open(db)
    yield store
    store.close()


def run_page(page: str = "app.py", **query: str):
    """Open `page` as a browser does: start at app.py (the sidebar links need it)
    with `query` in the address, run it, and fail on any exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(query)
    if page != "app.py":
        at.switch_page(str(ROOT / page))
    at.run()
    assert not at.exception, at.exception
    return at


# --- a key result's history: check-ins and snapshots (okr.forecast) ---------------------------

HISTORY_Q = "2026-Q1"
HISTORY_AS_OF = dt.date(2026, 2, 12)  # day 42 of the quarter's 90 (the last day is day 89)


def q1_day(n: int) -> dt.date:
    """Day `n` of 2026-Q1 (day 0 = 1 January)."""
    return dt.date(2026, 1, 1) + dt.timedelta(days=n)


def history_kr(kid, objective="O-1", start=0, target=100, current=None, kind=None, weight=None, confidence=None):
    """A key result row for `history_workbook` (with the optional confidence column)."""
    return [kid, objective, f"KR {kid}", "Owner", start, target, current, None, kind, weight, None, None, confidence]


def checkins_on(kid: str, values_at: dict[int, float]) -> list[tuple]:
    """Check-ins of one key result: {day of 2026-Q1: value}."""
    return [(kid, q1_day(n), v) for n, v in values_at.items()]


def history_workbook(krs, checkins=(), objectives=None) -> bytes:
    """A canonical workbook with a `confidence` column and a Check-ins sheet;
    by default one objective O-1 of Sales in 2026-Q1."""
    objectives = objectives or [["O-1", "Objective one", "Sales", HISTORY_Q, None, None, None]]
    sheets = {"Objectives": [OBJ_HEADER] + [list(o) for o in objectives],
              "Key Results": [KR_HEADER + ["confidence"]] + [list(k) for k in krs],
              "Check-ins": [["key result", "date", "value", "comment"]] + [[k, d, v, None] for k, d, v in checkins]}
    return xlsx_bytes(sheets)


def store_history(store, data: bytes, as_of: dt.date = HISTORY_AS_OF, name: str = "okr.xlsx") -> int:
    """Import workbook bytes as of `as_of`; the new snapshot's id."""
    from okr import service

    out = service.import_bytes(store, data, name, as_of)
    assert out.stored, [str(p) for p in out.checked.errors] or out.checked.file_error
    return out.snapshot_id


# SPEC §2.2: the SPEC example as one flat sheet with Dutch headers (as real workbooks look)


# docs/workbook.md: the method's example as one flat sheet with Dutch headers (as real workbooks look)
FLAT_HEADER = ["Doelstelling", "Team", "Kwartaal", "Kernresultaat", "Eigenaar", "Startwaarde", "Streefwaarde",
               "Huidige waarde", "Eenheid", "Gewicht", "Status", "Toelichting", "Bovenliggend doel", "Type"]


def flat_rows(blank_below: bool = True) -> list[list]:
    """The SPEC example as one flat Dutch sheet, objective cells on the first row only."""
    co = ["Groei naar een leidende positie", "Company", "K1 2026"]
    sales = ["Versterk onze marktpositie in de IT-sector", "Sales", "Q1 2026"]
    cs = ["Klanten blijven omdat ze willen", "Customer Success", "2026-Q1"]
    prod = ["Het beste product in de markt", "Product", "2026 Q1"]

    def cont(obj):
        return [None, None, None] if blank_below else list(obj)

    parent = "Groei naar een leidende positie"
    return [
        co + ["Omzet naar € 1.000.000", "Anna", "€ 0", "€ 1.000.000", "€ 450.000", None, None, "groen", None,
              None, None],
        sales + ["15 SQL's gerealiseerd", "Bram", 0, 15, 9, "SQL", None, "groen", "Goed op weg", parent, None],
        cont(sales) + ["3 nieuwe contracten", "Eva", 0, 3, 0, "contracts", None, "Op koers", None,
                       parent if not blank_below else None, None],
        cont(sales) + ["20% meer volgers", "Fred", 0, 20, 26, "%", None, None, "Boven verwachting",
                       parent if not blank_below else None, None],
        cs + ["Churn van 8% naar 5%", "Cees", "8%", "5%", "6%", None, 2, "risico", None, parent, None],
        cont(cs) + ["Enquête verstuurd", "Gijs", None, None, "ja", None, None, None, None,
                    parent if not blank_below else None, None],
        prod + ["NPS van 30 naar 50", "Dana", 30, 50, None, "NPS", None, None, None, parent, "ambitieus"],
    ]


# docs/workbook.md: one workbook with every kind of problem, and the cells they must be reported at
def broken_sheets():
    objs = [list(r) for r in SPEC_OBJECTIVES] + [
        ["O-A", "A", "Ops", "2026-Q1", None, "O-B", None],              # row 6: a -> b -> a
        ["O-B", "B", "Ops", "Q1 2026", None, "O-A", None],              # row 7
        ["O-SELF", "Self", "Ops", "Q1 2026", None, "O-SELF", None],     # row 8: its own parent
        ["O-SALES-1", "Dup", "Sales", "2026-Q1", None, None, None],     # row 9: duplicate id
        ["O-X", "X", "Ops", "Q5 2026", None, "O-NOPE", None],           # row 10: bad quarter, unknown parent
    ]
    krs = [list(r) for r in SPEC_KEY_RESULTS] + [
        ["KR-S-1", "O-SALES-1", "dup", None, 0, 10, 5, None, None, None, None, None],       # row 8: duplicate
        ["KR-Z", "O-NONE", "z", None, 0, "veel", "abc", None, None, None, "purple", None],  # row 9
        ["KR-F", "O-SALES-1", "formula", None, 0, 10, "=1+1", None, None, None, None, None],  # row 10
    ]
    checkins = [["key result", "date", "value"], ["KR-S-1", "2026-01-15", 3], ["KR-NOPE", "2026-01-15", 3]]
    return canonical_sheets(objs, krs, extra={"Check-ins": checkins})


EXPECTED_ERRORS = {
    ("duplicate_objective", "Objectives!A9"),
    ("quarter", "Objectives!D10"),
    ("unknown_parent", "Objectives!F10"),
    ("cycle", "Objectives!F6"),
    ("cycle", "Objectives!F8"),
    ("duplicate_kr", "Key Results!A8"),
    ("number", "Key Results!F9"),
    ("number", "Key Results!G9"),
    ("status", "Key Results!K9"),
    ("unknown_objective", "Key Results!B9"),
    ("formula", "Key Results!G10"),
    ("unknown_checkin_kr", "Check-ins!A3"),
}


# A hand-built package laid out as Excel writes it, for sheet XML that openpyxl cannot write
# (shared strings, error cells, prefixed namespaces, hostile parts).
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/></Types>')
_PACKAGE_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 f'<Relationship Id="rId1" Type="{_NS_REL}/officeDocument" Target="xl/workbook.xml"/>'
                 '</Relationships>')


def sheet_xml(body: str, extra: str = "", ns: str = NS_MAIN) -> str:
    """A worksheet part around rows (`body`: the sheetData's content)."""
    return f'<worksheet xmlns="{ns}"><sheetData>{body}</sheetData>{extra}</worksheet>'


def package_xlsx(sheets: dict[str, str], shared: list[str] | None = None, styles: str | None = None,
                 workbook_extra: str = "", raw_shared: str | None = None, hidden: tuple = (),
                 extra_parts: dict[str, bytes] | None = None) -> bytes:
    """{sheet name: sheetData body, or a whole worksheet part} -> xlsx bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _PACKAGE_RELS)
        entries = "".join(f'<sheet name="{n}" sheetId="{i + 1}"' + (' state="hidden"' if n in hidden else "")
                          + f' r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{NS_MAIN}" xmlns:r="{_NS_REL}">{workbook_extra}'
                                      f"<sheets>{entries}</sheets></workbook>")
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{_NS_REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                       for i in range(len(sheets)))
        if shared is not None or raw_shared is not None:
            rels += f'<Relationship Id="rIdS" Type="{_NS_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            body = raw_shared if raw_shared is not None else "".join(
                f'<si><t xml:space="preserve">{s}</t></si>' for s in shared)
            z.writestr("xl/sharedStrings.xml", body if body.startswith("<?xml") or body.startswith("<sst")
                       else f'<sst xmlns="{NS_MAIN}">{body}</sst>')
        if styles is not None:
            rels += f'<Relationship Id="rIdT" Type="{_NS_REL}/styles" Target="styles.xml"/>'
            z.writestr("xl/styles.xml", styles)
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                   f'package/2006/relationships">{rels}</Relationships>')
        for i, body in enumerate(sheets.values()):
            part = body if body.lstrip().startswith(("<?xml", "<worksheet", "<x:worksheet")) else sheet_xml(body)
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", part)
        for name, data in (extra_parts or {}).items():
            z.writestr(name, data)
    return out.getvalue()
