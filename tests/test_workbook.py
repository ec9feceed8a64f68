"""okr/workbook.py: every layout and value format of docs/workbook.md, every error at once."""

from __future__ import annotations

import datetime as dt

import pytest

from okr import workbook
from tests.conftest import (
    AS_OF,
    write_xlsx,
    EXPECTED_ERRORS,
    FLAT_HEADER,
    KR_HEADER,
    SAMPLE_DIR,
    SPEC_KEY_RESULTS,
    SPEC_OBJECTIVES,
    broken_sheets,
    cache_formulas,
    canonical_sheets,
    flat_rows,
)


def krs_by_id(parsed):
    return {k.id: k for k in parsed.key_results}


def objs_by_id(parsed):
    return {o.id: o for o in parsed.objectives}


# ------------------------------------------------------------------ canonical


def test_canonical_spec_workbook(spec_workbook):
    p = workbook.read(spec_workbook)
    assert p.ok, [str(e) for e in p.errors]
    assert p.layout == "canonical"
    assert [o.id for o in p.objectives] == ["O-CO-1", "O-SALES-1", "O-CS-1", "O-PROD-1"]
    objs = objs_by_id(p)
    assert objs["O-SALES-1"].parent == "O-CO-1" and objs["O-CO-1"].parent is None
    assert objs["O-PROD-1"].type == "aspirational" and objs["O-CS-1"].type == "committed"
    assert objs["O-CO-1"].type == "committed"  # default
    assert objs["O-SALES-1"].sheet == "Objectives" and objs["O-SALES-1"].row == 3
    krs = krs_by_id(p)
    s1 = krs["KR-S-1"]
    assert (s1.objective, s1.start, s1.target, s1.current, s1.unit, s1.kind, s1.weight) == \
        ("O-SALES-1", 0.0, 15.0, 9.0, "SQL", "number", 1.0)
    assert s1.reported_status == "green" and s1.comment == "Goed op weg" and s1.owner == "Bram"
    assert (krs["KR-CS-1"].start, krs["KR-CS-1"].target, krs["KR-CS-1"].current, krs["KR-CS-1"].weight) == \
        (8.0, 5.0, 6.0, 2.0)
    assert krs["KR-CS-1"].reported_status == "amber"
    assert krs["KR-CS-2"].kind == "milestone" and krs["KR-CS-2"].current == 1.0
    assert krs["KR-P-1"].current is None
    assert krs["KR-S-3"].row == 4 and krs["KR-S-3"].sheet == "Key Results"
    assert p.quarters == ["2026-Q1"]
    assert p.team_names == ["Company", "Customer Success", "Product", "Sales"]


def test_sheets_found_by_headers_not_names(make_workbook):
    sheets = canonical_sheets()
    path = make_workbook({"Uitleg": [["Lees dit eerst"]], "Blad1": sheets["Objectives"],
                          "Blad2": sheets["Key Results"]})
    p = workbook.read(path)
    assert p.ok and len(p.objectives) == 4 and len(p.key_results) == 6


@pytest.mark.parametrize("quarter", ["2026-Q1", "Q1 2026", "2026 Q1", "Q1-2026", "2026Q1", "K1 2026"])
def test_quarter_forms_in_workbook(make_workbook, quarter):
    objs = [r[:3] + [quarter] + r[4:] for r in SPEC_OBJECTIVES]
    p = workbook.read(make_workbook(canonical_sheets(objectives=objs)))
    assert p.ok and {o.quarter for o in p.objectives} == {"2026-Q1"}


def test_numbers_as_text(make_workbook):
    krs = [
        ["KR-1", "O-SALES-1", "Omzet", None, "0", "1.234,5", "617,25", None, None, None, None, None],
        ["KR-2", "O-SALES-1", "Revenue", None, "0", "1,234.5", "1,000.5", None, None, None, None, None],
        ["KR-3", "O-SALES-1", "ARR", None, "€ 0", "€ 30.000", "€ 12.000", None, None, None, None, None],
        ["KR-4", "O-SALES-1", "Conversie", None, "20%", "45%", "30%", None, None, None, None, None],
    ]
    p = workbook.read(make_workbook(canonical_sheets(key_results=krs)))
    assert p.ok, [str(e) for e in p.errors]
    k = krs_by_id(p)
    assert (k["KR-1"].target, k["KR-1"].current) == (1234.5, 617.25)
    assert (k["KR-2"].target, k["KR-2"].current) == (1234.5, 1000.5)
    assert (k["KR-3"].start, k["KR-3"].target, k["KR-3"].current, k["KR-3"].unit) == (0, 30000, 12000, "EUR")
    assert (k["KR-4"].start, k["KR-4"].target, k["KR-4"].current, k["KR-4"].unit) == (20, 45, 30, "%")


def test_percent_formatted_cells_are_points(make_workbook):
    krs = [["KR-1", "O-SALES-1", "Conversie naar 45%", None, 0.2, 0.45, 0.3, None, None, None, None, None]]
    path = make_workbook(canonical_sheets(key_results=krs), percent={"Key Results": ["E2", "F2", "G2"]})
    (kr,) = workbook.read(path).key_results
    assert (kr.start, kr.target, kr.current, kr.unit) == (20.0, 45.0, 30.0, "%")


