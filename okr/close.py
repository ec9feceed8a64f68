"""Quarter close (docs/scoring.md, "Quarter close"): every key result's grade
beside the owner's own, the bands, the flags a retrospective starts from,
next quarter's workbook with the unfinished key results carried over, and
the grades of every closed quarter side by side.

A grade is the progress of the quarter's final snapshot (its "now"), so the
roll-up is okr.scoring's and nothing here scores again. `QuarterClose` is the
view model: the command line, the app and the meeting pack render it as it
is, without computing anything.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import formatting, scoring
from .i18n import t
from .model import KeyResult, Team
from .parse import quarter_bounds, quarter_of
from .quarters import Timeline
from .settings import DEFAULT, Settings
from .store import Store

BANDS = ("missed", "progress", "achieved")
MISSED_BELOW = 0.3  # a grade below this is missed
ACHIEVED_AT = 0.7  # a grade from here on is achieved (the healthy mark for aspirational goals)
COMMITTED_ACHIEVED_AT = 1.0  # ...but a committed key result (or objective) is achieved only when reached
OWNER_DIFFERS_BY = 0.2  # the owner's grade and ours are both shown when they differ this much


def band(grade: float | None, committed: bool = False) -> str | None:
    """missed < 0.3 <= progress < 0.7 <= achieved; committed: achieved only at 1.0."""
    if grade is None:
        return None
    g = round(grade, 9)  # 0.1 + 0.6 is a 0.7
    if g < MISSED_BELOW:
        return "missed"
    return "achieved" if g >= (COMMITTED_ACHIEVED_AT if committed else ACHIEVED_AT) else "progress"


def band_label(name: str | None, lang: str = "en") -> str:
    return t(f"close.band.{name}", lang) if name else "–"


def grade_text(k: "KRGrade", lang: str = "en") -> str:
    """The owner's grade first, ours beside it when they differ by 0.2 or more: '0.90 (numbers: 0.50)'."""
    shown = formatting.grade(k.shown_grade, lang)
    if k.grade_differs:
        return t("close.grade_pair", lang, owner=shown, ours=formatting.grade(k.grade, lang))
    return shown


def next_quarter(quarter: str) -> str:
    return quarter_of(quarter_bounds(quarter)[1])


def last_day(quarter: str) -> dt.date:
    return quarter_bounds(quarter)[1] - dt.timedelta(days=1)


def is_closed(quarter: str, today: dt.date | None = None) -> bool:
    """Today is past the quarter's last day."""
    return (today or dt.date.today()) > last_day(quarter)


def finished(quarter: str, as_of: dt.date, today: dt.date | None = None) -> bool:
    """A quarter whose current snapshot (as of `as_of`) is from its last day or
    later, or that today has left behind: its meeting ends with the close."""
    return as_of >= last_day(quarter) or is_closed(quarter, today)


# --- the view model -----------------------------------------------------------------


@dataclass(frozen=True)
class KRGrade:
    id: str
    objective: str
    team: str
    title: str
    owner: str | None
    type: str  # its objective's: committed or aspirational
    kind: str
    unit: str | None
    start: float | None
    target: float | None
    current: float | None  # in the final snapshot
    weight: float
    grade: float  # ours: progress in the final snapshot, clamped to 0..1 (0 without a value)
    grade_raw: float | None  # unclamped (1.3 = 130%); None without a value in the final snapshot
    owner_grade: float | None  # the workbook's `grade` column
    shown_grade: float  # the owner's when given, else ours
    grade_differs: bool  # the owner's and ours differ by OWNER_DIFFERS_BY or more: show both
    band: str  # of our grade
    finished: bool  # grade 1.0 (a milestone: done): stays behind at carry-over
    updated: bool  # had a value somewhere in the quarter (a snapshot's current or a check-in)
    last_value: float | None  # its latest value in the quarter: the start when carried over
    comment: str | None


@dataclass(frozen=True)
class ObjectiveGrade:
    id: str
    title: str
    team: str
    parent: str | None
    type: str
    owner: str | None
    grade: float | None  # weighted mean of its key results' grades, else the mean of its children's
    band: str | None
    key_results: tuple[str, ...] = ()


