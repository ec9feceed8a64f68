"""Where will we land: the forecast to the end of the quarter, stale key
results and owners' confidence (docs/scoring.md, "Forecast, stale, confidence").

- `series(store, snapshot_id, quarter)`: every key result's dated values in
  the quarter up to the snapshot's as-of, one per date (a snapshot's value
  beats a check-in on the same date; of two snapshots, the one imported last).
- `fit(series)`: per key result a least-squares line through those values
  (value against day) evaluated on the quarter's last day, whether it stands
  still, and when it last changed. Group-wise in NumPy, with no Python loop
  per value: 10k key results with 130k check-ins in about 20 ms.
- The rules that turn a fit into what people read (`status_for`,
  `is_stale`, `confidence_dropped`); okr.scoring applies them per key result
  and rolls the forecast up to objectives, teams and the company with the same
  roll-up as progress.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from . import formatting
from .i18n import t
from .parse import quarter_bounds
from .settings import DEFAULT, Settings
from .store import Store

if TYPE_CHECKING:
    from .scoring import KRScore

STATUSES = ("will make it", "close", "will miss")
ICONS = {"will make it": "✓", "close": "◐", "will miss": "✗"}
STALE_ICON = "◷"  # a clock face; from Unicode's geometric shapes like the status icons, so common fonts draw it
MIN_VALUES = 3  # values on as many distinct dates before a line means anything
_EPS = 1e-9


def last_day(quarter: str) -> dt.date:
    return quarter_bounds(quarter)[1] - dt.timedelta(days=1)


@dataclass(frozen=True)
class Series:
    """The dated values of a quarter's key results, one per date, as columns
    sorted by key result and date."""

    quarter: str
    key_results: tuple[str, ...]
    kinds: tuple[str, ...]
    position: np.ndarray  # index into key_results
    day: np.ndarray  # days since the quarter's first day
    value: np.ndarray
    previous_confidence: dict[str, float]  # the owner's confidence in the quarter's previous snapshot

    @property
    def first(self) -> dt.date:
        return quarter_bounds(self.quarter)[0]

    def of(self, key_result: str) -> list[tuple[dt.date, float]]:
        """One key result's (date, value) pairs, oldest first (for a chart)."""
        try:
            i = self.key_results.index(key_result)
        except ValueError:
            return []
        lo, hi = np.searchsorted(self.position, [i, i + 1])
        first = self.first
        return [(first + dt.timedelta(days=int(d)), float(v)) for d, v in zip(self.day[lo:hi], self.value[lo:hi])]

    def until(self, day: dt.date) -> "Series":
        """The values dated on or before `day` (what was known then; the backtest)."""
        keep = self.day <= (day - self.first).days
        return Series(self.quarter, self.key_results, self.kinds, self.position[keep], self.day[keep],
                      self.value[keep], self.previous_confidence)


def series(store: Store, snapshot_id: int, quarter: str) -> Series:
    """The dated values of `quarter`'s key results in a snapshot, up to its as-of."""
    first, nxt = quarter_bounds(quarter)
    raw = store.quarter_values(snapshot_id, quarter, first, nxt - dt.timedelta(days=1))
    # by key result and date, and on one date the value that counts last: a snapshot's
    # beats a check-in, the snapshot imported last beats the others, the lower row the upper
    date_key = raw.position.astype(np.int64) * 128 + raw.day  # a quarter has at most 92 days
    order = np.lexsort((raw.priority, date_key))
    pos, day, value, date_key = raw.position[order], raw.day[order], raw.value[order], date_key[order]
    last_of_date = np.ones(len(pos), dtype=bool)
    last_of_date[:-1] = date_key[1:] != date_key[:-1]
    return Series(quarter, raw.key_results, raw.kinds, pos[last_of_date], day[last_of_date],
                  value[last_of_date], raw.previous_confidence)


class Fit(NamedTuple):
    """What a key result's dated values say (before any rule about its target).
    A tuple: 10k of them are built per scorecard."""

    values: int  # dated values (one per date)
    forecast: float | None  # the line on the quarter's last day; None: too little history, or a milestone
    slope: float | None  # per day
    last_day: dt.date | None  # date of the latest value
    last_change: dt.date | None  # since when the value is what it is now
    flat: bool  # the last 3 values are equal
    confidence_before: float | None  # the owner's confidence in the quarter's previous snapshot


NO_HISTORY = Fit(values=0, forecast=None, slope=None, last_day=None, last_change=None, flat=False,
                 confidence_before=None)


