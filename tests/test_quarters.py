"""okr/quarters.py: "now" per quarter, which quarter to show, and the as-of date a workbook gets."""

from __future__ import annotations

import datetime as dt

import pytest

from okr.quarters import AsOf, Timeline, as_of_problem, as_of_window, default_as_of
from okr.store import SnapshotInfo

D = dt.date


def snap(sid: int, as_of: dt.date, quarters: str, hour: int = 9) -> SnapshotInfo:
    return SnapshotInfo(sid, f"w{sid}.xlsx", f"sha{sid}", dt.datetime(2026, 1, 1, hour), as_of, "canonical",
                        1, 1, 1, quarters.count(",") + 1, 0, quarters)


def timeline(*snaps: SnapshotInfo) -> Timeline:
    order = sorted(snaps, key=lambda s: (s.as_of, s.imported_at, s.id), reverse=True)  # Store.snapshots order
    return Timeline(tuple(order))


def test_now_is_per_quarter_and_previous_stays_in_the_quarter():
    tl = timeline(snap(1, D(2026, 2, 8), "2026-Q1"), snap(2, D(2026, 2, 15), "2026-Q1"),
                  snap(3, D(2026, 5, 1), "2026-Q2"), snap(4, D(2026, 3, 20), "2026-Q1,2026-Q2"))
    assert tl.quarters == ["2026-Q1", "2026-Q2"]
    assert tl.now("2026-Q1").id == 4  # the latest snapshot holding Q1, although 3 is newer overall
    assert tl.now("2026-Q2").id == 3
    assert tl.previous("2026-Q1").id == 2 and tl.previous("2026-Q1", 2).id == 1
    assert tl.previous("2026-Q1", 1) is None
    assert tl.previous("2026-Q2", 3).id == 4 and tl.previous("2026-Q2", 4) is None
    assert tl.now("2025-Q4") is None and tl.holding("2025-Q4") == []


def test_same_as_of_the_later_import_is_now():
    tl = timeline(snap(1, D(2026, 2, 15), "2026-Q1", hour=10), snap(2, D(2026, 2, 15), "2026-Q1", hour=9))
    assert tl.now("2026-Q1").id == 1 and tl.previous("2026-Q1").id == 2


def test_default_quarter_is_todays_when_it_has_data_else_the_most_recent():
    tl = timeline(snap(1, D(2026, 2, 15), "2026-Q1"), snap(2, D(2026, 11, 1), "2026-Q4"),
                  snap(3, D(2026, 11, 2), "2027-Q1"))
    assert tl.default_quarter(D(2026, 11, 30)) == "2026-Q4"
    assert tl.default_quarter(D(2026, 2, 1)) == "2026-Q1"
    assert tl.default_quarter(D(2026, 7, 1)) == "2027-Q1"  # no data for Q3: the most recent
    assert Timeline(()).default_quarter(D(2026, 7, 1)) is None and Timeline(()).empty


@pytest.mark.parametrize(("quarters", "last_checkin", "today", "expected"), [
    # today inside the workbook's quarter: today
    (["2026-Q4"], None, D(2026, 11, 30), AsOf(D(2026, 11, 30), "today", "2026-Q4")),
    (["2026-Q3", "2026-Q4"], D(2026, 9, 1), D(2026, 11, 30), AsOf(D(2026, 11, 30), "today", "2026-Q4")),
    # a finished quarter: its last check-in ...
    (["2026-Q1"], D(2026, 2, 10), D(2026, 11, 30), AsOf(D(2026, 2, 10), "last_checkin", "2026-Q1")),
    # ... unless that lies outside the quarter: then the quarter's last day
    (["2026-Q1"], D(2025, 12, 20), D(2026, 11, 30), AsOf(D(2026, 3, 31), "quarter_end", "2026-Q1")),
    (["2026-Q1"], None, D(2026, 11, 30), AsOf(D(2026, 3, 31), "quarter_end", "2026-Q1")),
    (["2025-Q4"], None, D(2026, 1, 2), AsOf(D(2025, 12, 31), "quarter_end", "2025-Q4")),
    # a plan for a quarter that has not started: today
    (["2027-Q1"], None, D(2026, 11, 30), AsOf(D(2026, 11, 30), "plan", "2027-Q1")),
])
def test_default_as_of(quarters, last_checkin, today, expected):
    assert default_as_of(quarters, last_checkin, today) == expected
    assert as_of_problem(expected.date, quarters, today) is None  # the default is always acceptable


def test_as_of_window_and_refusals():
    today = D(2026, 11, 30)
    assert as_of_window(["2026-Q1"], today) == (D(2026, 1, 1), today)
    assert as_of_problem(D(2062, 2, 15), ["2026-Q1"], today) == "future"
    assert as_of_problem(D(2026, 12, 1), ["2026-Q4"], today) == "future"
    assert as_of_problem(D(2025, 12, 31), ["2026-Q1"], today) == "before_quarter"
    assert as_of_problem(D(2026, 1, 1), ["2026-Q1"], today) is None
    assert as_of_problem(today, ["2026-Q1"], today) is None  # later than the quarter is fine: a late upload
    # a plan takes only today
    assert as_of_window(["2027-Q1"], today) == (today, today)
    assert as_of_problem(D(2026, 11, 29), ["2027-Q1"], today) == "before_quarter"
