"""Alignment (SPEC §3.2, §4 `unaligned`, §6 Alignment page): the cascade of a
quarter's objectives as a tree, what does not fit in it, which child drags a
parent most, the team hierarchy rolled up, and the tree as a Graphviz DOT
string.

No Streamlit here: the page and `okr status --tree` both use this module.

Drag: for an objective with children in the quarter, every child with a
progress is ranked by `share x shortfall`, shortfall = max(0, expected -
progress). A child's share is 1/n of the n scored children, because that is
its weight in the parent's roll-up (SPEC §3.2: an objective without key
results of its own takes the *mean* of its children). The ranking is the same
as with weight 1; with 1/n the drags add up to the children's weighted
shortfall (the parent's own shortfall when it rolls up from its children and
they share its expected progress), so "0.18 of 0.25" reads as a part of a
whole. Each child is measured against its own expected progress, so an
aspirational child is expected at 0.7 x e.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from . import cascade, formatting, scoring
from .i18n import status_label, t
from .model import Objective, Team
from .palette import STATUS_COLORS, STATUS_ICONS
from .scoring import ObjectiveScore, Scorecard, TeamScore
from .settings import DEFAULT, Settings

STATUS_ORDER = ("red", "amber", "green", "no update")


@dataclass
class Node:
    id: str
    objective: ObjectiveScore
    depth: int = 0
    parent: str | None = None  # parent in this quarter's tree
    children: list[str] = field(default_factory=list)
    unaligned: bool = False
    foreign_parent: Objective | None = None  # the parent lives in another quarter


@dataclass
class Drag:
    id: str
    title: str
    team: str
    status: str
    progress: float
    expected: float
    shortfall: float
    weight: float  # share in the parent's roll-up (1/n)
    drag: float  # weight x shortfall


@dataclass
class DragReport:
    parent: str
    items: list[Drag]  # most drag first
    total: float

    @property
    def by_team(self) -> list[tuple[str, float]]:
        sums: dict[str, float] = {}
        for d in self.items:
            sums[d.team] = sums.get(d.team, 0.0) + d.drag
        return sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def top(self) -> Drag | None:
        return self.items[0] if self.items and self.items[0].drag > 0 else None


@dataclass
class CrossQuarter:
    id: str
    parent: str
    parent_quarter: str | None  # None: the parent is nowhere in the snapshot
    parent_title: str | None


@dataclass
class TeamNode:
    team: str
    parent: str | None
    depth: int
    children: list[str]
    own: TeamScore | None  # the team's own objectives (None: it has none this quarter)
    rolled: TeamScore  # the team and every team below it


@dataclass
class Alignment:
    quarter: str
    expected: float
    nodes: dict[str, Node]  # in tree order (depth first)
    roots: list[str]
    unaligned: list[str]
    cross_quarter: list[CrossQuarter]
    teams_without_objectives: list[str]
    drag: dict[str, DragReport]

    @property
    def max_depth(self) -> int:
        return max((n.depth for n in self.nodes.values()), default=0)

    def descendants(self, oid: str) -> list[str]:
        out, stack = [], list(reversed(self.nodes[oid].children))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(reversed(self.nodes[c].children))
        return out

    def ancestors(self, oid: str) -> list[str]:
        out, p = [], self.nodes[oid].parent
        while p is not None:
            out.append(p)
            p = self.nodes[p].parent
        return out

    def to_json(self) -> dict:
        r = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {
            "roots": self.roots,
            "children": {oid: n.children for oid, n in self.nodes.items() if n.children},
            "depth": {oid: n.depth for oid, n in self.nodes.items()},
            "drag": {
                pid: {"total": r(rep.total),
                      "children": [{"id": d.id, "team": d.team, "progress": r(d.progress),
                                    "expected": r(d.expected), "shortfall": r(d.shortfall),
                                    "weight": r(d.weight), "drag": r(d.drag)} for d in rep.items]}
                for pid, rep in self.drag.items()
            },
            "unaligned": self.unaligned,
            "cross_quarter": [{"id": c.id, "parent": c.parent, "parent_quarter": c.parent_quarter}
                              for c in self.cross_quarter],
            "teams_without_objectives": self.teams_without_objectives,
        }


def build(card: Scorecard, objectives: list[Objective], teams: list[Team] | None = None) -> Alignment:
    """The tree of `card`'s quarter. `objectives` and `teams` are the whole
    snapshot's (to tell a parent in another quarter, and teams without objectives)."""
    teams = teams or []
    by_id = {o.id: o for o in card.objectives}
    everywhere = {o.id: o for o in objectives}
    unaligned_all = cascade.unaligned_ids(objectives, teams)

    nodes_raw: dict[str, Node] = {}
    for o in card.objectives:
        n = Node(id=o.id, objective=o)
        if o.parent and o.parent in by_id:
            n.parent = o.parent
        elif o.parent:
            n.foreign_parent = everywhere.get(o.parent)
        n.unaligned = o.id in unaligned_all
        nodes_raw[o.id] = n
    for o in card.objectives:  # children in workbook order
        if nodes_raw[o.id].parent:
            nodes_raw[nodes_raw[o.id].parent].children.append(o.id)

    # roots: aligned roots first, then cross-quarter, then unaligned
    roots = [oid for oid, n in nodes_raw.items() if n.parent is None]
    roots.sort(key=lambda oid: (nodes_raw[oid].unaligned, nodes_raw[oid].objective.parent is not None))

    nodes: dict[str, Node] = {}

    def visit(oid: str, depth: int) -> None:
        if oid in nodes:  # cycles are refused at import; never loop here
            return
        n = nodes_raw[oid]
        n.depth = depth
        nodes[oid] = n
        for c in n.children:
            visit(c, depth + 1)

    for r in roots:
        visit(r, 0)
    for oid in nodes_raw:  # a cycle with no root (refused at import): still show it
        if oid not in nodes:
            nodes_raw[oid].parent = None
            roots.append(oid)
            visit(oid, 0)

    cross = [CrossQuarter(n.id, n.objective.parent, n.foreign_parent.quarter if n.foreign_parent else None,
                          n.foreign_parent.title if n.foreign_parent else None)
             for n in nodes.values() if n.objective.parent and n.parent is None]
    in_quarter = {o.team for o in card.objectives}
    no_objectives = [tm.team for tm in teams if tm.team not in in_quarter]
    return Alignment(
        quarter=card.quarter, expected=card.expected, nodes=nodes, roots=roots,
        unaligned=[oid for oid in nodes if nodes[oid].unaligned],
        cross_quarter=cross, teams_without_objectives=list(dict.fromkeys(no_objectives)),
        drag={oid: drag_of(nodes, oid) for oid, n in nodes.items() if n.children},
    )


