"""okr.alignment on real workbooks in a real DuckDB: the tree, what does not fit,
drag ranking and roll-up with hand-computed numbers, DOT escaping."""

from __future__ import annotations

import json
import re

import pytest

from okr import alignment, service
from okr.i18n import status_label
from okr.palette import STATUS_COLORS, STATUS_ICONS

from .conftest import AS_OF, canonical_sheets

Q = "2026-Q1"  # AS_OF is 45 of 90 days in: expected 0.5 (aspirational 0.35)

OBJECTIVES = [
    ["O-A", "Grow recurring revenue", "Company", Q, None, None, None],
    ["O-B", "Happy customers", "Company", Q, None, None, None],
    ["O-S", "Sell more", "Sales", Q, None, "O-A", None],
    ["O-M", "Be known", "Marketing", Q, None, "O-A", None],
    ["O-M2", "Be loved", "Marketing", Q, None, "O-A", "aspirational"],
    ["O-S1", "Win deals", "Sales East", Q, None, "O-S", None],
    ["O-S2", "Close fast", "Sales East", Q, None, "O-S1", None],
    ["O-S3", "Call back", "Sales East", Q, None, "O-S2", None],
    ["O-CS", "Keep customers", "Customer Success", Q, None, "O-B", None],
    ["O-U", "Our own thing", "Data", Q, None, None, None],
    ["O-OLD", "Last quarter's goal", "Company", "2025-Q4", None, None, None],
    ["O-X", "Carry on", "Support", Q, None, "O-OLD", None],
]


def kr(kid, obj, current, target=10, kind=None):
    return [kid, obj, f"KR {kid}", "Owner", 0 if kind is None else None, target, current, None, kind, None, None, None]


KEY_RESULTS = [
    kr("K-S", "O-S", 1),            # 0.1
    kr("K-M", "O-M", 4),            # 0.4
    kr("K-M2", "O-M2", 2),          # 0.2 (expected 0.35)
    kr("K-S1", "O-S1", 5),          # 0.5
    kr("K-S2", "O-S2", None),       # no update: 0
    kr("K-S3", "O-S3", "ja", None, "milestone"),  # done: 1
    kr("K-CS", "O-CS", 8),          # 0.8
    kr("K-U", "O-U", 5),
    kr("K-OLD", "O-OLD", 10),
    kr("K-X", "O-X", 5),
]

TEAMS = [["team", "parent team", "lead"],
         ["Company", None, "Ann"], ["Sales", "Company", None], ["Marketing", "Company", None],
         ["Sales East", "Sales", None], ["Customer Success", "Company", None], ["Data", "Company", None],
         ["Support", "Company", None], ["Finance", "Company", None]]


def load(store, make_workbook, objectives=OBJECTIVES, key_results=KEY_RESULTS, teams=TEAMS):
    extra = {"Teams": teams} if teams else None
    path = make_workbook(canonical_sheets(objectives, key_results, extra))
    out = service.import_bytes(store, path.read_bytes(), path.name, AS_OF)
    assert out.stored, out.checked.errors or out.checked.file_error
    card = service.scorecard(store, out.snapshot_id, Q)
    snap = store.load(out.snapshot_id)
    return card, snap


@pytest.fixture
def built(store, make_workbook):
    card, snap = load(store, make_workbook)
    return card, snap, alignment.build(card, snap.objectives, snap.teams)


def test_tree_roots_depth_and_order(built):
    _, _, tree = built
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


def test_what_does_not_fit(built):
    _, _, tree = built
    assert tree.unaligned == ["O-U"]  # Data's parent team is Company: not company-level
    assert [(c.id, c.parent, c.parent_quarter, c.parent_title) for c in tree.cross_quarter] == [
        ("O-X", "O-OLD", "2025-Q4", "Last quarter's goal")]
    assert not tree.nodes["O-X"].unaligned  # it has a parent, just not in this quarter
    assert tree.teams_without_objectives == ["Finance"]


def test_unaligned_without_teams_sheet(store, make_workbook):
    objectives = [["O-1", "Root", "Board", Q, None, None, None],
                  ["O-2", "Child", "Team A", Q, None, "O-1", None],
                  ["O-3", "Alone", "Board", Q, None, None, None]]
    krs = [kr("K1", "O-1", 5), kr("K2", "O-2", 5), kr("K3", "O-3", 5)]
    card, snap = load(store, make_workbook, objectives, krs, teams=None)
    tree = alignment.build(card, snap.objectives, snap.teams)
    # SPEC §4 without a Teams sheet: a parentless objective nobody aligns to is
    # unaligned, even when its team owns a root
    assert tree.unaligned == ["O-3"]
    assert tree.teams_without_objectives == []


