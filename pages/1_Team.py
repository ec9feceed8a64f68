"""Team: why does this team lag? Deep-linkable: ?team=Sales&quarter=2026-Q4"""

import streamlit as st

from okr import forecast, formatting, ui, views

page = ui.setup("ui.team.title")

with ui.friendly(page):
    st.page_link("app.py", label=page.t("ui.team.back"), icon="⬅️",
                 query_params=page.params())
    quarter = ui.quarter_picker(page)
    card = ui.scorecard(page, quarter) if quarter else None
    if card is None:
        st.title(page.t("ui.team.title"))
        ui.empty_state(page)
        st.stop()

    names = [t.team for t in card.teams]
    wanted = st.query_params.get("team")
    if not names:
        st.title(page.t("ui.team.title"))
        st.info(page.t("ui.team.no_teams", quarter=card.quarter))
        st.stop()
    unknown = wanted is not None and wanted not in names
    if unknown:
        st.title(page.t("ui.team.title"))
        st.warning(page.t("ui.team.unknown", team=ui.md(wanted), quarter=card.quarter))
    index = None if unknown else (names.index(wanted) if wanted in names else 0)
    pick_col, _ = st.columns([1, 3])
    team_name = pick_col.selectbox(page.t("ui.team.pick"), names, index=index, key=f"team_pick_{wanted}",
                             placeholder=page.t("ui.team.pick_placeholder"))
    if team_name is None:
        st.stop()
    if st.query_params.get("team") != team_name:
        st.query_params["team"] = team_name
        if unknown:
            st.rerun()

    team = next(t for t in card.teams if t.team == team_name)
    st.title(ui.md(team.team))
    st.caption(page.t("ui.overview.as_of", quarter=card.quarter, as_of=formatting.date(card.as_of, page.lang)))
    c1, c2, c3, c4, c5 = st.columns([2, 2, 2, 4, 2])  # "Doelstellingen" needs two parts, or it breaks mid-word
    c1.metric(page.t("ui.team.progress"), ui.pct(team.progress, page.lang))
    c2.metric(page.t("ui.overview.expected"), ui.pct(team.expected, page.lang))
    c3.metric(page.t("ui.col.status"), ui.status_badge(team.status, page.lang))
    c4.metric(page.t("forecast.col.forecast"), ui.forecast_badge(team.forecast_status, team.forecast_progress,
                                                                 page.lang))
    c5.metric(page.t("ui.team.objectives"), team.objectives)

    changes = ui.changes_since_last(page, card).by_kr
    krs = {k.id: k for k in card.key_results}
    objectives = [o for o in card.objectives if o.team == team.team]

    for obj in objectives:
        st.subheader(f"{ui.STATUS_ICONS[obj.status]} {ui.md(obj.title)}")
        st.caption(page.t("ui.team.objective_line", id=ui.md(obj.id), status=ui.status_badge(obj.status, page.lang),
                          progress=ui.pct(obj.progress, page.lang), expected=ui.pct(obj.expected, page.lang),
                          owner=ui.md(obj.owner or "–"), type=page.t(f"ui.type.{obj.type}"))
                   + " · " + ui.md(forecast.outlook(obj.forecast_status, obj.forecast_progress, page.lang)))
        rows = views.team_kr_rows(card, obj, changes, page.lang)
        if not rows:
            st.caption(page.t("ui.team.no_krs"))
            continue
        st.dataframe(
            rows, hide_index=True, width="stretch",
            column_config={
                page.t("ui.col.progress"): st.column_config.ProgressColumn(
                    page.t("ui.col.progress"), min_value=0, max_value=100, format="%d%%"),
                page.t("ui.col.kr"): st.column_config.TextColumn(page.t("ui.col.kr"), width="large"),
                page.t("ui.col.comment"): st.column_config.TextColumn(page.t("ui.col.comment"), width="large"),
            },
        )

    ui.download_buttons(page, card, team.team)

    st.header(page.t("ui.team.trends"))
    st.caption(page.t("ui.team.trends_help") + " " + page.t("forecast.chart.help"))
    team_krs = [krs[k] for o in objectives for k in o.key_results if k in krs]
    per_row = 2 if page.present else 3
    for i in range(0, len(team_krs), per_row):
        cols = st.columns(per_row)
        for col, kr in zip(cols, team_krs[i:i + per_row]):
            with col:
                st.markdown(f"**{ui.STATUS_ICONS[kr.status]} {ui.md(kr.title)}**")
                st.caption(ui.md(ui.kr_outlook(kr, page.lang) or "–"))
                ui.kr_trend(page, card, kr.id)
