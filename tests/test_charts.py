"""okr.charts: the team ranking and KR trend specs carry the right data, palette and selection."""

from __future__ import annotations

import datetime as dt

from okr import charts, workbook
from okr.palette import STATUS_COLORS, STATUS_ICONS
from okr.scoring import score

from .conftest import AS_OF, canonical_sheets, checkins_on, history_kr, history_workbook, store_history, xlsx_bytes


def _card():
    parsed = workbook.read(xlsx_bytes(canonical_sheets()), lang="en")
    return score(parsed.objectives, parsed.key_results, AS_OF, "2026-Q1", parsed.teams)


def test_team_ranking_data_order_colours_and_selection():
    card = _card()
    spec = charts.team_ranking(card, "en").to_dict()
    rows = spec["data"]["values"] if "data" in spec else spec["layer"][0]["data"]["values"]
    assert [r["team"] for r in rows] == [t.team for t in card.teams]  # furthest behind first
    for row, team in zip(rows, card.teams):
        assert row["progress"] == round((team.progress or 0) * 100, 1)
        assert row["expected"] == round(team.expected * 100, 1)
        assert row["status"] == team.status
        assert row["label"].startswith(STATUS_ICONS[team.status])  # never colour alone
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar"
    scale = bars["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == STATUS_COLORS
    param = spec["params"][0]  # Altair lifts a layer's selection to the top, bound to the bar view
    assert param["name"] == charts.TEAM_SELECTION and param["views"] == [bars["name"]]
    assert param["select"]["fields"] == ["team"]
    assert spec["layer"][1]["mark"]["type"] == "tick" and spec["layer"][1]["encoding"]["x"]["field"] == "expected"
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_team_ranking_labels_follow_language():
    card = _card()
    nl = charts.team_rows(card, "nl")
    en = charts.team_rows(card, "en")
    assert [r["label"] for r in nl if r["team"] == "Product"] == ["○ geen update · 0% / 35%"]  # aspirational: 0.7 x 50%
    assert [r["label"] for r in en if r["team"] == "Product"] == ["○ no update · 0% / 35%"]  # aspirational: 0.7 x 50%
    assert "params" not in charts.team_ranking(card, "en", selectable=False).to_dict()


def test_kr_trend_has_ideal_line_expected_point_and_history():
    card = _card()
    kr = next(k for k in card.key_results if k.id == "KR-S-1")  # 0 -> 15 SQL, 9 now, expected 0.5
    history = [(dt.date(2026, 1, 31), 1, 0.0, 15.0, 5.0), (AS_OF, 2, 0.0, 15.0, 9.0),
               (dt.date(2025, 12, 1), 0, 0.0, 15.0, 1.0)]  # outside the quarter: left out

    class C:  # a CheckIn-shaped record
        def __init__(self, d, v):
            self.date, self.value = d, v

    rows = charts.kr_trend_rows(kr, "2026-Q1", AS_OF, history, [C(dt.date(2026, 1, 15), 3.0), C(None, 1)], "en")
    by = lambda s: [(r["date"], r["value"]) for r in rows if r["series"] == s]  # noqa: E731
    assert by("Ideal line") == [("2026-01-01", 0.0), ("2026-03-31", 15.0)]
    assert by("Expected by now") == [("2026-02-15", 7.5)]
    assert by("Uploads") == [("2026-01-31", 5.0), ("2026-02-15", 9.0)]
    assert by("Check-ins") == [("2026-01-15", 3.0)]
    spec = charts.kr_trend(kr, "2026-Q1", AS_OF, history, [], "nl").to_dict()
    assert {r["series"] for r in spec["data"]["values"]} >= {"Ideale lijn", "Uploads", "Verwacht op dit moment"}
    # a third of the page wide: the plot keeps its height, the legend wraps instead of running off the edge
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert spec["layer"][0]["encoding"]["color"]["legend"]["columns"] == 3


def test_kr_trend_decrease_kr_ideal_line_goes_down():
    card = _card()
    kr = next(k for k in card.key_results if k.id == "KR-CS-1")  # churn 8 -> 5
    rows = charts.kr_trend_rows(kr, "2026-Q1", AS_OF, [], [], "en")
    ideal = [r["value"] for r in rows if r["series"] == "Ideal line"]
    assert ideal == [8.0, 5.0]
    assert [r["value"] for r in rows if r["series"] == "Expected by now"] == [6.5]


def _close(close_db):
    from okr import close
    from okr.store import Store

    store = Store.open(close_db)
    return close.quarter_close(store, "2026-Q2"), close.history(store, today=dt.date(2026, 11, 30))


def test_grade_distribution_counts_bands_in_neutral_colours(close_db):
    qc, _ = _close(close_db)
    spec = charts.grade_distribution(qc, "nl").to_dict()
    rows = spec["data"]["values"]
    counted = {(r["team"], r["band"]): r["key_results"] for r in rows}
    assert counted == {("Support", "gemist"): 1, ("Marketing", "gemist"): 2, ("Marketing", "gehaald"): 1,
                       ("Sales", "gemist"): 2, ("Sales", "deels gehaald"): 1, ("Sales", "gehaald"): 1,
                       ("Finance", "gehaald"): 2}
    assert spec["encoding"]["y"]["sort"] == [tg.team for tg in qc.teams]  # lowest grade first
    colours = spec["encoding"]["color"]["scale"]["range"]
    assert colours == list(charts.BAND_COLORS.values()) and not set(colours) & set(STATUS_COLORS.values())
    # Streamlit stretches the width; the height must stay the bars' own, not be shared
    # with the legend below them (two teams were drawn 3 px high)
    assert spec["height"] >= 44 * len(qc.teams)
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}


