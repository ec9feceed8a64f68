"""The OKR coach's rules (okr.quality), each positive and negative on real
workbooks, on the sample data, and on a stored snapshot."""

from __future__ import annotations

import datetime as dt

import pytest

from okr import activity, quality, service, workbook
from okr.i18n import CATALOGUE
from okr.settings import Settings
from okr.store import Store
from tests.conftest import SAMPLE_DIR, SPEC_KEY_RESULTS, SPEC_OBJECTIVES, canonical_sheets

LATEST = SAMPLE_DIR / "okr-2026-11-27.xlsx"

# every method breaker the sample series carries, and nothing else
SAMPLE_FINDINGS = {
    ("too-many-krs", "O-SALES-1"),
    ("too-many-objectives", "Sales"),
    ("activity-not-result", "KR-SALES-1-4"),
    ("activity-not-result", "KR-MKT-1-2"),
    ("activity-not-result", "KR-COM-1-2"),
    ("activity-not-result", "KR-MKT-1-3"),
    ("not-measurable", "KR-FIN-1-2"),
    ("no-owner", "KR-SALES-2-2"),
    ("no-owner", "KR-MOB-2-2"),
    ("unaligned", "O-DATA-3"),
}
TEAMS = [["team", "parent team", "lead"], ["Company", None, "Anna"], ["Commercie", "Company", "Mark"],
         ["Sales", "Commercie", "Bram"], ["Customer Success", "Commercie", "Cees"], ["Product", "Company", "Dana"]]


def read(make_workbook, objectives=None, key_results=None, extra=None):
    return workbook.read(make_workbook(canonical_sheets(objectives, key_results, extra)))


def codes(parsed, settings=Settings(), lang="en"):
    return {(p.code, p.item_id) for p in quality.check(parsed, lang=lang, settings=settings)}


def kr(id_, obj, title, owner="Bram", start=0, target=10, kind=None):
    return [id_, obj, title, owner, start, target, None, None, kind, None, None, None]


# --- the method's own example is clean -----------------------------------------

def test_spec_example_has_no_findings(make_workbook):
    parsed = read(make_workbook)
    assert parsed.ok
    assert quality.check(parsed) == []


def test_all_findings_are_warnings_with_rule_ids_from_the_spec(make_workbook):
    parsed = workbook.read(LATEST)
    found = quality.check(parsed)
    assert found and all(p.severity == "warning" for p in found)
    assert {p.code for p in found} <= set(quality.RULES)
    assert {"too-many-krs", "too-many-objectives", "activity-not-result", "not-measurable", "no-owner",
            "unaligned"} <= set(quality.RULES)


# --- too-many-krs ------------------------------------------------------------------

def test_too_many_krs(make_workbook):
    four = SPEC_KEY_RESULTS + [kr("KR-S-4", "O-SALES-1", "Gemiddelde dealwaarde van € 24.000 naar € 30.000")]
    assert ("too-many-krs", "O-SALES-1") in codes(read(make_workbook, key_results=four))
    assert ("too-many-krs", "O-SALES-1") not in codes(read(make_workbook))  # exactly 3 is fine
    # the limit is a setting
    assert ("too-many-krs", "O-SALES-1") not in codes(read(make_workbook, key_results=four),
                                                      Settings(max_krs_per_objective=4))


# --- too-many-objectives --------------------------------------------------------------

def _sales_objectives(n, quarter="2026-Q1"):
    return [[f"O-S-{i}", f"Sales doel {i}", "Sales", quarter, "Bram", "O-CO-1", None] for i in range(1, n + 1)]


def _one_kr_each(objs):
    return [kr(f"KR-{o[0]}", o[0], "NPS van 30 naar 50") for o in objs]


def test_too_many_objectives(make_workbook):
    objs = SPEC_OBJECTIVES[:1] + _sales_objectives(4)
    parsed = read(make_workbook, objs, _one_kr_each(objs))
    found = [p for p in quality.check(parsed) if p.code == "too-many-objectives"]
    assert [(p.item_id, p.row) for p in found] == [("Sales", 6)]  # pointing at the 4th objective
    assert "O-S-4" in found[0].fix
    objs3 = SPEC_OBJECTIVES[:1] + _sales_objectives(3)
    assert not any(c == "too-many-objectives" for c, _ in codes(read(make_workbook, objs3, _one_kr_each(objs3))))
    assert not any(c == "too-many-objectives" for c, _ in codes(parsed, Settings(max_objectives_per_team=4)))


