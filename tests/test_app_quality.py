"""The Quality page (AppTest) on a real DuckDB file built from fixture workbooks."""

from __future__ import annotations

import datetime as dt

import pytest

from okr import ui
from tests.conftest import SPEC_KEY_RESULTS, SPEC_OBJECTIVES, build_db, canonical_sheets, run_page, xlsx_bytes

PAGE = "pages/4_Quality.py"
TEAMS = [["team", "parent team", "lead"], ["Company", None, "Anna"], ["Sales", "Company", "Bram"],
         ["Customer Success", "Company", "Cees"], ["Product", "Company", "Dana"]]


def _kr(id_, obj, title, owner="Bram", start=0, target=10, kind=None, current=3):
    return [id_, obj, title, owner, start, target, current, None, kind, None, None, None]


def workbook_with_findings() -> bytes:
    objectives = SPEC_OBJECTIVES + [
        ["O-SALES-2", "Eigen feestje", "Sales", "2026-Q1", "Bram", None, None],  # unaligned
        ["O-CO-9", "Volgend kwartaal", "Company", "2026-Q2", "Anna", None, None],
    ]
    key_results = SPEC_KEY_RESULTS + [
        _kr("KR-S-9", "O-SALES-2", "**Launch** the [new site](http://x)", kind="milestone", target=None,
            current=None),
        _kr("KR-Q2-1", "O-CO-9", "NPS van 30 naar 50", owner=None),
    ]
    return xlsx_bytes(canonical_sheets(objectives, key_results, {"Teams": TEAMS}))


@pytest.fixture(scope="module")
def quality_db(tmp_path_factory):
    """The SPEC example plus findings, read only."""
    return build_db(tmp_path_factory.mktemp("quality") / "quality.duckdb",
                    (workbook_with_findings(), "okr.xlsx", dt.date(2026, 2, 15)))


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_quality_page_shows_findings_per_team_with_why_and_fix(quality_db, serve):
    serve(quality_db)
    at = run_page(PAGE, lang="en", quarter="2026-Q1")
    assert not at.exception
    assert at.title[0].value == "Quality"
    # health per team: Sales has 3 objectives+KRs of 6 flagged
    table = at.dataframe[0].value
    sales = table[table["Team"] == "Sales"].iloc[0]
    assert sales["Objectives OK"] == "1/2" and sales["Key results OK"] == "3/4"
    assert sales["Health %"] == round(4 / 6 * 100)
    assert table.iloc[0]["Team"] == "Sales"  # worst first
    labels = [e.label for e in at.expander]
    assert len(labels) == 1 and labels[0].startswith("Sales")
    text = markdown(at)
    assert "Key results are outcomes, not activities" in text
    assert "Objectives cascade from a parent objective" in text
    assert "Why it matters" in text and "How to fix it" in text
    assert "what result should this produce" in text
    # workbook text is escaped, never rendered as Markdown
    assert "\\*\\*Launch\\*\\* the \\[new site\\]\\(http\\:" in text
    # the other quarter's finding (KR-Q2-1 without owner) is not in Q1
    assert "KR\\-Q2\\-1" not in text


def test_quality_page_in_dutch_and_other_quarter(quality_db, serve):
    serve(quality_db)
    at = run_page(PAGE, lang="nl", quarter="2026-Q1")
    assert not at.exception
    assert at.title[0].value == "Kwaliteit"
    assert "Key results zijn resultaten, geen activiteiten" in markdown(at)
    at.selectbox(key=ui.QUARTER_WIDGET).select("2026-Q2").run()
    assert not at.exception
    text = markdown(at)
    assert "Elk key result heeft één eigenaar" in text and "KR\\-Q2\\-1" in text
    assert "activiteit" not in text


def test_rule_filter(quality_db, serve):
    serve(quality_db)
    at = run_page(PAGE, lang="en", quarter="2026-Q1")
    assert not at.exception
    at.multiselect(key="quality-rules").set_value(["unaligned"]).run()
    text = markdown(at)
    assert "Objectives cascade" in text and "outcomes, not activities" not in text


def test_quality_page_on_an_empty_database(serve):
    at = run_page(PAGE, lang="en", quarter="2026-Q1")
    assert not at.exception
    assert at.info and "No workbook yet" in at.info[0].value


def test_clean_workbook_says_so(app_db):
    at = run_page(PAGE, lang="en", quarter="2026-Q1")
    assert not at.exception
    assert at.success and "No findings in 2026-Q1" in at.success[0].value
    assert at.metric[0].value == "100%"
