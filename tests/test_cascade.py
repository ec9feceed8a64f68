"""okr/cascade.py: which objectives are company-level and which are unaligned,
one rule for the Alignment page, the Quality page and the company figure."""

from __future__ import annotations

import pytest

from okr import alignment, cascade, quality, service
from okr.model import Objective, Team

from .conftest import AS_OF, canonical_sheets

Q = "2026-Q1"


def obj(oid, team, parent=None):
    return Objective(id=oid, title=oid, team=team, quarter=Q, parent=parent)


def test_with_a_teams_sheet_root_teams_are_company_level():
    objs = [obj("O-CO", "Company"), obj("O-CO-2", "Company"), obj("O-S", "Sales", "O-CO"),
            obj("O-S-2", "Sales")]
    teams = [Team("Company"), Team("Sales", "Company")]
    assert cascade.company_level_ids(objs, teams) == {"O-CO", "O-CO-2"}  # O-CO-2: no children, still the top
    assert cascade.unaligned_ids(objs, teams) == {"O-S-2"}
    assert cascade.company_teams(objs, teams) == {"Company"}


def test_without_a_teams_sheet_a_root_is_what_others_align_to():
    objs = [obj("O-1", "Board"), obj("O-2", "Team A", "O-1"), obj("O-3", "Board")]
    assert cascade.company_level_ids(objs, []) == {"O-1"}
    assert cascade.unaligned_ids(objs, []) == {"O-3"}  # its team owns a root, it is not one
    assert cascade.company_teams(objs, []) == {"Board"}


def test_a_team_the_teams_sheet_does_not_list_follows_the_cascade():
    objs = [obj("O-CO", "Company"), obj("O-OPS", "Ops"), obj("O-OPS-1", "Ops", "O-OPS"), obj("O-OPS-2", "Ops")]
    teams = [Team("Company")]
    assert cascade.company_level_ids(objs, teams) == {"O-CO", "O-OPS"}
    assert cascade.unaligned_ids(objs, teams) == {"O-OPS-2"}
    # the company figure counts every top of the cascade
    assert cascade.company_teams(objs, teams) == {"Company", "Ops"}


# the case the Alignment and Quality pages disagreed on: Ops is missing from the
# Teams sheet and owns a parentless objective that others align to
OBJECTIVES = [
    ["O-CO", "Grow", "Company", Q, None, None, None],
    ["O-S", "Sell", "Sales", Q, None, "O-CO", None],
    ["O-OPS", "Run smoothly", "Ops", Q, None, None, None],
    ["O-OPS-1", "Fewer incidents", "Ops East", Q, None, "O-OPS", None],
    ["O-OPS-2", "Our own thing", "Ops", Q, None, None, None],
]
KEY_RESULTS = [[f"K-{o[0]}", o[0], f"Incidents from 10 to {i}", "Owner", 10, i, 9, None, None, None, None, None]
               for i, o in enumerate(OBJECTIVES, 1)]
TEAMS = [["team", "parent team", "lead"], ["Company", None, "Ann"], ["Sales", "Company", None]]


def test_alignment_and_quality_agree_on_a_team_missing_from_the_teams_sheet(store, make_workbook):
    path = make_workbook(canonical_sheets(OBJECTIVES, KEY_RESULTS, {"Teams": TEAMS}))
    out = service.import_bytes(store, path.read_bytes(), path.name, AS_OF)
    assert out.stored, out.checked.errors
    snap = store.load(out.snapshot_id)
    tree = alignment.build(service.scorecard(store, out.snapshot_id, Q), snap.objectives, snap.teams)
    flagged = [p.item_id for p in quality.check(quality.from_snapshot(snap)) if p.code == "unaligned"]
    assert tree.unaligned == flagged == ["O-OPS-2"]
    # and the import's own warnings say the same
    assert [p.item_id for p in out.checked.warnings if p.code == "unaligned"] == ["O-OPS-2"]


def test_company_progress_counts_the_missing_teams_root(store, make_workbook):
    path = make_workbook(canonical_sheets(OBJECTIVES, KEY_RESULTS, {"Teams": TEAMS}))
    out = service.import_bytes(store, path.read_bytes(), path.name, AS_OF)
    card = service.scorecard(store, out.snapshot_id, Q)
    progress = {o.id: o.progress for o in card.objectives}
    # Company (O-CO) and Ops (O-OPS, O-OPS-2) are the tops; Sales and Ops East are below them
    top = [progress[i] for i in ("O-CO", "O-OPS", "O-OPS-2")]
    assert card.company_progress == pytest.approx(sum(top) / 3)


def test_the_organisation_is_the_one_team_at_the_top():
    """The meeting pack's title page names it: the Teams sheet's root, else the
    team that holds the company-level objectives; none when that is not one team."""
    objs = [obj("O-CO", "Noordwind"), obj("O-S", "Sales", "O-CO")]
    assert cascade.organisation(objs, [Team("Noordwind"), Team("Sales", "Noordwind")]) == "Noordwind"
    assert cascade.organisation(objs, []) == "Noordwind"
    assert cascade.organisation(objs, [Team("Noordwind"), Team("Zuidwind")]) is None  # two roots
    assert cascade.organisation([obj("O-1", "Sales"), obj("O-2", "Marketing")], []) is None  # nothing aligned
