"""The overview page (AppTest) on a real DuckDB built from fixture workbooks
(`app_db`: two snapshots of the method's example, tests/conftest.py)."""

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


def html_text(at) -> str:
    return " ".join(el.proto.body for el in at.get("html"))


def test_dutch_and_presentation_mode(app_db):
    at = run_page(lang="nl")
    assert at.title[0].value == "Overzicht" and "Voortgang bedrijf" in metrics(at)
    # presentation mode is the meeting, one screen at a time
    at = run_page(lang="nl", present="1")
    assert "Scherm 1 van" in html_text(at) and "Voortgang bedrijf" in html_text(at)
    assert at.toggle(key="_okr_present_widget").value is True
    exit_button = at.button(key="_okr_present_exit")
    exit_button.click().run()
    assert at.toggle(key="_okr_present_widget").value is False
    assert "present" not in at.query_params
    # switching the language in the sidebar is remembered in ?lang=
    at.sidebar.radio(key="_okr_lang_widget").set_value("en").run()
    assert "Screen 1 of" in html_text(at)
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


# --- the quarter close (okr/ui/close.py) -------------------------------------------------


def test_close_section_on_a_finished_quarter(close_db, serve):
    from okr import close
    from okr.store import Store

    serve(close_db)
    at = run_page()  # today's quarter is not in it: the most recent, 2026-Q2, which has ended
    qc = close.quarter_close(Store.open(close_db), "2026-Q2")
    assert [h.value for h in at.header] == ["Quarter close 2026-Q2"]
    m = metrics(at)
    assert m["Company grade"] == "0.46"
    assert (m["Key results missed"], m["Key results partly achieved"], m["Key results achieved"]) == ("5", "1", "4")
    tables = [df.value for df in at.dataframe]
    per_team = next(df for df in tables if "Band" in df.columns and "Key result" not in df.columns)
    assert list(per_team["Team"]) == ["Support", "Marketing", "Company", "Sales", "Finance"]
    assert list(per_team["missed"]) == [tg.bands["missed"] for tg in qc.teams]
    missed = next(df for df in tables if "Key result" in df.columns)  # the first KR table: committed missed
    assert list(missed["Key result"]) == ["Partner programme live", "Answer 10 tickets an hour", "10 partner deals"]
    assert list(missed["Grade"]) == ["0.00", "0.00", "0.50 (numbers: 0.20)"]  # the owner's first, ours beside it
    assert any(i.value == "Finance: every key result reached 1.0 or more. Were the targets set too low?"
               for i in at.info)
    md = "\n".join(x.value for x in at.markdown)
    assert "Key results never updated this quarter (1)" in md
    assert all(q in md for q in ("What went well?", "What did not go well?", "What do we change next quarter?"))
    button = at.get("download_button")[0]
    assert button.label == "Download the workbook for 2026-Q3" and "7 unfinished" in button.help
    history = next(df for df in tables if "2026-Q2" in df.columns)
    assert list(history["Team"])[0] == "Company grade" and list(history["2026-Q2"])[0] == "0.46"


def test_no_close_section_while_the_quarter_runs(sample_db, serve):
    serve(sample_db)
    at = run_page()  # 2026-Q4, today's quarter
    assert at.query_params["quarter"] in ("2026-Q4", ["2026-Q4"])
    assert not at.header and "Company grade" not in metrics(at) and not at.get("download_button")
    # the demo's last quarter has ended: its close, with the sample's story
    at = run_page(quarter="2026-Q3")
    assert [h.value for h in at.header] == ["Quarter close 2026-Q3"]
    assert any(i.value.startswith("Finance: every key result reached 1.0") for i in at.info)


def test_close_section_in_dutch(close_db, serve):
    from okr.i18n import t

    from .test_i18n import foreign_texts, visible_texts

    serve(close_db)
    at = run_page(lang="nl")
    assert [h.value for h in at.header] == ["Kwartaalafsluiting 2026-Q2"]
    texts = visible_texts(at)
    joined = "\n".join(texts)
    for key in ("close.ui.distribution", "close.ui.committed_missed", "close.ui.retro", "close.ui.history",
                "close.ui.retro.change"):
        assert t(key, "nl") in joined, key
    assert "0,50 (cijfers: 0,20)" in joined and metrics(at)["Score bedrijf"] == "0,46"
    assert foreign_texts(texts, "nl") == []


def test_on_the_shared_screen_the_close_is_the_meetings_last_screen(close_db, serve):
    """Presentation mode opens the Meeting page; a finished quarter's meeting ends with the close."""
    serve(close_db)
    at = run_page(present="1", quarter="2026-Q2", slide="99")  # past the end: the last screen
    text = html_text(at)
    assert "Closing the quarter" in text and "Partner programme live" in text
    assert not at.dataframe  # text, not a grid


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