def test_drag_ranking_hand_computed(built):
    _, _, tree = built
    rep = tree.drag["O-A"]
    # children O-S 0.1 (exp 0.5), O-M 0.4 (exp 0.5), O-M2 0.2 (aspirational, exp 0.35); each weighs 1/3
    assert [d.id for d in rep.items] == ["O-S", "O-M2", "O-M"]
    assert [round(d.shortfall, 6) for d in rep.items] == [0.4, 0.15, 0.1]
    assert all(d.weight == pytest.approx(1 / 3) for d in rep.items)
    assert [round(d.drag, 6) for d in rep.items] == [round(0.4 / 3, 6), 0.05, round(0.1 / 3, 6)]
    assert rep.total == pytest.approx(0.65 / 3)
    assert rep.by_team == [("Sales", pytest.approx(0.4 / 3)), ("Marketing", pytest.approx(0.25 / 3))]
    key, title, params = alignment.drag_sentence(tree, "O-A")
    assert key == "ui.alignment.drag_sentence" and title == "Grow recurring revenue"
    assert params["team"] == "Sales" and params["drag"] == pytest.approx(0.1333, abs=1e-4)
    # the parent has no key results of its own: its progress is the children's mean, (0.1+0.4+0.2)/3
    assert tree.nodes["O-A"].objective.progress == pytest.approx(0.7 / 3)


def test_drag_nothing_when_children_ahead_and_none_for_leaves(built):
    _, _, tree = built
    assert tree.drag["O-B"].total == 0 and tree.drag["O-B"].top is None
    assert alignment.drag_sentence(tree, "O-B")[0] == "ui.alignment.drag_nothing"
    assert "O-S3" not in tree.drag and "O-M" not in tree.drag
    # a child without an update counts with progress 0: the whole expected is its shortfall
    assert tree.drag["O-S1"].items[0].shortfall == pytest.approx(0.5)


def test_team_hierarchy_roll_up(built):
    card, snap, _ = built
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


QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def test_dot_escape():
    assert alignment.dot_escape('Say "hi" {to} a|b <c>') == 'Say \\"hi\\" {to} a|b <c>'
    assert alignment.dot_escape("line one\nline two\r\nthree") == "line one\\nline two\\nthree"
    assert alignment.dot_escape("back\\N slash") == "back\\\\N slash"


def test_dot_survives_hostile_titles(store, make_workbook):
    hostile = 'Win "big" {now}\n} digraph x { \\N end'
    objectives = [["O-1", hostile, 'Team "Q"', Q, None, None, None],
                  ["O-2", "Child", "Team A", Q, None, "O-1", None]]
    krs = [kr("K1", "O-1", 5), kr("K2", "O-2", 5)]
    card, snap = load(store, make_workbook, objectives, krs, teams=None)
    dot = alignment.to_dot(alignment.build(card, snap.objectives, snap.teams), "en")
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


def test_dot_nodes_show_status_colour_icon_label_team_and_progress(built):
    _, _, tree = built
    dot = alignment.to_dot(tree, "en")
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
    nl = alignment.to_dot(tree, "nl")
    assert "niet verbonden" in nl and "10% van 50%" in nl


def test_collapse_and_expand_one_branch(built):
    _, _, tree = built
    assert alignment.visible_nodes(tree, levels=2) == ["O-A", "O-S", "O-M", "O-M2", "O-B", "O-CS", "O-X", "O-U"]
    dot = alignment.to_dot(tree, "en", levels=2)
    assert '"O-S1"' not in dot
    folded = next(ln for ln in dot.splitlines() if ln.startswith('  "O-S" ['))
    # three objectives folded under Sales: 0.5 and 1.0 green, one without an update
    assert "+3 below: 2" + STATUS_ICONS["green"] + " 1" + STATUS_ICONS["no update"] in folded
    assert 'peripheries="2"' in folded
    # expanding one branch shows it fully, with the path to it, and nothing else below the cut
    shown = alignment.visible_nodes(tree, levels=1, focus="O-S1")
    assert shown == ["O-A", "O-S", "O-S1", "O-S2", "O-S3", "O-B", "O-X", "O-U"]
    assert 'penwidth="4"' in next(ln for ln in alignment.to_dot(tree, "en", 1, "O-S1").splitlines()
                                  if ln.startswith('  "O-S1" ['))


def test_default_levels_keeps_big_trees_readable(built):
    _, _, tree = built
    assert alignment.default_levels(tree, budget=100) == 5  # everything fits
    assert alignment.default_levels(tree, budget=8) == 2  # 4 roots + 4 on level two; level three adds 1 more
    assert alignment.default_levels(tree, budget=3) == 1


def test_status_tree_json_adds_without_changing(run_cli, make_workbook, tmp_path):
    path = make_workbook(canonical_sheets(OBJECTIVES, KEY_RESULTS, {"Teams": TEAMS}))
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


def test_no_heavy_line_for_a_small_drag(store, make_workbook):
    objectives = [["O-P", "Parent", "Board", Q, None, None, None],
                  ["O-C1", "Nearly there", "Team A", Q, None, "O-P", None],
                  ["O-C2", "Ahead", "Team B", Q, None, "O-P", None]]
    krs = [kr("K1", "O-C1", 4.5), kr("K2", "O-C2", 6)]  # 0.45 (green, 0.05 short) and 0.6
    card, snap = load(store, make_workbook, objectives, krs, teams=None)
    tree = alignment.build(card, snap.objectives, snap.teams)
    assert tree.drag["O-P"].top.id == "O-C1" and tree.drag["O-P"].total == pytest.approx(0.025)
    dot = alignment.to_dot(tree, "en")
    assert '"O-P" -> "O-C1";' in dot and "penwidth=5" not in dot
