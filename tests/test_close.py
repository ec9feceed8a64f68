"""okr.close on real workbooks and a real DuckDB (`close_db`: 2026-Q2 mid-quarter
and final, tests/conftest.py): grades and bands, the owner's grade beside ours,
the flags, quarter over quarter, and the carry-over workbook imported again by
`okr import` in a subprocess."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from okr import close, scoring, service
from okr.i18n import t
from okr.store import Store

from .conftest import CLOSE_FINAL, CLOSE_Q, build_db, close_sheets, xlsx_bytes

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def qc(close_db) -> close.QuarterClose:
    return close.quarter_close(Store.open(close_db), CLOSE_Q, today=TODAY)


def krs(qc: close.QuarterClose) -> dict[str, close.KRGrade]:
    return {k.id: k for k in qc.key_results}


def test_bands():
    assert close.band(0.29) == "missed" and close.band(0.3) == "progress" and close.band(0.69) == "progress"
    assert close.band(0.7) == "achieved" and close.band(0.1 + 0.6) == "achieved"  # 0.7000000000000001 / 0.69999...
    assert close.band(0.3 * 3 - 0.6) == "progress"  # 0.29999999999999993 is a 0.3
    assert close.band(0.9, committed=True) == "progress" and close.band(1.0, committed=True) == "achieved"
    assert close.band(0.2, committed=True) == "missed" and close.band(None) is None


def test_grades_from_the_final_snapshot(qc):
    assert (qc.quarter, qc.next_quarter, qc.as_of, qc.last_day) == (CLOSE_Q, "2026-Q3", CLOSE_FINAL, CLOSE_FINAL)
    assert qc.final and qc.finished
    g = krs(qc)
    assert {k: (v.grade, v.band) for k, v in g.items()} == {
        "K-S1": (1.0, "achieved"), "K-S2": (pytest.approx(0.2), "missed"),
        "K-S3": (pytest.approx(0.9), "progress"),  # a committed key result is achieved only at 1.0
        "K-S4": (0.0, "missed"),                   # a milestone not done
        "K-M1": (0.75, "achieved"),                # aspirational: 0.7 is success
        "K-M2": (0.0, "missed"), "K-M3": (0.0, "missed"),  # no current value in the final snapshot
        "K-F1": (1.0, "achieved"), "K-F2": (1.0, "achieved"), "K-U1": (0.0, "missed")}
    assert g["K-F1"].grade_raw == pytest.approx(1.2) and g["K-M2"].grade_raw is None  # 120% is news
    assert qc.band_counts() == {"missed": 5, "progress": 1, "achieved": 4}
    objs = {o.id: (o.grade, o.band) for o in qc.objectives}
    assert objs["O-S"] == (pytest.approx((1.0 + 0.2 + 2 * 0.9 + 0.0) / 5), "progress")  # weighted: K-S3 counts twice
    assert objs["O-M"] == (pytest.approx(0.25), "missed") and objs["O-F"] == (1.0, "achieved")
    assert objs["O-CO"] == (pytest.approx((0.6 + 0.25 + 1.0 + 0.0) / 4), "progress")  # by its children
    teams = [(tg.team, tg.grade) for tg in qc.teams]
    assert [name for name, _ in teams] == ["Support", "Marketing", "Company", "Sales", "Finance"]  # lowest first
    assert qc.company_grade == pytest.approx(0.4625) and qc.company_band == "progress"
    sales = next(tg for tg in qc.teams if tg.team == "Sales")
    assert (sales.key_results, sales.bands) == (4, {"missed": 2, "progress": 1, "achieved": 1})


def test_grades_roll_up_exactly_as_progress_does(close_db, qc):
    """The close reuses okr.scoring's roll-up: the final snapshot's progress is the grade."""
    card = service.scorecard(Store.open(close_db), quarter=CLOSE_Q)
    assert card.snapshot_id == qc.snapshot_id
    assert {o.id: o.progress for o in card.objectives} == {o.id: o.grade for o in qc.objectives}
    assert {tm.team: tm.progress for tm in card.teams} == {tg.team: tg.grade for tg in qc.teams}
    assert card.company_progress == qc.company_grade
    assert [k.progress for k in card.key_results] == [k.grade for k in qc.key_results]


def test_the_owners_grade_first_ours_beside_it(qc):
    g = krs(qc)
    assert (g["K-S2"].owner_grade, g["K-S2"].shown_grade, g["K-S2"].grade_differs) == (0.5, 0.5, True)
    assert close.grade_text(g["K-S2"], "en") == "0.50 (numbers: 0.20)"
    assert close.grade_text(g["K-S2"], "nl") == "0,50 (cijfers: 0,20)"
    # within 0.2 of ours: only the owner's is shown
    assert (g["K-S3"].owner_grade, g["K-S3"].grade_differs, close.grade_text(g["K-S3"])) == (0.8, False, "0.80")
    assert (g["K-M1"].grade_differs, close.grade_text(g["K-M1"], "nl")) == (False, "0,70")
    # no owner's grade: ours
    assert (g["K-S1"].owner_grade, close.grade_text(g["K-S1"])) == (None, "1.00")
    assert [k.id for k in qc.grade_differs] == ["K-S2"]


def test_flags(qc):
    # committed and below 0.3: the milestone, the one only updated mid-quarter, the partner deals
    assert [k.id for k in qc.committed_missed] == ["K-S4", "K-U1", "K-S2"]
    assert "K-M2" not in [k.id for k in qc.committed_missed]  # aspirational: missed, but not a commitment
    assert qc.targets_too_low == ["Finance"]
    # K-M2 has a check-in, K-U1 a mid-quarter value; K-M3's only check-in is from before the quarter
    assert [k.id for k in qc.never_updated] == ["K-M3"]
    g = krs(qc)
    assert (g["K-M2"].updated, g["K-M2"].last_value) == (True, 40)
    assert (g["K-U1"].updated, g["K-U1"].last_value) == (True, 4)
    assert (g["K-M3"].updated, g["K-M3"].last_value) == (False, None)


def test_an_early_final_snapshot_is_not_final(spec_db):
    """spec_db's 2026-Q1 ends on 31 March; its latest snapshot is as of 15 February."""
    qc = close.quarter_close(Store.open(spec_db), "2026-Q1", today=TODAY)
    assert (qc.as_of, qc.final, qc.finished) == (dt.date(2026, 2, 15), False, True)
    assert not close.quarter_close(Store.open(spec_db), "2026-Q1", today=dt.date(2026, 3, 1)).finished
    assert close.quarter_close(Store.open(spec_db), "2030-Q1") is None


