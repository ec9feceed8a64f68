"""The overview page (AppTest) on a real DuckDB built from fixture workbooks
(`app_db`: two snapshots of the SPEC example, tests/conftest.py)."""

from __future__ import annotations

from okr import changes, service
from okr.i18n import status_label
from okr.palette import STATUS_ICONS

from .conftest import run_page


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_numbers_equal_okr_status_json(app_db):
    at = run_page()
    expected = service.scorecard(app_db).to_json()  # what `okr status --json` prints
    m = metrics(at)
    pct = lambda x: f"{x * 100:.0f}%"  # noqa: E731
    assert m["Company progress"] == pct(expected["company"]["progress"])
    assert m["Expected by now"] == pct(expected["expected"])
    assert m["Company status"] == f"{STATUS_ICONS[expected['company']['status']]} " \
                                  f"{status_label(expected['company']['status'])}"
    for status in ("green", "amber", "red", "no update"):
        n = sum(1 for k in expected["key_results"] if k["status"] == status)
        assert m[f"{STATUS_ICONS[status]} {status_label(status)}"] == str(n)
    assert expected["quarter"] in at.caption[0].value and "15 Feb 2026" in at.caption[0].value  # AS_OF, as people read it
    # the quarter picker defaults to the latest snapshot's quarter and lands in the address
    assert at.selectbox(key="_okr_quarter_widget").value == "2026-Q1"
    assert at.query_params["quarter"] == ["2026-Q1"] or at.query_params["quarter"] == "2026-Q1"


def test_ranking_chart_and_open_team_fallback(app_db):
    at = run_page()
    card = service.scorecard(app_db)
    pick = at.selectbox(key="overview_pick_team")
    assert pick.options == [t.team for t in card.teams]  # furthest behind first
    pick.set_value("Customer Success")
    at.button(key="overview_open_team").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Customer Success"]
    assert at.query_params["team"] in ("Customer Success", ["Customer Success"])


def test_since_last_upload_panel_matches_changes(app_db):
    at = run_page()
    before = service.scorecard(app_db, app_db.previous(app_db.latest().id).id, "2026-Q1")
    ch = changes.compare(before, service.scorecard(app_db))
    m = metrics(at)
    assert m["Newly red"] == str(len(ch.newly_red)) == "1"
    assert m["Reported better than numbers"] == str(len(ch.mismatches))
    assert m["Values moved"] == str(len(ch.moved)) == "1"
    assert m["Not updated"] == str(len(ch.not_updated))
    newly_red_table = at.tabs[0].dataframe[0].value
    assert list(newly_red_table["Key result"]) == ["15 Sales Qualified Leads (SQL's) gerealiseerd in Q1"]


def test_dutch_and_presentation_mode(app_db):
    at = run_page(lang="nl", present="1")
    assert at.title[0].value == "Overzicht"
    assert "Voortgang bedrijf" in metrics(at)
    assert at.toggle(key="_okr_present_widget").value is True
    exit_button = at.button(key="_okr_present_exit")
    exit_button.click().run()
    assert at.toggle(key="_okr_present_widget").value is False
    assert "present" not in at.query_params
    # switching the language in the sidebar is remembered in ?lang=
    at.sidebar.radio(key="_okr_lang_widget").set_value("en").run()
    assert at.title[0].value == "Overview"
    assert at.query_params["lang"] in ("en", ["en"])


def test_empty_database_says_what_to_do(serve):
    at = run_page()
    assert "No workbook yet" in at.info[0].value
    assert not at.metric


def test_team_health_from_the_quality_module(app_db):
    from okr import quality

    report = quality.snapshot_report(app_db, quarter="2026-Q1")
    at = run_page()
    table = next(df.value for df in at.dataframe if "Health %" in df.value.columns)
    assert list(table["Team"]) == [h.team for h in report.health]
    assert list(table["Findings"]) == [h.findings for h in report.health]


def test_overview_counts_will_miss_and_lists_stale_key_results(sample_db, serve):
    """The sample organisation (five weekly uploads with check-ins): the forecast
    beside the status counts, stale key results and confidence drops since the last upload."""
    from okr import forecast
    from okr.store import Store

    serve(sample_db)
    at = run_page()
    store = Store.open(sample_db)
    card = service.scorecard(store)
    ch = changes.compare(service.scorecard(store, store.previous(card.snapshot_id, card.quarter).id, card.quarter),
                         card)
    m = metrics(at)
    will_miss = card.forecast_counts()["will miss"]
    assert will_miss > 0 and m["✗ will miss"] == str(will_miss)
    assert m["Forecast (end of quarter)"] == (f"{forecast.label(card.company_forecast_status)} · "
                                              f"{card.company_forecast_progress * 100:.0f}%")
    assert m["Stale"] == str(len(card.stale)) and card.stale
    assert m["Confidence dropped"] == str(len(ch.confidence_drops)) == "3"
    stale_tab = next(tab for tab in at.tabs if tab.label.startswith("Stale ("))
    table = stale_tab.dataframe[0].value
    assert set(table["Key result"]) == {k.title for k in card.stale}
    assert all(status.endswith(" · ◷ stale") for status in table["Status"])  # a marker, never a colour
    # the marker also where the status shows in the other lists
    not_updated = next(tab for tab in at.tabs if tab.label.startswith("Not updated (")).dataframe[0].value
    stale_titles = {k.title for k in card.stale}
    assert all(s.endswith("◷ stale") == (title in stale_titles)
               for title, s in zip(not_updated["Key result"], not_updated["Status"]))
    nl = metrics(run_page(lang="nl"))
    assert nl["✗ haalt het niet"] == str(will_miss) and nl["Staat stil"] == str(len(card.stale))
