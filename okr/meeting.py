"""The weekly meeting as a short sequence of screens: what each screen says,
already worded in the meeting's language, so the Meeting page and the
exported pack (PDF, PowerPoint) show exactly the same thing.

Streamlit-free. `build()` turns a scored quarter (and what changed, the
coach's findings and the cascade) into `Meeting.slides`; renderers only lay
them out. The agenda follows the questions the team asks, in order:

1. where we stand (company vs. expected, counts per status, teams by lag);
2. what changed since the previous upload of this quarter;
3. one screen per lagging team, red first, then amber, biggest gap first;
4. the cascade of the lagging branches;
5. what to decide (the coach's findings, the lagging key results and owners);
6. for a finished quarter, the close: grades per team, committed key
   results missed, the flags, the retrospective questions.

Every list on a screen has a budget (how many lines fit on 1920x1080 at
20 px and more); what does not fit is counted ("and 7 more"), never cut off
mid-text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import forecast, formatting
from .alignment import Alignment
from .changes import Changes, KRChange
from .i18n import t
from .palette import badge
from .parse import quarter_bounds
from .scoring import STATUS_RANK, KRScore, Scorecard

# how many lines fit on one screen (1920x1080, text >= 20 px), per list
TEAMS_ON_STAND = 10
ITEMS_PER_CHANGE_GROUP = 3  # at most, per group
LINES_ON_CHANGED = 12  # over all groups together
KRS_PER_TEAM = 4
CASCADE_LINES = 13
FINDINGS_TO_DECIDE = 5
LAGGING_TO_DECIDE = 7
TEAMS_ON_CLOSE = 8
MISSED_ON_CLOSE = 5
LAGGING = ("red", "amber")


@dataclass
class Status:
    """A status as the screen shows it: icon + label (+ the colour by key)."""

    key: str  # green / amber / red / no update
    text: str  # "■ red"


@dataclass
class TeamLine:
    team: str
    status: Status
    progress: str  # "8%"
    expected: str  # "62%"
    slide: int | None  # the team's own screen (1-based), None when it is on track


@dataclass
class Standing:
    company_progress: str
    expected: str
    company_status: Status
    counts: list[tuple[Status, int]]
    teams: list[TeamLine]  # lagging first, at most TEAMS_ON_STAND
    more_teams: int
    on_track: list[str]  # the green teams, by name
    will_miss: int | None = None  # key results whose forecast misses (None: no forecast)
    no_update: list[str] = field(default_factory=list)  # teams with no value yet: not "on track" either


@dataclass
class ChangeLine:
    team: str
    title: str
    owner: str
    before: str  # "9 SQL · ● green"
    now: str  # "2 SQL · ■ red"
    status: Status


@dataclass
class ChangeGroup:
    key: str  # newly_red, worsened, improved, not_updated, moved_goalposts, mismatches, stale
    title: str
    lines: list[ChangeLine]
    more: int


@dataclass
class WhatChanged:
    compared: str | None  # "Compared: 20 Nov 2026 → 27 Nov 2026"; None: the first upload of the quarter
    groups: list[ChangeGroup]


@dataclass
class KRLine:
    id: str
    title: str
    owner: str
    status: Status
    current: str  # "2 SQL of 15"
    expected: str  # "7.5 SQL expected by now"
    progress: str  # "13%"
    forecast: str | None  # "lands at 40%" / "too little history"; None: no forecast known
    comment: str | None
    stale: bool = False
    reported: str | None = None  # "owner reports ● green", when that is better than the numbers
    # the trend: (day, value) points over the quarter, and the ideal line's ends
    points: list[tuple[dt.date, float]] = field(default_factory=list)
    start: float | None = None
    target: float | None = None


@dataclass
class TeamScreen:
    team: str
    status: Status
    progress: str
    expected: str
    lag: float
    key_results: list[KRLine]
    more: int


@dataclass
class CascadeLine:
    depth: int
    title: str
    team: str
    status: Status
    progress: str
    expected: str
    lagging: bool  # this node is one of the lagging teams' objectives


@dataclass
class Cascade:
    lines: list[CascadeLine]
    more: int


@dataclass
class Finding:
    rule: str
    team: str
    item: str
    message: str


@dataclass
class ToDecide:
    findings: list[Finding]
    more_findings: int
    lagging: list[ChangeLine]
    more_lagging: int


@dataclass
class TeamGradeLine:
    team: str
    grade: str  # "0.62"
    band: str  # "partly achieved"
    bands: str  # "missed 2 · partly achieved 3 · achieved 5"
    too_low: bool  # every key result at 1.0 or more


@dataclass
class GradedKR:
    team: str
    title: str
    owner: str
    grade: str  # the owner's grade first, ours beside it when they differ


@dataclass
class CloseScreen:
    company_grade: str
    company_band: str
    teams: list[TeamGradeLine]
    more_teams: int
    committed_missed: list[GradedKR]
    more_missed: int
    flags: list[str]  # targets too low?, never updated, owners' grades differ
    questions: list[str]  # the retrospective


@dataclass
class Slide:
    kind: str  # stand, changed, team, cascade, decide, close
    title: str
    team: str | None = None
    stand: Standing | None = None
    changed: WhatChanged | None = None
    screen: TeamScreen | None = None
    cascade: Cascade | None = None
    decide: ToDecide | None = None
    close: CloseScreen | None = None


@dataclass
class Meeting:
    quarter: str
    as_of: dt.date
    lang: str
    heading: str  # "2026-Q4 · numbers as of 27 Nov 2026"
    slides: list[Slide]
    organisation: str | None = None  # the top of the cascade, when it is one team (okr.cascade.organisation)

    def team_slide(self, team: str) -> int | None:
        """The 1-based position of a team's screen."""
        return next((i for i, s in enumerate(self.slides, 1) if s.kind == "team" and s.team == team), None)