def test_the_final_snapshot_is_the_latest_by_as_of(tmp_path):
    """Imported after the final one, a mid-quarter workbook does not become the close."""
    db = build_db(tmp_path / "late.duckdb", (xlsx_bytes(close_sheets()), "final.xlsx", CLOSE_FINAL),
                  (xlsx_bytes(close_sheets(final=False)), "mid.xlsx", dt.date(2026, 5, 15)))
    qc = close.quarter_close(Store.open(db), CLOSE_Q, today=TODAY)
    assert qc.as_of == CLOSE_FINAL and krs(qc)["K-S1"].grade == 1.0


def test_quarter_over_quarter_lists_closed_quarters_only(close_db, spec_db):
    store, spec = Store.open(close_db), Store.open(spec_db)
    history = close.history(store, today=TODAY)
    assert [(g.quarter, g.as_of) for g in history] == [(CLOSE_Q, CLOSE_FINAL)]
    assert history[0].company == pytest.approx(0.4625)
    assert list(history[0].teams) == ["Support", "Marketing", "Company", "Sales", "Finance"]
    assert close.history(store, today=dt.date(2026, 6, 30)) == []  # the quarter's last day: not closed yet
    assert [g.quarter for g in close.history(spec, today=TODAY)] == ["2026-Q1"]
    assert close.history_json(history)[0]["teams"][0] == {"team": "Support", "grade": 0.0}


