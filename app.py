"""Overview: where does the quarter stand, what changed, who lags?"""

import streamlit as st

from okr import charts, forecast, formatting, ui, views

TEAM_PAGE = "pages/1_Team.py"
RANKING_KEY = "overview_team_ranking"

page = ui.setup("ui.overview.title")
MEETING_PAGE = "pages/5_Meeting.py"
if page.present:  # the shared screen shows the meeting, one screen at a time
    st.switch_page(MEETING_PAGE, query_params=page.params(slide=st.query_params.get("slide")))


def _on_team_click() -> None:
    """A click on a team's bar: remember the team, open it after the chart rendered."""
    event = st.session_state.get(RANKING_KEY) or {}
    picked = (event.get("selection") or {}).get(charts.TEAM_SELECTION) or []
    if picked and picked[0].get("team"):
        st.session_state["_okr_open_team"] = picked[0]["team"]


def _open_team(team: str, quarter: str) -> None:
    st.switch_page(TEAM_PAGE, query_params=page.params(team=team, quarter=quarter))


CHANGES_PER_ROW = 4


def since_last_upload(card) -> None:
    st.subheader(page.t("ui.changes.title"))
    ch = ui.changes_since_last(page, card)
    if not ch.has_previous:
        st.info(page.t("ui.changes.none_before"))
        return
    st.caption(page.t("ui.changes.between", before=formatting.date(ch.before_as_of, page.lang),
                       after=formatting.date(ch.after_as_of, page.lang)))
    groups = views.change_groups(ch)
    for row in range(0, len(groups), CHANGES_PER_ROW):  # eight in one row cut their labels off
        cols = st.columns(CHANGES_PER_ROW)
        for col, (name, items) in zip(cols, groups[row:row + CHANGES_PER_ROW]):
            col.metric(page.t(f"ui.changes.{name}"), len(items))
    tabs = st.tabs([f"{page.t(f'ui.changes.{name}')} ({len(items)})" for name, items in groups])
    for tab, (name, items) in zip(tabs, groups):
        with tab:
            if not items:
                st.caption(page.t("ui.changes.empty"))
            else:
                st.dataframe(views.change_rows(name, items, page.lang), hide_index=True, width="stretch")


def team_health(card) -> None:
    """OKR health per team (the method's checks, from okr.quality via the Quality page)."""
    health = ui.team_health(page, card.quarter)
    if not health:  # okr.quality not available, or nothing to judge
        return
    with st.expander(page.t("ui.overview.health"), expanded=False):
        st.caption(page.t("ui.overview.health_help"))
        st.dataframe(
            [{page.t("ui.col.team"): team, page.t("ui.overview.health_col"): None if share is None
              else round(share * 100), page.t("ui.overview.findings_col"): n} for team, share, n in health],
            hide_index=True, width="stretch",
            column_config={page.t("ui.overview.health_col"): st.column_config.ProgressColumn(
                page.t("ui.overview.health_col"), min_value=0, max_value=100, format="%d%%")})
        st.page_link("pages/4_Quality.py", label=page.t("ui.overview.to_quality"), query_params=page.params())


with ui.friendly(page):
    st.title(page.t("ui.overview.title"))
    quarter = ui.quarter_picker(page)
    card = ui.scorecard(page, quarter) if quarter else None
    if card is None:
        ui.empty_state(page)
        st.stop()

    st.caption(page.t("ui.overview.as_of", quarter=card.quarter, as_of=formatting.date(card.as_of, page.lang)))
    c1, c2, c3, c4 = st.columns([2, 2, 2, 3])
    c1.metric(page.t("ui.overview.company_progress"), ui.pct(card.company_progress, page.lang))
    c2.metric(page.t("ui.overview.expected"), ui.pct(card.company_expected, page.lang))
    c3.metric(page.t("ui.overview.company_status"), ui.status_badge(card.company_status, page.lang))
    c4.metric(page.t("forecast.col.forecast"),
              ui.forecast_badge(card.company_forecast_status, card.company_forecast_progress, page.lang))

    counts = card.status_counts()
    cols = st.columns(len(counts) + 1)
    for col, (status, n) in zip(cols, counts.items()):
        col.metric(ui.status_badge(status, page.lang), n)
    # beside where we stand, where we are heading: key results whose trend ends short of the target
    cols[-1].metric(forecast.label("will miss", page.lang), card.forecast_counts()["will miss"],
                    help=page.t("forecast.overview.help"))

    if ui.quarter_finished(page, card.quarter):
        ui.close_section(page, card.quarter)

    st.subheader(page.t("ui.overview.teams"))
    st.caption(page.t("ui.overview.teams_help"))
    if card.teams:
        st.vega_lite_chart(ui.team_ranking_spec(page, card, font=22 if page.present else 18),
                           key=RANKING_KEY, on_select=_on_team_click, selection_mode=charts.TEAM_SELECTION,
                           width="stretch")
        clicked = st.session_state.pop("_okr_open_team", None)
        if clicked:
            _open_team(clicked, card.quarter)
        names = [t.team for t in card.teams]
        pick, go = st.columns([3, 1], vertical_alignment="bottom")
        chosen = pick.selectbox(page.t("ui.overview.pick_team"), names, key="overview_pick_team")
        if go.button(page.t("ui.overview.open_team"), key="overview_open_team", width="stretch"):
            _open_team(chosen, card.quarter)

    team_health(card)
    since_last_upload(card)