# --- building ---------------------------------------------------------------------------------


def status(key: str, lang: str) -> Status:
    return Status(key, badge(key, lang))


def _pct(x: float | None, lang: str) -> str:
    return formatting.percent(x, lang)


def lagging_teams(card: Scorecard) -> list:
    """Red teams first, then amber; within each, the biggest gap first."""
    lagging = [tm for tm in card.teams if tm.status in LAGGING]
    return sorted(lagging, key=lambda tm: (STATUS_RANK[tm.status] * -1, -(tm.lag or 0.0), tm.team))


def _value(kr, value: float | None, lang: str) -> str:
    if kr.kind == "milestone":
        return t("meeting.done" if value and value >= 1 else "meeting.not_done", lang)
    return formatting.value_with_unit(value, kr.unit, lang)


def _change_line(k: KRChange, krs: dict[str, KRScore], lang: str, group: str = "") -> ChangeLine:
    kr = krs[k.id]
    if group == "confidence_drops":  # what dropped is the owner's confidence, not the value
        before = t("meeting.confidence_value", lang, value=_pct(k.confidence_before, lang))
        now = f"{t('meeting.confidence_value', lang, value=_pct(k.confidence, lang))} · {status(k.status, lang).text}"
    else:
        before = (f"{_value(kr, k.before_current, lang)} · {status(k.before_status, lang).text}"
                  if k.before_status else "–")
        now = f"{_value(kr, k.current, lang)} · {status(k.status, lang).text}"
    return ChangeLine(team=k.team or "", title=k.title, owner=k.owner or t("meeting.no_owner", lang),
                      before=before, now=now, status=status(k.status, lang))


def _forecast_text(kr: KRScore, lang: str) -> str | None:
    """Where the key result lands at the quarter's end ('✗ will miss · lands at 54%'),
    'too little history', or None (a milestone; or a scorecard without forecasts)."""
    text = forecast.describe(kr, lang)
    return None if text == "–" else text


def _kr_line(kr: KRScore, quarter: str, lang: str, series: dict) -> KRLine:
    if kr.kind == "milestone":
        current, expected = _value(kr, kr.current, lang), t("meeting.milestone", lang)
    else:
        current = t("meeting.current_of", lang, current=_value(kr, kr.current, lang),
                    target=_value(kr, kr.target, lang))
        start = kr.start or 0.0
        exp_value = None if kr.target is None else start + kr.expected * (kr.target - start)
        expected = t("meeting.expected_value", lang, value=_value(kr, exp_value, lang))
    return KRLine(id=kr.id, title=kr.title, owner=kr.owner or t("meeting.no_owner", lang),
                  status=status(kr.status, lang), current=current, expected=expected,
                  progress=_pct(kr.progress_raw if kr.progress_raw is not None else None, lang),
                  forecast=_forecast_text(kr, lang), comment=kr.comment,
                  stale=bool(kr.stale), points=series.get(kr.id, []),
                  reported=t("meeting.reported", lang, status=status(kr.reported_status, lang).text)
                  if kr.mismatch else None,
                  start=kr.start, target=kr.target)


