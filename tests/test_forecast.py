"""okr/forecast.py: forecast to the quarter's end, stale key results and
confidence drops, on real workbooks (openpyxl) imported into a real DuckDB
store, scored by okr.service exactly as the CLI and the app score them."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from okr import forecast, service
from okr.i18n import t
from okr.settings import Settings

from .conftest import HISTORY_AS_OF, HISTORY_Q
from .conftest import checkins_on as line
from .conftest import history_kr as krow
from .conftest import history_workbook as workbook
from .conftest import q1_day as day
from .conftest import store_history as stored

Q = HISTORY_Q  # 1 Jan - 31 Mar: 90 days, the last day is day 89
AS_OF = HISTORY_AS_OF  # day 42
LAST = 89


def card_of(store, snapshot_id=None):
    card = service.scorecard(store, snapshot_id, Q)
    return card, {k.id: k for k in card.key_results}


def line(kid, values_at: dict[int, float]):
    return [(kid, day(n), v) for n, v in values_at.items()]


# --- the forecast ------------------------------------------------------------------


def test_an_exactly_linear_series_forecasts_exactly(store):
    # one unit a day from 0: on the quarter's last day (day 89) it stands at 89
    stored(store, workbook([krow("K", current=42)], line("K", {0: 0, 14: 14, 28: 28})))
    card, krs = card_of(store)
    k = krs["K"]
    assert k.forecast == pytest.approx(LAST, abs=1e-9)
    assert k.forecast_slope == pytest.approx(1.0)
    assert k.forecast_progress_raw == pytest.approx(0.89) and k.forecast_progress == pytest.approx(0.89)
    assert k.forecast_status == "close"  # 0.89 >= 0.85 of 1.0


def test_a_noisy_series_lands_near_its_true_line(store):
    """Two units a day from 10, each week off by up to ±3: the least-squares line
    equals NumPy's own fit, and lands within 5 of the true 188 (tolerance: the
    noise is ±3; extrapolated 40 days past the last value it may grow, not beyond 5)."""
    noise = [2.5, -3.0, 1.0, 3.0, -2.0, 0.5, -1.5]
    days = [0, 7, 14, 21, 28, 35, 42]
    values = {d: 10 + 2 * d + e for d, e in zip(days, noise)}
    stored(store, workbook([krow("K", start=10, target=200, current=values[42])], line("K", values)))
    _, krs = card_of(store)
    slope, intercept = np.polyfit(days, list(values.values()), 1)
    assert krs["K"].forecast == pytest.approx(intercept + slope * LAST, rel=1e-9)
    assert abs(krs["K"].forecast - (10 + 2 * LAST)) <= 5


@pytest.mark.parametrize("checkins, current", [
    ({0: 1, 14: 2}, None),           # two values
    ({0: 1, 14: 2}, 3),              # two check-ins and the current: three values, but ...
])
def test_fewer_than_three_dated_values_give_no_forecast(store, checkins, current):
    as_of = day(14) if current is not None else AS_OF  # ... the current sits on the last check-in's date
    stored(store, workbook([krow("K", current=current)], line("K", checkins)), as_of=as_of)
    card, krs = card_of(store)
    k = krs["K"]
    assert (k.forecast, k.forecast_progress, k.forecast_progress_raw, k.forecast_status) == (None,) * 4
    assert forecast.describe(k, "en") == "too little history"
    assert forecast.describe(k, "nl") == "te weinig historie"
    # and nothing to roll up
    assert (card.objectives[0].forecast_progress, card.objectives[0].forecast_status) == (None, None)


def test_a_milestone_has_no_forecast(store):
    stored(store, workbook([krow("M", start=None, target=None, current="nee", kind="milestone")],
                           line("M", {0: 0, 14: 0, 28: 0, 35: 0})))
    _, krs = card_of(store)
    assert krs["M"].forecast is None and krs["M"].forecast_status is None
    assert forecast.describe(krs["M"]) == "–"


def test_a_decrease_key_result(store):
    # churn 8% -> 5%, half a point every two weeks: on day 89 it is at 8 - 89/28 = 4.82, past the target
    stored(store, workbook([krow("C", start=8, target=5, current=6.5)], line("C", {0: 8, 14: 7.5, 28: 7})))
    _, krs = card_of(store)
    k = krs["C"]
    assert k.forecast == pytest.approx(8 - LAST / 28)
    assert k.forecast_progress_raw == pytest.approx((8 - LAST / 28 - 8) / (5 - 8))  # 1.06: it overshoots
    assert k.forecast_progress == 1.0 and k.forecast_status == "will make it"


def test_target_equal_to_start_counts_as_in_scoring(store):
    stored(store, workbook([krow("D", start=45, target=45, current=45), krow("E", start=45, target=45, current=47)],
                           line("D", {0: 45, 14: 45, 28: 45}) + line("E", {0: 45, 14: 46, 28: 47})))
    _, krs = card_of(store)
    assert (krs["D"].forecast_progress_raw, krs["D"].forecast_status) == (1.0, "will make it")
    assert (krs["E"].forecast_progress_raw, krs["E"].forecast_status) == (0.0, "will miss")


# --- which value counts on a date ----------------------------------------------------


def test_a_snapshot_value_beats_a_check_in_on_the_same_date(store):
    first = stored(store, workbook([krow("K", current=50)]), as_of=day(14), name="week2.xlsx")
    # the next workbook's check-ins say 10 on day 14, where the first snapshot said 50
    second = stored(store, workbook([krow("K", current=28)], line("K", {0: 0, 14: 10})), as_of=day(28),
                    name="week4.xlsx")
    s = forecast.series(store, second, Q)
    assert s.of("K") == [(day(0), 0.0), (day(14), 50.0), (day(28), 28.0)]
    _, krs = card_of(store, second)
    slope, intercept = np.polyfit([0, 14, 28], [0, 50, 28], 1)
    assert krs["K"].forecast == pytest.approx(intercept + slope * LAST)
    # scored as of the first snapshot, nothing after it counts
    assert forecast.series(store, first, Q).of("K") == [(day(14), 50.0)]


def test_of_two_snapshots_on_one_date_the_one_imported_last_wins(store):
    stored(store, workbook([krow("K", current=28)], line("K", {0: 0, 14: 14})), as_of=day(28), name="a.xlsx")
    later = stored(store, workbook([krow("K", current=30)], line("K", {0: 0, 14: 14})), as_of=day(28),
                   name="b.xlsx")
    assert forecast.series(store, later, Q).of("K") == [(day(0), 0.0), (day(14), 14.0), (day(28), 30.0)]


def test_values_outside_the_quarter_or_after_the_as_of_do_not_count(store):
    sid = stored(store, workbook([krow("K", current=20)],
                                 [("K", dt.date(2025, 12, 20), 99)] + line("K", {0: 0, 10: 10, 20: 20})),
                 as_of=day(20))
    assert forecast.series(store, sid, Q).of("K") == [(day(0), 0.0), (day(10), 10.0), (day(20), 20.0)]


# --- stale ---------------------------------------------------------------------------


def test_stale_when_the_last_three_values_are_equal(store):
    stored(store, workbook([krow("S", current=30), krow("M", start=None, target=None, current=0, kind="milestone"),
                            krow("DONE", target=30, current=30), krow("MOVING", current=42)],
                           line("S", {14: 20, 28: 30, 35: 30}) + line("M", {14: 0, 28: 0, 35: 0})
                           + line("DONE", {14: 20, 28: 30, 35: 30}) + line("MOVING", {14: 30, 28: 30, 35: 31})))
    card, krs = card_of(store)
    assert krs["S"].stale is True and krs["S"].last_change == day(28)  # 30 on days 28, 35 and 42 (the current)
    assert krs["DONE"].stale is False  # at its target: done, not stale
    assert krs["M"].stale is False  # a milestone can only move once: stale by age only
    assert krs["MOVING"].stale is False and krs["MOVING"].last_change == AS_OF
    assert [k.id for k in card.stale] == ["S"]


def test_stale_when_no_value_is_dated_within_14_days(store):
    stored(store, workbook([krow("OLD"), krow("EDGE"), krow("NEVER")],
                           line("OLD", {0: 1, 7: 2, 27: 3}) + line("EDGE", {0: 1, 7: 2, 28: 3})))
    _, krs = card_of(store)
    assert krs["OLD"].stale is True  # last value on day 27, 15 days before the as-of
    assert krs["EDGE"].stale is False  # day 28: exactly 14 days before
    assert krs["NEVER"].stale is True and krs["NEVER"].last_change is None
    assert krs["OLD"].last_change == day(27)
    assert forecast.is_stale(forecast.NO_HISTORY, day(10), day(0), milestone=False, done=False) is False
    assert forecast.is_stale(forecast.NO_HISTORY, day(30), day(0), milestone=False, done=False,
                             settings=Settings(stale_days=30)) is False


# --- confidence --------------------------------------------------------------------


def test_a_drop_of_two_points_since_the_previous_snapshot_is_flagged(store):
    krs = lambda a, b, c, d: [krow("A", current=10, confidence=a), krow("B", current=10, confidence=b),  # noqa: E731
                              krow("C", current=10, confidence=c), krow("D", current=10, confidence=d)]
    stored(store, workbook(krs(8, 8, "70%", None)), as_of=day(28), name="week4.xlsx")
    stored(store, workbook(krs(6, 7, "50%", 3)), as_of=day(35), name="week5.xlsx")
    card, by = card_of(store)
    assert {k: by[k].confidence for k in "ABCD"} == {"A": 0.6, "B": 0.7, "C": 0.5, "D": 0.3}
    assert {k: by[k].confidence_drop for k in "ABCD"} == {"A": True, "B": False, "C": True, "D": False}
    assert by["A"].confidence_before == 0.8
    assert forecast.confidence_text(by["A"], "en") == "↓ 60%, down from 80%"
    assert forecast.confidence_text(by["A"], "nl") == "↓ 60%, was 80%"
    assert forecast.confidence_text(by["B"], "en") == "70%"


# --- roll-up -------------------------------------------------------------------------


def test_roll_up_with_weights_and_an_aspirational_objective(store):
    """Each key result runs in a straight line from 0 on day 0 to `p` x 89 on day
    89 (target 89), so its forecast progress is exactly `p`."""
    objectives = [["O-C", "Committed", "Sales", Q, None, None, None],
                  ["O-A", "Aspirational", "Sales", Q, None, None, "aspirational"],
                  ["O-P", "Parent without key results", "Company", Q, None, None, None],
                  ["O-K", "Child", "Ops", Q, None, "O-P", None]]

    def straight(kid, objective, p, weight=None):
        return krow(kid, objective, 0, 89, p * 42, weight=weight), line(kid, {0: 0, 14: p * 14, 28: p * 28})

    parts = [straight("C1", "O-C", 0.5, weight=2), straight("C2", "O-C", 1.2), straight("A1", "O-A", 0.65),
             straight("A2", "O-A", 0.72), straight("K1", "O-K", 0.9)]
    few = krow("C3", "O-C", 0, 89, 10)  # one value: no forecast, left out of the roll-up
    rows = [r for r, _ in parts] + [few]
    checkins = [c for _, cs in parts for c in cs]
    stored(store, workbook(rows, checkins, objectives))
    card, krs = card_of(store)
    assert {k: krs[k].forecast_status for k in ("C1", "C2", "A1", "A2", "K1", "C3")} == {
        "C1": "will miss", "C2": "will make it", "A1": "close", "A2": "will make it", "K1": "close", "C3": None}
    # aspirational: 0.65 is close to the bar of 0.7 (0.85 x 0.7 = 0.595); 0.72 makes it; committed 0.72 would not
    objs = {o.id: o for o in card.objectives}
    assert objs["O-C"].forecast_progress == pytest.approx((2 * 0.5 + 1 * 1.0) / 3)  # C2 clamped to 1.0
    assert objs["O-C"].forecast_status == "will miss"
    # 0.685: close against the aspirational bar; a committed objective would miss at 0.685
    assert objs["O-A"].forecast_progress == pytest.approx((0.65 + 0.72) / 2) and objs["O-A"].forecast_status == "close"
    assert objs["O-P"].forecast_progress == pytest.approx(0.9)  # no key results of its own: its child's
    teams = {t.team: t for t in card.teams}
    sales = (objs["O-C"].forecast_progress + objs["O-A"].forecast_progress) / 2
    assert teams["Sales"].forecast_progress == pytest.approx(sales)
    # against the mean bar (1.0 + 0.7) / 2 = 0.85: 0.565 < 0.85 x 0.85
    assert teams["Sales"].forecast_status == "will miss"
    assert (teams["Ops"].forecast_progress, teams["Ops"].forecast_status) == (pytest.approx(0.9), "close")
    # the company: the objectives of the company-level teams (here O-P, a root others align to)
    assert card.company_forecast_progress == pytest.approx(0.9) and card.company_forecast_status == "close"


def test_status_for_thresholds():
    s = Settings()
    assert forecast.status_for(1.0, 1.0, s) == "will make it"
    assert forecast.status_for(0.85, 1.0, s) == "close"  # 0.85 counts, whatever the last bit says
    assert forecast.status_for(0.8499, 1.0, s) == "will miss"
    assert forecast.status_for(0.7 * 0.85, 0.7, s) == "close"
    assert forecast.status_for(None, 1.0, s) is None


# --- what a workbook not stored yet gets -------------------------------------------------


def test_a_preview_has_no_forecast_but_keeps_the_confidence():
    from okr import changes, workbook as wb

    parsed = wb.read(workbook([krow("K", current=42, confidence=7)], line("K", {0: 0, 14: 14, 28: 28})))
    card = changes.score_parsed(parsed, AS_OF, Q)
    (k,) = card.key_results
    assert (k.forecast, k.forecast_status, k.stale, k.confidence_drop) == (None, None, None, None)
    assert k.confidence == 0.7 and card.company_forecast_status is None
    assert forecast.describe(k) == "–"


# --- okr status --json and okr status ---------------------------------------------------------


def test_status_json_carries_the_forecast_fields(run_cli, tmp_path):
    db = tmp_path / "cli.duckdb"
    path = tmp_path / "okr.xlsx"
    path.write_bytes(workbook([krow("K", current=42, confidence=7), krow("S", current=30),
                               krow("M", start=None, target=None, current="nee", kind="milestone")],
                              line("K", {0: 0, 14: 14, 28: 28}) + line("S", {14: 30, 28: 30})))
    assert run_cli("import", str(path), "--db", str(db), "--as-of", AS_OF.isoformat()).returncode == 0
    res = run_cli("status", "--json", "--db", str(db))
    assert res.returncode == 0, res.stderr

    def no_nan(token):
        raise AssertionError(f"not valid JSON: {token}")

    js = json.loads(res.stdout, parse_constant=no_nan)
    krs = {k["id"]: k for k in js["key_results"]}
    assert krs["K"]["forecast"] == 89.0 and krs["K"]["forecast_progress"] == 0.89
    assert krs["K"]["forecast_progress_raw"] == 0.89 and krs["K"]["forecast_status"] == "close"
    assert (krs["K"]["stale"], krs["K"]["last_change"]) == (False, AS_OF.isoformat())
    assert (krs["K"]["confidence"], krs["K"]["confidence_drop"]) == (0.7, False)
    assert (krs["S"]["stale"], krs["S"]["last_change"], krs["S"]["forecast"]) == (True, "2026-01-15", 30.0)
    assert (krs["M"]["forecast"], krs["M"]["forecast_status"]) == (None, None)
    (obj,) = js["objectives"]
    assert obj["forecast_status"] == "will miss"  # K at 0.89, S at 0.30: mean 0.595
    assert obj["forecast_progress"] == pytest.approx((0.89 + 0.3) / 2, abs=1e-4)
    assert js["teams"][0]["forecast_status"] == js["company"]["forecast_status"] == "will miss"
    # the text output says it too, in either language
    en = run_cli("status", "--db", str(db)).stdout
    assert "forecast: 0 will make it, 1 close, 1 will miss, 0 too little history; 1 stale" in en
    nl = run_cli("status", "--db", str(db), env={"OKR_LANG": "nl"}).stdout
    assert "prognose: 0 haalt het, 1 bijna, 1 haalt het niet, 0 te weinig historie; 1 staat stil" in nl


@pytest.mark.parametrize("lang, words", [("en", ("✓ will make it", "◐ close", "✗ will miss", "◷ stale")),
                                         ("nl", ("✓ haalt het", "◐ bijna", "✗ haalt het niet", "◷ staat stil"))])
def test_labels_in_both_languages(lang, words):
    assert tuple(forecast.label(s, lang) for s in forecast.STATUSES) + (forecast.stale_label(lang),) == words
    assert forecast.outlook("will miss", 0.78, lang) == f"{words[2]} · {t('forecast.lands_at', lang, progress='78%')}"


def test_status_json_stays_valid_when_a_number_is_not_finite(run_cli, tmp_path):
    """A target of 1e-300 and a current of 1e300: progress overflows to infinity,
    which JSON cannot carry; it comes out as null, and everything else as usual."""
    db = tmp_path / "cli.duckdb"
    path = tmp_path / "okr.xlsx"
    path.write_bytes(workbook([krow("HUGE", target=1e-300, current=1e300), krow("K", current=42)],
                              line("HUGE", {0: 0, 14: 1e299, 28: 1e300}) + line("K", {0: 0, 14: 14, 28: 28})))
    assert run_cli("import", str(path), "--db", str(db), "--as-of", AS_OF.isoformat()).returncode == 0
    res = run_cli("status", "--json", "--db", str(db))
    assert res.returncode == 0, res.stderr
    krs = {k["id"]: k for k in json.loads(res.stdout)["key_results"]}
    assert krs["HUGE"]["progress_raw"] is None and krs["HUGE"]["forecast_progress_raw"] is None
    assert krs["HUGE"]["progress"] == 1.0 and krs["K"]["forecast"] == 89.0
