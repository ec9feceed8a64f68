"""Quarters and "now": which snapshot is current for a quarter, which one came
before it, which quarter to show first, and which as-of date a new workbook
gets.

"Now" is per quarter: for quarter Q it is the latest snapshot (by as-of,
then import time) that holds Q. A database can hold many quarters (last
quarter's final numbers, this quarter's weekly uploads, next quarter's plan);
each one is shown on its own, and "since last upload" compares two snapshots
of the same quarter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .parse import quarter_bounds, quarter_of
from .store import SnapshotInfo


@dataclass(frozen=True)
class Timeline:
    """Every snapshot of a database, newest first (Store.snapshots order)."""

    snapshots: tuple[SnapshotInfo, ...]

    @property
    def empty(self) -> bool:
        return not self.snapshots

    @property
    def quarters(self) -> list[str]:
        """Every quarter any snapshot holds, oldest first."""
        return sorted({q for s in self.snapshots for q in s.quarter_list})

    def holding(self, quarter: str) -> list[SnapshotInfo]:
        """The snapshots that hold `quarter`, newest first."""
        return [s for s in self.snapshots if s.holds(quarter)]

    def now(self, quarter: str) -> SnapshotInfo | None:
        """The quarter's current snapshot: the latest that holds it."""
        held = self.holding(quarter)
        return held[0] if held else None

    def previous(self, quarter: str, snapshot_id: int | None = None) -> SnapshotInfo | None:
        """The snapshot of `quarter` before `snapshot_id` (default: before now)."""
        held = self.holding(quarter)
        if snapshot_id is None:
            return held[1] if len(held) > 1 else None
        for i, s in enumerate(held):
            if s.id == snapshot_id:
                return held[i + 1] if i + 1 < len(held) else None
        return None

    def default_quarter(self, today: dt.date | None = None) -> str | None:
        """The quarter that contains today when it has data, else the most recent one."""
        qs = self.quarters
        if not qs:
            return None
        here = quarter_of(today or dt.date.today())
        return here if here in qs else qs[-1]

    def get(self, snapshot_id: int) -> SnapshotInfo | None:
        return next((s for s in self.snapshots if s.id == snapshot_id), None)


# --- the as-of date of a new snapshot -------------------------------------------

# why an as-of date was chosen (each has a sentence in okr/i18n: asof.<reason>)
AS_OF_REASONS = ("given", "today", "last_checkin", "quarter_end", "plan")


@dataclass(frozen=True)
class AsOf:
    date: dt.date
    reason: str  # one of AS_OF_REASONS
    quarter: str | None = None  # the quarter the reason refers to


def quarter_span(quarters: list[str]) -> tuple[dt.date, dt.date] | None:
    """(first day of the first quarter, last day of the last quarter)."""
    if not quarters:
        return None
    first = quarter_bounds(min(quarters))[0]
    last = quarter_bounds(max(quarters))[1] - dt.timedelta(days=1)
    return first, last


def default_as_of(quarters: list[str], last_checkin: dt.date | None, today: dt.date | None = None) -> AsOf:
    """The as-of date a workbook gets when none is given.

    Today, when today lies inside one of the workbook's quarters: the numbers
    are this week's. Otherwise the workbook is about a past quarter: its last
    check-in date (when it lies inside that quarter and not after today),
    else the quarter's last day. A workbook that lies wholly in the future is
    a plan: it is stored as of today, when nothing is expected yet.
    """
    today = today or dt.date.today()
    span = quarter_span(quarters)
    if span is None or any(quarter_bounds(q)[0] <= today < quarter_bounds(q)[1] for q in quarters):
        return AsOf(today, "today", quarter_of(today))
    if span[0] > today:
        return AsOf(today, "plan", min(quarters))
    past = max(q for q in quarters if quarter_bounds(q)[1] <= today)
    first, nxt = quarter_bounds(past)
    if last_checkin is not None and first <= last_checkin < nxt and last_checkin <= today:
        return AsOf(last_checkin, "last_checkin", past)
    return AsOf(nxt - dt.timedelta(days=1), "quarter_end", past)


def as_of_window(quarters: list[str], today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The dates an as-of may take for these quarters: from the first quarter's
    first day to today. A plan (every quarter still ahead) takes only today."""
    today = today or dt.date.today()
    span = quarter_span(quarters)
    if span is None:
        return today, today
    return min(span[0], today), today


def as_of_problem(as_of: dt.date, quarters: list[str], today: dt.date | None = None) -> str | None:
    """Why this as-of date is refused ("before_quarter", "future"), or None when it is fine."""
    today = today or dt.date.today()
    low, high = as_of_window(quarters, today)
    if as_of > high:
        return "future"
    if as_of < low:
        return "before_quarter"
    return None