def test_percent_format_on_target_only_still_names_the_unit(make_workbook):
    krs = [["KR-1", "O-SALES-1", "Marge", None, None, 0.45, None, None, None, None, None, None]]
    path = make_workbook(canonical_sheets(key_results=krs), percent={"Key Results": ["F2"]})
    (kr,) = workbook.read(path).key_results
    assert (kr.start, kr.target, kr.unit) == (0.0, 45.0, "%")


def test_formula_with_cached_value_is_used(make_workbook):
    krs = [["KR-1", "O-SALES-1", "SQLs", None, 0, "=10+5", "=4+5", None, None, None, None, None]]
    path = make_workbook(canonical_sheets(key_results=krs))
    cache_formulas(path, {"sheet2": {"F2": 15, "G2": 9}})
    p = workbook.read(path)
    assert p.ok, [str(e) for e in p.errors]
    (kr,) = p.key_results
    assert (kr.target, kr.current) == (15.0, 9.0)


def test_formula_without_cached_value_is_an_error_on_that_cell(make_workbook):
    krs = [["KR-1", "O-SALES-1", "SQLs", None, 0, "=10+5", "=4+5", None, None, None, None, None]]
    path = make_workbook(canonical_sheets(key_results=krs))
    cache_formulas(path, {"sheet2": {"F2": 15}})  # G2 stays without a value
    p = workbook.read(path)
    assert [(e.code, e.cell) for e in p.errors] == [("formula", "Key Results!G2")]
    assert p.key_results[0].current is None  # not a silent zero either


# ------------------------------------------------------------------ flat layouts

def _check_flat_spec(p):
    assert p.ok, [str(e) for e in p.errors]
    assert p.layout == "flat"
    assert len(p.objectives) == 4 and len(p.key_results) == 7
    by_title = {o.title: o for o in p.objectives}
    root = by_title["Groei naar een leidende positie"]
    sales = by_title["Versterk onze marktpositie in de IT-sector"]
    assert root.id == "2026-Q1/Company/groei-naar-een-leidende-positie"
    assert {o.quarter for o in p.objectives} == {"2026-Q1"}
    assert sales.parent == root.id and root.parent is None
    assert by_title["Het beste product in de markt"].type == "aspirational"
    per_obj = {}
    for k in p.key_results:
        per_obj.setdefault(k.objective, []).append(k)
    assert [len(per_obj[o.id]) for o in p.objectives] == [1, 3, 2, 1]
    krs = {k.title: k for k in p.key_results}
    assert (krs["Omzet naar € 1.000.000"].target, krs["Omzet naar € 1.000.000"].current) == (1e6, 450000)
    assert krs["Omzet naar € 1.000.000"].unit == "EUR"
    churn = krs["Churn van 8% naar 5%"]
    assert (churn.start, churn.target, churn.current, churn.unit, churn.weight) == (8, 5, 6, "%", 2)
    assert churn.reported_status == "amber" and krs["3 nieuwe contracten"].reported_status == "green"
    assert krs["Enquête verstuurd"].kind == "milestone" and krs["Enquête verstuurd"].current == 1.0
    assert krs["NPS van 30 naar 50"].current is None
    assert len({k.id for k in p.key_results}) == 7


def test_flat_sheet_objective_on_first_row_only(make_workbook):
    path = make_workbook({"OKR Q1": [FLAT_HEADER] + flat_rows(blank_below=True)})
    _check_flat_spec(workbook.read(path))


def test_flat_sheet_objective_repeated_on_every_row(make_workbook):
    path = make_workbook({"OKR Q1": [FLAT_HEADER] + flat_rows(blank_below=False)})
    _check_flat_spec(workbook.read(path))


def test_flat_sheet_with_merged_objective_cells(make_workbook):
    rows = [FLAT_HEADER] + flat_rows(blank_below=True)
    # sales rows 3-5, customer success rows 6-7: merge objective, team and quarter cells
    merges = [f"{c}3:{c}5" for c in "ABC"] + [f"{c}6:{c}7" for c in "ABC"] + ["M6:M7"]
    p = workbook.read(make_workbook({"OKR": rows}, merges={"OKR": merges}))
    _check_flat_spec(p)


def test_flat_title_rows_any_case_and_extra_columns(make_workbook):
    header = [h.upper() if i % 2 else f"  {h.lower()}  " for i, h in enumerate(FLAT_HEADER)] + ["Notities intern"]
    rows = [["OKR-overzicht Noordwind Software"], ["Bijgewerkt: 15-02-2026"], [],
            header] + [r + ["geheim"] for r in flat_rows()]
    p = workbook.read(make_workbook({"Overzicht": rows}))
    _check_flat_spec(p)
    krs = {k.title: k for k in p.key_results}
    assert krs["15 SQL's gerealiseerd"].row == 6  # row numbers are the sheet's own
    assert krs["15 SQL's gerealiseerd"].comment == "Goed op weg"  # not the ignored column


def test_headers_with_accents_and_spaces(make_workbook):
    header = ["  Doelstélling ", "TEAM", "Periode", "Kernresultaat", "Eigenaar", "Nulmeting", "Streef-waarde",
              "Realisatie   ", "Eénheid", "Weging", "RAG", "Opmerking", "Draagt bij aan", "Type"]
    p = workbook.read(make_workbook({"S": [header] + flat_rows()}))
    _check_flat_spec(p)