def test_too_many_objectives_counts_per_quarter(make_workbook):
    objs = SPEC_OBJECTIVES[:1] + _sales_objectives(2) + [
        [f"O-T-{i}", f"Volgend kwartaal {i}", "Sales", "2026-Q2", "Bram", "O-CO-1", None] for i in (1, 2)]
    parsed = read(make_workbook, objs, _one_kr_each(objs))
    assert not any(c == "too-many-objectives" for c, _ in codes(parsed))


# --- activity-not-result ------------------------------------------------------------------

def test_activity_not_result(make_workbook):
    krs = SPEC_KEY_RESULTS[:2] + [kr("KR-S-3", "O-SALES-1", "We gaan meer leads genereren", kind="milestone",
                                     target=None)]
    parsed = read(make_workbook, key_results=krs)
    found = [p for p in quality.check(parsed, lang="nl") if p.code == "activity-not-result"]
    assert [p.item_id for p in found] == ["KR-S-3"]
    p = found[0]
    assert (p.sheet, p.row) == ("Key Results", 4)
    # what is wrong, with the phrase found, and a rewrite hint on the topic in the user's language
    assert "we gaan" in p.message and "activiteit" in p.message
    assert "15 SQL's gerealiseerd in Q1" in p.fix
    en = [p for p in quality.check(parsed, lang="en") if p.code == "activity-not-result"][0]
    assert "describes an activity" in en.message and "what result should this produce" in en.fix


def test_results_with_verbs_are_not_activities(make_workbook):
    # the method's example contains "gerealiseerd", "gesloten", "teruggebracht": all results
    assert not any(c == "activity-not-result" for c, _ in codes(read(make_workbook)))


# --- not-measurable ---------------------------------------------------------------------------

def test_not_measurable_target_equals_start(make_workbook):
    krs = SPEC_KEY_RESULTS[:2] + [kr("KR-S-3", "O-SALES-1", "Houd de DSO op 45 dagen", start=45, target=45)]
    found = [p for p in quality.check(read(make_workbook, key_results=krs)) if p.code == "not-measurable"]
    assert [p.item_id for p in found] == ["KR-S-3"]
    assert "equal to its start (45)" in found[0].message


def test_not_measurable_without_target(make_workbook):
    # the import refuses this workbook (missing target), but the coach still checks what it could read
    krs = SPEC_KEY_RESULTS[:2] + [kr("KR-S-3", "O-SALES-1", "Meer volgers op LinkedIn", target=None),
                                  kr("KR-S-4", "O-CS-1", "Minder klachten", target="veel minder")]
    parsed = read(make_workbook, key_results=krs)
    assert not parsed.ok
    found = {p.item_id: p for p in quality.check(parsed) if p.code == "not-measurable"}
    assert set(found) == {"KR-S-3", "KR-S-4"}
    assert "veel minder" in found["KR-S-4"].message


def test_milestones_are_measurable(make_workbook):
    assert not any(c == "not-measurable" for c, _ in codes(read(make_workbook)))  # KR-CS-2 is a milestone


# --- no-owner ------------------------------------------------------------------------------------

def test_no_owner(make_workbook):
    krs = [list(r) for r in SPEC_KEY_RESULTS]
    krs[1][3] = None
    krs[2][3] = "   "
    found = codes(read(make_workbook, key_results=krs))
    assert {i for c, i in found if c == "no-owner"} == {"KR-S-2", "KR-S-3"}


# --- unaligned --------------------------------------------------------------------------------------

def test_unaligned_with_teams_sheet(make_workbook):
    objs = SPEC_OBJECTIVES[:2] + [["O-SALES-2", "Alleen voor onszelf", "Sales", "2026-Q1", "Bram", None, None],
                                  ["O-CO-2", "Tweede bedrijfsdoel", "Company", "2026-Q1", "Anna", None, None]]
    krs = SPEC_KEY_RESULTS[:3] + [kr("KR-X", "O-SALES-2", "NPS van 30 naar 50"),
                                  kr("KR-Y", "O-CO-2", "NPS van 30 naar 50")]
    parsed = read(make_workbook, objs, krs, {"Teams": TEAMS})
    assert parsed.ok, parsed.errors
    unaligned = {i for c, i in codes(parsed) if c == "unaligned"}
    # Company has no parent team: its objectives are company-level, even without children (O-CO-2)
    assert unaligned == {"O-SALES-2"}


def test_unaligned_without_teams_sheet(make_workbook):
    objs = SPEC_OBJECTIVES + [["O-DATA-3", "Beste datateam van Nederland", "Data", "2026-Q1", "Aisha", None, None]]
    krs = SPEC_KEY_RESULTS + [kr("KR-D", "O-DATA-3", "Team eNPS van 20 naar 50")]
    unaligned = {i for c, i in codes(read(make_workbook, objs, krs)) if c == "unaligned"}
    # O-CO-1 has no parent but others align to it: a root. O-DATA-3 has neither parent nor children.
    assert unaligned == {"O-DATA-3"}


