"""okr/alignment_drawing.py: the tree as Graphviz DOT (escaping, status as
colour and icon and label, heavy edge to the child that drags most, folding),
and the drag sentence."""

from __future__ import annotations

import re

import pytest

from okr import alignment, alignment_drawing
from okr.i18n import status_label
from okr.palette import STATUS_COLORS, STATUS_ICONS

from .conftest import CASCADE_Q as Q, cascade_kr, import_cascade


def test_drag_sentence_names_the_team_that_drags_most(cascade_tree):
    _, _, tree = cascade_tree
    key, title, params = alignment_drawing.drag_sentence(tree, "O-A")
    assert key == "ui.alignment.drag_sentence" and title == "Grow recurring revenue"
    # O-S drags 0.4/3, O-M2 0.15/3 and O-M 0.1/3 (tests/test_alignment.py)
    assert params["team"] == "Sales" and params["drag"] == pytest.approx(0.1333, abs=1e-4)
    assert params["total"] == pytest.approx(0.65 / 3)
    # children all ahead: nothing drags
    assert alignment_drawing.drag_sentence(tree, "O-B") == ("ui.alignment.drag_nothing", "Happy customers", {})


QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def test_dot_escape():
    assert alignment_drawing.dot_escape('Say "hi" {to} a|b <c>') == 'Say \\"hi\\" {to} a|b <c>'
    assert alignment_drawing.dot_escape("line one\nline two\r\nthree") == "line one\\nline two\\nthree"
    assert alignment_drawing.dot_escape("back\\N slash") == "back\\\\N slash"


def test_dot_survives_hostile_titles(store, make_workbook):
    hostile = 'Win "big" {now}\n} digraph x { \\N end'
    objectives = [["O-1", hostile, 'Team "Q"', Q, None, None, None],
                  ["O-2", "Child", "Team A", Q, None, "O-1", None]]
    krs = [cascade_kr("K1", "O-1", 5), cascade_kr("K2", "O-2", 5)]
    card, snap = import_cascade(store, make_workbook, objectives, krs, teams=None)
    dot = alignment_drawing.to_dot(alignment.build(card, snap.objectives, snap.teams), "en")
    skeleton = QUOTED.sub("S", dot)
    # outside the quoted strings only the graph's own syntax is left: one graph, balanced brackets
    assert '"' not in skeleton
    assert skeleton.count("{") == 1 and skeleton.count("}") == 1 and skeleton.rstrip().endswith("}")
    assert skeleton.count("[") == skeleton.count("]")
    labels = QUOTED.findall(dot)
    # the title comes back whole once the DOT escapes are undone (the wrap only adds line breaks)
    unescaped = [re.sub(r"\\(.)", lambda m: " " if m.group(1) == "n" else m.group(1), s) for s in labels]
    assert any(" ".join(u.split()).startswith('Win "big" {now} } digraph x') for u in unescaped)
    assert any(u.startswith('Win "big" {now} } digraph x { \\N end') for u in unescaped)  # the tooltip, whole


def test_dot_nodes_show_status_colour_icon_label_team_and_progress(cascade_tree):
    _, _, tree = cascade_tree
    dot = alignment_drawing.to_dot(tree, "en")
    line = next(ln for ln in dot.splitlines() if ln.startswith('  "O-S" ['))
    assert "Sell more" in line and "Sales" in line and "10% of 50%" in line
    assert f'{STATUS_ICONS["red"]} {status_label("red", "en")} · Sales' in line
    assert f'fillcolor="{STATUS_COLORS["red"]}"' in line
    # the heaviest edge leads to the child that drags most
    assert '"O-A" -> "O-S" [penwidth=5' in dot
    assert '"O-A" -> "O-M";' in dot
    # cross-quarter parent drawn as a dashed ghost; unaligned marked in words
    assert '"^O-X"' in dot and "2025-Q4" in dot
    assert "unaligned" in next(ln for ln in dot.splitlines() if ln.startswith('  "O-U" ['))
    nl = alignment_drawing.to_dot(tree, "nl")
    assert "niet verbonden" in nl and "10% van 50%" in nl


def test_collapse_and_expand_one_branch(cascade_tree):
    _, _, tree = cascade_tree
    assert alignment_drawing.visible_nodes(tree, levels=2) == ["O-A", "O-S", "O-M", "O-M2", "O-B", "O-CS", "O-X", "O-U"]
    dot = alignment_drawing.to_dot(tree, "en", levels=2)
    assert '"O-S1"' not in dot
    folded = next(ln for ln in dot.splitlines() if ln.startswith('  "O-S" ['))
    # three objectives folded under Sales: 0.5 and 1.0 green, one without an update
    assert "+3 below: 2" + STATUS_ICONS["green"] + " 1" + STATUS_ICONS["no update"] in folded
    assert 'peripheries="2"' in folded
    # expanding one branch shows it fully, with the path to it, and nothing else below the cut
    shown = alignment_drawing.visible_nodes(tree, levels=1, focus="O-S1")
    assert shown == ["O-A", "O-S", "O-S1", "O-S2", "O-S3", "O-B", "O-X", "O-U"]
    assert 'penwidth="4"' in next(ln for ln in alignment_drawing.to_dot(tree, "en", 1, "O-S1").splitlines()
                                  if ln.startswith('  "O-S1" ['))


def test_default_levels_keeps_big_trees_readable(cascade_tree):
    _, _, tree = cascade_tree
    assert alignment_drawing.default_levels(tree, budget=100) == 5  # everything fits
    assert alignment_drawing.default_levels(tree, budget=8) == 2  # 4 roots + 4 on level two; level three adds 1 more
    assert alignment_drawing.default_levels(tree, budget=3) == 1


def test_columns_drawn_counts_levels_and_the_other_quarter(cascade_tree):
    """The Alignment page stretches a drawing of three columns or more to the
    page; fewer stay at their own size (stretched, a one-level tree drew 40 px text)."""
    _, _, tree = cascade_tree
    # O-X's parent lives in 2025-Q4: a column of its own left of the roots
    assert tree.nodes["O-X"].depth == 0 and tree.nodes["O-X"].parent is None
    assert alignment_drawing.columns_drawn(tree, levels=1) == 2
    assert alignment_drawing.columns_drawn(tree, levels=2) == 3
    assert alignment_drawing.columns_drawn(tree) == 6  # O-A > O-S > O-S1 > O-S2 > O-S3, and the ghost
    assert alignment_drawing.columns_drawn(tree, levels=1, focus="O-S2") == 6  # the branch, fully open
    assert alignment_drawing.columns_drawn(tree, levels=1, focus="O-M") == 3


def test_no_heavy_line_for_a_small_drag(store, make_workbook):
    objectives = [["O-P", "Parent", "Board", Q, None, None, None],
                  ["O-C1", "Nearly there", "Team A", Q, None, "O-P", None],
                  ["O-C2", "Ahead", "Team B", Q, None, "O-P", None]]
    krs = [cascade_kr("K1", "O-C1", 4.5), cascade_kr("K2", "O-C2", 6)]  # 0.45 (green, 0.05 short) and 0.6
    card, snap = import_cascade(store, make_workbook, objectives, krs, teams=None)
    tree = alignment.build(card, snap.objectives, snap.teams)
    assert tree.drag["O-P"].top.id == "O-C1" and tree.drag["O-P"].total == pytest.approx(0.025)
    dot = alignment_drawing.to_dot(tree, "en")
    assert '"O-P" -> "O-C1";' in dot and "penwidth=5" not in dot