def test_carried_ids():
    taken: set[str] = set()
    assert close.carried_id("O-SALES-1", "2026-Q4", taken) == "O-SALES-1-2026Q4"
    assert close.carried_id("O-SALES-1-2026Q3", "2026-Q4", taken) == "O-SALES-1-2026Q4-2"  # carried before
    assert close.carried_id("K-1-2026Q3-2", "2027-Q1", set()) == "K-1-2027Q1"
    assert close.next_quarter("2026-Q4") == "2027-Q1" and close.next_quarter("2026-Q2") == "2026-Q3"


def test_carry_over_data(qc):
    data = close.carry_over_data(qc, "en")
    objs = {o["id"]: o for o in data["objectives"]}
    assert list(objs) == ["O-CO-2026Q3", "O-S-2026Q3", "O-M-2026Q3", "O-F-2026Q3", "O-SUP-2026Q3"]
    assert {o["parent"] for o in objs.values()} == {None, "O-CO-2026Q3"}
    assert {o["quarter"] for o in objs.values()} == {"2026-Q3"}
    assert objs["O-M-2026Q3"]["type"] == "aspirational" and objs["O-S-2026Q3"]["owner"] == "Bram"
    assert [k["id"] for k in data["key_results"]] == [
        "K-S2-2026Q3", "K-S3-2026Q3", "K-S4-2026Q3", "K-M1-2026Q3", "K-M2-2026Q3", "K-M3-2026Q3", "K-U1-2026Q3"]
    assert [tm["team"] for tm in data["teams"]] == ["Company", "Sales", "Marketing", "Finance", "Support"]
    assert data["checkins"] == []


def _carried(run_cli, db: Path, out: str, *extra: str):
    res = run_cli("carry-over", out, "--db", str(db), *extra)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    return res


def test_carry_over_round_trip(run_cli, close_db, tmp_path):
    """Write next quarter's workbook, import it with `okr import` into the same
    database: no errors, the carried key results start where they ended."""
    db = Path(shutil.copy(close_db, tmp_path / "round.duckdb"))
    res = _carried(run_cli, db, "next.xlsx", "--quarter", "2026-Q2")
    assert "7 unfinished key result(s)" in res.stdout and "3 finished key result(s) stay behind" in res.stdout
    imp = run_cli("import", "next.xlsx", "--db", str(db), "--json")
    assert imp.returncode == 0, imp.stderr
    report = json.loads(imp.stdout)
    assert report["status"] == "imported" and report["quarters"] == ["2026-Q3"]
    assert [w for w in report["warnings"] if w["severity"] == "error"] == []
    snap = Store.open(db).load(report["snapshot"])
    krs_now = {k.id: k for k in snap.key_results}
    old = {k.id: k for k in Store.open(close_db).load(2).key_results}
    # the finished ones stay behind: K-S1 (1.0), K-F1 (1.2) and the milestone done (K-F2)
    assert set(krs_now) == {f"{kid}-2026Q3" for kid in ("K-S2", "K-S3", "K-S4", "K-M1", "K-M2", "K-M3", "K-U1")}
    for kid, start in {"K-S2": 2, "K-M1": 75, "K-M2": 40, "K-U1": 4, "K-M3": 0}.items():
        new = krs_now[f"{kid}-2026Q3"]
        assert (new.start, new.target, new.current, new.unit, new.owner, new.weight) == (
            start, old[kid].target, None, old[kid].unit, old[kid].owner, old[kid].weight), kid
        assert new.comment == "Carried over from 2026-Q2."
    # a decrease key result (churn 8% -> 5%, ended at 5.3) goes on from 5.3 to 5, weight 2
    churn = krs_now["K-S3-2026Q3"]
    assert (churn.start, churn.target, churn.weight, churn.kind) == (5.3, 5, 2, "number")
    assert krs_now["K-S4-2026Q3"].kind == "milestone" and krs_now["K-S4-2026Q3"].current is None
    # parents map to the new ids, teams and types come along
    objs = {o.id: o for o in snap.objectives}
    assert objs["O-S-2026Q3"].parent == "O-CO-2026Q3" and objs["O-CO-2026Q3"].parent is None
    assert (objs["O-M-2026Q3"].team, objs["O-M-2026Q3"].type) == ("Marketing", "aspirational")
    assert {k.objective for k in snap.key_results} <= set(objs)
    assert {tm.team: tm.parent_team for tm in snap.teams}["Sales"] == "Company"
    # the carried quarter scores with nothing updated yet
    card = scoring.score(snap.objectives, snap.key_results, snap.info.as_of, "2026-Q3", snap.teams)
    assert {k.status for k in card.key_results} == {"no update"}


