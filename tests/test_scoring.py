"""okr/scoring.py: docs/scoring.md with hand-computed numbers, and properties that hold for every input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from okr import workbook
from okr.model import KeyResult, Objective, Team
from okr.scoring import expected_progress, kr_progress, reported_better, score, status_for
from okr.settings import Settings
from tests.conftest import AS_OF

Q = "2026-Q1"


def obj(oid, team="Sales", parent=None, type_="committed", quarter=Q):
    return Objective(id=oid, title=oid, team=team, quarter=quarter, parent=parent, type=type_)


def kr(kid, objective, start=0.0, target=10.0, current=None, kind="number", weight=1.0, reported=None):
    return KeyResult(id=kid, objective=objective, title=kid, start=start, target=target, current=current, kind=kind,
                     weight=weight, reported_status=reported)


def one_kr_card(k, type_="committed", as_of=AS_OF, settings=Settings()):
    return score([obj("O", type_=type_)], [k], as_of, Q, settings=settings)


# ------------------------------------------------------------------ expected progress


@pytest.mark.parametrize("day, e", [
    (dt.date(2026, 2, 15), 0.5),      # 45 of 90 days
    (dt.date(2026, 1, 1), 0.0),
    (dt.date(2025, 12, 1), 0.0),      # before the quarter
    (dt.date(2026, 4, 1), 1.0),       # the day after
    (dt.date(2026, 7, 1), 1.0),       # long after
    (dt.date(2026, 3, 31), 89 / 90),
    (dt.date(2026, 1, 10), 9 / 90),
])
def test_expected_progress(day, e):
    assert expected_progress(Q, day) == pytest.approx(e)


def test_expected_progress_other_quarters():
    assert expected_progress("2026-Q4", dt.date(2026, 11, 15)) == pytest.approx(45 / 92)
    assert expected_progress("2028-Q1", dt.date(2028, 2, 15)) == pytest.approx(45 / 91)  # leap year


# ------------------------------------------------------------------ KR progress


@pytest.mark.parametrize("start, target, current, raw, clamped", [
    (0, 15, 9, 0.6, 0.6),                 # docs/quality.md: 9 of 15 SQLs
    (0, 3, 0, 0.0, 0.0),
    (0, 20, 26, 1.3, 1.0),                # over-achievement: raw kept, clamped for roll-ups
    (8, 5, 6, 2 / 3, 2 / 3),              # decrease KR: churn 8% -> 5%, now 6%
    (8, 5, 9, -1 / 3, 0.0),               # decrease KR going the wrong way
    (8, 5, 4, 4 / 3, 1.0),
    (5, 5, 5, 1.0, 1.0),                  # target == start, reached
    (5, 5, 4, 0.0, 0.0),                  # target == start, not reached
    (5, 5, 6, 0.0, 0.0),
    (30, 50, 30, 0.0, 0.0),
])
def test_number_progress(start, target, current, raw, clamped):
    r, c = kr_progress(kr("K", "O", start, target, current))
    assert r == pytest.approx(raw) and c == pytest.approx(clamped)


def test_no_current_is_zero_and_not_updated():
    assert kr_progress(kr("K", "O", 0, 10, None)) == (None, 0.0)
    card = one_kr_card(kr("K", "O", 0, 10, None, reported="green"))
    (k,) = card.key_results
    assert (k.progress, k.progress_raw, k.status) == (0.0, None, "no update")
    assert k.mismatch  # reported green without a number is news


@pytest.mark.parametrize("current, p", [(1.0, 1.0), (0.0, 0.0)])
def test_milestone(current, p):
    assert kr_progress(kr("K", "O", 0, 1, current, kind="milestone")) == (p, p)
    (k,) = one_kr_card(kr("K", "O", 0, 1, current, kind="milestone")).key_results
    assert k.status == ("green" if p else "red")


def test_no_target_counts_as_not_updated():
    assert kr_progress(kr("K", "O", 0, None, 5)) == (None, 0.0)


# ------------------------------------------------------------------ status


@pytest.mark.parametrize("progress, expected, status", [
    (0.4, 0.5, "green"),                  # gap exactly 0.10
    (0.39, 0.5, "amber"),                 # just above 0.10
    (0.25, 0.5, "amber"),                 # gap exactly 0.25
    (0.2499, 0.5, "red"),                 # just above 0.25
    (0.9, 0.5, "green"),                  # ahead
    (0.0, 0.0, "green"),
    (0.7 - 0.1, 0.7, "green"),            # floating point: 0.7 - 0.6 is 0.09999999999999998
    (0.6 - 0.25, 0.6, "amber"),
    (None, 0.0, "no update"),             # never green without a number
])
def test_status_thresholds(progress, expected, status):
    assert status_for(progress, expected) == status


def test_thresholds_are_settings():
    strict = Settings(green_gap=0.05, amber_gap=0.15)
    assert status_for(0.4, 0.5, strict) == "amber"
    assert status_for(0.34, 0.5, strict) == "red"
    assert status_for(0.46, 0.5, strict) == "green"
    (k,) = one_kr_card(kr("K", "O", 0, 10, 4), settings=strict).key_results
    assert k.status == "amber"
    (k,) = one_kr_card(kr("K", "O", 0, 10, 4)).key_results
    assert k.status == "green"


def test_thresholds_from_environment():
    s = Settings.from_env({"OKR_GREEN_GAP": "0.05", "OKR_AMBER_GAP": "0.2"})
    assert (s.green_gap, s.amber_gap) == (0.05, 0.2)


def test_committed_vs_aspirational():
    # as of 2026-02-15: expected 0.5 committed, 0.35 aspirational; p = 0.25
    (c,) = one_kr_card(kr("K", "O", 0, 100, 25)).key_results
    (a,) = one_kr_card(kr("K", "O", 0, 100, 25), type_="aspirational").key_results
    assert (c.expected, c.status) == (0.5, "amber")     # gap 0.25
    assert a.expected == pytest.approx(0.35) and a.status == "green"  # gap 0.10
    (a,) = one_kr_card(kr("K", "O", 0, 100, 15), type_="aspirational").key_results
    assert a.status == "amber"                           # gap 0.35 - 0.15 = 0.20
    (a,) = one_kr_card(kr("K", "O", 0, 100, 9), type_="aspirational").key_results
    assert a.status == "red"                             # gap 0.26
    (c,) = one_kr_card(kr("K", "O", 0, 100, 9)).key_results
    assert c.status == "red"


# ------------------------------------------------------------------ roll-ups


def test_weighted_rollup_kr_to_objective():
    # (0.6 * 1 + 0.2 * 3) / 4 = 0.3; gap 0.5 - 0.3 = 0.2 -> amber
    card = score([obj("O")], [kr("A", "O", 0, 10, 6), kr("B", "O", 0, 10, 2, weight=3)], AS_OF, Q)
    (o,) = card.objectives
    assert o.progress == pytest.approx(0.3) and o.status == "amber"
    assert o.key_results == ["A", "B"]


def test_rollup_uses_clamped_progress():
    card = score([obj("O")], [kr("A", "O", 0, 10, 13), kr("B", "O", 0, 10, 0)], AS_OF, Q)
    assert card.objectives[0].progress == pytest.approx(0.5)  # (1.0 + 0) / 2, not (1.3 + 0) / 2
    assert {k.id: k.progress_raw for k in card.key_results} == {"A": pytest.approx(1.3), "B": 0.0}


def test_all_weights_zero_is_a_plain_mean():
    card = score([obj("O")], [kr("A", "O", 0, 10, 6, weight=0), kr("B", "O", 0, 10, 2, weight=0)], AS_OF, Q)
    assert card.objectives[0].progress == pytest.approx(0.4)


def test_objective_without_krs_takes_mean_of_children():
    objs = [obj("ROOT", team="Company"), obj("MID", team="Dept", parent="ROOT"),
            obj("C1", parent="MID"), obj("C2", team="Ops", parent="MID"), obj("EMPTY", team="Ops", parent="MID")]
    krs = [kr("K1", "C1", 0, 10, 6), kr("K2", "C2", 0, 10, 2)]
    card = score(objs, krs, AS_OF, Q)
    by = {o.id: o for o in card.objectives}
    assert by["MID"].progress == pytest.approx(0.4)     # (0.6 + 0.2) / 2; EMPTY has no progress
    assert by["ROOT"].progress == pytest.approx(0.4)
    assert by["MID"].status == "green"                  # gap exactly 0.10
    assert by["EMPTY"].progress is None and by["EMPTY"].status == "no update"
    assert sorted(by["MID"].children) == ["C1", "C2", "EMPTY"]


def test_objective_whose_krs_are_all_not_updated():
    card = score([obj("O")], [kr("A", "O", 0, 10, None), kr("B", "O", 0, 10, None)], AS_OF, Q)
    (o,) = card.objectives
    assert o.progress == 0.0 and o.status == "no update"


def test_team_is_mean_of_its_objectives():
    objs = [obj("S1"), obj("S2"), obj("M1", team="Marketing")]
    krs = [kr("A", "S1", 0, 10, 6), kr("B", "S2", 0, 10, 2), kr("C", "M1", 0, 10, 1)]
    card = score(objs, krs, AS_OF, Q)
    teams = {tm.team: tm for tm in card.teams}
    assert teams["Sales"].progress == pytest.approx(0.4) and teams["Sales"].status == "green"
    assert teams["Sales"].objectives == 2
    assert teams["Marketing"].progress == pytest.approx(0.1) and teams["Marketing"].status == "red"
    assert [tm.team for tm in card.teams] == ["Marketing", "Sales"]  # furthest behind first


def test_other_quarters_are_left_out():
    objs = [obj("NOW"), obj("LAST", quarter="2025-Q4")]
    card = score(objs, [kr("A", "NOW", 0, 10, 5), kr("B", "LAST", 0, 10, 10)], AS_OF, Q)
    assert [o.id for o in card.objectives] == ["NOW"] and [k.id for k in card.key_results] == ["A"]
    old = score(objs, [kr("A", "NOW", 0, 10, 5), kr("B", "LAST", 0, 10, 10)], AS_OF, "2025-Q4")
    assert old.expected == 1.0 and old.key_results[0].status == "green"


@pytest.mark.parametrize("reported, current, flagged", [
    ("green", 0, True),       # reported green, numbers red
    ("amber", 0, True),       # reported amber, numbers red
    ("green", 3, True),       # reported green, numbers amber (gap 0.2)
    ("red", 9, False),        # reported worse than the numbers: the owner is careful, not news
    ("amber", 9, False),
    ("green", 9, False),
    (None, 0, False),
])
def test_reported_status_mismatch(reported, current, flagged):
    (k,) = one_kr_card(kr("K", "O", 0, 10, current, reported=reported)).key_results
    assert k.reported_status == reported and k.mismatch is flagged
    assert reported_better(reported, k.status) is flagged


def test_the_company_is_measured_against_its_own_expected():
    """An aspirational company objective: green at 30% when 50% of the quarter is
    gone, because it is measured against 35%. That 35% is what is shown beside it."""
    committed = one_kr_card(kr("K", "O", 0, 100, 30))
    aspirational = one_kr_card(kr("K", "O", 0, 100, 30), type_="aspirational")
    assert (committed.expected, committed.company_expected, committed.company_status) == (0.5, 0.5, "amber")
    assert aspirational.expected == 0.5  # the quarter's share stays what it is
    assert aspirational.company_expected == pytest.approx(0.35) and aspirational.company_status == "green"
    assert aspirational.to_json()["company"]["expected"] == 0.35


def test_spec_example_by_hand(spec_workbook):
    p = workbook.read(spec_workbook)
    card = score(p.objectives, p.key_results, AS_OF, Q, p.teams)
    assert card.expected == 0.5
    k = {x.id: x for x in card.key_results}
    assert (k["KR-S-1"].progress, k["KR-S-1"].status, k["KR-S-1"].mismatch) == (pytest.approx(0.6), "green", False)
    assert (k["KR-S-2"].progress, k["KR-S-2"].status, k["KR-S-2"].mismatch) == (0.0, "red", True)
    assert (k["KR-S-3"].progress, k["KR-S-3"].progress_raw, k["KR-S-3"].status) == (1.0, pytest.approx(1.3), "green")
    assert (k["KR-CS-1"].progress, k["KR-CS-1"].status) == (pytest.approx(2 / 3), "green")
    assert k["KR-CS-1"].reported_status == "amber" and not k["KR-CS-1"].mismatch
    assert (k["KR-CS-2"].progress, k["KR-CS-2"].status) == (1.0, "green")
    assert (k["KR-P-1"].progress, k["KR-P-1"].progress_raw, k["KR-P-1"].status) == (0.0, None, "no update")
    assert k["KR-P-1"].expected == pytest.approx(0.35)
    o = {x.id: x for x in card.objectives}
    sales, cs = (0.6 + 0 + 1) / 3, (2 / 3 * 2 + 1) / 3
    assert o["O-SALES-1"].progress == pytest.approx(sales) and o["O-SALES-1"].status == "green"
    assert o["O-CS-1"].progress == pytest.approx(cs) and o["O-CS-1"].status == "green"
    assert o["O-PROD-1"].progress == 0.0 and o["O-PROD-1"].status == "no update"
    assert o["O-CO-1"].progress == pytest.approx((sales + cs + 0) / 3) and o["O-CO-1"].status == "green"
    # the company is the team whose objective the others align to
    assert card.company_progress == pytest.approx((sales + cs) / 3)
    assert card.status_counts() == {"green": 4, "amber": 0, "red": 1, "no update": 1}
    js = card.to_json()
    assert js["key_results"][2]["progress_raw"] == 1.3 and js["key_results"][3]["progress"] == 0.6667


def test_company_from_teams_sheet():
    objs = [obj("CO", team="Board"), obj("S", parent="CO")]
    krs = [kr("A", "CO", 0, 10, 2), kr("B", "S", 0, 10, 8)]
    card = score(objs, krs, AS_OF, Q, [Team("Board"), Team("Sales", "Board")])
    assert card.company_progress == pytest.approx(0.2) and card.company_status == "red"


# ------------------------------------------------------------------ properties

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(start=finite, target=finite, current=finite)
def test_progress_clamped_in_unit_interval(start, target, current):
    raw, clamped = kr_progress(kr("K", "O", start, target, current))
    assert 0.0 <= clamped <= 1.0
    assert raw is not None and (clamped == min(1.0, max(0.0, raw)))


@given(start=finite, span=st.floats(min_value=1e-3, max_value=1e6), a=finite, b=finite,
       decrease=st.booleans())
def test_progress_grows_toward_target(start, span, a, b, decrease):
    target = start - span if decrease else start + span
    # moving toward the target from below (increase) or above (decrease)
    lo, hi = sorted((a, b))
    before, after = (hi, lo) if decrease else (lo, hi)
    p_before = kr_progress(kr("K", "O", start, target, before))
    p_after = kr_progress(kr("K", "O", start, target, after))
    assert p_after[0] >= p_before[0] and p_after[1] >= p_before[1]


@given(p1=st.floats(0, 1), p2=st.floats(0, 1), e=st.floats(0, 1), aspirational=st.booleans())
def test_status_never_improves_when_progress_drops(p1, p2, e, aspirational):
    from okr.scoring import STATUS_RANK, item_expected

    hi, lo = max(p1, p2), min(p1, p2)
    exp = item_expected(e, "aspirational" if aspirational else "committed")
    assert STATUS_RANK[status_for(lo, exp)] >= STATUS_RANK[status_for(hi, exp)]


@hsettings(max_examples=50, deadline=None)
@given(values=st.lists(st.tuples(finite, finite, st.one_of(st.none(), finite),
                                 st.floats(0, 10, allow_nan=False)), min_size=1, max_size=6))
def test_objective_progress_in_unit_interval(values):
    krs = [kr(f"K{i}", "O", s, t, c, weight=w) for i, (s, t, c, w) in enumerate(values)]
    (o,) = score([obj("O")], krs, AS_OF, Q).objectives
    assert 0.0 <= o.progress <= 1.0 + 1e-12