def drag_of(nodes: dict[str, Node], parent: str) -> DragReport:
    scored = [nodes[c].objective for c in nodes[parent].children if nodes[c].objective.progress is not None]
    share = 1 / len(scored) if scored else 0.0
    items = []
    for o in scored:
        shortfall = max(0.0, round(o.expected - o.progress, 9))
        items.append(Drag(id=o.id, title=o.title, team=o.team, status=o.status, progress=o.progress,
                          expected=o.expected, shortfall=shortfall, weight=share, drag=share * shortfall))
    items.sort(key=lambda d: (-d.drag, -d.shortfall, d.id))
    return DragReport(parent=parent, items=items, total=sum(d.drag for d in items))


def drag_sentence(al: Alignment, parent: str) -> tuple[str, str, dict]:
    """(message key, the parent's title, params with the top team and the raw
    numbers) — the caller formats it, so the page can escape the title and the
    team for Markdown and write the numbers the user's way."""
    rep = al.drag[parent]
    title = al.nodes[parent].objective.title
    if not rep.items:
        return "ui.alignment.drag_none_scored", title, {}
    if rep.total <= 0:
        return "ui.alignment.drag_nothing", title, {}
    team, amount = rep.by_team[0]
    return "ui.alignment.drag_sentence", title, {"team": team, "drag": amount, "total": rep.total}


# --- the team hierarchy (Teams sheet), rolled up ---------------------------------------------