def test_carry_over_in_dutch_into_a_fresh_database(run_cli, close_db, tmp_path):
    _carried(run_cli, close_db, "volgend.xlsx", "--lang", "nl")  # default: the most recent quarter that ended
    wb = openpyxl.load_workbook(tmp_path / "volgend.xlsx")
    assert wb.sheetnames == ["Instructies", "Doelstellingen", "Kernresultaten", "Check-ins", "Teams"]
    assert wb["Kernresultaten"].data_validations.dataValidation  # the template's validation came along
    head = [c.value for c in wb["Kernresultaten"][1]]
    rows = [dict(zip(head, r)) for r in wb["Kernresultaten"].iter_rows(min_row=2, values_only=True)]
    assert {r["toelichting"] for r in rows} == {"Overgenomen uit 2026-Q2."}
    imp = run_cli("import", "volgend.xlsx", "--db", str(tmp_path / "fresh.duckdb"))
    assert imp.returncode == 0, imp.stderr
    assert "5 objectives, 7 key results" in imp.stdout


def test_cli_close_json(run_cli, close_db):
    res = run_cli("close", "--quarter", "Q2 2026", "--db", str(close_db), "--json")
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""  # the final snapshot is as of the last day: no warning
    js = json.loads(res.stdout)
    assert set(js) == {"quarter", "next_quarter", "snapshot", "as_of", "last_day", "final", "company", "bands",
                       "teams", "objectives", "key_results", "flags", "history"}
    assert (js["quarter"], js["final"], js["company"]) == ("2026-Q2", True, {"grade": 0.4625, "band": "progress"})
    assert js["flags"] == {"committed_missed": ["K-S4", "K-U1", "K-S2"], "targets_too_low": ["Finance"],
                           "never_updated": ["K-M3"], "grade_differs": ["K-S2"]}
    s2 = next(k for k in js["key_results"] if k["id"] == "K-S2")
    assert (s2["grade"], s2["owner_grade"], s2["band"], s2["grade_differs"], s2["carried_over"]) == (
        0.2, 0.5, "missed", True, True)
    assert next(tm for tm in js["teams"] if tm["team"] == "Finance")["all_at_target"] is True
    assert js["history"] == [{"quarter": "2026-Q2", "as_of": "2026-06-30", "company": 0.4625,
                              "teams": [{"team": n, "grade": g} for n, g in (
                                  ("Support", 0.0), ("Marketing", 0.25), ("Company", 0.4625), ("Sales", 0.6),
                                  ("Finance", 1.0))]}]


def test_cli_close_text_in_both_languages(run_cli, close_db, spec_db):
    en = run_cli("close", "--db", str(close_db))
    assert en.returncode == 0, en.stderr
    assert en.stdout.startswith("2026-Q2 closed as of 30 Jun 2026 (snapshot 2): company grade 0.46 — partly achieved")
    assert "  K-S2  10 partner deals — Fred: 0.50 (numbers: 0.20)" in en.stdout
    assert "targets set too low? Finance" in en.stdout
    nl = run_cli("close", "--db", str(close_db), "--lang", "nl")
    assert nl.returncode == 0, nl.stderr
    assert nl.stdout.startswith("2026-Q2 afgesloten per 30 jun 2026 (snapshot 2): score bedrijf 0,46 — deels gehaald")
    assert "Gemiste committed kernresultaten (3):" in nl.stdout and "0,50 (cijfers: 0,20)" in nl.stdout
    assert "doelen te laag gesteld? Finance" in nl.stdout
    assert "Kernresultaten die dit kwartaal nooit zijn bijgewerkt (1):" in nl.stdout
    # a quarter whose latest snapshot is before its last day: graded, with a warning
    early = run_cli("close", "--db", str(spec_db), "--quarter", "2026-Q1")
    assert early.returncode == 0
    assert early.stderr.strip() == t("close.early", "en", quarter="2026-Q1", as_of="15 Feb 2026",
                                     last_day="31 Mar 2026")