@dataclass(frozen=True)
class TeamGrade:
    team: str
    grade: float | None  # mean of its objectives' grades
    band: str | None
    key_results: int
    bands: dict[str, int]  # key results per band (missed, progress, achieved)
    all_at_target: bool  # every key result at 1.0 or more: targets set too low?


@dataclass(frozen=True)
class QuarterClose:
    quarter: str
    next_quarter: str
    snapshot_id: int | None
    as_of: dt.date
    last_day: dt.date
    final: bool  # the snapshot is as of the quarter's last day or later
    finished: bool  # final, or today is past the quarter's last day
    company_grade: float | None
    company_band: str | None
    teams: list[TeamGrade]  # lowest grade first
    objectives: list[ObjectiveGrade]
    key_results: list[KRGrade]
    committed_missed: list[KRGrade]  # committed key results in band `missed`, lowest first
    targets_too_low: list[str]  # teams whose key results all reached 1.0
    never_updated: list[KRGrade]  # no value in any snapshot of the quarter, no check-in
    grade_differs: list[KRGrade]  # the owner's grade differs from ours by 0.2 or more
    teams_sheet: list[Team] = field(default_factory=list)  # the final snapshot's Teams sheet (carried over)

    def band_counts(self) -> dict[str, int]:
        counts = {b: 0 for b in BANDS}
        for k in self.key_results:
            counts[k.band] += 1
        return counts

    @property
    def carried(self) -> list[KRGrade]:
        """The key results next quarter's workbook takes over."""
        return [k for k in self.key_results if not k.finished]

    def to_json(self) -> dict:
        """`okr close --json` (docs/cli.md)."""
        r = _json_number
        return {
            "quarter": self.quarter,
            "next_quarter": self.next_quarter,
            "snapshot": self.snapshot_id,
            "as_of": self.as_of.isoformat(),
            "last_day": self.last_day.isoformat(),
            "final": self.final,
            "company": {"grade": r(self.company_grade), "band": self.company_band},
            "bands": self.band_counts(),
            "teams": [{"team": tg.team, "grade": r(tg.grade), "band": tg.band, "key_results": tg.key_results,
                       "bands": tg.bands, "all_at_target": tg.all_at_target} for tg in self.teams],
            "objectives": [{"id": o.id, "title": o.title, "team": o.team, "parent": o.parent, "type": o.type,
                            "grade": r(o.grade), "band": o.band} for o in self.objectives],
            "key_results": [{"id": k.id, "objective": k.objective, "team": k.team, "title": k.title,
                             "owner": k.owner, "type": k.type, "kind": k.kind, "grade": r(k.grade),
                             "grade_raw": r(k.grade_raw), "owner_grade": r(k.owner_grade),
                             "grade_differs": k.grade_differs, "band": k.band, "updated": k.updated,
                             "last_value": r(k.last_value, 10), "carried_over": not k.finished}
                            for k in self.key_results],
            "flags": {"committed_missed": [k.id for k in self.committed_missed],
                      "targets_too_low": list(self.targets_too_low),
                      "never_updated": [k.id for k in self.never_updated],
                      "grade_differs": [k.id for k in self.grade_differs]},
        }


def _json_number(x: float | None, digits: int = 4) -> float | None:
    """Rounded for JSON; None for a missing or non-finite number (JSON has no NaN)."""
    return None if x is None or not math.isfinite(x) else round(x, digits)


def _grade_order(grade: float | None, name: str) -> tuple:
    return (grade is None, grade if grade is not None else 0.0, name)