def team_tree(card: Scorecard, teams: list[Team], settings: Settings = DEFAULT) -> list[TeamNode]:
    """Company > department > team from the Teams sheet, depth first, each with
    its own score and the score of its whole subtree (mean of every objective
    in it, scored by `okr.scoring`). Teams with objectives but missing from the
    Teams sheet become roots of their own."""
    parent = {tm.team: tm.parent_team for tm in teams}
    for o in card.objectives:
        parent.setdefault(o.team, None)
    known = set(parent)
    kids: dict[str, list[str]] = {}
    roots = []
    for name, p in parent.items():
        if p and p in known and p != name:
            kids.setdefault(p, []).append(name)
        else:
            roots.append(name)
    own = {ts.team: ts for ts in card.teams}
    out: list[TeamNode] = []
    seen: set[str] = set()

    def visit(name: str, depth: int) -> list[ObjectiveScore]:
        if name in seen:
            return []
        seen.add(name)
        node = TeamNode(name, parent.get(name) if depth else None, depth, kids.get(name, []), own.get(name), None)
        out.append(node)
        objs = [o for o in card.objectives if o.team == name]
        for c in node.children:
            objs += visit(c, depth + 1)
        node.rolled = scoring.aggregate_team(name, objs, card.expected, settings)
        return objs

    for r in roots:
        visit(r, 0)
    return out


# --- Graphviz ------------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n|\r|\n")