def fit(s: Series, end: dt.date | None = None) -> dict[str, Fit]:
    """A `Fit` per key result of the series. The line is evaluated on `end`
    (default: the quarter's last day)."""
    n_kr = len(s.key_results)
    pos, x, y = s.position, s.day.astype(np.float64), s.value
    counts = np.bincount(pos, minlength=n_kr)
    safe = np.maximum(counts, 1)
    mx = np.bincount(pos, weights=x, minlength=n_kr) / safe
    my = np.bincount(pos, weights=y, minlength=n_kr) / safe
    dx, dy = x - mx[pos], y - my[pos]  # centred per key result: no loss of precision on large values
    sxx = np.bincount(pos, weights=dx * dx, minlength=n_kr)
    sxy = np.bincount(pos, weights=dx * dy, minlength=n_kr)
    milestone = np.array([k == "milestone" for k in s.kinds], dtype=bool)
    # one value per date, so 3 values are 3 distinct dates
    fits = (counts >= MIN_VALUES) & (sxx > 0) & ~milestone
    slope = np.divide(sxy, sxx, out=np.zeros(n_kr), where=fits)
    end_day = ((end or last_day(s.quarter)) - s.first).days
    forecast = my + slope * (end_day - mx)
    fits &= np.isfinite(forecast)

    # the last value of each key result, and where its last run of equal values begins
    ends = np.cumsum(counts) - 1
    n = len(y)
    changed = np.ones(n, dtype=bool)
    changed[1:] = (pos[1:] != pos[:-1]) | (y[1:] != y[:-1])
    run_start = np.maximum.accumulate(np.where(changed, np.arange(n), 0)) if n else np.zeros(0, dtype=np.int64)
    flat = np.zeros(n_kr, dtype=bool)
    three = counts >= 3
    e3 = ends[three]
    flat[three] = (y[e3] == y[e3 - 1]) & (y[e3] == y[e3 - 2])

    # back to Python values once, not per element: 10k key results in a few milliseconds
    dates = [s.first + dt.timedelta(days=d) for d in range(int(s.day.max()) + 1)] if n else []
    last_day_ = s.day[ends[counts > 0]].tolist()
    since_day = s.day[run_start[ends[counts > 0]]].tolist()
    prev = s.previous_confidence
    out: dict[str, Fit] = {}
    j = 0
    for kr, c, ok, f, b, fl in zip(s.key_results, counts.tolist(), fits.tolist(), forecast.tolist(),
                                   slope.tolist(), flat.tolist()):
        if c:
            out[kr] = Fit(c, f if ok else None, b if ok else None, dates[last_day_[j]], dates[since_day[j]], fl,
                          prev.get(kr))
            j += 1
        else:
            out[kr] = Fit(0, None, None, None, None, False, prev.get(kr))
    return out


def compute(store: Store, snapshot_id: int, quarter: str) -> dict[str, Fit]:
    """`fit(series(...))`: what okr.service hands to the scoring of a stored snapshot."""
    return fit(series(store, snapshot_id, quarter))


# --- the rules --------------------------------------------------------------------


def status_for(progress: float | None, bar: float, settings: Settings = DEFAULT) -> str | None:
    """`will make it` at `bar` (1.0, or 0.7 for an aspirational objective),
    `close` at `forecast_close` (0.85) of it, else `will miss`; None without a forecast."""
    if progress is None:
        return None
    if progress >= bar - _EPS:  # 0.85 * 1.0 must count as close whatever the last bit says
        return "will make it"
    if progress >= bar * settings.forecast_close - _EPS:
        return "close"
    return "will miss"


def is_stale(f: Fit | None, as_of: dt.date, quarter_start: dt.date, *, milestone: bool, done: bool,
             settings: Settings = DEFAULT) -> bool | None:
    """Stale: the last 3 values are equal, or no value dated within the
    `stale_days` (14) days before the as-of. A key result that is done is not
    stale, and a milestone only by age (its value can only move once). Without
    any history known (a workbook not stored yet): None."""
    if f is None:
        return None
    if done:
        return False
    # no value yet: counted from the quarter's first day, so a quarter that just began is not stale
    since = f.last_day or quarter_start
    if (as_of - since).days > settings.stale_days:
        return True
    return f.flat and not milestone


def confidence_dropped(before: float | None, now: float | None, settings: Settings = DEFAULT) -> bool:
    """The owner's confidence fell by `confidence_drop` (0.2: 2 points of 10, 20
    percentage points) or more since the quarter's previous snapshot."""
    if before is None or now is None:
        return False
    return before - now >= settings.confidence_drop - _EPS


# --- what people read --------------------------------------------------------------


def label(status: str, lang: str = "en") -> str:
    """A forecast status as icon + words: never colour alone."""
    return f"{ICONS[status]} {t(f'forecast.status.{status}', lang)}"


def stale_label(lang: str = "en") -> str:
    return f"{STALE_ICON} {t('forecast.stale', lang)}"


def describe(kr: KRScore, lang: str = "en") -> str:
    """A key result's forecast in a few words: '✗ will miss · lands at 54%'
    (unclamped: 130% is news too), 'too little history', or '–' (a milestone,
    or not computed)."""
    if kr.forecast_status is None and (kr.kind == "milestone" or kr.stale is None):
        return "–"
    return outlook(kr.forecast_status, kr.forecast_progress_raw, lang)


def outlook(status: str | None, progress: float | None, lang: str = "en") -> str:
    """A forecast status and where it lands ('◐ close · lands at 88%'), or 'too little history'."""
    if status is None or progress is None:
        return t("forecast.too_little", lang)
    return f"{label(status, lang)} · {lands_at(progress, lang)}"


def lands_at(progress: float | None, lang: str = "en") -> str:
    """'lands at 78%'."""
    return t("forecast.lands_at", lang, progress=formatting.percent(progress, lang))


def confidence_text(kr: KRScore, lang: str = "en") -> str:
    """'40%', or '40%, down from 80%' when it dropped; '' without one."""
    if kr.confidence is None:
        return ""
    now = formatting.percent(kr.confidence, lang)
    if kr.confidence_drop:
        return f"↓ {t('forecast.confidence_dropped', lang, now=now, before=formatting.percent(kr.confidence_before, lang))}"
    return now