def test_flat_english_headers(make_workbook):
    header = ["Objective", "Team", "Quarter", "KR", "Owner", "Start value", "Target value", "Current value", "Unit",
              "Weight", "Status", "Comment", "Parent", "Type"]
    p = workbook.read(make_workbook({"S": [header] + flat_rows()}))
    _check_flat_spec(p)


def test_flat_parent_title_unknown_is_an_error(make_workbook):
    rows = [FLAT_HEADER] + flat_rows()
    rows[2][12] = "Een doel dat niet bestaat"
    p = workbook.read(make_workbook({"OKR": rows}))
    assert [(e.code, e.cell) for e in p.errors] == [("unknown_parent", "OKR!M3")]


def test_flat_continuation_row_before_any_objective(make_workbook):
    rows = [FLAT_HEADER, [None, None, None, "Wees", "X", 0, 10, 1] + [None] * 6] + flat_rows()
    p = workbook.read(make_workbook({"OKR": rows}))
    assert [(e.code, e.cell) for e in p.errors] == [("required", "OKR!A2")]


# ------------------------------------------------------------------ check-ins and teams


def test_checkins_and_teams_sheets(make_workbook):
    checkins = [["key result", "date", "value", "comment"],
                ["KR-S-1", "2026-01-15", 3, "start"],
                ["KR-S-1", dt.datetime(2026, 2, 1), "6", None],
                ["KR-CS-1", "01-02-2026", "7%", None],
                ["KR-CS-2", "2026-02-10", "ja", "verstuurd"]]
    teams = [["team", "parent team", "lead"], ["Company", None, "Anna"], ["Sales", "Company", "Bram"],
             ["Customer Success", "Company", "Cees"], ["Product", "Company", "Dana"]]
    p = workbook.read(make_workbook(canonical_sheets(extra={"Check-ins": checkins, "Teams": teams})))
    assert p.ok, [str(e) for e in p.errors]
    got = [(c.key_result, c.date, c.value, c.comment) for c in p.checkins]
    assert got == [("KR-S-1", dt.date(2026, 1, 15), 3.0, "start"), ("KR-S-1", dt.date(2026, 2, 1), 6.0, None),
                   ("KR-CS-1", dt.date(2026, 2, 1), 7.0, None), ("KR-CS-2", dt.date(2026, 2, 10), 1.0, "verstuurd")]
    assert [(tm.team, tm.parent_team, tm.lead) for tm in p.teams][:2] == [("Company", None, "Anna"),
                                                                           ("Sales", "Company", "Bram")]


def _without_current(rows: list[list]) -> list[list]:
    """The key results sheet as a team that keeps its values in the check-ins writes it."""
    at = KR_HEADER.index("current")
    return [row[:at] + row[at + 1:] for row in rows]


def test_without_a_current_column_a_key_result_is_as_far_as_its_latest_checkin(make_workbook):
    """No current column: the latest check-in in the key result's quarter is its
    current (of two on one date, the lower row); a check-in after the quarter
    does not count; a key result without check-ins stays not updated; a note says so."""
    checkins = [["key result", "date", "value", "comment"],
                ["KR-S-1", dt.date(2026, 2, 1), 6, None],
                ["KR-S-1", dt.date(2026, 3, 1), 11, None],
                ["KR-S-1", dt.date(2026, 1, 15), 3, "older, lower in the sheet"],
                ["KR-S-1", dt.date(2026, 4, 2), 14, "next quarter"],
                ["KR-S-2", dt.date(2026, 2, 10), 1, None],
                ["KR-S-2", dt.date(2026, 2, 10), 2, "same day, lower row"],
                ["KR-CS-2", dt.date(2026, 2, 10), "ja", None]]
    sheets = canonical_sheets(extra={"Check-ins": checkins})
    sheets["Key Results"] = _without_current(sheets["Key Results"])
    p = workbook.read(make_workbook(sheets))
    assert p.ok, [str(e) for e in p.errors]
    current = {kr.id: kr.current for kr in p.key_results}
    assert current == {"KR-S-1": 11.0, "KR-S-2": 2.0, "KR-S-3": None, "KR-CS-1": None, "KR-CS-2": 1.0,
                       "KR-P-1": None}
    assert [(w.code, w.sheet) for w in p.warnings] == [("current_from_checkins", "Key Results")]
    assert "no current column" in p.warnings[0].message

    # with a current column, an empty cell still means not updated, whatever the check-ins say
    p = workbook.read(make_workbook(canonical_sheets(extra={"Check-ins": checkins})))
    assert {kr.id: kr.current for kr in p.key_results}["KR-P-1"] is None
    assert "current_from_checkins" not in {w.code for w in p.warnings}