def build(card: scoring.Scorecard, key_results: list[KeyResult], values: dict[str, tuple[dt.date, float]],
          teams_sheet: list[Team] | None = None, today: dt.date | None = None) -> QuarterClose:
    """The close of `card.quarter` from its final snapshot, scored (`card`), that
    snapshot's key results (for the owner's grade and weight) and every key
    result's latest value in the quarter (`Store.last_values`)."""
    q = card.quarter
    end = last_day(q)
    own = {k.id: k for k in key_results}
    objectives = {o.id: o for o in card.objectives}
    krs: list[KRGrade] = []
    for k in card.key_results:
        obj = objectives[k.objective]
        owner_grade = own[k.id].grade if k.id in own else None
        differs = owner_grade is not None and round(abs(owner_grade - k.progress), 9) >= OWNER_DIFFERS_BY
        last = k.current if k.current is not None else values.get(k.id, (None, None))[1]
        krs.append(KRGrade(
            id=k.id, objective=k.objective, team=obj.team, title=k.title, owner=k.owner, type=obj.type,
            kind=k.kind, unit=k.unit, start=k.start, target=k.target, current=k.current, weight=k.weight,
            grade=k.progress, grade_raw=k.progress_raw, owner_grade=owner_grade,
            shown_grade=owner_grade if owner_grade is not None else k.progress, grade_differs=differs,
            band=band(k.progress, obj.type == "committed"), finished=round(k.progress, 9) >= 1.0,
            updated=k.current is not None or k.id in values, last_value=last, comment=k.comment,
        ))
    objs = [ObjectiveGrade(id=o.id, title=o.title, team=o.team, parent=o.parent, type=o.type, owner=o.owner,
                           grade=o.progress, band=band(o.progress, o.type == "committed"),
                           key_results=tuple(o.key_results)) for o in card.objectives]
    by_team: dict[str, list[KRGrade]] = {}
    for k in krs:
        by_team.setdefault(k.team, []).append(k)
    team_grades = []
    for ts in card.teams:
        mine = by_team.get(ts.team, [])
        counts = {b: sum(1 for k in mine if k.band == b) for b in BANDS}
        team_grades.append(TeamGrade(team=ts.team, grade=ts.progress, band=band(ts.progress),
                                     key_results=len(mine), bands=counts,
                                     all_at_target=bool(mine) and all(k.finished for k in mine)))
    team_grades.sort(key=lambda tg: _grade_order(tg.grade, tg.team))
    committed_missed = sorted((k for k in krs if k.type == "committed" and k.band == "missed"),
                              key=lambda k: _grade_order(k.grade, k.id))
    today = today or dt.date.today()
    return QuarterClose(
        quarter=q, next_quarter=next_quarter(q), snapshot_id=card.snapshot_id, as_of=card.as_of, last_day=end,
        final=card.as_of >= end, finished=card.as_of >= end or today > end,
        company_grade=card.company_progress, company_band=band(card.company_progress),
        teams=team_grades, objectives=objs, key_results=krs, committed_missed=committed_missed,
        targets_too_low=[tg.team for tg in team_grades if tg.all_at_target],
        never_updated=[k for k in krs if not k.updated],
        grade_differs=[k for k in krs if k.grade_differs],
        teams_sheet=list(teams_sheet or []),
    )


def quarter_close(store: Store, quarter: str, settings: Settings = DEFAULT, today: dt.date | None = None,
                  timeline: Timeline | None = None) -> QuarterClose | None:
    """The close of `quarter` from its final snapshot (its "now"); None when no snapshot holds it."""
    tl = timeline or Timeline(tuple(store.snapshots()))
    final = tl.now(quarter)
    if final is None:
        return None
    snap = store.load(final.id)
    card = scoring.score(snap.objectives, snap.key_results, snap.info.as_of, quarter, snap.teams, settings)
    card.snapshot_id = final.id
    first, nxt = quarter_bounds(quarter)
    values = store.last_values(quarter, first, nxt - dt.timedelta(days=1), up_to_snapshot=final.id)
    return build(card, snap.key_results, values, snap.teams, today)


# --- quarter over quarter ---------------------------------------------------------------


@dataclass(frozen=True)
class QuarterGrades:
    """One closed quarter's grades, from its final snapshot."""

    quarter: str
    as_of: dt.date
    snapshot_id: int
    company: float | None
    teams: dict[str, float | None]  # team -> grade, lowest first