def dot_escape(text: str) -> str:
    """Text for inside a double-quoted DOT string: backslashes doubled (so
    `\\N`, `\\l` in a title are not Graphviz escapes), quotes escaped, any
    newline turned into the DOT line break. Braces, `<`, `|` are literal in a
    quoted string of a non-record node, which is all we draw."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return _NEWLINES.sub("\\\\n", text)


def _wrap(title: str, width: int = 34, lines: int = 2) -> list[str]:
    flat = " ".join(title.split())  # the workbook's own line breaks fold into the wrap
    out = textwrap.wrap(flat, width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def _pct(x: float | None, lang: str) -> str:
    return formatting.percent(x, lang)


def visible_nodes(al: Alignment, levels: int | None = None, focus: str | None = None) -> list[str]:
    """Nodes shown with `levels` levels of the tree (None: all), plus the
    focused branch fully expanded and the path to it."""
    show = {oid for oid, n in al.nodes.items() if levels is None or n.depth < levels}
    if focus in al.nodes:
        show |= {focus, *al.ancestors(focus), *al.descendants(focus)}
    return [oid for oid in al.nodes if oid in show]


def default_levels(al: Alignment, budget: int = 45) -> int:
    """The most levels that keep the tree at or below `budget` nodes (at least 1)."""
    best = 1
    for lv in range(1, al.max_depth + 2):
        if sum(1 for n in al.nodes.values() if n.depth < lv) <= budget:
            best = lv
    return best


def to_dot(al: Alignment, lang: str, levels: int | None = None, focus: str | None = None) -> str:
    """The tree as DOT, left to right. Every node: title, team, progress of
    expected, and its status as colour *and* icon *and* label (leaves on one
    line, so a quarter of 30 objectives fits one screen; the full title is the
    tooltip). The edge to the
    child that drags its parent most is drawn heavy, so the lagging branch is a
    thick line ending in red. A node whose children are collapsed lists how
    many sit below it, by status icon."""
    shown = visible_nodes(al, levels, focus)
    shown_set = set(shown)
    q = lambda s: f'"{dot_escape(s)}"'  # noqa: E731
    lines = [
        "digraph alignment {",
        '  graph [rankdir=LR, ordering=out, nodesep=0.06, ranksep=0.35, bgcolor="transparent", '
        'fontname="Helvetica"];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=13, fontcolor="#000000", '
        'color="#333333", penwidth=1, margin="0.1,0.03", height=0.3];',
        '  edge [color="#9A9A9A", arrowhead=none, penwidth=1.2];',
    ]
    for oid in shown:
        n = al.nodes[oid]
        o = n.objective
        line = t("ui.alignment.node_line", lang, icon=STATUS_ICONS[o.status], status=status_label(o.status, lang),
                 team=o.team, progress=_pct(o.progress, lang), expected=_pct(o.expected, lang))
        if not n.children and not n.unaligned:  # a leaf takes one line: the widest level stays short
            text = [f"{_wrap(o.title, 40, 1)[0]}  ·  {line}"]
        else:
            text = _wrap(o.title) + [line]
        hidden = [d for d in al.descendants(oid) if d not in shown_set]
        if hidden:
            counts = {s: 0 for s in STATUS_ORDER}
            for d in hidden:
                counts[al.nodes[d].objective.status] += 1
            text.append(t("ui.alignment.node_below", lang, n=len(hidden),
                          counts=" ".join(f"{c}{STATUS_ICONS[s]}" for s, c in counts.items() if c)))
        if n.unaligned:
            text.append(t("ui.alignment.node_unaligned", lang))
        style = ["rounded", "filled"]
        if n.unaligned or (o.parent and n.parent is None):
            style.append("dashed")
        attrs = {
            "label": "\n".join(text),
            "fillcolor": STATUS_COLORS[o.status],
            "tooltip": f"{o.title} ({o.id})",
            "style": ",".join(style),
        }
        if hidden:
            attrs["peripheries"] = "2"
        if oid == focus:
            attrs["penwidth"] = "4"
        lines.append(f"  {q(oid)} [" + ", ".join(f"{k}={q(v)}" for k, v in attrs.items()) + "];")
        if o.parent and n.parent is None:  # the parent lives in another quarter (or nowhere)
            ghost = f"^{oid}"
            fp = n.foreign_parent
            label = (t("ui.alignment.node_foreign", lang, quarter=fp.quarter, title="\n".join(_wrap(fp.title)))
                     if fp else t("ui.alignment.node_missing", lang, parent=o.parent))
            lines.append(f"  {q(ghost)} [label={q(label)}, style=\"rounded,dashed\", fillcolor=\"#FFFFFF\", "
                         f"fontcolor=\"#444444\", color=\"#777777\"];")
            lines.append(f"  {q(ghost)} -> {q(oid)} [style=dashed];")
    for oid in shown:
        n = al.nodes[oid]
        rep = al.drag.get(oid)
        # heavy only when the worst child is behind (not green): a small drag is no story
        top = rep.top.id if rep and rep.top and rep.top.status != "green" else None
        for c in n.children:
            if c not in shown_set:
                continue
            if c == top:
                lines.append(f"  {q(oid)} -> {q(c)} [penwidth=5, color=\"#222222\"];")
            else:
                lines.append(f"  {q(oid)} -> {q(c)};")
    # Graphviz keeps the order of a node's children (ordering=out) but not of
    # the roots: an invisible super-root keeps them top to bottom as listed
    tops = [f"^{oid}" if al.nodes[oid].objective.parent else oid for oid in shown if al.nodes[oid].parent is None]
    if len(tops) > 1:
        lines.append('  "^" [shape=point, style=invis, width=0, height=0, label=""];')
        lines.extend(f'  "^" -> {q(r)} [style=invis];' for r in tops)
    lines.append("}")
    return "\n".join(lines)


def tree_lines(al: Alignment, lang: str) -> list[str]:
    """The tree as indented text lines (for `okr status --tree`)."""
    out = []
    for oid, n in al.nodes.items():
        o = n.objective
        mark = "  " * n.depth + f"{STATUS_ICONS[o.status]} "
        extra = ""
        if n.unaligned:
            extra = "  [" + t("ui.alignment.node_unaligned", lang) + "]"
        elif n.foreign_parent is not None:
            extra = "  [" + " ".join(t("ui.alignment.node_foreign", lang, quarter=n.foreign_parent.quarter,
                                         title=n.foreign_parent.title).split()) + "]"
        out.append(f"{mark}{o.id} {o.title} · {o.team} · {_pct(o.progress, lang)}/{_pct(o.expected, lang)} "
                   f"{status_label(o.status, lang)}{extra}")
    return out