# --- no-key-results ------------------------------------------------------------------------------------

def test_no_key_results(make_workbook):
    objs = SPEC_OBJECTIVES + [["O-SALES-2", "Groei in de zorg", "Sales", "2026-Q1", "Bram", "O-CO-1", None]]
    found = codes(read(make_workbook, objs))
    assert ("no-key-results", "O-SALES-2") in found
    # an objective that takes its progress from its children is fine (docs/scoring.md)
    objs = [["O-CO-1", "Groei", "Company", "2026-Q1", "Anna", None, None]] + SPEC_OBJECTIVES[1:]
    krs = [r for r in SPEC_KEY_RESULTS]
    assert not any(c == "no-key-results" for c, _ in codes(read(make_workbook, objs, krs)))


# --- the sample data --------------------------------------------------------------------------------------

def test_sample_findings_are_exactly_the_method_breakers():
    parsed = workbook.read(LATEST)
    assert parsed.ok
    assert codes(parsed) == SAMPLE_FINDINGS


def test_every_sample_kr_title_classified():
    """All 64 KR titles of the sample, by eye: four activities, the rest results."""
    parsed = workbook.read(LATEST)
    assert len(parsed.key_results) == 64
    activities = {k.id for k in parsed.key_results
                  if activity.classify(k.title, kind=k.kind, start=k.start, target=k.target, unit=k.unit).activity}
    assert activities == {"KR-SALES-1-4", "KR-MKT-1-2", "KR-COM-1-2", "KR-MKT-1-3"}


def test_flat_dutch_sample_is_checked_too():
    parsed = workbook.read(SAMPLE_DIR / "okr-plat-voorbeeld.xlsx")
    found = quality.check(parsed, lang="nl")
    assert {p.code for p in found} >= {"activity-not-result", "too-many-krs"}
    # derived ids are not shown to people; the title is
    act = [p for p in found if p.code == "activity-not-result"][0]
    assert "/" not in act.message.split('"')[0]


def test_import_shows_findings_as_warnings_that_never_block(tmp_path):
    store = Store.open(tmp_path / "w.duckdb")
    try:
        outcome = service.import_bytes(store, LATEST.read_bytes(), LATEST.name, dt.date(2026, 11, 27))
        assert outcome.stored
        assert {(p.code, p.item_id) for p in outcome.checked.warnings} == SAMPLE_FINDINGS
    finally:
        store.close()


# --- health, and a stored snapshot -------------------------------------------------------------------------

def test_health_per_team_on_the_sample():
    parsed = workbook.read(LATEST)
    hs = {h.team: h for h in quality.health(parsed, quality.findings(parsed))}
    sales = hs["Sales"]
    # 4 objectives (O-SALES-1 too many KRs, O-SALES-4 over the limit), 9 KRs (KR-SALES-1-4, KR-SALES-2-2)
    assert (sales.objectives, sales.objectives_ok, sales.key_results, sales.key_results_ok) == (4, 2, 9, 7)
    assert sales.share == pytest.approx(9 / 13)
    assert hs["Platform"].share == 1.0 and hs["Platform"].findings == 0
    assert hs["Data"].objectives_ok == 2
    worst_first = quality.health(parsed, quality.findings(parsed))
    assert worst_first[0].team == "Sales"


def test_snapshot_report_equals_workbook_check(sample_db):
    store = Store.open(sample_db)
    report = quality.snapshot_report(store, lang="nl")
    assert report.quarter == "2026-Q4" and report.quarters == ["2026-Q4"]
    assert {(f.rule, f.problem.item_id) for f in report.findings} == SAMPLE_FINDINGS
    assert all("Key result" in f.problem.message or "Objective" in f.problem.message or "Team" in f.problem.message
               for f in report.findings)
    assert 0 < report.overall < 1
    assert quality.snapshot_report(store, quarter="2030-Q1").findings == []


def test_every_rule_explains_itself_in_both_languages():
    for rule in quality.RULES:
        for part in ("rule", "why"):
            entry = CATALOGUE[f"quality.{part}.{rule}"]
            assert entry["en"] and entry["nl"] and entry["en"] != entry["nl"]
        assert any(k.startswith(f"quality.msg.{rule}") for k in CATALOGUE)
        assert any(k.startswith(f"quality.fix.{rule}") for k in CATALOGUE)