def test_without_a_current_column_the_scorecard_shows_the_checkins(store, make_workbook):
    """The user's own workbook, kept by check-ins only, is not shown as 'no update' at 0%."""
    from okr import service

    checkins = [["key result", "date", "value", "comment"], ["KR-S-1", dt.date(2026, 2, 1), 9, None]]
    sheets = canonical_sheets(extra={"Check-ins": checkins})
    sheets["Key Results"] = _without_current(sheets["Key Results"])
    path = make_workbook(sheets)
    outcome = service.import_bytes(store, path.read_bytes(), path.name, as_of=AS_OF)
    card = service.scorecard(store, outcome.snapshot_id)
    kr = next(k for k in card.key_results if k.id == "KR-S-1")
    assert kr.progress == pytest.approx(9 / 15) and kr.status != "no update"


def test_teams_sheet_errors(make_workbook):
    teams = [["team", "parent team"], ["Company", None], ["Sales", "Commercie"], ["A", "B"], ["B", "A"],
             ["Sales", "Company"]]
    p = workbook.read(make_workbook(canonical_sheets(extra={"Teams": teams})))
    got = {(e.code, e.cell) for e in p.errors}
    assert ("unknown_parent_team", "Teams!B3") in got
    assert ("team_cycle", "Teams!B4") in got and ("team_cycle", "Teams!B5") in got
    assert ("duplicate_team", "Teams!A6") in got


# ------------------------------------------------------------------ every error at once


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_error_at_once(make_workbook, lang):
    p = workbook.read(make_workbook(broken_sheets()), lang=lang)
    assert not p.ok
    assert {(e.code, e.cell) for e in p.errors} == EXPECTED_ERRORS
    for e in p.errors:
        assert e.sheet and e.row and e.column and e.message and e.fix
        assert e.cell == f"{e.sheet}!{e.column}{e.row}"
        assert e.cell in str(e)
    by_code = {}
    for e in p.errors:
        by_code.setdefault(e.code, e)
    if lang == "en":
        assert by_code["number"].message == "'veel' is not a number."
        assert "O-A → O-B → O-A" in next(e.message for e in p.errors if e.cell == "Objectives!F6")
        assert "O-SELF → O-SELF" in next(e.message for e in p.errors if e.cell == "Objectives!F8")
        assert by_code["duplicate_objective"].message == \
            "Objective id 'O-SALES-1' is used twice (also at Objectives!A3)."
        assert by_code["formula"].header == "current"
    else:
        assert by_code["number"].message == "'veel' is geen getal."
        assert by_code["quarter"].message == "'Q5 2026' is geen kwartaal."
        assert by_code["formula"].fix.startswith("Open de werkmap in Excel")
        assert by_code["unknown_checkin_kr"].message == "Kernresultaat 'KR-NOPE' bestaat niet."


def test_errors_differ_by_language(make_workbook):
    path = make_workbook(broken_sheets())
    en = workbook.read(path, "en").errors
    nl = workbook.read(path, "nl").errors
    assert [e.cell for e in en] == [e.cell for e in nl]
    assert all(a.message != b.message and a.fix != b.fix for a, b in zip(en, nl))


def test_missing_required_columns(make_workbook):
    sheets = {
        "Objectives": [["id", "objective", "owner"]] + [[r[0], r[1], r[4]] for r in SPEC_OBJECTIVES],
        "Key Results": [["objective", "key result", "current"]] + [[r[1], r[2], r[6]] for r in SPEC_KEY_RESULTS],
    }
    path = make_workbook(sheets)
    p = workbook.read(path)
    missing = sorted((e.sheet, e.row, e.message) for e in p.errors)
    assert missing == [
        ("Key Results", 1, "Column 'id' is missing."),
        ("Key Results", 1, "Column 'target' is missing."),
        ("Objectives", 1, "Column 'quarter' is missing."),
        ("Objectives", 1, "Column 'team' is missing."),
    ]
    assert all(e.code == "missing_column" and e.cell == f"{e.sheet}!1:1" for e in p.errors)
    assert all("also recognised" in e.fix for e in p.errors)
    nl = workbook.read(path, "nl").errors
    assert "Kolom 'kwartaal' ontbreekt." in {e.message for e in nl}
    assert "Kolom 'doelwaarde' ontbreekt." in {e.message for e in nl}


def test_missing_column_below_title_rows_points_at_the_header_row(make_workbook):
    sheets = canonical_sheets()
    sheets["Objectives"] = [["Doelen 2026"], []] + [[c for i, c in enumerate(r) if i != 3]
                                                    for r in sheets["Objectives"]]
    p = workbook.read(make_workbook(sheets))
    assert [(e.code, e.cell) for e in p.errors] == [("missing_column", "Objectives!3:3")]


def test_required_cells_empty(make_workbook):
    objs = [["O-1", None, "Sales", None, None, None, None]]
    krs = [["KR-1", "O-1", None, None, 0, None, 3, None, None, None, None, None]]
    p = workbook.read(make_workbook(canonical_sheets(objs, krs)))
    assert {(e.code, e.cell) for e in p.errors} == {
        ("required", "Objectives!B2"), ("required", "Objectives!D2"),
        ("required", "Key Results!C2"), ("missing_target", "Key Results!F2"),
    }


def test_no_key_results_sheet(make_workbook):
    p = workbook.read(make_workbook({"Blad1": [["naam", "adres"], ["a", "b"]]}))
    assert [e.code for e in p.errors] == ["no_key_results"]
    assert p.errors[0].cell is None and str(p.errors[0]).startswith("No sheet with key results was found.")


