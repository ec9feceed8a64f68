"""okr/views.py: the tables the pages show, built and worded without running a page."""

from __future__ import annotations

from okr import changes, service, views
from okr.model import Problem
from okr.store import Store


def _changes(db) -> changes.Changes:
    store = Store(db)
    card = service.scorecard(store, quarter="2026-Q1")
    before = service.scorecard(store, service.timeline(store).previous("2026-Q1").id, "2026-Q1")
    return changes.compare(before, card)


def test_problem_rows_name_the_cell_and_the_fix():
    p = Problem("Key Results", 7, "G", "Not a number: 'veel'.", "Write a number.", header="Huidig")
    (row,) = views.problem_rows([p], "nl")
    assert row == {"Blad": "Key Results", "Rij": 7, "Kolom": "G (Huidig)", "Wat er mis is": "Not a number: 'veel'.",
                   "Hoe op te lossen": "Write a number."}


def test_change_rows_per_group(spec_db):
    ch = _changes(spec_db)
    (row,) = views.change_rows("newly_red", ch.newly_red, "en")
    assert row["Team"] == "Sales" and row["Owner"] == "Bram"
    assert (row["Status"], row["Before"]) == ("■ red", "● green")
    assert row["Progress change"].startswith("-")  # fewer SQLs than last week
    assert [name for name, _ in views.change_groups(ch)] == list(views.CHANGE_GROUPS)
    mismatch = views.change_rows("mismatches", ch.mismatches, "nl")
    assert mismatch and set(mismatch[0]) == {"Team", "Kernresultaat", "Eigenaar", "Eigenaar meldt", "Status"}


def test_preview_rows_say_what_moved_before_and_after(spec_db):
    rows = views.preview_rows(_changes(spec_db), "en")
    moved = [r for r in rows if r["Id"] == "KR-S-1"]
    assert moved == [{"Change": "Values moved", "Team": "Sales", "Id": "KR-S-1", "Title": moved[0]["Title"],
                      "Before": "9 · ● green", "Now": "2 · ■ red"}]


def test_snapshot_rows_newest_first(spec_db):
    rows = views.snapshot_rows(Store(spec_db).snapshots(), "en")
    assert [r["File"] for r in rows] == ["week2.xlsx", "week1.xlsx"]
    assert rows[0]["As of"] == "15 Feb 2026" and rows[0]["Quarters"] == "2026-Q1"


def test_team_kr_rows_show_each_key_result_of_an_objective(spec_db):
    ch = _changes(spec_db)
    card = service.scorecard(Store(spec_db), quarter="2026-Q1")
    sales = next(o for o in card.objectives if o.id == "O-SALES-1")
    rows = views.team_kr_rows(card, sales, ch.by_kr, "en")
    assert [r["Key result"] for r in rows] == [k.title for k in card.key_results if k.objective == "O-SALES-1"]
    first = rows[0]
    assert first["Status"] == "■ red" and first["Owner reports"] == "● green" and first["Owner"] == "Bram"
    assert (first["Current"], first["Target"], first["Unit"], first["Change since last upload"]) == ("2", "15", "SQL", "-7")
    assert first["Progress %"] == round(2 / 15 * 100)
    cs = next(o for o in card.objectives if o.id == "O-CS-1")
    milestone = next(r for r in views.team_kr_rows(card, cs, ch.by_kr, "nl") if r["Doel"] == "gereed")
    assert milestone["Eigenaar"] == "Gijs"
