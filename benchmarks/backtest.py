"""How far to trust the forecast (okr/forecast.py), and what it costs.

The backtest: for every number key result of a quarter, the forecast made
from the values known at the end of week 4, 6 and 8 of the quarter (the
same `forecast.fit`, on the dated values up to that day) against the value
it ended with. The line is evaluated on the date of the last known value of
the data set, where the final values stand: the benchmark's quarter ends two
days after it, the sample's quarter is not over yet (its last upload is of
27 November). Reported: the key results with a forecast that week, the mean
and median absolute error in progress points (unclamped progress), and the
share whose forecast status (will make it / close / will miss) is the status
the final value has.

The cost: `forecast.series` + `forecast.fit` on a stored snapshot, the time
the forecast adds to every scorecard (`okr status`, each page).

    python -m benchmarks.backtest [DB]     # the sample organisation, and DB if given
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from okr import forecast, scoring, service
from okr.parse import quarter_bounds
from okr.store import Store

ROOT = Path(__file__).resolve().parents[1]
WEEKS = (4, 6, 8)


def backtest(store: Store, snapshot_id: int | None = None, quarter: str | None = None) -> dict:
    """{"quarter", "end", "krs", "weeks": {week: {"cutoff", "n", "mae", "median", "status_match"}}}
    for a stored snapshot (default: the latest of the default quarter) as the final state."""
    card = service.scorecard(store, snapshot_id, quarter)
    full = forecast.series(store, card.snapshot_id, card.quarter)
    first = quarter_bounds(card.quarter)[0]
    end = first + dt.timedelta(days=int(full.day.max()))
    krs = {k.id: k for k in card.key_results}
    bars = {o.id: o.forecast_bar for o in card.objectives}
    final: dict[str, float] = {}  # the last value of every number key result with a progress
    for kid, kind, lo, hi in _ranges(full):
        kr = krs.get(kid)
        if kind != "milestone" and hi > lo and kr is not None and kr.target is not None:
            final[kid] = float(full.value[hi - 1])
    out = {"quarter": card.quarter, "end": end.isoformat(), "krs": len(final), "weeks": {}}
    for week in WEEKS:
        cutoff = first + dt.timedelta(days=7 * week - 1)
        if cutoff >= end:
            continue
        fits = forecast.fit(full.until(cutoff), end=end)
        errors, matched = [], 0
        for kid, value in final.items():
            f = fits.get(kid)
            if f is None or f.forecast is None:
                continue
            kr = krs[kid]
            raw, clamped = scoring.progress_of(f.forecast, kr.start, kr.target, kr.kind)
            final_raw, final_clamped = scoring.progress_of(value, kr.start, kr.target, kr.kind)
            errors.append(abs(raw - final_raw) * 100)
            bar = bars.get(kr.objective, 1.0)
            matched += forecast.status_for(clamped, bar) == forecast.status_for(final_clamped, bar)
        out["weeks"][week] = {"cutoff": cutoff.isoformat(), "n": len(errors),
                              "mae": statistics.fmean(errors) if errors else None,
                              "median": statistics.median(errors) if errors else None,
                              "status_match": matched / len(errors) if errors else None}
    return out


def _ranges(s: forecast.Series):
    """(key result, kind, first row, end row) of each key result in the series."""
    bounds = np.searchsorted(s.position, np.arange(len(s.key_results) + 1))
    for i, (kid, kind) in enumerate(zip(s.key_results, s.kinds)):
        yield kid, kind, int(bounds[i]), int(bounds[i + 1])


def cost(store: Store, repeat: int = 7) -> dict:
    """Median seconds of `forecast.series` and `forecast.fit` on the latest snapshot of the default quarter."""
    tl = service.timeline(store)
    quarter = tl.default_quarter()
    snap = tl.now(quarter)
    series_s, fit_s = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        s = forecast.series(store, snap.id, quarter)
        t1 = time.perf_counter()
        forecast.fit(s)
        t2 = time.perf_counter()
        series_s.append(t1 - t0)
        fit_s.append(t2 - t1)
    return {"krs": len(s.key_results), "values": int(len(s.value)), "series_s": statistics.median(series_s),
            "fit_s": statistics.median(fit_s)}


def sample(folder: Path = ROOT / "sample_data") -> dict:
    """The backtest on the sample organisation (its own throw-away database)."""
    with tempfile.TemporaryDirectory(prefix="okr-backtest-") as tmp:
        store = Store(Path(tmp) / "sample.duckdb")
        try:
            service.load_sample(store, folder)
            return backtest(store)
        finally:
            store.close()


def table(results: dict[str, dict]) -> str:
    """{data set: backtest} as a Markdown table."""
    lines = ["| data | week | forecast from values up to | key results | mean abs. error | median | status matched |",
             "|---|---:|---|---:|---:|---:|---:|"]
    for name, r in results.items():
        for week, w in r["weeks"].items():
            if not w["n"]:
                continue
            lines.append(f"| {name} | {week} | {w['cutoff']} | {w['n']:,} | {w['mae']:.1f} pp | {w['median']:.1f} pp "
                         f"| {w['status_match'] * 100:.0f}% |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    results = {"sample (2026-Q4, to 27 Nov)": sample()}
    if argv:
        store = Store(Path(argv[0]))
        try:
            results[f"benchmark {Path(argv[0]).name}"] = backtest(store)
            c = cost(store)
        finally:
            store.close()
        print(f"forecast at {c['krs']:,} key results, {c['values']:,} dated values: series "
              f"{c['series_s'] * 1000:.0f} ms + fit {c['fit_s'] * 1000:.0f} ms (medians)")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