def test_key_results_without_objectives_sheet(make_workbook):
    p = workbook.read(make_workbook({"Key Results": canonical_sheets()["Key Results"]}))
    assert [e.code for e in p.errors] == ["no_objectives_sheet"]


def test_milestone_bad_value_and_bad_kind(make_workbook):
    krs = [["KR-1", "O-SALES-1", "Live", None, None, None, "misschien", None, "milestone", None, None, None],
           ["KR-2", "O-SALES-1", "Iets", None, 0, 1, 0, None, "soms", None, None, None]]
    p = workbook.read(make_workbook(canonical_sheets(key_results=krs)))
    assert {(e.code, e.cell) for e in p.errors} == {("done", "Key Results!G2"), ("kind", "Key Results!I3")}


def test_key_results_sheet_without_its_key_result_column_says_so(make_workbook):
    header = [h for h in KR_HEADER if h != "key result"]
    rows = [[v for h, v in zip(KR_HEADER, r) if h != "key result"] for r in SPEC_KEY_RESULTS]
    wb = workbook.read(make_workbook(canonical_sheets(extra={"Key Results": [header, *rows]})))
    assert [(p.code, p.sheet, p.row) for p in wb.errors] == [("missing_column", "Key Results", 1)]
    assert "'key result'" in wb.errors[0].message


def test_errors_come_in_reading_order(make_workbook):
    wb = workbook.read(make_workbook(broken_sheets()))
    sheet_order = {"Objectives": 0, "Key Results": 1, "Check-ins": 2}
    keys = [(sheet_order[p.sheet], p.row, p.column) for p in wb.errors]
    assert len(keys) == len(EXPECTED_ERRORS)
    assert keys == sorted(keys)


# ------------------------------------------------------------------ sheet roles by best match


def test_pivot_and_notes_sheets_are_ignored_with_a_note(make_workbook):
    pivot = [["Team", "Objective", "Aantal KRs"], ["Sales", "Versterk onze marktpositie", 3], ["Product", "NPS", 1]]
    notes = [["Nr", "Objective", "Note"], [1, "Groei", "Bespreken in het MT"]]
    p = workbook.read(make_workbook(canonical_sheets(extra={"Pivot": pivot, "Notes": notes})))
    assert p.ok, [str(e) for e in p.errors]
    assert (len(p.objectives), len(p.key_results)) == (4, 6)
    assert [(w.code, w.sheet) for w in p.warnings] == [("sheet_ignored", "Pivot"), ("sheet_ignored", "Notes")]
    assert p.warnings[0].message == "Sheet 'Pivot' ignored: not an OKR sheet."


def test_a_hidden_archive_sheet_is_ignored_with_a_note(tmp_path):
    import openpyxl

    path = tmp_path / "archive.xlsx"
    write_xlsx(path, canonical_sheets(extra={"Archief Q4": [KR_HEADER] + [list(r) for r in SPEC_KEY_RESULTS]}))
    wb = openpyxl.load_workbook(path)
    wb["Archief Q4"].sheet_state = "hidden"
    wb.save(path)
    p = workbook.read(path)
    assert p.ok, [str(e) for e in p.errors]  # no "used twice" for last quarter's ids
    assert [(w.code, w.sheet) for w in p.warnings] == [("sheet_hidden", "Archief Q4")]
    assert workbook.read(path, "nl").warnings[0].message == "Tabblad 'Archief Q4' genegeerd: het is verborgen."


def test_a_summary_sheet_close_to_an_objectives_sheet_does_not_take_its_place(make_workbook):
    summary = [["Objective", "Team", "Quarter", "Progress"], ["Groei", "Company", "2026-Q1", 0.4]]
    p = workbook.read(make_workbook(canonical_sheets(extra={"Samenvatting": summary})))
    assert p.ok, [str(e) for e in p.errors]
    assert [(w.code, w.sheet) for w in p.warnings] == [("sheet_ignored", "Samenvatting")]


def test_a_key_results_sheet_without_a_target_column_is_refused(make_workbook):
    header = [h for h in KR_HEADER if h != "target"]
    rows = [[v for h, v in zip(KR_HEADER, r) if h != "target"] for r in SPEC_KEY_RESULTS]
    p = workbook.read(make_workbook(canonical_sheets(extra={"Key Results": [header, *rows]})))
    assert [(e.code, e.cell, e.message) for e in p.errors] == [
        ("missing_column", "Key Results!1:1", "Column 'target' is missing.")]
    # unless every key result is a milestone
    milestones = [["KR-1", "O-SALES-1", "Website live", "Bram", None, "ja", None, "milestone"] + [None] * 3]
    p = workbook.read(make_workbook(canonical_sheets(extra={"Key Results": [header, *milestones]})))
    assert p.ok and p.key_results[0].kind == "milestone" and p.key_results[0].current == 1.0


# ------------------------------------------------------------------ values


