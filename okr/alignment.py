"""Alignment (docs/scoring.md, docs/quality.md `unaligned`, the Alignment page): the cascade of a
quarter's objectives as a tree, what does not fit in it, which child drags a
parent most, and the team hierarchy rolled up. The model only: its drawing
(Graphviz DOT, text lines, the drag sentence) is okr/alignment_drawing.py.

No Streamlit here: the page and `okr status --tree` both use this module.

Drag: for an objective with children in the quarter, every child with a
progress is ranked by `share x shortfall`, shortfall = max(0, expected -
progress). A child's share is 1/n of the n scored children, because that is
its weight in the parent's roll-up (docs/scoring.md: an objective without key
results of its own takes the *mean* of its children). The ranking is the same
as with weight 1; with 1/n the drags add up to the children's weighted
shortfall (the parent's own shortfall when it rolls up from its children and
they share its expected progress), so "0.18 of 0.25" reads as a part of a
whole. Each child is measured against its own expected progress, so an
aspirational child is expected at 0.7 x e.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import cascade, scoring
from .model import Objective, Team
from .scoring import ObjectiveScore, Scorecard, TeamScore
from .settings import DEFAULT, Settings


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
    objectives_of: dict[str, list[ObjectiveScore]] = {}
    for o in card.objectives:
        objectives_of.setdefault(o.team, []).append(o)
    out: list[TeamNode] = []
    seen: set[str] = set()

    def visit(name: str, depth: int) -> list[ObjectiveScore]:
        if name in seen:
            return []
        seen.add(name)
        node = TeamNode(name, parent.get(name) if depth else None, depth, kids.get(name, []), own.get(name), None)
        out.append(node)
        objs = list(objectives_of.get(name, []))
        for c in node.children:
            objs += visit(c, depth + 1)
        node.rolled = scoring.aggregate_team(name, objs, card.expected, settings)
        return objs

    for r in roots:
        visit(r, 0)
    return out
