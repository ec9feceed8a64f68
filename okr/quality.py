"""The OKR coach: the method as checks (docs/quality.md). Findings are warnings, never
blockers; each says which rule it breaks, why that matters and how to fix it
(texts in okr/i18n/quality.py).

Rules (ids are the `code` of each Problem, exactly as in docs/quality.md, plus one the
method implies):

- `too-many-krs`         an objective has more key results than the limit (setting, 3)
- `too-many-objectives`  a team has more objectives in one quarter than the limit (setting, 3)
- `activity-not-result`  a KR describes an activity, not an outcome (okr.activity)
- `not-measurable`       a number KR without a numeric target, or with target == start
- `no-owner`             a KR without an owner
- `unaligned`            an objective that contributes to no parent and is not company-level (okr.cascade)
- `no-key-results`       an objective without key results and without child objectives

`check()` gives the Problems (what `okr import`, the Import page and `okr lint`
show); `findings()` the same with the team, quarter and the objectives/KRs
each one counts against, which `health()` turns into the per-team OKR health
(share of objectives and KRs without any finding). `snapshot_report()` runs
the same rules on a stored snapshot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import activity, cascade
from .i18n import t
from .model import KeyResult, Objective, ParsedWorkbook, Problem
from .settings import DEFAULT, Settings

RULES = ("too-many-krs", "too-many-objectives", "activity-not-result", "not-measurable", "no-owner", "unaligned",
         "no-key-results")
SEVERITY = "warning"

# rewrite hint topics for activities: keyword (folded, substring) -> hint key
HINT_TOPICS = (
    (("lead", "sql", "mql"), "leads"),
    (("crm",), "crm"),
    (("website", "webshop", "site", "landingspagina", "landing page"), "website"),
    (("partner",), "partner"),
    (("strateg", "go-to-market", "propositie", "proposition", "markt", "market"), "strategy"),
    (("training", "opleiding", "onboarding", "cursus", "course", "workshop"), "training"),
    (("app", "feature", "functie", "release", "product", "module"), "product"),
)


@dataclass
class Finding:
    """A Problem plus what it is about: the team and quarter it belongs to and
    the ids of the objectives / KRs it counts against in the health figure."""

    problem: Problem
    team: str | None
    quarter: str | None
    items: tuple[str, ...] = ()

    @property
    def rule(self) -> str:
        return self.problem.code


@dataclass
class TeamHealth:
    team: str
    quarter: str | None
    objectives: int = 0
    objectives_ok: int = 0
    key_results: int = 0
    key_results_ok: int = 0
    findings: int = 0
    rules: dict[str, int] = field(default_factory=dict)

    @property
    def share(self) -> float | None:
        """Share of objectives and KRs without findings (None: nothing to judge)."""
        total = self.objectives + self.key_results
        return None if total == 0 else (self.objectives_ok + self.key_results_ok) / total


@dataclass
class Report:
    quarter: str | None
    findings: list[Finding]
    health: list[TeamHealth]
    quarters: list[str] = field(default_factory=list)  # every quarter in the snapshot

    @property
    def overall(self) -> float | None:
        return overall_health(self.health)

    def by_team(self) -> dict[str | None, list[Finding]]:
        out: dict[str | None, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.team, []).append(f)
        return out


def rule_name(rule: str, lang: str = "en", settings: Settings = DEFAULT) -> str:
    return t(f"quality.rule.{rule}", lang, max=_limit(rule, settings))


def why(rule: str, lang: str = "en") -> str:
    return t(f"quality.why.{rule}", lang)


def _limit(rule: str, settings: Settings) -> int:
    return settings.max_objectives_per_team if rule == "too-many-objectives" else settings.max_krs_per_objective


def _short_quarter(quarter: str | None) -> str:
    m = re.search(r"Q[1-4]", quarter or "")
    return m.group(0) if m else "Q1"


def rewrite_hint(title: str, quarter: str | None, lang: str = "en") -> str:
    """A concrete outcome to aim for, on the KR's topic, in the user's language."""
    folded = activity.fold(title or "")
    topic = "default"
    for words, key in HINT_TOPICS:
        if any(re.search(rf"(?<![a-z]){re.escape(w)}", folded) for w in words):
            topic = key
            break
    return t(f"quality.hint.{topic}", lang, q=_short_quarter(quarter))


def _ref(item_id: str, title: str) -> str:
    """How a finding names an item: `O-SALES-1 "title"`; ids a flat sheet derived
    from the text (quarter/team/slug) are left out, the title says it."""
    if "/" in item_id or item_id.startswith("?"):
        return f'"{title}"'
    return f'{item_id} "{title}"'


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


class _Checker:
    def __init__(self, parsed: ParsedWorkbook, lang: str, settings: Settings,
                 columns: dict[str, dict[str, str]] | None):
        self.parsed = parsed
        self.lang = lang
        self.settings = settings
        self.columns = parsed.columns if columns is None else columns
        self.out: list[Finding] = []
        self.objectives = {o.id: o for o in parsed.objectives}
        self.krs_of: dict[str, list[KeyResult]] = {}
        for kr in parsed.key_results:
            self.krs_of.setdefault(kr.objective, []).append(kr)
        self.children: dict[str, list[Objective]] = {}
        for o in parsed.objectives:
            if o.parent:
                self.children.setdefault(o.parent, []).append(o)

    def col(self, sheet: str | None, *fields: str) -> str | None:
        cols = self.columns.get(sheet or "", {})
        for f in fields:
            if f in cols:
                return cols[f]
        return None

    def add(self, rule: str, *, sheet, row, column, item_id, team, quarter, items, msg_key=None, fix_key=None,
            **params) -> None:
        params.setdefault("max", _limit(rule, self.settings))
        params.setdefault("team", team or "")
        if "title" in params:
            params["ref"] = _ref(params["id"], params["title"])
        params.setdefault("quarter", quarter or "")
        message = t(msg_key or f"quality.msg.{rule}", self.lang, **params)
        fix = t(fix_key or f"quality.fix.{rule}", self.lang, **params)
        problem = Problem(sheet=sheet, row=row, column=column, message=message, fix=fix, code=rule,
                          severity=SEVERITY, item_id=item_id)
        self.out.append(Finding(problem, team, quarter, tuple(items)))

    # --- objectives ---------------------------------------------------------
    def objective_rules(self) -> None:
        unaligned = cascade.unaligned_ids(self.parsed.objectives, self.parsed.teams)
        for o in self.parsed.objectives:
            where = dict(sheet=o.sheet, row=o.row, item_id=o.id, team=o.team, quarter=o.quarter, items=(o.id,),
                         id=o.id, title=o.title)
            krs = self.krs_of.get(o.id, [])
            if len(krs) > self.settings.max_krs_per_objective:
                self.add("too-many-krs", column=self.col(o.sheet, "objective"), n=len(krs), **where)
            if not krs and not self.children.get(o.id):
                self.add("no-key-results", column=None,
                         example=rewrite_hint(o.title, o.quarter, self.lang), **where)
            if not o.parent and o.id in unaligned:
                self.add("unaligned", column=self.col(o.sheet, "parent"), **where)

    def team_rules(self) -> None:
        per_team: dict[tuple[str, str], list[Objective]] = {}
        for o in self.parsed.objectives:
            per_team.setdefault((o.team, o.quarter), []).append(o)
        limit = self.settings.max_objectives_per_team
        for (team, quarter), objs in per_team.items():
            if len(objs) <= limit:
                continue
            ordered = sorted(objs, key=lambda o: (o.sheet or "", o.row or 0, o.id))
            extra = ordered[limit:]
            first = extra[0]
            self.add("too-many-objectives", sheet=first.sheet, row=first.row, column=self.col(first.sheet, "team"),
                     item_id=team, team=team, quarter=quarter, items=[o.id for o in extra], n=len(objs),
                     ids=", ".join(o.id for o in ordered), extra=", ".join(o.id for o in extra))

    # --- key results --------------------------------------------------------
    def kr_rules(self) -> None:
        for kr in self.parsed.key_results:
            obj = self.objectives.get(kr.objective)
            team, quarter = (obj.team, obj.quarter) if obj else (None, None)
            where = dict(sheet=kr.sheet, row=kr.row, item_id=kr.id, team=team, quarter=quarter, items=(kr.id,),
                         id=kr.id, title=kr.title)
            if kr.title:
                verdict = activity.classify(kr.title, kind=kr.kind, start=kr.start, target=kr.target, unit=kr.unit)
                if verdict.activity:
                    self.add("activity-not-result", column=self.col(kr.sheet, "key_result"),
                             phrase=verdict.phrase or "", example=rewrite_hint(kr.title, quarter, self.lang),
                             **where)
            if kr.kind == "number":
                start = kr.start or 0.0
                if kr.target is None:
                    variant = "text" if kr.target_text else "missing"
                    self.add("not-measurable", column=self.col(kr.sheet, "target"),
                             msg_key=f"quality.msg.not-measurable.{variant}",
                             fix_key="quality.fix.not-measurable.missing", text=kr.target_text or "", **where)
                elif kr.target == start:
                    self.add("not-measurable", column=self.col(kr.sheet, "target"),
                             msg_key="quality.msg.not-measurable.same", fix_key="quality.fix.not-measurable.same",
                             value=_fmt(kr.target), **where)
            if not (kr.owner or "").strip():
                self.add("no-owner", column=self.col(kr.sheet, "owner"), **where)


def findings(parsed: ParsedWorkbook, lang: str = "en", settings: Settings = DEFAULT,
             columns: dict[str, dict[str, str]] | None = None) -> list[Finding]:
    """Every finding, in sheet/row order. `columns` ({sheet: {field: letter}})
    lets findings point at a cell (okr lint knows the layout)."""
    ch = _Checker(parsed, lang, settings, columns)
    ch.team_rules()
    ch.objective_rules()
    ch.kr_rules()
    order = {r: i for i, r in enumerate(RULES)}
    sheets: dict[str, int] = {}
    for item in [*parsed.objectives, *parsed.key_results]:
        sheets.setdefault(item.sheet or "", len(sheets))
    return sorted(ch.out, key=lambda f: (sheets.get(f.problem.sheet or "", 0), f.problem.row or 0, order[f.rule]))


def check(parsed: ParsedWorkbook, lang: str = "en", settings: Settings = DEFAULT,
          columns: dict[str, dict[str, str]] | None = None) -> list[Problem]:
    """The coach's findings as warnings (never blockers)."""
    return [f.problem for f in findings(parsed, lang, settings, columns)]


