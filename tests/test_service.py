"""okr/service.py: the one path from bytes to a stored, scored snapshot that the CLI and the app share."""

from __future__ import annotations

import datetime as dt

import pytest

from okr import service
from okr.settings import Settings
from tests.conftest import AS_OF, SPEC_KEY_RESULTS, SPEC_OBJECTIVES, canonical_sheets, xlsx_bytes


def test_check_clean_workbook():
    data = xlsx_bytes(canonical_sheets())
    checked = service.check(data, "spec.xlsx")
    assert checked.ok and checked.file_error is None and checked.errors == []
    assert len(checked.sha256) == 64 and checked.parsed.layout == "canonical"


@pytest.mark.parametrize("data, code_word", [
    (b"id,objective,team\nO-1,Grow,Sales\n", "CSV"),
    (b"", "empty"),
    (b"%PDF-1.4 not a workbook", "not an Excel workbook"),
    (b"PK\x03\x04broken zip", "damaged"),
])
def test_check_file_errors_are_one_sentence(data, code_word):
    checked = service.check(data, "x.xlsx")
    assert not checked.ok and checked.parsed is None
    assert code_word in checked.file_error and "\n" not in checked.file_error
    nl = service.check(data, "x.xlsx", lang="nl").file_error
    assert nl and nl != checked.file_error


def test_check_path_refuses_too_large_without_reading(tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"0" * (1024 * 1024 + 10))
    checked = service.check_path(path, settings=Settings(max_upload_mb=1))
    assert checked.file_error and "limit is 1 MB" in checked.file_error


def test_errors_block_warnings_do_not(store):
    krs = [["KR-1", "O-SALES-1", "We implementeren een CRM-systeem", None, 0, 1, 0, None, None, None, None, None],
           ["KR-2", "O-SALES-1", "b", None, 0, 1, 0, None, None, None, None, None],
           ["KR-3", "O-SALES-1", "c", None, 0, 1, 0, None, None, None, None, None],
           ["KR-4", "O-SALES-1", "d", None, 0, 5, 1, None, None, None, None, None]]  # 4 KRs, no owners
    out = service.import_bytes(store, xlsx_bytes(canonical_sheets(key_results=krs)), "w.xlsx", AS_OF)
    assert out.stored and out.checked.errors == []
    assert all(w.severity != "error" for w in out.checked.warnings)


def test_scorecard_latest_snapshot_and_default_quarter(store):
    assert service.scorecard(store) is None
    two_quarters = [list(r) for r in SPEC_OBJECTIVES] + [["O-OLD", "Oud", "Sales", "2025-Q4", None, None, None]]
    data = xlsx_bytes(canonical_sheets(objectives=two_quarters))
    service.import_bytes(store, data, "w.xlsx", AS_OF)
    card = service.scorecard(store)
    assert card.quarter == "2026-Q1" and card.as_of == AS_OF and card.expected == 0.5
    assert "O-OLD" not in {o.id for o in card.objectives}
    old = service.scorecard(store, quarter="2025-Q4")
    assert [o.id for o in old.objectives] == ["O-OLD"] and old.expected == 1.0
    strict = service.scorecard(store, settings=Settings(green_gap=0.0, amber_gap=0.01))
    assert {k.id: k.status for k in strict.key_results}["KR-S-1"] == "green"  # 0.6 >= 0.5
    assert {o.id: o.status for o in strict.objectives}["O-CO-1"] == "red"      # 0.437: gap 0.063


def test_scorecard_as_of_after_the_workbook_quarter(store):
    service.import_bytes(store, xlsx_bytes(canonical_sheets()), "w.xlsx", dt.date(2026, 5, 1))
    card = service.scorecard(store)
    assert card.quarter == "2026-Q1" and card.expected == 1.0  # the latest quarter up to the as-of date


def test_scorecard_of_a_given_snapshot(store):
    a = service.import_bytes(store, xlsx_bytes(canonical_sheets()), "a.xlsx", dt.date(2026, 1, 15)).snapshot_id
    b = service.import_bytes(store, xlsx_bytes(canonical_sheets(SPEC_OBJECTIVES[:2], SPEC_KEY_RESULTS[:3])),
                             "b.xlsx", AS_OF)
    assert b.stored
    assert len(service.scorecard(store).objectives) == 2
    card = service.scorecard(store, snapshot_id=a)
    assert len(card.objectives) == 4 and card.as_of == dt.date(2026, 1, 15)


def test_import_warnings_name_the_cell_of_the_key_result():
    from tests.conftest import SAMPLE_DIR

    checked = service.check((SAMPLE_DIR / "okr-2026-11-27.xlsx").read_bytes(), "okr-2026-11-27.xlsx")
    assert checked.ok
    activity = [w for w in checked.warnings if w.code == "activity-not-result"]
    assert activity and all(w.column == "C" and w.cell.startswith("Key Results!C") for w in activity)