def test_check_ins_with_date_cells_month_names_and_serials_in_general_cells(make_workbook):
    checkins = [["key result", "date", "value", "comment"],
                ["KR-S-1", dt.datetime(2026, 1, 15), 3, None],
                ["KR-S-1", "15 feb 2026", 6.5, None],
                ["KR-S-1", "1 maart 2026", 7, None],
                ["KR-S-1", "15 februari 2026", "8", None],
                ["KR-S-1", 46094, 9, "serial in a General cell"],  # 2026-03-13
                ["KR-S-3", dt.datetime(2026, 2, 1), 0.25, None],  # percent-formatted: 25 points
                ["KR-CS-2", "Feb 20, 2026", "ja", None]]
    path = make_workbook(canonical_sheets(extra={"Check-ins": checkins}), percent={"Check-ins": ["C7"]})
    p = workbook.read(path)
    assert p.ok, [str(e) for e in p.errors]
    got = [(c.key_result, c.date, c.value, c.comment) for c in p.checkins]
    assert got == [("KR-S-1", dt.date(2026, 1, 15), 3.0, None), ("KR-S-1", dt.date(2026, 2, 15), 6.5, None),
                   ("KR-S-1", dt.date(2026, 3, 1), 7.0, None), ("KR-S-1", dt.date(2026, 2, 15), 8.0, None),
                   ("KR-S-1", dt.date(2026, 3, 13), 9.0, "serial in a General cell"),
                   ("KR-S-3", dt.date(2026, 2, 1), 25.0, None), ("KR-CS-2", dt.date(2026, 2, 20), 1.0, None)]


def test_a_fraction_in_a_percent_key_result_reads_as_its_points(make_workbook):
    """Start and target typed as 40% and 55% (Excel keeps 0.4 and 0.55, shown in
    percent); a current or check-in typed 0.44 in a cell without that format is
    Excel's 44%. Read as 44 with a warning on the cell. A value that fits as it is
    (44, or 1.2 in a churn key result from 3% to 1%) stays."""
    krs = [["KR-P", "O-SALES-1", "Herhaalaankopen van 40% naar 55%", "Bert", 0.40, 0.55, 0.47, None, None, None,
            None, None],
           ["KR-C", "O-SALES-1", "Churn van 3% naar 1%", "Cees", 0.03, 0.01, 1.2, None, None, None, None, None]]
    checkins = [["key result", "date", "value", "comment"],
                ["KR-P", dt.datetime(2026, 1, 15), 0.42, None],
                ["KR-P", dt.datetime(2026, 2, 1), 44, None],
                ["KR-P", dt.datetime(2026, 2, 8), 0.45, None],  # percent-formatted: 45 points, no warning
                ["KR-C", dt.datetime(2026, 2, 1), 1.5, None]]
    objectives = [["O-SALES-1", "Groei", "Sales", "2026-Q1", "Bram", None, None]]
    sheets = canonical_sheets(objectives, krs, extra={"Check-ins": checkins})
    path = make_workbook(sheets, percent={"Key Results": ["E2", "F2", "E3", "F3"], "Check-ins": ["C4"]})
    p = workbook.read(path)
    assert p.ok, [str(e) for e in p.errors]
    by_id = {k.id: k for k in p.key_results}
    assert (by_id["KR-P"].start, by_id["KR-P"].target, by_id["KR-P"].current, by_id["KR-P"].unit) == (40, 55, 47, "%")
    assert (by_id["KR-C"].start, by_id["KR-C"].target, by_id["KR-C"].current) == (3, 1, 1.2)
    assert [(c.key_result, c.value) for c in p.checkins] == [("KR-P", 42), ("KR-P", 44), ("KR-P", 45), ("KR-C", 1.5)]
    warned = [(w.code, f"{w.sheet}!{w.column}{w.row}") for w in p.warnings if w.code == "fraction_of_percent"]
    assert warned == [("fraction_of_percent", "Key Results!G2"), ("fraction_of_percent", "Check-ins!C2")]
    first = next(w for w in p.warnings if w.code == "fraction_of_percent")
    assert first.message == ("0.47 read as 47%: the key result runs from 40% to 55%, and Excel stores 47% as 0.47 "
                             "in a cell without the percent format.")


def test_check_in_errors_name_their_cells(make_workbook):
    checkins = [["key result", "date", "value"],
                ["KR-S-1", "gisteren", 3], ["KR-S-1", dt.datetime(2026, 1, 8), "veel"], ["KR-S-1", None, 4],
                ["KR-S-1", 12, 5], ["KR-CS-2", dt.datetime(2026, 1, 8), "misschien"], [None, dt.datetime(2026, 1, 8), 1]]
    p = workbook.read(make_workbook(canonical_sheets(extra={"Check-ins": checkins})))
    assert [(e.code, e.cell) for e in p.errors] == [
        ("date", "Check-ins!B2"), ("number", "Check-ins!C3"), ("required", "Check-ins!B4"), ("date", "Check-ins!B5"),
        ("done", "Check-ins!C6"), ("required", "Check-ins!A7")]


@pytest.mark.parametrize("others, read", [
    (["12,5", "1.234,5"], 1.25),  # the workbook writes decimal commas: 1,250 is one and a quarter
    (["12.50", "1,234.5"], 1250.0),  # decimal points: the comma groups thousands
])
def test_an_ambiguous_number_reads_as_the_workbook_writes_numbers(make_workbook, others, read):
    krs = [["KR-1", "O-SALES-1", "Conversie", None, "0", "1,250", None, None, None, None, None, None],
           ["KR-2", "O-SALES-1", "Omzet", None, "0", others[0], others[1], None, None, None, None, None]]
    p = workbook.read(make_workbook(canonical_sheets(key_results=krs)))
    assert p.ok and krs_by_id(p)["KR-1"].target == read
    assert not [w for w in p.warnings if w.code == "ambiguous_number"]


