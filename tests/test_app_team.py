"""The team page (AppTest): ?team= deep links show that team's objectives and key results."""

from __future__ import annotations

from okr import service

from .conftest import run_page


def test_team_deep_link_shows_its_key_results(app_db):
    at = run_page("pages/1_Team.py", team="Sales", quarter="2026-Q1")
    assert [t.value for t in at.title] == ["Sales"]
    card = service.scorecard(app_db)
    sales_objs = [o for o in card.objectives if o.team == "Sales"]
    expected_titles = [k.title for o in sales_objs for k in card.key_results if k.objective == o.id]
    shown = [title for df in at.dataframe for title in df.value["Key result"]]
    assert shown == expected_titles and len(shown) == 3
    table = at.dataframe[0].value.set_index("Key result")
    s1 = table.loc["15 Sales Qualified Leads (SQL's) gerealiseerd in Q1"]
    kr = next(k for k in card.key_results if k.id == "KR-S-1")
    assert s1["Progress %"] == round(kr.progress * 100)
    assert s1["Owner"] == "Bram" and s1["Current"] == "2" and s1["Target"] == "15" and s1["Unit"] == "SQL"
    assert s1["Change since last upload"] == "-7"  # 9 -> 2 between the two snapshots
    assert s1["Status"] == "■ red" and s1["Owner reports"] == "● green"
    assert s1["Owner's comment"] == "Goed op weg"
    # one trend chart per KR, and no other team's KRs
    assert "Churn teruggebracht van 8% naar 5%" not in shown
    metrics = {m.label: m.value for m in at.metric}
    team = next(t for t in card.teams if t.team == "Sales")
    assert metrics["Team progress"] == f"{team.progress * 100:.0f}%"


def test_team_switch_and_dutch(app_db):
    at = run_page("pages/1_Team.py", team="Customer Success", lang="nl")
    assert [t.value for t in at.title] == ["Customer Success"]
    assert "Voortgang team" in {m.label for m in at.metric}
    shown = [title for df in at.dataframe for title in df.value["Kernresultaat"]]
    assert shown == ["Churn teruggebracht van 8% naar 5%", "Klanttevredenheidsonderzoek verstuurd"]


def test_unknown_team_gets_a_clear_message(app_db):
    at = run_page("pages/1_Team.py", team="*Nope*")
    assert "There is no team “\\*Nope\\*” in 2026-Q1" in at.warning[0].value  # escaped: workbook/URL text is data
    assert not at.dataframe
    at.selectbox(key="team_pick_*Nope*").set_value("Sales").run()
    assert [t.value for t in at.title] == ["Sales"]


def test_team_page_offers_its_key_results_as_excel_and_csv(app_db):
    at = run_page("pages/1_Team.py", team="Sales", quarter="2026-Q1")
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels == ["Download as Excel", "Download as CSV"]


def test_team_page_shows_forecast_stale_marker_and_confidence(sample_db, serve):
    """Customer Success in the sample organisation: its key results will miss, one stands still."""
    import json

    from okr import forecast
    from okr.store import Store

    serve(sample_db)
    at = run_page("pages/1_Team.py", team="Customer Success")
    card = service.scorecard(Store.open(sample_db))
    cs = {o.id for o in card.objectives if o.team == "Customer Success"}
    krs = {k.title: k for k in card.key_results if k.objective in cs}
    rows = [row for df in at.dataframe for _, row in df.value.iterrows()]
    assert len(rows) == 5
    for row in rows:
        kr = krs[row["Key result"]]
        assert row["Forecast (end of quarter)"] == forecast.describe(kr, "en")
        assert row["Status"].endswith("◷ stale") == bool(kr.stale)
        assert row["Owner's confidence"] == forecast.confidence_text(kr, "en")
    assert any(kr.stale for kr in krs.values()) and all(kr.forecast_status == "will miss" for kr in krs.values())
    # the trend's caption says where it lands; the chart continues dotted to the quarter's end
    captions = [c.value for c in at.caption]
    for kr in krs.values():
        assert any(f"lands at {kr.forecast_progress_raw * 100:.0f}%" in c for c in captions), kr.id
    specs = [json.loads(e.proto.spec) for e in at.get("vega_lite_chart")]
    assert len(specs) == 5
    assert all(any(layer["mark"].get("strokeDash") == [2, 4] for layer in s["layer"]) for s in specs)
    metrics = {m.label: m.value for m in at.metric}
    team = next(t for t in card.teams if t.team == "Customer Success")
    assert metrics["Forecast (end of quarter)"] == f"✗ will miss · {team.forecast_progress * 100:.0f}%"
    nl = run_page("pages/1_Team.py", team="Customer Success", lang="nl")
    assert any("landt op" in c.value for c in nl.caption)
    assert "Prognose (einde kwartaal)" in nl.dataframe[0].value.columns