def health(parsed: ParsedWorkbook, found: list[Finding], quarter: str | None = None) -> list[TeamHealth]:
    """OKR health per team (in `quarter`, or all quarters): how many of its
    objectives and KRs have no finding. Worst first."""
    flagged: set[str] = set()
    for f in found:
        flagged.update(f.items)
    teams: dict[str, TeamHealth] = {}
    objs = [o for o in parsed.objectives if quarter is None or o.quarter == quarter]
    for o in objs:
        h = teams.setdefault(o.team, TeamHealth(o.team, quarter))
        h.objectives += 1
        h.objectives_ok += o.id not in flagged
    team_of = {o.id: o.team for o in objs}
    for kr in parsed.key_results:
        team = team_of.get(kr.objective)
        if team is None:
            continue
        h = teams[team]
        h.key_results += 1
        h.key_results_ok += kr.id not in flagged
    for f in found:
        if f.team in teams and (quarter is None or f.quarter == quarter):
            h = teams[f.team]
            h.findings += 1
            h.rules[f.rule] = h.rules.get(f.rule, 0) + 1
    return sorted(teams.values(), key=lambda h: (h.share if h.share is not None else 1.0, h.team))


def overall_health(teams: list[TeamHealth]) -> float | None:
    total = sum(h.objectives + h.key_results for h in teams)
    ok = sum(h.objectives_ok + h.key_results_ok for h in teams)
    return None if total == 0 else ok / total


def from_snapshot(snapshot) -> ParsedWorkbook:
    """A stored snapshot (okr.store.Snapshot) as a ParsedWorkbook for the rules."""
    return ParsedWorkbook(objectives=list(snapshot.objectives), key_results=list(snapshot.key_results),
                          teams=list(snapshot.teams), layout=snapshot.info.layout or "canonical")


def snapshot_report(store, snapshot_id: int | None = None, quarter: str | None = None, lang: str = "en",
                    settings: Settings = DEFAULT) -> Report | None:
    """Findings and per-team health of a stored snapshot (latest by default),
    for one quarter (the as-of date's quarter by default)."""
    from .scoring import default_quarter

    snap = store.load_latest(snapshot_id)
    if snap is None:
        return None
    parsed = from_snapshot(snap)
    quarter = quarter or default_quarter(snap.objectives, snap.info.as_of)
    found = [f for f in findings(parsed, lang, settings) if quarter is None or f.quarter in (quarter, None)]
    return Report(quarter, found, health(parsed, found, quarter), parsed.quarters)
