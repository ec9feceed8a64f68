"""The one scoring implementation (docs/scoring.md): progress, expected
progress, status, roll-up KR -> objective -> parent objective -> team ->
company; and, for a stored snapshot, the forecast to the end of the quarter
(okr.forecast), rolled up the same way.

Pure functions over the domain objects, so the CLI, the app and the tests
score with exactly the same code.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field

from . import cascade, forecast
from .model import KeyResult, Objective, Team
from .parse import quarter_bounds
from .settings import DEFAULT, Settings

# Worse statuses rank higher; "no update" ranks worst when comparing an
# owner's report with the numbers (a green report without a number is news).
STATUS_RANK = {"green": 0, "amber": 1, "red": 2, "no update": 3}


def expected_progress(quarter: str, as_of: dt.date) -> float:
    """Share of the quarter that has passed at the start of `as_of`."""
    first, nxt = quarter_bounds(quarter)
    return min(1.0, max(0.0, (as_of - first).days / (nxt - first).days))


def item_expected(e: float, objective_type: str, settings: Settings = DEFAULT) -> float:
    return e * settings.aspirational_factor if objective_type == "aspirational" else e


def kr_progress(kr: KeyResult) -> tuple[float | None, float]:
    """(unclamped progress or None when not updated, clamped progress for roll-ups)."""
    return progress_of(kr.current, kr.start, kr.target, kr.kind)


def progress_of(value: float | None, start: float | None, target: float | None,
                kind: str = "number") -> tuple[float | None, float]:
    """Progress of `value` on a key result from `start` to `target`: (unclamped
    or None without a value, clamped to [0, 1] for roll-ups). A decrease KR
    (target below start) uses the same formula; `target == start` counts as
    done only when the value is the target."""
    if value is None:
        return None, 0.0
    if kind == "milestone":
        raw = 1.0 if value >= 1 else 0.0
        return raw, raw
    start = start or 0.0
    if target is None:
        return None, 0.0
    if target == start:
        raw = 1.0 if value == target else 0.0
    else:
        raw = (value - start) / (target - start)
    return raw, min(1.0, max(0.0, raw))


def status_for(progress: float | None, expected: float, settings: Settings = DEFAULT) -> str:
    if progress is None:
        return "no update"
    gap = round(expected - progress, 9)  # 0.5 - 0.4 must count as 0.10
    if gap <= settings.green_gap:
        return "green"
    if gap <= settings.amber_gap:
        return "amber"
    return "red"


def reported_better(reported: str | None, computed: str) -> bool:
    """The owner reports a better status than the numbers give."""
    return reported is not None and STATUS_RANK[reported] < STATUS_RANK[computed]


@dataclass
class KRScore:
    id: str
    objective: str
    title: str
    owner: str | None
    progress: float
    progress_raw: float | None
    status: str
    reported_status: str | None
    mismatch: bool
    expected: float
    start: float | None
    target: float | None
    current: float | None
    unit: str | None
    kind: str
    weight: float
    comment: str | None
    confidence: float | None = None  # the owner's, 0..1
    # okr.forecast, for a stored snapshot (None: not computed, e.g. a workbook not stored yet)
    forecast: float | None = None  # the value the trend reaches on the quarter's last day
    forecast_slope: float | None = None  # change per day
    forecast_progress: float | None = None  # clamped to [0, 1]
    forecast_progress_raw: float | None = None
    forecast_status: str | None = None  # will make it / close / will miss
    stale: bool | None = None
    last_change: dt.date | None = None
    confidence_before: float | None = None  # in the quarter's previous snapshot
    confidence_drop: bool | None = None


@dataclass
class ObjectiveScore:
    id: str
    title: str
    team: str
    quarter: str
    parent: str | None
    type: str
    owner: str | None
    progress: float | None
    status: str
    expected: float
    key_results: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    forecast_progress: float | None = None
    forecast_status: str | None = None
    forecast_bar: float = 1.0  # the forecast progress that makes it (0.7 aspirational)


@dataclass
class TeamScore:
    team: str
    progress: float | None
    status: str
    expected: float
    objectives: int
    lag: float | None  # expected - progress; larger = further behind
    forecast_progress: float | None = None
    forecast_status: str | None = None


@dataclass
class Scorecard:
    as_of: dt.date
    quarter: str
    expected: float
    company_progress: float | None
    company_status: str
    teams: list[TeamScore]
    objectives: list[ObjectiveScore]
    key_results: list[KRScore]
    snapshot_id: int | None = None  # the stored snapshot this card scores (None: not stored yet)
    company_forecast_progress: float | None = None
    company_forecast_status: str | None = None
    # what the company's status is measured against: `expected`, or less where its
    # objectives are aspirational (0.7 of it) -- shown beside the company's progress
    company_expected: float | None = None

    def status_counts(self) -> dict[str, int]:
        counts = {s: 0 for s in STATUS_RANK}
        for kr in self.key_results:
            counts[kr.status] += 1
        return counts

    def forecast_counts(self) -> dict[str, int]:
        """Key results per forecast status (those without a forecast are not counted)."""
        counts = {s: 0 for s in forecast.STATUSES}
        for kr in self.key_results:
            if kr.forecast_status is not None:
                counts[kr.forecast_status] += 1
        return counts

    @property
    def stale(self) -> list[KRScore]:
        return [k for k in self.key_results if k.stale]

    def to_json(self) -> dict:
        """`okr status --json`: always valid JSON (a number that is not finite is null)."""
        def r(x: float | None, finite=math.isfinite) -> float | None:
            return None if x is None or not finite(x) else round(x, 4)

        return {
            "as_of": self.as_of.isoformat(),
            "quarter": self.quarter,
            "expected": r(self.expected),
            "company": {"progress": r(self.company_progress), "expected": r(self.company_expected),
                        "status": self.company_status,
                        "forecast_progress": r(self.company_forecast_progress),
                        "forecast_status": self.company_forecast_status},
            "teams": [{"team": t.team, "progress": r(t.progress), "status": t.status,
                       "forecast_progress": r(t.forecast_progress), "forecast_status": t.forecast_status}
                      for t in self.teams],
            "objectives": [
                {"id": o.id, "title": o.title, "team": o.team, "parent": o.parent, "type": o.type,
                 "progress": r(o.progress), "status": o.status,
                 "forecast_progress": r(o.forecast_progress), "forecast_status": o.forecast_status}
                for o in self.objectives
            ],
            "key_results": [
                {"id": k.id, "objective": k.objective, "title": k.title, "owner": k.owner,
                 "progress": r(k.progress), "progress_raw": r(k.progress_raw), "status": k.status,
                 "reported_status": k.reported_status, "mismatch": k.mismatch,
                 "forecast": r(k.forecast), "forecast_progress": r(k.forecast_progress),
                 "forecast_progress_raw": r(k.forecast_progress_raw), "forecast_status": k.forecast_status,
                 "stale": k.stale, "last_change": k.last_change.isoformat() if k.last_change else None,
                 "confidence": r(k.confidence), "confidence_drop": k.confidence_drop}
                for k in self.key_results
            ],
        }

    def as_dict(self) -> dict:
        return asdict(self)


def score(
    objectives: list[Objective],
    key_results: list[KeyResult],
    as_of: dt.date,
    quarter: str,
    teams: list[Team] | None = None,
    settings: Settings = DEFAULT,
    forecasts: Mapping[str, forecast.Fit] | None = None,
) -> Scorecard:
    """Score a quarter as of a date. `forecasts` (okr.forecast.compute, for a
    stored snapshot) adds the forecast, stale and confidence-drop fields;
    without it they stay None."""
    e = expected_progress(quarter, as_of)
    by_id = {o.id: o for o in objectives}
    krs_of: dict[str, list[KeyResult]] = {}
    for kr in key_results:
        krs_of.setdefault(kr.objective, []).append(kr)
    children_of: dict[str, list[str]] = {}
    for o in objectives:
        if o.parent in by_id:
            children_of.setdefault(o.parent, []).append(o.id)

    kr_scores: dict[str, KRScore] = {}
    expected_in: dict[str, float] = {}  # per quarter: 10k key results share a handful
    first = quarter_bounds(quarter)[0]
    for kr in key_results:
        obj = by_id.get(kr.objective)
        if obj is None:
            continue
        if obj.quarter not in expected_in:
            expected_in[obj.quarter] = expected_progress(obj.quarter, as_of)
        exp = item_expected(expected_in[obj.quarter], obj.type, settings)
        raw, clamped = kr_progress(kr)
        status = status_for(clamped if raw is not None else None, exp, settings)
        score_ = kr_scores[kr.id] = KRScore(
            id=kr.id, objective=kr.objective, title=kr.title, owner=kr.owner, progress=clamped,
            progress_raw=raw, status=status, reported_status=kr.reported_status,
            mismatch=reported_better(kr.reported_status, status), expected=exp,
            start=kr.start, target=kr.target, current=kr.current, unit=kr.unit, kind=kr.kind,
            weight=kr.weight, comment=kr.comment, confidence=kr.confidence,
        )
        if forecasts is not None and obj.quarter == quarter:
            _add_forecast(score_, forecasts.get(kr.id), as_of, first, item_expected(1.0, obj.type, settings),
                          settings)

    own = {oid: [kr_scores[k.id] for k in krs if k.id in kr_scores] for oid, krs in krs_of.items()}
    progress = roll_up(own, children_of, lambda k: (k.progress, k.progress_raw is not None))
    ahead = roll_up(own, children_of, lambda k: (k.forecast_progress, True))

    obj_scores: list[ObjectiveScore] = []
    for o in objectives:
        if o.quarter != quarter:
            continue
        p, updated = progress(o.id)
        fp, _ = ahead(o.id)
        exp = item_expected(e, o.type, settings)
        bar = item_expected(1.0, o.type, settings)
        obj_scores.append(ObjectiveScore(
            id=o.id, title=o.title, team=o.team, quarter=o.quarter, parent=o.parent, type=o.type,
            owner=o.owner, progress=p, status=status_for(p if updated else None, exp, settings),
            expected=exp, key_results=[k.id for k in krs_of.get(o.id, [])],
            children=children_of.get(o.id, []), forecast_progress=fp,
            forecast_status=forecast.status_for(fp, bar, settings), forecast_bar=bar,
        ))

    by_team: dict[str, list[ObjectiveScore]] = {}
    for o in obj_scores:
        by_team.setdefault(o.team, []).append(o)
    team_scores = [aggregate_team(name, objs, e, settings) for name, objs in by_team.items()]
    # furthest behind first: that is the question the meeting asks
    team_scores.sort(key=lambda t: (-(t.lag if t.lag is not None else -2), t.team))

    top = cascade.company_teams(objectives, teams or [])
    top_objs = [o for o in obj_scores if o.team in top] or obj_scores
    company = aggregate_team("company", top_objs, e, settings)

    quarter_obj_ids = {o.id for o in obj_scores}
    return Scorecard(
        as_of=as_of, quarter=quarter, expected=e,
        company_progress=company.progress, company_status=company.status,
        teams=team_scores, objectives=obj_scores,
        key_results=[k for k in kr_scores.values() if k.objective in quarter_obj_ids],
        company_forecast_progress=company.forecast_progress, company_forecast_status=company.forecast_status,
        company_expected=company.expected,
    )


def _add_forecast(k: KRScore, fit: forecast.Fit | None, as_of: dt.date, first: dt.date, bar: float,
                  settings: Settings) -> None:
    """The forecast fields of a key result of a stored snapshot (okr.forecast's rules)."""
    if fit is not None and fit.forecast is not None:
        k.forecast, k.forecast_slope = fit.forecast, fit.slope
        k.forecast_progress_raw, clamped = progress_of(fit.forecast, k.start, k.target, k.kind)
        if k.forecast_progress_raw is not None:
            k.forecast_progress = clamped
            k.forecast_status = forecast.status_for(clamped, bar, settings)
    k.stale = forecast.is_stale(fit or forecast.NO_HISTORY, as_of, first, milestone=k.kind == "milestone",
                                done=(k.progress_raw or 0.0) >= 1.0, settings=settings)
    k.last_change = fit.last_change if fit else None
    k.confidence_before = fit.confidence_before if fit else None
    k.confidence_drop = forecast.confidence_dropped(k.confidence_before, k.confidence, settings)


def roll_up(own: Mapping[str, list[KRScore]], children_of: Mapping[str, list[str]],
            value: Callable[[KRScore], tuple[float | None, bool]]) -> Callable[[str], tuple[float | None, bool]]:
    """The one roll-up from key results to objectives, for progress and forecast
    alike: an objective's value is the weighted mean of its key results' values
    (`value(kr)` -> (number, or None to leave it out; whether a number stands
    behind it)); an objective with no key results of its own takes the mean of
    its child objectives' values. Returns oid -> (value or None, any number behind it)."""
    memo: dict[str, tuple[float | None, bool]] = {}

    def of(oid: str, path: frozenset = frozenset()) -> tuple[float | None, bool]:
        if oid in memo:
            return memo[oid]
        if oid in path:  # cycles are refused at import; never loop here
            return None, False
        krs = own.get(oid)
        if krs:
            vals = [(v, k.weight, basis) for k in krs for v, basis in (value(k),) if v is not None]
            total = sum(w for _, w, _ in vals)
            if not vals:
                result = (None, False)
            elif total > 0:
                result = (sum(v * w for v, w, _ in vals) / total, any(b for _, _, b in vals))
            else:
                result = (sum(v for v, _, _ in vals) / len(vals), any(b for _, _, b in vals))
        else:
            kids = [of(c, path | {oid}) for c in children_of.get(oid, [])]
            kids = [k for k in kids if k[0] is not None]
            if kids:
                result = (sum(k[0] for k in kids) / len(kids), any(k[1] for k in kids))
            else:
                result = (None, False)
        memo[oid] = result
        return result

    return of


def _mean(objs: list[ObjectiveScore], value: Callable[[ObjectiveScore], float | None],
          bar: Callable[[ObjectiveScore], float]) -> tuple[list[ObjectiveScore], float, float] | None:
    """(the objectives that have a value, their mean value, their mean bar); None when none has one."""
    scored = [o for o in objs if value(o) is not None]
    if not scored:
        return None
    return (scored, sum(value(o) for o in scored) / len(scored), sum(bar(o) for o in scored) / len(scored))


def aggregate_team(name: str, objs: list[ObjectiveScore], e: float, settings: Settings = DEFAULT) -> TeamScore:
    """A team's score from its objectives' scores (also the company's, and a
    team with every team below it): the mean progress of the objectives that
    have one, against their mean expected progress. `e` is the quarter's
    expected progress, kept when nothing is scored. The forecast rolls up the
    same way, against the objectives' mean bar."""
    ahead = _mean(objs, lambda o: o.forecast_progress, lambda o: o.forecast_bar)
    fp, fstatus = (None, None) if ahead is None else (ahead[1], forecast.status_for(ahead[1], ahead[2], settings))
    now = _mean(objs, lambda o: o.progress, lambda o: o.expected)
    if now is None:
        return TeamScore(name, None, "no update", e, len(objs), None, fp, fstatus)
    scored, p, exp = now
    updated = any(o.status != "no update" for o in scored)
    return TeamScore(name, p, status_for(p if updated else None, exp, settings), exp, len(objs),
                     round(exp - p, 9), fp, fstatus)


def quarters_in(objectives: list[Objective]) -> list[str]:
    return sorted({o.quarter for o in objectives})


def default_quarter(objectives: list[Objective], as_of: dt.date) -> str | None:
    """The quarter the as-of date falls in when the workbook has it, else the latest."""
    qs = quarters_in(objectives)
    if not qs:
        return None
    here = f"{as_of.year}-Q{(as_of.month - 1) // 3 + 1}"
    return here if here in qs else max(q for q in qs if q <= here) if any(q <= here for q in qs) else qs[0]