def test_check_reports_its_steps(spec_workbook):
    steps = []
    checked = service.check(spec_workbook.read_bytes(), "spec.xlsx", progress=steps.append)
    assert checked.ok and steps == ["reading", "checking", "coaching"]
    steps.clear()
    assert service.check(b"", "empty.xlsx", progress=steps.append).file_error and steps == ["reading"]


def test_the_coach_is_announced_when_it_runs_while_the_check_ins_load(make_workbook):
    """The check-in sheet is the largest: the coach runs while calamine reads it, and the
    check-ins are checked after; the steps say so in that order."""
    checkins = [["key result", "date", "value"]] + [["KR-S-1", dt.datetime(2026, 1, 5) + dt.timedelta(days=i % 60), i]
                                                    for i in range(300)]
    krs = SPEC_KEY_RESULTS + [["KR-P-2", "O-PROD-1", "10 demo's per maand", None, 0, 10, 2, None, None, None,
                               None, None]]
    path = make_workbook(canonical_sheets(key_results=krs, extra={"Check-ins": checkins}))
    steps = []
    checked = service.check(path.read_bytes(), path.name, progress=steps.append)
    assert checked.ok and steps == ["reading", "checking", "coaching", "checking"]
    assert [w.code for w in checked.warnings] == [w.code for w in service.check(path.read_bytes(), path.name).warnings]
    assert "no-owner" in [w.code for w in checked.warnings]  # the coach's findings are there


# --- planning an import: the as-of date and another organisation ----------------------------

TODAY = dt.date(2026, 11, 30)


def _checked(objectives=None, key_results=None, extra=None):
    return service.check(xlsx_bytes(canonical_sheets(objectives, key_results, extra)), "w.xlsx")


def test_plan_gives_the_default_as_of_and_refuses_a_future_or_too_early_one(store):
    checked = _checked(extra={"Check-ins": [["key result", "date", "value"], ["KR-S-1", "2026-02-10", 9]]})
    plan = service.plan_import(store, checked, today=TODAY)
    assert (plan.as_of.date, plan.as_of.reason, plan.refused) == (dt.date(2026, 2, 10), "last_checkin", False)
    assert service.as_of_sentence(plan, "en") == "As of 10 Feb 2026, the workbook's last check-in: 2026-Q1 is over."
    assert "laatste check-in" in service.as_of_sentence(plan, "nl")
    future = service.plan_import(store, checked, dt.date(2062, 2, 15), today=TODAY)
    assert future.refused and future.as_of_problem == "future"
    assert "lies after today (30 Nov 2026)" in service.as_of_sentence(future, "en")
    early = service.plan_import(store, checked, dt.date(2025, 12, 1), today=TODAY)
    assert early.as_of_problem == "before_quarter" and "Give a date from 1 Jan 2026 to 30 Nov 2026" in \
        service.as_of_sentence(early, "en")
    assert store.snapshots() == []  # planning writes nothing


def test_another_organisation_is_recognised_by_sharing_no_id_and_no_team(store):
    assert service.import_bytes(store, xlsx_bytes(canonical_sheets()), "ours.xlsx", AS_OF).stored
    ours = service.plan_import(store, _checked([list(r) for r in SPEC_OBJECTIVES]), AS_OF, today=TODAY)
    assert ours.other_organisation is None
    # new ids, but a team we know (case and spaces aside): the same organisation
    renamed = [["N-" + r[0], r[1], r[2], r[3], r[4], None, r[6]] for r in SPEC_OBJECTIVES]
    krs = [[k[0], "N-" + k[1]] + list(k[2:]) for k in SPEC_KEY_RESULTS]
    renamed[1][2] = "  sales "
    assert service.plan_import(store, _checked(renamed, krs), AS_OF, today=TODAY).other_organisation is None
    # nothing shared: another organisation, named by the snapshot it was compared with
    other_objs = [["X-1", "Grow", "Bakery", "2026-Q1", "Iris", None, None]]
    other_krs = [["XK-1", "X-1", "100 loaves a day", "Iris", 0, 100, 40, None, None, None, None, None]]
    plan = service.plan_import(store, _checked(other_objs, other_krs), AS_OF, today=TODAY)
    assert plan.other_organisation is not None and plan.other_organisation.file_name == "ours.xlsx"
    # a workbook for a quarter the database does not hold is compared with the latest snapshot
    other_objs[0][3] = "2026-Q2"
    plan = service.plan_import(store, _checked(other_objs, other_krs), dt.date(2026, 4, 2), today=TODAY)
    assert plan.other_organisation.file_name == "ours.xlsx"


def test_an_empty_database_has_no_other_organisation(store):
    assert service.plan_import(store, _checked(), AS_OF, today=TODAY).other_organisation is None


