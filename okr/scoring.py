"""The one scoring implementation (SPEC §3): progress, expected progress,
status, roll-up KR -> objective -> parent objective -> team -> company.

Pure functions over the domain objects, so the CLI, the app and the tests
score with exactly the same code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from . import cascade
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
    if kr.current is None:
        return None, 0.0
    if kr.kind == "milestone":
        raw = 1.0 if kr.current >= 1 else 0.0
        return raw, raw
    start = kr.start or 0.0
    target = kr.target
    if target is None:
        return None, 0.0
    if target == start:
        raw = 1.0 if kr.current == target else 0.0
    else:
        raw = (kr.current - start) / (target - start)
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


@dataclass
class TeamScore:
    team: str
    progress: float | None
    status: str
    expected: float
    objectives: int
    lag: float | None  # expected - progress; larger = further behind


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

    def status_counts(self) -> dict[str, int]:
        counts = {s: 0 for s in STATUS_RANK}
        for kr in self.key_results:
            counts[kr.status] += 1
        return counts

    def to_json(self) -> dict:
        r = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {
            "as_of": self.as_of.isoformat(),
            "quarter": self.quarter,
            "expected": r(self.expected),
            "company": {"progress": r(self.company_progress), "status": self.company_status},
            "teams": [{"team": t.team, "progress": r(t.progress), "status": t.status} for t in self.teams],
            "objectives": [
                {"id": o.id, "title": o.title, "team": o.team, "parent": o.parent, "type": o.type,
                 "progress": r(o.progress), "status": o.status}
                for o in self.objectives
            ],
            "key_results": [
                {"id": k.id, "objective": k.objective, "title": k.title, "owner": k.owner,
                 "progress": r(k.progress), "progress_raw": r(k.progress_raw), "status": k.status,
                 "reported_status": k.reported_status, "mismatch": k.mismatch}
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
) -> Scorecard:
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
    for kr in key_results:
        obj = by_id.get(kr.objective)
        if obj is None:
            continue
        exp = item_expected(expected_progress(obj.quarter, as_of), obj.type, settings)
        raw, clamped = kr_progress(kr)
        status = status_for(clamped if raw is not None else None, exp, settings)
        kr_scores[kr.id] = KRScore(
            id=kr.id, objective=kr.objective, title=kr.title, owner=kr.owner, progress=clamped,
            progress_raw=raw, status=status, reported_status=kr.reported_status,
            mismatch=reported_better(kr.reported_status, status), expected=exp,
            start=kr.start, target=kr.target, current=kr.current, unit=kr.unit, kind=kr.kind,
            weight=kr.weight, comment=kr.comment,
        )

    # progress, and whether any number stands behind it, per objective
    memo: dict[str, tuple[float | None, bool]] = {}

    def rollup(oid: str, path: frozenset = frozenset()) -> tuple[float | None, bool]:
        if oid in memo:
            return memo[oid]
        if oid in path:  # cycles are refused at import; never loop here
            return None, False
        own = [kr_scores[k.id] for k in krs_of.get(oid, []) if k.id in kr_scores]
        if own:
            total = sum(k.weight for k in own)
            if total > 0:
                p = sum(k.progress * k.weight for k in own) / total
            else:
                p = sum(k.progress for k in own) / len(own)
            result = (p, any(k.progress_raw is not None for k in own))
        else:
            kids = [rollup(c, path | {oid}) for c in children_of.get(oid, [])]
            kids = [k for k in kids if k[0] is not None]
            if kids:
                result = (sum(k[0] for k in kids) / len(kids), any(k[1] for k in kids))
            else:
                result = (None, False)
        memo[oid] = result
        return result

    obj_scores: list[ObjectiveScore] = []
    for o in objectives:
        if o.quarter != quarter:
            continue
        p, updated = rollup(o.id)
        exp = item_expected(e, o.type, settings)
        obj_scores.append(ObjectiveScore(
            id=o.id, title=o.title, team=o.team, quarter=o.quarter, parent=o.parent, type=o.type,
            owner=o.owner, progress=p, status=status_for(p if updated else None, exp, settings),
            expected=exp, key_results=[k.id for k in krs_of.get(o.id, [])],
            children=children_of.get(o.id, []),
        ))

    team_names = list(dict.fromkeys(o.team for o in obj_scores))
    team_scores = [aggregate_team(name, [o for o in obj_scores if o.team == name], e, settings)
                   for name in team_names]
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
    )


def aggregate_team(name: str, objs: list[ObjectiveScore], e: float, settings: Settings = DEFAULT) -> TeamScore:
    """A team's score from its objectives' scores (also the company's, and a
    team with every team below it): the mean progress of the objectives that
    have one, against their mean expected progress. `e` is the quarter's
    expected progress, kept when nothing is scored."""
    scored = [o for o in objs if o.progress is not None]
    if not scored:
        return TeamScore(name, None, "no update", e, len(objs), None)
    p = sum(o.progress for o in scored) / len(scored)
    exp = sum(o.expected for o in scored) / len(scored)
    updated = any(o.status != "no update" for o in scored)
    return TeamScore(name, p, status_for(p if updated else None, exp, settings), exp, len(objs),
                     round(exp - p, 9))


def quarters_in(objectives: list[Objective]) -> list[str]:
    return sorted({o.quarter for o in objectives})


def default_quarter(objectives: list[Objective], as_of: dt.date) -> str | None:
    """The quarter the as-of date falls in when the workbook has it, else the latest."""
    qs = quarters_in(objectives)
    if not qs:
        return None
    here = f"{as_of.year}-Q{(as_of.month - 1) // 3 + 1}"
    return here if here in qs else max(q for q in qs if q <= here) if any(q <= here for q in qs) else qs[0]
