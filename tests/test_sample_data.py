"""The committed sample workbooks: deterministic, big enough, and telling a story."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import openpyxl
import pytest

from okr.headers import CANONICAL, SHEET_NAMES

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
SERIES_RE = re.compile(r"okr-(\d{4}-\d{2}-\d{2})\.xlsx$")
Q_START, Q_DAYS = dt.date(2026, 10, 1), 92


def _load_generator():
    spec = importlib.util.spec_from_file_location("okr_sample_generate", SAMPLE / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _day(path: Path) -> dt.date:
    return dt.date.fromisoformat(SERIES_RE.search(path.name).group(1))


def _series():
    """The weekly workbooks of the running quarter, 2026-Q4."""
    return sorted(p for p in SAMPLE.glob("okr-*.xlsx") if SERIES_RE.search(p.name) and _day(p) >= Q_START)


# optional columns the series carries after the canonical ones
OPTIONAL = {"key_results": ["confidence"]}


def _sheet(wb, key):
    ws = wb[SHEET_NAMES[key]["en"]]
    flds = list(CANONICAL[key]) + OPTIONAL.get(key, [])
    assert [c.value for c in ws[1]] == [CANONICAL[key][f]["en"] for f in CANONICAL[key]] + OPTIONAL.get(key, [])
    return [dict(zip(flds, r)) for r in ws.iter_rows(min_row=2, values_only=True)
            if any(v is not None for v in r)]


def _values(path):
    wb = openpyxl.load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


@pytest.fixture(scope="module")
def last():
    path = _series()[-1]
    wb = openpyxl.load_workbook(path)
    return path, {k: _sheet(wb, k) for k in ("objectives", "key_results", "checkins", "teams")}


def test_regenerating_gives_the_committed_files(tmp_path):
    gen = _load_generator()
    written = gen.generate(tmp_path)
    names = sorted(p.name for p in written)
    committed = sorted(p.name for p in SAMPLE.glob("*.xlsx"))
    assert names == committed
    for name in names:
        assert _values(tmp_path / name) == _values(SAMPLE / name), name


def test_series_files():
    series = _series()
    assert 4 <= len(series) <= 5
    for p in series:
        assert p.stat().st_size < 200_000
        day = dt.date.fromisoformat(SERIES_RE.search(p.name).group(1))
        assert Q_START <= day <= dt.date(2026, 12, 31)
        wb = openpyxl.load_workbook(p)
        assert [SHEET_NAMES[k]["en"] for k in ("objectives", "key_results", "checkins", "teams")] \
            == wb.sheetnames
        # check-ins never come from after the as-of date
        dates = [c["date"] for c in _sheet(wb, "checkins")]
        assert dates and max(d.date() if isinstance(d, dt.datetime) else d for d in dates) <= day


def test_size_and_structure(last):
    _, d = last
    objectives, krs, teams = d["objectives"], d["key_results"], d["teams"]
    assert len(objectives) >= 25
    assert len(krs) >= 60
    assert {o["quarter"] for o in objectives} == {"2026-Q4"}
    parent = {t["team"]: t["parent_team"] for t in teams}
    roots = [t for t, p in parent.items() if p is None]
    assert roots == ["Company"]
    departments = [t for t, p in parent.items() if p == "Company"]
    assert len(departments) == 3
    leaf_teams = [t for t, p in parent.items() if p in departments]
    assert 8 <= len(leaf_teams) <= 10
    assert all(t["lead"] for t in teams)
    # every parent id exists; every KR belongs to an existing objective
    ids = {o["id"] for o in objectives}
    assert len(ids) == len(objectives)
    assert all(o["parent"] in ids for o in objectives if o["parent"])
    assert all(k["objective"] in ids for k in krs)
    assert all(o["team"] in parent for o in objectives)
    kr_ids = {k["id"] for k in krs}
    assert len(kr_ids) == len(krs)
    assert all(c["key_result"] in kr_ids for c in d["checkins"])


def test_method_breakers_and_kinds(last):
    _, d = last
    objectives, krs = d["objectives"], d["key_results"]
    per_obj = {}
    for k in krs:
        per_obj.setdefault(k["objective"], []).append(k)
    assert max(len(v) for v in per_obj.values()) == 4
    per_team = {}
    for o in objectives:
        per_team.setdefault(o["team"], []).append(o)
    assert max(len(v) for v in per_team.values()) == 4
    assert sum(1 for k in krs if not k["owner"]) == 2
    assert any(k["kind"] == "number" and k["target"] == k["start"] for k in krs)
    assert any(k["kind"] == "number" and k["target"] < k["start"] for k in krs)
    assert any(k["unit"] == "EUR" and k["start"] == 0 and k["target"] >= 100_000 for k in krs)
    assert any(k["unit"] == "%" for k in krs)
    assert sum(1 for k in krs if k["kind"] == "milestone") >= 3
    assert any(k["weight"] != 1 for k in krs)
    assert any(o["type"] == "aspirational" for o in objectives)
    company = {o["id"] for o in objectives if o["team"] == "Company"}
    unaligned = [o for o in objectives if not o["parent"] and o["id"] not in company]
    assert len(unaligned) == 1
    activity = {"We implementeren een nieuw CRM-systeem", "Launch the new website",
                "Opzetten van een partnerprogramma", "We gaan meer leads genereren"}
    assert activity <= {k["key_result"] for k in krs}
    # most KRs carry a comment
    assert sum(1 for k in krs if k["comment"]) >= 0.6 * len(krs)


def _progress(k):
    if k["kind"] == "milestone":
        return 1.0 if str(k["current"]).lower() in ("ja", "yes", "1", "done", "gereed") else 0.0
    if k["current"] is None:
        return 0.0
    if k["target"] == k["start"]:
        return float(k["current"] == k["target"])
    return (k["current"] - k["start"]) / (k["target"] - k["start"])


def test_a_team_lags_and_others_do_not(last):
    path, d = last
    day = dt.date.fromisoformat(SERIES_RE.search(path.name).group(1))
    e = (day - Q_START).days / Q_DAYS
    team_of = {o["id"]: o["team"] for o in d["objectives"]}
    by_team = {}
    for k in d["key_results"]:
        by_team.setdefault(team_of[k["objective"]], []).append(min(max(_progress(k), 0), 1))
    mean = {t: sum(v) / len(v) for t, v in by_team.items()}
    lagging = [t for t, p in mean.items() if p < e - 0.3]
    assert {"Mobile", "Customer Success"} <= set(lagging)
    on_line = [t for t, p in mean.items() if p >= e - 0.15]
    assert len(on_line) >= 6


def test_story_across_weeks():
    series = _series()
    krs = [{k["id"]: k for k in _sheet(openpyxl.load_workbook(p), "key_results")} for p in series]
    # a target moves between weeks
    assert any(krs[0][i]["target"] != krs[-1][i]["target"] for i in krs[-1] if i in krs[0])
    # some KRs are not updated in some weeks
    assert all(any(k["current"] is None for k in week.values()) for week in krs)
    # an owner reports green while the numbers say red
    assert any(k["status"] in ("green", "groen") and k["kind"] == "number" and k["current"] is not None
               and _progress(k) < 0.25 for k in krs[-1].values())


def test_flat_dutch_variant():
    wb = openpyxl.load_workbook(SAMPLE / "okr-plat-voorbeeld.xlsx")
    assert wb.sheetnames == ["OKR's Q4"]
    rows = [list(r) for r in wb.active.iter_rows(values_only=True)]
    assert rows[0][0] == "OKR overzicht Noordwind Q4 2026"
    assert all(v is None for v in rows[1])
    assert rows[2][:3] == ["Kwartaal", "Team", "Doelstelling"]
    data = rows[3:]
    assert 8 <= len(data) <= 14
    assert data[0][2] and data[1][2] is None  # objective only on its first row
    texts = [v for r in data for v in r[6:9] if isinstance(v, str)]
    assert any(v.startswith("€ ") for v in texts)
    assert any(v.endswith("%") for v in texts)
    assert any(re.fullmatch(r"\d{1,3}(\.\d{3})+,\d", v) for v in texts)


def test_last_quarter_closed_tells_its_story(sample_db):
    """okr-2026-09-30.xlsx: 2026-Q3's final workbook, the quarter the overview shows closed."""
    from okr import close
    from okr.store import Store

    closed = [p.name for p in SAMPLE.glob("okr-*.xlsx") if SERIES_RE.search(p.name) and _day(p) < Q_START]
    assert closed == ["okr-2026-09-30.xlsx"]
    wb = openpyxl.load_workbook(SAMPLE / closed[0])
    assert "grade" in [c.value for c in wb["Key Results"][1]]  # the owners' own grades
    assert {o["quarter"] for o in _sheet(wb, "objectives")} == {"2026-Q3"}
    qc = close.quarter_close(Store.open(sample_db), "2026-Q3", today=dt.date(2026, 11, 30))
    assert qc.final and qc.as_of == dt.date(2026, 9, 30)
    assert qc.targets_too_low == ["Finance"]
    assert {k.id for k in qc.committed_missed} == {"KR-CS-1-1", "KR-CS-1-2", "KR-SALES-1-3", "KR-COM-1-2"}
    assert any(k.id == "KR-CS-1-1" and k.target < k.start for k in qc.committed_missed)  # a decrease missed
    assert [k.id for k in qc.never_updated] == ["KR-SALES-2-2"]
    assert {k.id for k in qc.grade_differs} == {"KR-SALES-1-3", "KR-MKT-1-2", "KR-CS-1-2", "KR-COM-1-2"}
    assert sum(1 for k in qc.key_results if k.owner_grade is not None) >= 8
    assert 0.3 <= qc.company_grade < 0.7  # partly achieved: a quarter worth talking about
    # the teams of the running quarter are its teams too
    q4_teams = {o["team"] for o in _sheet(openpyxl.load_workbook(_series()[-1]), "objectives")}
    assert {tg.team for tg in qc.teams} < q4_teams


def test_owners_confidence_and_its_drop_in_the_last_week():
    """The optional confidence column (0-10): most owners fill it in, it moves a
    point a week at most, and drops by 2+ points in the last week for a few
    (the forecast's confidence_drop shows them)."""
    series = _series()
    weeks = [{k["id"]: k["confidence"] for k in _sheet(openpyxl.load_workbook(p), "key_results")} for p in series]
    assert all(c is None or (isinstance(c, int) and 0 <= c <= 10) for week in weeks for c in week.values())
    assert sum(c is not None for c in weeks[-1].values()) >= 0.75 * len(weeks[-1])
    drop = lambda before, after: {i for i in after if before.get(i) is not None and after[i] is not None  # noqa: E731
                                  and before[i] - after[i] >= 2}
    assert drop(weeks[-2], weeks[-1]) == {"KR-SUP-1-2", "KR-MOB-1-1", "KR-SALES-3-2"}
    assert all(not drop(a, b) for a, b in zip(weeks[:-2], weeks[1:-1]))
