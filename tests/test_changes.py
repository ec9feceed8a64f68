"""okr.changes: what changed between two snapshots, on real workbooks and a real store."""

from __future__ import annotations

import copy
import datetime as dt

from okr import changes, service, workbook
from okr.scoring import score

from .conftest import AS_OF, SPEC_KEY_RESULTS, SPEC_OBJECTIVES, canonical_sheets, xlsx_bytes

BEFORE = dt.date(2026, 2, 1)


def _parse(objectives=None, key_results=None):
    parsed = workbook.read(xlsx_bytes(canonical_sheets(objectives, key_results)), lang="en")
    assert parsed.ok, parsed.errors
    return parsed


def _card(parsed, as_of):
    return score(parsed.objectives, parsed.key_results, as_of, "2026-Q1", parsed.teams)


def _week2_rows():
    krs = copy.deepcopy(SPEC_KEY_RESULTS)
    by_id = {r[0]: r for r in krs}
    by_id["KR-S-1"][6] = 2          # 9 SQL -> 2: green -> red
    by_id["KR-S-2"][6] = 2          # 0 -> 2 contracts: red -> green (improved)
    by_id["KR-CS-1"][5] = 4         # target 5 -> 4: moved goalposts
    krs = [r for r in krs if r[0] != "KR-P-1"]  # removed
    krs.append(["KR-S-4", "O-SALES-1", "2 partners signed", "Bram", 0, 2, 1, "partners", None, None, None, None])
    objs = copy.deepcopy(SPEC_OBJECTIVES) + [["O-OPS-1", "Smooth operations", "Ops", "2026-Q1", "Ola", "O-CO-1", None]]
    return objs, krs


def test_compare_finds_every_kind_of_change():
    week1 = _parse()
    objs, krs = _week2_rows()
    week2 = _parse(objs, krs)
    # same as-of for both, so status changes come from the numbers only
    ch = changes.compare(_card(week1, AS_OF), _card(week2, AS_OF))
    ids = lambda items: sorted(i.id for i in items)  # noqa: E731
    assert ch.has_previous
    assert ids(ch.newly_red) == ["KR-S-1"]
    assert "KR-S-2" in ids(ch.improved)
    assert ids(ch.moved_goalposts) == ["KR-CS-1"]
    assert ids(ch.new_key_results) == ["KR-S-4"]
    assert ids(ch.removed_key_results) == ["KR-P-1"]
    assert ids(ch.new_objectives) == ["O-OPS-1"]
    assert ch.removed_objectives == []
    # moved: S-1 and S-2 changed their current value; CS-1 did not
    assert ids(ch.moved) == ["KR-S-1", "KR-S-2"]
    s1 = ch.by_kr["KR-S-1"]
    assert s1.value_delta == -7 and s1.before_status == "green" and s1.status == "red" and s1.team == "Sales"
    # not updated: unchanged values that are not done yet (KR-CS-1: 6 both times; KR-S-3 is past its target)
    assert "KR-CS-1" in ids(ch.not_updated) and "KR-S-3" not in ids(ch.not_updated)
    # the new KR is new, not "newly red" or "moved"
    assert ch.by_kr["KR-S-4"].is_new and ch.by_kr["KR-S-4"].value_delta is None


def test_mismatch_owner_reports_better_than_numbers():
    krs = copy.deepcopy(SPEC_KEY_RESULTS)
    krs[1][10] = "green"  # KR-S-2: 0 of 3 contracts half-way through the quarter, reported green
    ch = changes.compare(None, _card(_parse(key_results=krs), AS_OF))
    assert "KR-S-2" in [k.id for k in ch.mismatches]
    assert ch.by_kr["KR-S-2"].status == "red"
    assert not ch.has_previous and ch.newly_red == [] and ch.moved == []


def test_same_snapshot_twice_changes_nothing():
    card = _card(_parse(), AS_OF)
    ch = changes.compare(card, card)
    assert ch.moved == [] and ch.newly_red == [] and ch.improved == [] and ch.moved_goalposts == []
    assert ch.new_key_results == [] and ch.removed_key_results == []


def test_preview_of_unstored_workbook_against_latest_snapshot(store):
    service.import_bytes(store, xlsx_bytes(canonical_sheets()), "week1.xlsx", BEFORE)
    latest = service.scorecard(store)
    objs, krs = _week2_rows()
    parsed = _parse(objs, krs)
    before = store.table_contents()
    ch = changes.preview(parsed, AS_OF, latest)
    assert store.table_contents() == before  # a preview stores nothing
    assert ch.quarter == "2026-Q1" and ch.before_as_of == BEFORE and ch.after_as_of == AS_OF
    assert [i.id for i in ch.new_key_results] == ["KR-S-4"]
    assert [i.id for i in ch.removed_key_results] == ["KR-P-1"]
    assert [k.id for k in ch.moved_goalposts] == ["KR-CS-1"]
    # the preview scores exactly as storing would
    service.import_bytes(store, xlsx_bytes(canonical_sheets(objs, krs)), "week2.xlsx", AS_OF)
    stored = changes.compare(latest, service.scorecard(store))
    assert stored.counts() == ch.counts()


def test_preview_with_nothing_stored_yet():
    ch = changes.preview(_parse(), AS_OF, None)
    assert ch is not None and not ch.has_previous and len(ch.krs) == len(SPEC_KEY_RESULTS)


def test_stale_key_results_and_confidence_drops_since_the_last_upload(store):
    from .conftest import checkins_on, history_kr, history_workbook, q1_day, store_history

    def week(current_b, conf_a):
        return history_workbook([history_kr("A", current=30, confidence=conf_a), history_kr("B", current=current_b),
                                 history_kr("C", current=40, confidence=9)],
                                checkins_on("A", {7: 10, 14: 30}) + checkins_on("B", {7: 10, 14: 20}))

    first = store_history(store, week(25, 8), as_of=q1_day(21), name="w3.xlsx")
    second = store_history(store, week(25, 5), as_of=q1_day(28), name="w4.xlsx")
    ch = changes.compare(service.scorecard(store, first, "2026-Q1"), service.scorecard(store, second, "2026-Q1"))
    # A: 30 on days 14, 21 and 28 (check-in, then two uploads); B moved (20 -> 25), C only has uploads
    assert [k.id for k in ch.stale] == ["A"] and ch.by_kr["A"].last_change == q1_day(14)
    assert [k.id for k in ch.confidence_drops] == ["A"]  # 8 -> 5; C stayed at 9
    assert (ch.counts()["stale"], ch.counts()["confidence_drops"]) == (1, 1)