def closed_quarters(timeline: Timeline, today: dt.date | None = None) -> list[str]:
    """Every quarter with a snapshot whose last day is past, oldest first."""
    return [q for q in timeline.quarters if is_closed(q, today)]


def history(store: Store, settings: Settings = DEFAULT, today: dt.date | None = None,
            timeline: Timeline | None = None) -> list[QuarterGrades]:
    """Company and team grades of every closed quarter, oldest first."""
    tl = timeline or Timeline(tuple(store.snapshots()))
    out = []
    for q in closed_quarters(tl, today):
        final = tl.now(q)
        snap = store.load(final.id)
        card = scoring.score(snap.objectives, snap.key_results, snap.info.as_of, q, snap.teams, settings)
        if not card.objectives:
            continue
        teams = sorted(card.teams, key=lambda ts: _grade_order(ts.progress, ts.team))
        out.append(QuarterGrades(quarter=q, as_of=snap.info.as_of, snapshot_id=final.id,
                                 company=card.company_progress, teams={ts.team: ts.progress for ts in teams}))
    return out


def history_json(grades: list[QuarterGrades]) -> list[dict]:
    r = _json_number
    return [{"quarter": g.quarter, "as_of": g.as_of.isoformat(), "company": r(g.company),
             "teams": [{"team": name, "grade": r(v)} for name, v in g.teams.items()]} for g in grades]


# --- carry-over ------------------------------------------------------------------------

_CARRIED = re.compile(r"-\d{4}Q[1-4](-\d+)?$")


def carried_id(old: str, quarter: str, taken: set[str]) -> str:
    """A new id for next quarter: 'O-SALES-1' -> 'O-SALES-1-2026Q4'; an id carried
    before loses its old quarter first ('O-SALES-1-2026Q3' -> 'O-SALES-1-2026Q4')."""
    base = f"{_CARRIED.sub('', old)}-{quarter.replace('-', '')}"
    new, n = base, 2
    while new in taken:
        new, n = f"{base}-{n}", n + 1
    taken.add(new)
    return new


def carry_over_data(close: QuarterClose, lang: str = "en") -> dict[str, list[dict]]:
    """Next quarter's workbook as rows (okr.template's layout): every objective of
    the quarter under a new id, its parent mapped to the parent's new id (none
    when the parent is not of this quarter), and its unfinished key results with
    their latest value as the new start, the current still empty."""
    nq = close.next_quarter
    taken: set[str] = set()
    new_obj = {o.id: carried_id(o.id, nq, taken) for o in close.objectives}
    objectives = [{"id": new_obj[o.id], "objective": o.title, "team": o.team, "quarter": nq, "owner": o.owner,
                   "parent": new_obj.get(o.parent), "type": o.type} for o in close.objectives]
    note = t("close.carried_comment", lang, quarter=close.quarter)
    taken_kr: set[str] = set()
    key_results = []
    for k in close.carried:
        milestone = k.kind == "milestone"
        start = None if milestone else (k.last_value if k.last_value is not None else k.start)
        key_results.append({
            "id": carried_id(k.id, nq, taken_kr), "objective": new_obj[k.objective], "key_result": k.title,
            "owner": k.owner, "start": start, "target": None if milestone else k.target, "current": None,
            "unit": k.unit, "kind": k.kind, "weight": k.weight, "status": None, "comment": note,
        })
    teams = [{"team": tm.team, "parent_team": tm.parent_team, "lead": tm.lead} for tm in close.teams_sheet]
    return {"objectives": objectives, "key_results": key_results, "checkins": [], "teams": teams}


def carry_over_bytes(close: QuarterClose, lang: str = "en") -> bytes:
    """Next quarter's workbook in the canonical template (instructions, data validation)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"okr-{close.next_quarter}.xlsx"
        from . import template  # openpyxl: 0.13 s to import, paid only when a workbook is written

        template.write_workbook(path, carry_over_data(close, lang), lang, instructions=True, validation=True)
        return path.read_bytes()


def carry_over_name(close: QuarterClose) -> str:
    return f"okr-{close.next_quarter}-carried-over-from-{close.quarter}.xlsx"