def _standing(card: Scorecard, lang: str, team_slides: dict[str, int]) -> Standing:
    lagging = lagging_teams(card)
    names = {tm.team for tm in lagging}
    shown = lagging[:TEAMS_ON_STAND]
    lines = [TeamLine(tm.team, status(tm.status, lang), _pct(tm.progress, lang), _pct(tm.expected, lang),
                      team_slides.get(tm.team)) for tm in shown]
    counts = [(status(s, lang), n) for s, n in card.status_counts().items()]
    has_forecasts = any(k.stale is not None for k in card.key_results)  # computed for a stored snapshot
    will_miss = card.forecast_counts()["will miss"] if has_forecasts else None
    return Standing(company_progress=_pct(card.company_progress, lang), expected=_pct(card.company_expected, lang),
                    company_status=status(card.company_status, lang), counts=counts, teams=lines,
                    more_teams=len(lagging) - len(shown),
                    on_track=[tm.team for tm in card.teams if tm.team not in names and tm.status == "green"],
                    no_update=[tm.team for tm in card.teams if tm.team not in names and tm.status == "no update"],
                    will_miss=will_miss)


def _shares(sizes: list[int], budget: int, most: int) -> list[int]:
    """How many lines each group gets: one each in agenda order, then a second
    each, and so on (at most `most`), until the screen's budget is spent."""
    shares = [0] * len(sizes)
    for _ in range(most):
        for i, size in enumerate(sizes):
            if budget and shares[i] < size:
                shares[i] += 1
                budget -= 1
    return shares


def _what_changed(ch: Changes | None, card: Scorecard, lang: str) -> WhatChanged:
    krs = {k.id: k for k in card.key_results}
    if ch is None or not ch.has_previous:
        return WhatChanged(None, [])
    newly_red = {k.id for k in ch.newly_red}
    groups_src = [
        ("newly_red", ch.newly_red),
        ("worsened", [k for k in ch.worsened if k.id not in newly_red]),
        ("mismatches", ch.mismatches),
        ("not_updated", ch.not_updated),
        ("stale", ch.stale),
        ("confidence_drops", ch.confidence_drops),
        ("moved_goalposts", ch.moved_goalposts),
        ("improved", ch.improved),
    ]
    shares = _shares([len(items) for _, items in groups_src], LINES_ON_CHANGED, ITEMS_PER_CHANGE_GROUP)
    groups = []
    for (key, items), n in zip(groups_src, shares):
        items = sorted(items, key=lambda k: (-STATUS_RANK[k.status], k.team or "", k.title))
        groups.append(ChangeGroup(key, t(f"meeting.changed.{key}", lang, n=len(items)),
                                  [_change_line(k, krs, lang, key) for k in items[:n]], len(items) - n))
    compared = t("ui.changes.between", lang, before=formatting.date(ch.before_as_of, lang),
                 after=formatting.date(ch.after_as_of, lang))
    return WhatChanged(compared, groups)


def _team_screen(tm, card: Scorecard, lang: str, series: dict) -> TeamScreen:
    objectives = {o.id for o in card.objectives if o.team == tm.team}
    krs = [k for k in card.key_results if k.objective in objectives and k.status in LAGGING]
    krs.sort(key=lambda k: (-STATUS_RANK[k.status], -(k.expected - k.progress), k.id))
    shown = krs[:KRS_PER_TEAM]
    return TeamScreen(team=tm.team, status=status(tm.status, lang), progress=_pct(tm.progress, lang),
                      expected=_pct(tm.expected, lang), lag=tm.lag or 0.0,
                      key_results=[_kr_line(k, card.quarter, lang, series) for k in shown],
                      more=len(krs) - len(shown))


def _cascade(card: Scorecard, tree: Alignment | None, teams: list[str], lang: str) -> Cascade:
    """The lagging teams' lagging objectives with every objective above them,
    in tree order: the branches in question, from the company down."""
    if tree is None:
        return Cascade([], 0)
    wanted: set[str] = set()
    team_set = set(teams)
    for oid, node in tree.nodes.items():
        o = node.objective
        if o.team in team_set and o.status in LAGGING:
            wanted.add(oid)
            wanted.update(tree.ancestors(oid))
    ordered = [oid for oid in tree.nodes if oid in wanted]
    lines = []
    for oid in ordered[:CASCADE_LINES]:
        node = tree.nodes[oid]
        o = node.objective
        lines.append(CascadeLine(depth=node.depth, title=o.title, team=o.team, status=status(o.status, lang),
                                 progress=_pct(o.progress, lang), expected=_pct(o.expected, lang),
                                 lagging=o.team in team_set and o.status in LAGGING))
    return Cascade(lines, len(ordered) - len(lines))