def test_an_ambiguous_number_in_a_workbook_without_other_clues_is_a_warning_with_its_cell(make_workbook):
    krs = [["KR-1", "O-SALES-1", "Conversie", None, 0, "1,250", 1, None, None, None, None, None]]
    p = workbook.read(make_workbook(canonical_sheets(key_results=krs)))
    assert p.ok and krs_by_id(p)["KR-1"].target == 1250.0
    (w,) = p.warnings
    assert (w.code, w.cell, w.severity) == ("ambiguous_number", "Key Results!F2", "warning")
    assert w.message == "'1,250' could be a thousands separator or a decimal comma; read as 1250."


def test_a_number_too_large_to_hold_is_refused_with_its_cell(make_workbook):
    krs = [["KR-1", "O-SALES-1", "Groei", None, 0, 10, "1" + "0" * 400, None, None, None, None, None]]
    p = workbook.read(make_workbook(canonical_sheets(key_results=krs)))
    (e,) = p.errors
    assert (e.code, e.cell) == ("number_too_large", "Key Results!G2")
    assert e.message == f"'1{'0' * 38}…' is too large a number."


def test_an_excel_error_cell_is_an_error_on_that_cell(tmp_path):
    import openpyxl

    path = write_xlsx(tmp_path / "err.xlsx", canonical_sheets())
    wb = openpyxl.load_workbook(path)
    wb["Key Results"]["G2"] = "#DIV/0!"  # written as an error cell (t="e")
    wb.save(path)
    p = workbook.read(path)
    assert [(e.code, e.cell, e.message) for e in p.errors] == [
        ("cell_error", "Key Results!G2", "The cell shows the Excel error #DIV/0!.")]


def test_an_escape_character_never_reaches_a_name(tmp_path):
    from tests.conftest import package_xlsx

    def row(r, values):
        return f'<row r="{r}">' + "".join(f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                                          for i, v in enumerate(values)) + "</row>"

    objectives = row(1, ["id", "objective", "team", "quarter"]) + row(2, ["O-1", "Groei", "Sales_x001B_[2J", "2026-Q1"])
    krs = row(1, ["id", "objective", "key result", "target"]) + row(2, ["KR-1", "O-1", "Leads_x0007_", "15"])
    p = workbook.read(package_xlsx({"Objectives": objectives, "Key Results": krs}))
    assert p.ok, [str(e) for e in p.errors]
    assert (p.objectives[0].team, p.key_results[0].title) == ("Sales[2J", "Leads")


def test_confidence_and_grade_columns(make_workbook):
    header = KR_HEADER + ["vertrouwen", "cijfer"]
    rows = [list(r) + extra for r, extra in zip(SPEC_KEY_RESULTS, (
        [7, 0.8], ["70%", 7], [None, "80%"], [0.5, None], [80, 10], ["veel", 11]))]
    path = make_workbook(canonical_sheets(extra={"Key Results": [header, *rows]}), percent={"Key Results": ["M5"]})
    p = workbook.read(path)
    assert [(e.code, e.cell) for e in p.errors] == [("confidence", "Key Results!M7"), ("grade", "Key Results!N7")]
    k = krs_by_id(p)
    assert [(k[i].confidence, k[i].grade) for i in ("KR-S-1", "KR-S-2", "KR-S-3", "KR-CS-1", "KR-CS-2")] == [
        (0.7, 0.8), (0.7, 0.7), (None, 0.8), (0.5, None), (0.8, 1.0)]


# ------------------------------------------------------------------ the definitions read while the check-ins load


def _checkins(rows=300, value=lambda i: i % 15):
    """A check-in sheet larger than the others, so it is the one calamine reads last."""
    return [["key result", "date", "value"]] + [
        ["KR-S-1", dt.datetime(2026, 1, 5) + dt.timedelta(days=i % 60), value(i)] for i in range(rows)]


def _as_read_plainly(path, lang="en"):
    from okr import xlsx
    return workbook.interpret(xlsx.read_workbook(path), lang)


def _same(a, b):
    assert (a.objectives, a.key_results, a.teams, a.layout, a.columns) == \
        (b.objectives, b.key_results, b.teams, b.layout, b.columns)
    assert list(a.checkins) == list(b.checkins)
    assert [p.as_dict() for p in a.errors] == [p.as_dict() for p in b.errors]
    assert [p.as_dict() for p in a.warnings] == [p.as_dict() for p in b.warnings]


