"""Overview: where does the quarter stand, what changed, who lags?"""

import streamlit as st

from okr import charts, forecast, formatting, ui

TEAM_PAGE = "pages/1_Team.py"
RANKING_KEY = "overview_team_ranking"

page = ui.setup("ui.overview.title")


def _on_team_click() -> None:
    """A click on a team's bar: remember the team, open it after the chart rendered."""
    event = st.session_state.get(RANKING_KEY) or {}
    picked = (event.get("selection") or {}).get(charts.TEAM_SELECTION) or []
    if picked and picked[0].get("team"):
        st.session_state["_okr_open_team"] = picked[0]["team"]


def _open_team(team: str, quarter: str) -> None:
    st.switch_page(TEAM_PAGE, query_params=page.params(team=team, quarter=quarter))


def _kr_table(items, with_before: bool = True) -> None:
    rows = []
    for k in items:
        row = {
            page.t("ui.col.team"): k.team,
            page.t("ui.col.kr"): k.title,
            page.t("ui.col.owner"): k.owner,
            page.t("ui.col.status"): ui.kr_status(k, page.lang),
        }
        if with_before:
            row[page.t("ui.col.before")] = ui.status_badge(k.before_status, page.lang) if k.before_status else ""
            row[page.t("ui.col.progress_change")] = (
                "" if k.progress_delta is None else formatting.points(k.progress_delta, page.lang))
        rows.append(row)
    st.dataframe(rows, hide_index=True, width="stretch")


def since_last_upload(card) -> None:
    st.subheader(page.t("ui.changes.title"))
    ch = ui.changes_since_last(page, card)
    if not ch.has_previous:
        st.info(page.t("ui.changes.none_before"))
        return
    st.caption(page.t("ui.changes.between", before=formatting.date(ch.before_as_of, page.lang),
                       after=formatting.date(ch.after_as_of, page.lang)))
    groups = [
        ("newly_red", ch.newly_red, True),
        ("improved", ch.improved, True),
        ("not_updated", ch.not_updated, False),
        ("mismatches", ch.mismatches, False),
        ("moved_goalposts", ch.moved_goalposts, False),
        ("moved", ch.moved, True),
        ("stale", ch.stale, False),
        ("confidence_drops", ch.confidence_drops, False),
    ]
    cols = st.columns(len(groups))
    for col, (name, items, _) in zip(cols, groups):
        col.metric(page.t(f"ui.changes.{name}"), len(items))
    tabs = st.tabs([f"{page.t(f'ui.changes.{name}')} ({len(items)})" for name, items, _ in groups])
    for tab, (name, items, with_before) in zip(tabs, groups):
        with tab:
            if not items:
                st.caption(page.t("ui.changes.empty"))
            elif name == "mismatches":
                st.dataframe([{page.t("ui.col.team"): k.team, page.t("ui.col.kr"): k.title,
                               page.t("ui.col.owner"): k.owner,
                               page.t("ui.col.reported"): ui.status_badge(k.reported_status, page.lang),
                               page.t("ui.col.status"): ui.status_badge(k.status, page.lang)} for k in items],
                             hide_index=True, width="stretch")
            elif name == "moved_goalposts":
                st.dataframe([{page.t("ui.col.team"): k.team, page.t("ui.col.kr"): k.title,
                               page.t("ui.col.owner"): k.owner,
                               page.t("ui.col.start"): f"{ui.num(k.before_start, page.lang)} → {ui.num(k.start, page.lang)}",
                               page.t("ui.col.target"): f"{ui.num(k.before_target, page.lang)} → {ui.num(k.target, page.lang)}",
                               page.t("ui.col.unit"): k.unit} for k in items],
                             hide_index=True, width="stretch")
            elif name == "stale":
                st.dataframe([{page.t("ui.col.team"): k.team, page.t("ui.col.kr"): k.title,
                               page.t("ui.col.owner"): k.owner,
                               page.t("ui.col.status"): ui.kr_status(k, page.lang),
                               page.t("forecast.col.last_change"): formatting.date(k.last_change, page.lang)}
                              for k in items], hide_index=True, width="stretch")
            elif name == "confidence_drops":
                st.dataframe([{page.t("ui.col.team"): k.team, page.t("ui.col.kr"): k.title,
                               page.t("ui.col.owner"): k.owner,
                               page.t("ui.col.status"): ui.kr_status(k, page.lang),
                               page.t("forecast.col.confidence"): forecast.confidence_text(k, page.lang)}
                              for k in items], hide_index=True, width="stretch")
            else:
                _kr_table(items, with_before)


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
    c2.metric(page.t("ui.overview.expected"), ui.pct(card.expected, page.lang))
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

    st.subheader(page.t("ui.overview.teams"))
    st.caption(page.t("ui.overview.teams_help"))
    if card.teams:
        st.altair_chart(charts.team_ranking(card, page.lang, font=22 if page.present else 18),
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
