"""The rows the pages show as tables, built from the domain's objects and
worded in the user's language. Streamlit-free, so they are tested without
running a page, and a page only lays them out.

Each function returns a list of dicts, one per row, keyed by the column
headers as the user reads them (`st.dataframe` shows them as they are).
"""

from __future__ import annotations

from . import forecast, formatting
from .changes import Changes, KRChange
from .i18n import t
from .model import Problem
from .palette import badge


def _num(value: float | None, lang: str) -> str:
    return formatting.number(value, lang, digits=2)


def problem_rows(problems: list[Problem], lang: str) -> list[dict]:
    """Import errors or warnings: sheet, row, column (with the header as written), what, how to fix."""
    return [{t("ui.col.sheet", lang): p.sheet or "", t("ui.col.row", lang): p.row,
             t("ui.col.column", lang): (p.column or "") + (f" ({p.header})" if p.header else ""),
             t("ui.col.problem", lang): p.message, t("ui.col.fix", lang): p.fix} for p in problems]


PREVIEW_COUNTS = ("new_objectives", "removed_objectives", "new_key_results", "removed_key_results", "moved",
                  "newly_red", "improved", "moved_goalposts")


def preview_rows(ch: Changes, lang: str) -> list[dict]:
    """What an import would change: objectives and key results that come or go,
    then key results whose value, status or goalposts moved (before -> after)."""
    kind, team, id_, title, before, after = (t(f"ui.col.{c}", lang) for c in
                                             ("change_kind", "team", "id", "title", "before", "after"))
    rows = []
    for name, items in (("new_objectives", ch.new_objectives), ("removed_objectives", ch.removed_objectives),
                        ("new_key_results", ch.new_key_results), ("removed_key_results", ch.removed_key_results)):
        rows += [{kind: t(f"ui.changes.{name}", lang), team: i.team, id_: i.id, title: i.title, before: "",
                  after: ""} for i in items]
    for k in ch.krs:
        if k.moved or k.status_changed or k.goalposts_moved:
            name = "moved_goalposts" if k.goalposts_moved else ("moved" if k.moved else "status_changed")
            rows.append({kind: t(f"ui.changes.{name}", lang), team: k.team, id_: k.id, title: k.title,
                         before: f"{_num(k.before_current, lang)} · {badge(k.before_status, lang)}",
                         after: f"{_num(k.current, lang)} · {badge(k.status, lang)}"})
    return rows


def snapshot_rows(snapshots, lang: str) -> list[dict]:
    """The import history: one row per snapshot, newest first."""
    return [{t("ui.col.id", lang): s.id, t("ui.col.file", lang): s.file_name,
             t("ui.col.as_of", lang): formatting.date(s.as_of, lang),
             t("ui.col.imported_at", lang): formatting.datetime(s.imported_at, lang),
             t("ui.col.objectives", lang): s.n_objectives, t("ui.col.krs", lang): s.n_key_results,
             t("ui.col.teams", lang): s.n_teams, t("ui.col.quarters", lang): s.quarters} for s in snapshots]


def kr_badge(kr, lang: str) -> str:
    """A key result's status badge, with the stale marker (an icon and a word,
    never a colour) when its value stands still."""
    text = badge(kr.status, lang)
    return f"{text} · {forecast.stale_label(lang)}" if getattr(kr, "stale", False) else text


# the overview's "since last upload" groups, in the order the meeting asks about them
CHANGE_GROUPS = ("newly_red", "improved", "not_updated", "mismatches", "moved_goalposts", "moved", "stale",
                 "confidence_drops")


def change_groups(ch: Changes) -> list[tuple[str, list[KRChange]]]:
    return [(name, getattr(ch, name)) for name in CHANGE_GROUPS]


def change_rows(group: str, items: list[KRChange], lang: str) -> list[dict]:
    """One "since last upload" group as a table: team, key result, owner, and
    what the group is about (status before/now, the owner's report, goalposts)."""
    team, kr, owner = t("ui.col.team", lang), t("ui.col.kr", lang), t("ui.col.owner", lang)
    status = t("ui.col.status", lang)
    rows = []
    for k in items:
        row = {team: k.team, kr: k.title, owner: k.owner}
        if group == "mismatches":
            row[t("ui.col.reported", lang)] = badge(k.reported_status, lang)
            row[status] = badge(k.status, lang)
        elif group == "stale":
            row[status] = kr_badge(k, lang)
            row[t("forecast.col.last_change", lang)] = formatting.date(k.last_change, lang)
        elif group == "confidence_drops":
            row[status] = kr_badge(k, lang)
            row[t("forecast.col.confidence", lang)] = forecast.confidence_text(k, lang)
        elif group == "moved_goalposts":
            row[t("ui.col.start", lang)] = f"{_num(k.before_start, lang)} → {_num(k.start, lang)}"
            row[t("ui.col.target", lang)] = f"{_num(k.before_target, lang)} → {_num(k.target, lang)}"
            row[t("ui.col.unit", lang)] = k.unit
        else:
            row[status] = kr_badge(k, lang)
            if group != "not_updated":
                row[t("ui.col.before", lang)] = badge(k.before_status, lang) if k.before_status else ""
                row[t("ui.col.progress_change", lang)] = (
                    "" if k.progress_delta is None else formatting.points(k.progress_delta, lang))
        rows.append(row)
    return rows


def team_kr_rows(card, objective, changes_by_kr: dict[str, KRChange], lang: str) -> list[dict]:
    """One objective's key results on the Team page: progress (a whole
    percentage, drawn as a bar), status with the stale marker, forecast, the
    owner's report, owner, current / target / unit, the change since the last
    upload, confidence and comment."""
    krs = {k.id: k for k in card.key_results}
    rows = []
    for kr_id in objective.key_results:
        kr = krs.get(kr_id)
        if kr is None:
            continue
        ch = changes_by_kr.get(kr.id)
        delta = ch.value_delta if ch else None
        rows.append({
            t("ui.col.kr", lang): kr.title,
            t("ui.col.progress", lang): round(kr.progress * 100),
            t("ui.col.status", lang): kr_badge(kr, lang),
            t("forecast.col.forecast", lang): forecast.describe(kr, lang),
            t("ui.col.reported", lang): badge(kr.reported_status, lang) if kr.reported_status else "",
            t("ui.col.owner", lang): kr.owner or t("ui.team.no_owner", lang),
            t("ui.col.current", lang): _num(kr.current, lang),
            t("ui.col.target", lang): _num(kr.target, lang) if kr.kind != "milestone" else t("ui.team.milestone", lang),
            t("ui.col.unit", lang): kr.unit or "",
            t("ui.col.change", lang): "" if delta is None else formatting.number(delta, lang, digits=2, sign=True),
            t("forecast.col.confidence", lang): forecast.confidence_text(kr, lang),
            t("ui.col.comment", lang): kr.comment or "",
        })
    return rows