def _refused(res) -> str:
    assert res.returncode == 2, (res.stdout, res.stderr)
    assert "Traceback" not in res.stderr and res.stdout == ""
    assert len(res.stderr.strip().splitlines()) == 1
    return res.stderr.strip()


def test_cli_refusals(run_cli, close_db, tmp_path):
    db = str(close_db)
    before = Store.open(close_db).table_contents()
    assert "holds no snapshot of 2027-Q1. Quarters in it: 2026-Q2." in _refused(
        run_cli("close", "--quarter", "2027-Q1", "--db", db, "--json"))
    assert "holds no snapshot of 2027-Q1" in _refused(
        run_cli("carry-over", "x.xlsx", "--quarter", "2027-Q1", "--db", db))
    empty = tmp_path / "none.duckdb"
    assert "No workbook has been imported" in _refused(run_cli("close", "--db", str(empty)))
    assert "No workbook has been imported" in _refused(run_cli("carry-over", "x.xlsx", "--db", str(empty)))
    assert not empty.exists() and not (tmp_path / "x.xlsx").exists()
    (tmp_path / "dir.xlsx").mkdir()
    assert _refused(run_cli("carry-over", "dir.xlsx", "--db", db)).startswith("Cannot write dir.xlsx:")
    blocked = tmp_path / "file"
    blocked.write_text("a file, not a folder")
    assert "Nothing was written" in _refused(run_cli("carry-over", str(blocked / "next.xlsx"), "--db", db))
    assert _refused(run_cli("close", "--quarter", "Q5 2026", "--db", db)).startswith("'Q5 2026' is not a quarter.")
    assert Store.open(close_db).table_contents() == before


def test_cli_default_quarter_needs_one_that_ended(run_cli, tmp_path):
    """A database whose only quarter is still running: name one."""
    from .conftest import SAMPLE_DIR

    db = build_db(tmp_path / "q4.duckdb", *[(p.read_bytes(), p.name, dt.date.fromisoformat(p.stem[4:]))
                                            for p in service.sample_series(SAMPLE_DIR) if p.stem >= "okr-2026-10"])
    msg = _refused(run_cli("close", "--db", str(db)))
    assert msg == t("close.cli.none_closed", "en", db=db, quarter="2026-Q4")
    res = run_cli("close", "--db", str(db), "--quarter", "2026-Q4")  # a running quarter, asked for: graded, warned
    assert res.returncode == 0 and "before the quarter's last day" in res.stderr


def test_carry_over_of_the_running_quarter_imports_as_a_plan(run_cli, tmp_path):
    """Carried over from today's quarter, the workbook is about a quarter that has
    not started: `okr import` stores it as a plan, as of today."""
    running = [r[:3] + ["2026-Q4"] + r[4:] for r in close_sheets()["Objectives"][1:]]
    sheets = {**close_sheets(), "Objectives": [close_sheets()["Objectives"][0]] + running}
    db = build_db(tmp_path / "running.duckdb", (xlsx_bytes(sheets), "q4.xlsx", dt.date(2026, 11, 15)))
    res = _carried(run_cli, db, "plan.xlsx", "--quarter", "2026-Q4")
    assert "before the quarter's last day" in res.stderr  # 2026-Q4 is not over: the grades may change
    imp = run_cli("import", "plan.xlsx", "--db", str(db), "--json")
    assert imp.returncode == 0, imp.stderr
    report = json.loads(imp.stdout)
    assert (report["status"], report["quarters"], report["as_of_reason"]) == ("imported", ["2027-Q1"], "plan")
    assert report["as_of"] == dt.date.today().isoformat()