def test_row_charts_keep_their_height_for_the_rows(close_db):
    """The ranking and the quarter grid, like the grade bars, fit only the width."""
    _, history = _close(close_db)
    for spec in (charts.quarter_grades(history, "en").to_dict(),
                 charts.team_ranking(_card(), "en").to_dict()):
        assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}


def test_quarter_grades_grid_company_first_and_grades_written(close_db):
    _, history = _close(close_db)
    rows = charts.quarter_grade_rows(history, "nl")
    assert [(r["row"], r["label"]) for r in rows] == [("Score bedrijf", "0,46"), ("Support", "0,00"),
                                                      ("Marketing", "0,25"), ("Company", "0,46"), ("Sales", "0,60"),
                                                      ("Finance", "1,00")]
    assert charts.quarter_grade_order(history, "en")[0] == "Company grade"
    spec = charts.quarter_grades(history, "en").to_dict()
    assert spec["layer"][0]["mark"]["type"] == "rect" and spec["layer"][1]["mark"]["type"] == "text"
    assert not set(spec["layer"][0]["encoding"]["color"]["scale"]["range"]) & set(STATUS_COLORS.values())


def test_kr_trend_continues_dotted_to_the_quarters_end_with_where_it_lands(store):
    from okr import service

    store_history(store, history_workbook([history_kr("K", current=42), history_kr("FEW", current=5)],
                                          checkins_on("K", {0: 0, 14: 14, 28: 28})))
    card = service.scorecard(store)
    kr = next(k for k in card.key_results if k.id == "K")  # one a day from 0: 42 now, 89 on 31 March
    rows = charts.kr_trend_rows(kr, card.quarter, card.as_of, [], [], "en")
    ahead = [r for r in rows if r["series"] == "Forecast"]
    assert [(r["date"], round(r["value"], 6)) for r in ahead] == [("2026-02-12", 42.0), ("2026-03-31", 89.0)]
    assert ahead[-1]["label"] == "lands at 89%"
    spec = charts.kr_trend(kr, card.quarter, card.as_of, [], [], "nl").to_dict()
    dotted = [layer for layer in spec["layer"] if layer["mark"].get("strokeDash") == [2, 4]]
    assert len(dotted) == 1 and "Prognose" in dotted[0]["encoding"]["color"]["scale"]["domain"]
    assert any(r.get("label") == "landt op 89%" for r in spec["data"]["values"])
    # the forecast's colour is none of the statuses'
    assert charts.FORECAST_COLOR not in STATUS_COLORS.values()
    # too little history: no forecast line, and no legend entry for one
    few = next(k for k in card.key_results if k.id == "FEW")
    spec = charts.kr_trend(few, card.quarter, card.as_of, [], [], "en").to_dict()
    assert not any(r["series"] == "Forecast" for r in spec["data"]["values"])
    assert "Forecast" not in spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
