"""What changed between two scored snapshots ("since last upload").

Pure functions over `okr.scoring.Scorecard`s: the overview compares the
latest snapshot with the one before it, the team page shows each KR's change,
and the import page previews a workbook that is not stored yet against the
latest snapshot (`preview`), scoring it with the same `okr.scoring.score`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .model import ParsedWorkbook
from .scoring import STATUS_RANK, KRScore, Scorecard, default_quarter, score
from .settings import DEFAULT, Settings


@dataclass
class KRChange:
    """One key result in the newer scorecard, beside its state in the older one."""

    id: str
    objective: str
    team: str | None
    title: str
    owner: str | None
    unit: str | None
    status: str
    progress: float
    current: float | None
    start: float | None
    target: float | None
    reported_status: str | None
    mismatch: bool
    # okr.forecast (None: not computed, e.g. a workbook not stored yet)
    stale: bool | None = None
    last_change: dt.date | None = None
    forecast_status: str | None = None
    confidence: float | None = None
    confidence_before: float | None = None
    confidence_drop: bool | None = None
    # the older snapshot (None: the KR is new)
    before_status: str | None = None
    before_progress: float | None = None
    before_current: float | None = None
    before_start: float | None = None
    before_target: float | None = None

    @property
    def is_new(self) -> bool:
        return self.before_status is None

    @property
    def value_delta(self) -> float | None:
        """Change of the current value since the older snapshot (None when either is missing)."""
        if self.is_new or self.current is None or self.before_current is None:
            return None
        return self.current - self.before_current

    @property
    def progress_delta(self) -> float | None:
        if self.is_new or self.before_progress is None:
            return None
        return self.progress - self.before_progress

    @property
    def moved(self) -> bool:
        return not self.is_new and self.current is not None and self.current != self.before_current

    @property
    def goalposts_moved(self) -> bool:
        return not self.is_new and (_num(self.start) != _num(self.before_start)
                                    or _num(self.target) != _num(self.before_target))

    @property
    def status_changed(self) -> bool:
        return not self.is_new and self.status != self.before_status


@dataclass
class Item:
    """An objective or key result that appeared or disappeared."""

    id: str
    title: str
    team: str | None


@dataclass
class Changes:
    quarter: str
    before_as_of: dt.date | None
    after_as_of: dt.date
    krs: list[KRChange] = field(default_factory=list)
    new_objectives: list[Item] = field(default_factory=list)
    removed_objectives: list[Item] = field(default_factory=list)
    new_key_results: list[Item] = field(default_factory=list)
    removed_key_results: list[Item] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.before_as_of is not None

    @property
    def by_kr(self) -> dict[str, KRChange]:
        return {k.id: k for k in self.krs}

    @property
    def newly_red(self) -> list[KRChange]:
        return [k for k in self.krs if k.status == "red" and not k.is_new and k.before_status != "red"]

    @property
    def improved(self) -> list[KRChange]:
        """Status better than in the older snapshot."""
        return [k for k in self.krs if not k.is_new and STATUS_RANK[k.status] < STATUS_RANK[k.before_status]]

    @property
    def worsened(self) -> list[KRChange]:
        return [k for k in self.krs if not k.is_new and STATUS_RANK[k.status] > STATUS_RANK[k.before_status]]

    @property
    def not_updated(self) -> list[KRChange]:
        """No current value, or the same value as last time while not yet done."""
        return [k for k in self.krs
                if k.current is None or (not k.is_new and k.current == k.before_current and k.progress < 1)]

    @property
    def stale(self) -> list[KRChange]:
        """Key results whose value stands still (okr.forecast.is_stale), longest first."""
        return sorted((k for k in self.krs if k.stale), key=lambda k: (k.last_change or dt.date.min, k.id))

    @property
    def confidence_drops(self) -> list[KRChange]:
        """Owners whose confidence fell by 2 points (20 percentage points) or more since the previous snapshot."""
        return [k for k in self.krs if k.confidence_drop]

    @property
    def moved_goalposts(self) -> list[KRChange]:
        return [k for k in self.krs if k.goalposts_moved]

    @property
    def mismatches(self) -> list[KRChange]:
        """Owners who report a better status than the numbers give."""
        return [k for k in self.krs if k.mismatch]

    @property
    def moved(self) -> list[KRChange]:
        """Current value changed, biggest progress change first."""
        return sorted((k for k in self.krs if k.moved),
                      key=lambda k: (-abs(k.progress_delta or 0.0), k.id))

    @property
    def status_changed(self) -> list[KRChange]:
        return [k for k in self.krs if k.status_changed]

    def counts(self) -> dict[str, int]:
        return {
            "newly_red": len(self.newly_red), "improved": len(self.improved),
            "not_updated": len(self.not_updated), "moved_goalposts": len(self.moved_goalposts),
            "mismatches": len(self.mismatches), "moved": len(self.moved), "stale": len(self.stale),
            "confidence_drops": len(self.confidence_drops),
            "new_objectives": len(self.new_objectives), "removed_objectives": len(self.removed_objectives),
            "new_key_results": len(self.new_key_results), "removed_key_results": len(self.removed_key_results),
        }


def _num(x: float | None) -> float | None:
    return None if x is None else float(x)


def _team_of(card: Scorecard) -> dict[str, str]:
    return {o.id: o.team for o in card.objectives}


def _kr_change(kr: KRScore, team: str | None, old: KRScore | None) -> KRChange:
    change = KRChange(
        id=kr.id, objective=kr.objective, team=team, title=kr.title, owner=kr.owner, unit=kr.unit,
        status=kr.status, progress=kr.progress, current=kr.current, start=kr.start, target=kr.target,
        reported_status=kr.reported_status, mismatch=kr.mismatch, stale=kr.stale, last_change=kr.last_change,
        forecast_status=kr.forecast_status, confidence=kr.confidence, confidence_before=kr.confidence_before,
        confidence_drop=kr.confidence_drop,
    )
    if old is not None:
        change.before_status = old.status
        change.before_progress = old.progress
        change.before_current = old.current
        change.before_start = old.start
        change.before_target = old.target
    return change


def compare(before: Scorecard | None, after: Scorecard) -> Changes:
    """What changed from `before` (the older scorecard, or None) to `after`."""
    teams = _team_of(after)
    old_krs = {k.id: k for k in before.key_results} if before else {}
    changes = Changes(quarter=after.quarter, before_as_of=before.as_of if before else None, after_as_of=after.as_of)
    changes.krs = [_kr_change(k, teams.get(k.objective), old_krs.get(k.id)) for k in after.key_results]
    if before is None:
        return changes
    old_teams = _team_of(before)
    old_objs = {o.id: o for o in before.objectives}
    new_objs = {o.id: o for o in after.objectives}
    changes.new_objectives = [Item(o.id, o.title, o.team) for o in after.objectives if o.id not in old_objs]
    changes.removed_objectives = [Item(o.id, o.title, o.team) for o in before.objectives if o.id not in new_objs]
    new_kr_ids = {k.id for k in after.key_results}
    changes.new_key_results = [Item(k.id, k.title, teams.get(k.objective))
                               for k in after.key_results if k.id not in old_krs]
    changes.removed_key_results = [Item(k.id, k.title, old_teams.get(k.objective))
                                   for k in before.key_results if k.id not in new_kr_ids]
    return changes


def score_parsed(parsed: ParsedWorkbook, as_of: dt.date, quarter: str | None = None,
                 settings: Settings = DEFAULT) -> Scorecard | None:
    """Score a workbook that is not stored yet, exactly as it would be once stored."""
    quarter = quarter or default_quarter(parsed.objectives, as_of)
    if quarter is None:
        return None
    return score(parsed.objectives, parsed.key_results, as_of, quarter, parsed.teams, settings)


def preview(parsed: ParsedWorkbook, as_of: dt.date, latest: Scorecard | None, settings: Settings = DEFAULT,
            quarter: str | None = None) -> Changes | None:
    """What storing `parsed` (as of `as_of`) would change against the latest
    snapshot's scorecard for the same quarter (`latest`; None = nothing stored yet)."""
    after = score_parsed(parsed, as_of, quarter, settings)
    if after is None:
        return None
    if latest is not None and latest.quarter != after.quarter:
        latest = None
    return compare(latest, after)