# --- "now" per quarter ------------------------------------------------------------------------


def _quarter_workbook(quarter: str, current: float, team: str = "Sales") -> bytes:
    objs = [[f"O-{quarter}", "Groei", team, quarter, "Bram", None, None]]
    krs = [[f"KR-{quarter}", f"O-{quarter}", "10 klanten", "Bram", 0, 10, current, None, None, None, None, None]]
    return xlsx_bytes(canonical_sheets(objs, krs))


def test_scorecard_shows_each_quarter_at_its_own_latest_snapshot(store):
    q1a = service.import_bytes(store, _quarter_workbook("2026-Q1", 3), "q1a.xlsx", dt.date(2026, 2, 1)).snapshot_id
    q1b = service.import_bytes(store, _quarter_workbook("2026-Q1", 6), "q1b.xlsx", dt.date(2026, 3, 1)).snapshot_id
    q2 = service.import_bytes(store, _quarter_workbook("2026-Q2", 1), "q2.xlsx", dt.date(2026, 5, 1)).snapshot_id
    card = service.scorecard(store, quarter="2026-Q1")
    assert card.snapshot_id == q1b and card.key_results[0].current == 6 and card.as_of == dt.date(2026, 3, 1)
    assert service.scorecard(store, quarter="2026-Q2").snapshot_id == q2
    # no quarter: today's when the database holds it, else the most recent
    assert service.scorecard(store, today=dt.date(2026, 2, 20)).quarter == "2026-Q1"
    assert service.scorecard(store, today=TODAY).quarter == "2026-Q2"
    assert service.timeline(store).previous("2026-Q1").id == q1a
    assert service.scorecard(store, quarter="2025-Q4") is None


def test_the_demo_is_built_once_in_its_own_database(tmp_path, monkeypatch):
    from tests.conftest import SAMPLE_DIR

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("OKR_DEMO_DB", raising=False)
    path = service.demo_path(SAMPLE_DIR)
    assert path.parent == tmp_path / "cache" / "okr-dashboard" and not path.exists()
    demo = service.demo_store(SAMPLE_DIR)
    assert demo.path == path and path.is_file()
    snaps = demo.snapshots()
    assert len(snaps) == len(service.sample_series(SAMPLE_DIR))
    assert {s.quarters for s in snaps} == {"2026-Q3", "2026-Q4"}  # last quarter closed, this quarter's weeks
    stamp = path.stat().st_mtime_ns
    assert service.demo_store(SAMPLE_DIR).path == path and path.stat().st_mtime_ns == stamp  # not rebuilt
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no half-built file left behind


def test_the_quarter_meeting_is_the_meeting_page_s(spec_db):
    """okr pack and the Meeting page gather the same inputs: what changed since
    the previous upload, the coach's findings, the cascade and the sparklines."""
    from okr import alignment, changes, close, forecast, meeting, quality
    from okr.store import Store

    store = Store.open(spec_db)
    m = service.quarter_meeting(store, "2026-Q1", "nl", today=dt.date(2026, 4, 1))
    card = service.scorecard(store, quarter="2026-Q1")
    before = service.scorecard(store, service.timeline(store).previous("2026-Q1", card.snapshot_id).id, "2026-Q1")
    snap = store.load(card.snapshot_id)
    by_hand = meeting.build(card, "nl", changes=changes.compare(before, card),
                            findings=quality.snapshot_report(store, card.snapshot_id, "2026-Q1", "nl").findings,
                            tree=alignment.build(card, snap.objectives, snap.teams),
                            close=close.quarter_close(store, "2026-Q1", today=dt.date(2026, 4, 1)))
    assert [s.kind for s in m.slides] == [s.kind for s in by_hand.slides] and m.slides[-1].kind == "close"
    assert m.slides[-1].close == by_hand.slides[-1].close  # the quarter has ended: the meeting closes it
    # while the quarter runs, there is no close
    assert service.quarter_meeting(store, "2026-Q1", "nl", today=AS_OF).slides[-1].kind == "decide"
    assert m.slides[1].changed == by_hand.slides[1].changed and m.slides[1].changed.compared  # week 1 -> week 2
    assert m.slides[-2].decide == by_hand.slides[-2].decide and m.slides[-2].decide.lagging
    assert m.heading == by_hand.heading and m.organisation == "Company"
    krs = [kr for s in m.slides if s.screen for kr in s.screen.key_results]
    values = forecast.series(store, card.snapshot_id, "2026-Q1")  # what the forecast fits
    assert krs and all(kr.points == values.of(kr.id) for kr in krs)
    assert any(len(kr.points) == 2 for kr in krs)  # one value per upload
    assert service.quarter_meeting(store, "2025-Q3", "nl") is None
