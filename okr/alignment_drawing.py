"""The alignment tree (okr.alignment) drawn: Graphviz DOT for the Alignment
page, indented text lines for `okr status --tree`, and the sentence naming
the team that drags a parent most. Texts come from the catalogue (okr.i18n),
in the language asked for.

How much to draw is decided here too: `default_levels` keeps a big tree on
one screen, `visible_nodes` adds the branch the user opened.
"""

from __future__ import annotations

import re
import textwrap

from . import formatting
from .alignment import Alignment
from .i18n import status_label, t
from .palette import STATUS_COLORS, STATUS_ICONS

STATUS_ORDER = ("red", "amber", "green", "no update")


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


def columns_drawn(al: Alignment, levels: int | None = None, focus: str | None = None) -> int:
    """How many columns of nodes the drawing has (left to right: one per level
    shown, plus one for parents in another quarter)."""
    shown = visible_nodes(al, levels, focus)
    if not shown:
        return 0
    ghosts = any(al.nodes[oid].objective.parent and al.nodes[oid].parent is None for oid in shown)
    return 1 + max(al.nodes[oid].depth for oid in shown) + (1 if ghosts else 0)


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
