"""okr.alignment on real workbooks in a real DuckDB: the tree, what does not fit,
drag ranking and roll-up with hand-computed numbers, and `okr status --tree`."""

from __future__ import annotations

import json

import pytest

from okr import alignment
from okr.palette import STATUS_ICONS

from .conftest import AS_OF, CASCADE_Q as Q, cascade_kr, cascade_sheets, import_cascade


def test_tree_roots_depth_and_order(cascade_tree):
    _, _, tree = cascade_tree
    # aligned roots first, then the cross-quarter one, then the unaligned one
    assert tree.roots == ["O-A", "O-B", "O-X", "O-U"]
    assert "O-OLD" not in tree.nodes  # another quarter
    depth = {oid: n.depth for oid, n in tree.nodes.items()}
    assert depth["O-S3"] == 4 and depth["O-S2"] == 3 and depth["O-S1"] == 2 and depth["O-S"] == 1
    assert tree.max_depth == 4
    assert tree.nodes["O-A"].children == ["O-S", "O-M", "O-M2"]
    # depth-first order: a branch is complete before the next one starts
    assert list(tree.nodes)[:6] == ["O-A", "O-S", "O-S1", "O-S2", "O-S3", "O-M"]
    assert tree.descendants("O-S") == ["O-S1", "O-S2", "O-S3"]
    assert tree.ancestors("O-S3") == ["O-S2", "O-S1", "O-S", "O-A"]


def test_what_does_not_fit(cascade_tree):
    _, _, tree = cascade_tree
    assert tree.unaligned == ["O-U"]  # Data's parent team is Company: not company-level
    assert [(c.id, c.parent, c.parent_quarter, c.parent_title) for c in tree.cross_quarter] == [
        ("O-X", "O-OLD", "2025-Q4", "Last quarter's goal")]
    assert not tree.nodes["O-X"].unaligned  # it has a parent, just not in this quarter
    assert tree.teams_without_objectives == ["Finance"]


def test_unaligned_without_teams_sheet(store, make_workbook):
    objectives = [["O-1", "Root", "Board", Q, None, None, None],
                  ["O-2", "Child", "Team A", Q, None, "O-1", None],
                  ["O-3", "Alone", "Board", Q, None, None, None]]
    krs = [cascade_kr("K1", "O-1", 5), cascade_kr("K2", "O-2", 5), cascade_kr("K3", "O-3", 5)]
    card, snap = import_cascade(store, make_workbook, objectives, krs, teams=None)
    tree = alignment.build(card, snap.objectives, snap.teams)
    # docs/quality.md without a Teams sheet: a parentless objective nobody aligns to is
    # unaligned, even when its team owns a root
    assert tree.unaligned == ["O-3"]
    assert tree.teams_without_objectives == []


def test_drag_ranking_hand_computed(cascade_tree):
    _, _, tree = cascade_tree
    rep = tree.drag["O-A"]
    # children O-S 0.1 (exp 0.5), O-M 0.4 (exp 0.5), O-M2 0.2 (aspirational, exp 0.35); each weighs 1/3
    assert [d.id for d in rep.items] == ["O-S", "O-M2", "O-M"]
    assert [round(d.shortfall, 6) for d in rep.items] == [0.4, 0.15, 0.1]
    assert all(d.weight == pytest.approx(1 / 3) for d in rep.items)
    assert [round(d.drag, 6) for d in rep.items] == [round(0.4 / 3, 6), 0.05, round(0.1 / 3, 6)]
    assert rep.total == pytest.approx(0.65 / 3)
    assert rep.by_team == [("Sales", pytest.approx(0.4 / 3)), ("Marketing", pytest.approx(0.25 / 3))]
    # the parent has no key results of its own: its progress is the children's mean, (0.1+0.4+0.2)/3
    assert tree.nodes["O-A"].objective.progress == pytest.approx(0.7 / 3)


def test_drag_nothing_when_children_ahead_and_none_for_leaves(cascade_tree):
    _, _, tree = cascade_tree
    assert tree.drag["O-B"].total == 0 and tree.drag["O-B"].top is None
    assert "O-S3" not in tree.drag and "O-M" not in tree.drag
    # a child without an update counts with progress 0: the whole expected is its shortfall
    assert tree.drag["O-S1"].items[0].shortfall == pytest.approx(0.5)


def test_team_hierarchy_roll_up(cascade_tree):
    card, snap, _ = cascade_tree
    rows = {tn.team: tn for tn in alignment.team_tree(card, snap.teams)}
    assert rows["Company"].depth == 0 and rows["Sales"].depth == 1 and rows["Sales East"].depth == 2
    # Sales alone: O-S 0.1 -> red; with Sales East (0.5, 0, 1): (0.1+0.5+0+1)/4 = 0.4 -> gap 0.1 -> green
    assert rows["Sales"].own.progress == pytest.approx(0.1) and rows["Sales"].own.status == "red"
    assert rows["Sales"].rolled.progress == pytest.approx(0.4) and rows["Sales"].rolled.status == "green"
    # Marketing: (0.4 + 0.2) / 2 = 0.3 against (0.5 + 0.35) / 2 = 0.425 -> gap 0.125 -> amber
    assert rows["Marketing"].rolled.progress == pytest.approx(0.3)
    assert rows["Marketing"].rolled.expected == pytest.approx(0.425)
    assert rows["Marketing"].rolled.status == "amber"
    assert rows["Finance"].own is None and rows["Finance"].rolled.progress is None
    assert rows["Company"].rolled.objectives == 11  # every objective of the quarter is below the company


def test_status_tree_json_adds_without_changing(run_cli, make_workbook, tmp_path):
    path = make_workbook(cascade_sheets())
    db = str(tmp_path / "cli.duckdb")
    assert run_cli("import", str(path), "--db", db, "--as-of", AS_OF.isoformat()).returncode == 0
    plain = run_cli("status", "--db", db, "--quarter", Q, "--json")
    tree = run_cli("status", "--db", db, "--quarter", Q, "--json", "--tree")
    assert plain.returncode == 0 and tree.returncode == 0, tree.stderr
    a, b = json.loads(plain.stdout), json.loads(tree.stdout)
    assert "tree" not in a
    assert {k: v for k, v in b.items() if k != "tree"} == a
    t = b["tree"]
    assert t["roots"] == ["O-A", "O-B", "O-X", "O-U"]
    assert t["children"]["O-A"] == ["O-S", "O-M", "O-M2"]
    assert [c["id"] for c in t["drag"]["O-A"]["children"]] == ["O-S", "O-M2", "O-M"]
    assert t["drag"]["O-A"]["children"][0]["drag"] == round(0.4 / 3, 4)
    assert t["unaligned"] == ["O-U"] and t["teams_without_objectives"] == ["Finance"]
    assert t["cross_quarter"] == [{"id": "O-X", "parent": "O-OLD", "parent_quarter": "2025-Q4"}]
    text = run_cli("status", "--db", db, "--quarter", Q, "--tree")
    assert text.returncode == 0
    assert "        " + STATUS_ICONS["green"] + " O-S3 Call back" in text.stdout  # depth 4, indented