def test_the_definitions_are_read_and_coached_while_the_check_ins_load(make_workbook):
    teams = [["team", "parent team"], ["Company", None], ["Sales", "Company"], ["Customer Success", "Company"],
             ["Product", "Company"]]
    path = make_workbook(canonical_sheets(extra={"Check-ins": _checkins(), "Teams": teams, "Pivot": [["x"], [1]]}))
    seen = []
    parsed, coached = workbook.read_alongside(path, alongside=lambda p: seen.append(
        (len(p.objectives), len(p.key_results), len(p.teams), len(p.checkins))) or "coached")
    # it ran on every objective, key result and team, before any check-in was read
    assert seen == [(4, 6, 4, 0)] and coached == "coached"
    assert len(parsed.checkins) == 300
    _same(parsed, _as_read_plainly(path))
    assert [w.code for w in parsed.warnings] == ["sheet_ignored"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_workbook_with_errors_everywhere_reads_the_same_either_way(make_workbook, lang):
    sheets = broken_sheets()
    sheets["Check-ins"] = _checkins(value=lambda i: "veel" if i % 50 == 0 else i)
    path = make_workbook(sheets)
    parsed, _ = workbook.read_alongside(path, lang, alongside=lambda p: None)
    assert "number" in [e.code for e in parsed.errors]
    _same(parsed, _as_read_plainly(path, lang))


def test_the_early_part_is_read_again_when_the_check_ins_show_the_decimal_separator(make_workbook):
    # only the check-ins write numbers as text ('7,5'): the key result's '1,250' is one and a quarter
    krs = [["KR-S-1", "O-SALES-1", "Conversie", None, 0, "1,250", None, None, None, None, None, None]]
    path = make_workbook(canonical_sheets(key_results=krs,
                                          extra={"Check-ins": _checkins(value=lambda i: f"{i % 9},5")}))
    parsed, coached = workbook.read_alongside(path, alongside=lambda p: "early")
    assert coached is None  # read before the check-ins were in: thrown away
    assert parsed.ok and parsed.key_results[0].target == 1.25
    assert not [w for w in parsed.warnings if w.code == "ambiguous_number"]
    _same(parsed, _as_read_plainly(path))


def test_the_early_part_is_read_again_when_the_largest_sheet_holds_key_results_too(make_workbook):
    more = [KR_HEADER] + [[f"KR-X-{i}", "O-SALES-1", f"Resultaat {i}", "Eva", 0, 10, i % 10, None, None, None,
                           None, None] for i in range(300)]
    path = make_workbook(canonical_sheets(extra={"Meer kernresultaten": more}))
    parsed, coached = workbook.read_alongside(path, alongside=lambda p: "early")
    assert coached is None
    assert len(parsed.key_results) == 306
    _same(parsed, _as_read_plainly(path))


def test_what_the_coach_raises_is_not_called_a_damaged_file(make_workbook):
    path = make_workbook(canonical_sheets(extra={"Check-ins": _checkins()}))

    def coach(parsed):
        raise KeyError("a bug of ours")

    with pytest.raises(KeyError, match="a bug of ours"):
        workbook.read_alongside(path, alongside=coach)


def test_a_row_of_only_spaces_is_not_a_key_result(make_workbook):
    """Spaces, a tab or a line break left in cells below the table: no row, no 'required' errors."""
    krs = [list(r) for r in SPEC_KEY_RESULTS] + [["  ", " ", "\t", None, None, None, None, None, None, None, "\n", None]]
    p = workbook.read(make_workbook(canonical_sheets(key_results=krs)))
    assert p.ok, [str(e) for e in p.errors]
    assert len(p.key_results) == len(SPEC_KEY_RESULTS)


def test_a_key_result_sheet_of_formatted_empty_rows_has_no_key_results(make_workbook):
    """A template: the header, and empty cells below it already formatted as percent."""
    path = make_workbook(canonical_sheets(key_results=[]), percent={"Key Results": ["F2", "F3", "G3", "F9"]})
    p = workbook.read(path)
    assert [e.code for e in p.errors] == ["no_key_results"]


@pytest.mark.parametrize("path", sorted(SAMPLE_DIR.glob("*.xlsx")), ids=lambda p: p.name)
def test_every_sample_workbook_reads_the_same_either_way(path):
    parsed, _ = workbook.read_alongside(path, alongside=lambda p: None)
    _same(parsed, _as_read_plainly(path))


@pytest.mark.parametrize("largest", ["hidden archive", "notes", "pivot"])
def test_an_ignored_largest_sheet_keeps_the_early_part(make_workbook, largest):
    """The largest sheet is no OKR sheet: the roles of the others stand, so what was read early is kept."""
    import openpyxl

    extra = {"hidden archive": ("Archief Q4", [KR_HEADER] + [list(r) for r in SPEC_KEY_RESULTS] * 60),
             "notes": ("Notes", [["aantekening"]] + [[f"regel {i}"] for i in range(500)]),
             "pivot": ("Pivot", [["Team", "Objective", "Aantal"]] + [["Sales", "x", i] for i in range(500)])}[largest]
    path = make_workbook(canonical_sheets(extra=dict([extra])))
    if largest == "hidden archive":
        wb = openpyxl.load_workbook(path)
        wb[extra[0]].sheet_state = "hidden"
        wb.save(path)
    parsed, coached = workbook.read_alongside(path, alongside=lambda p: "early")
    assert coached == "early"
    assert parsed.ok and [w.code for w in parsed.warnings] == ["sheet_hidden" if largest == "hidden archive"
                                                               else "sheet_ignored"]
    _same(parsed, _as_read_plainly(path))