def _to_decide(card: Scorecard, findings: list, lang: str) -> ToDecide:
    titles = {o.id: o.title for o in card.objectives} | {k.id: k.title for k in card.key_results}
    worth = [f for f in findings if f.rule in DECIDE_RULES]
    worth.sort(key=lambda f: (DECIDE_RULES.index(f.rule), f.team or "", f.problem.item_id or ""))
    shown = [Finding(rule=_rule_name(f.rule, lang), team=f.team or "",
                     item=titles.get(f.problem.item_id or "", f.problem.item_id or ""), message=f.problem.message)
             for f in worth[:FINDINGS_TO_DECIDE]]
    red = [k for k in card.key_results if k.status == "red"]
    team_of = {o.id: o.team for o in card.objectives}
    red.sort(key=lambda k: (-(k.expected - k.progress), team_of.get(k.objective, ""), k.id))
    lagging = [ChangeLine(team=team_of.get(k.objective, ""), title=k.title,
                          owner=k.owner or t("meeting.no_owner", lang), before="",
                          now=f"{_value(k, k.current, lang)} · {status(k.status, lang).text}",
                          status=status(k.status, lang)) for k in red[:LAGGING_TO_DECIDE]]
    return ToDecide(shown, len(worth) - len(shown), lagging, len(red) - len(lagging))


def close_screen(qc, lang: str) -> CloseScreen:
    """The closing screen of a finished quarter, from okr.close's QuarterClose."""
    from .close import band_label, grade_text

    def bands(tg) -> str:
        return " · ".join(f"{band_label(b, lang)} {n}" for b, n in tg.bands.items())

    teams = [TeamGradeLine(tg.team, formatting.grade(tg.grade, lang), band_label(tg.band, lang), bands(tg),
                           tg.all_at_target) for tg in qc.teams[:TEAMS_ON_CLOSE]]
    missed = [GradedKR(k.team, k.title, k.owner or t("meeting.no_owner", lang), grade_text(k, lang))
              for k in qc.committed_missed[:MISSED_ON_CLOSE]]
    flags = [t("close.ui.too_low", lang, team=team) for team in qc.targets_too_low]
    if qc.never_updated:
        flags.append(t("close.ui.never_updated", lang, n=len(qc.never_updated)))
    if qc.grade_differs:
        flags.append(t("close.ui.differs", lang, n=len(qc.grade_differs)))
    return CloseScreen(company_grade=formatting.grade(qc.company_grade, lang),
                       company_band=band_label(qc.company_band, lang), teams=teams,
                       more_teams=len(qc.teams) - len(teams), committed_missed=missed,
                       more_missed=len(qc.committed_missed) - len(missed), flags=flags,
                       questions=[t(f"close.ui.retro.{q}", lang) for q in ("went_well", "went_wrong", "change")])


# the coach's findings worth the meeting's time, most important first: an
# activity dressed as a result, a key result nobody owns, one that cannot be
# measured, too many key results or objectives (focus)
DECIDE_RULES = ("activity-not-result", "no-owner", "not-measurable", "too-many-objectives", "too-many-krs",
                "unaligned")


def _rule_name(rule: str, lang: str) -> str:
    from .quality import rule_name

    return rule_name(rule, lang)


def series_from_history(history: dict[str, list[tuple[dt.date, float | None]]]) -> dict[str, list]:
    """{kr id: [(day, value)]} with the empty values left out."""
    return {k: [(d, v) for d, v in pts if v is not None] for k, pts in history.items()}


def build(card: Scorecard, lang: str, *, changes: Changes | None = None, findings: list | None = None,
          tree: Alignment | None = None, series: dict | None = None, close=None) -> Meeting:
    """`close`: okr.close's QuarterClose of a finished quarter (adds the closing screen)."""
    series = series or {}
    lagging = lagging_teams(card)
    n_before_teams = 2  # where we stand, what changed
    team_slides = {tm.team: n_before_teams + i + 1 for i, tm in enumerate(lagging)}
    slides = [
        Slide("stand", t("meeting.stand.title", lang), stand=_standing(card, lang, team_slides)),
        Slide("changed", t("meeting.changed.title", lang), changed=_what_changed(changes, card, lang)),
    ]
    for tm in lagging:
        slides.append(Slide("team", t("meeting.team.title", lang, team=tm.team), team=tm.team,
                            screen=_team_screen(tm, card, lang, series)))
    slides.append(Slide("cascade", t("meeting.cascade.title", lang),
                        cascade=_cascade(card, tree, [tm.team for tm in lagging], lang)))
    slides.append(Slide("decide", t("meeting.decide.title", lang), decide=_to_decide(card, findings or [], lang)))
    if close is not None:
        slides.append(Slide("close", t("meeting.close.title", lang), close=close_screen(close, lang)))
    heading = t("meeting.heading", lang, quarter=card.quarter, as_of=formatting.date(card.as_of, lang))
    return Meeting(quarter=card.quarter, as_of=card.as_of, lang=lang, heading=heading, slides=slides)


def quarter_span(quarter: str) -> tuple[dt.date, dt.date]:
    first, nxt = quarter_bounds(quarter)
    return first, nxt - dt.timedelta(days=1)
