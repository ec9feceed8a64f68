"""Overview: where does the quarter stand?"""

import streamlit as st

from okr import ui

page = ui.setup("ui.overview.title")
card = ui.scorecard(page)

st.title(page.t("ui.overview.title"))
if card is None:
    ui.empty_state(page)
    st.stop()

st.caption(page.t("ui.overview.as_of", quarter=card.quarter, as_of=card.as_of.isoformat()))
c1, c2, c3 = st.columns(3)
c1.metric(page.t("ui.overview.company_progress"), ui.pct(card.company_progress))
c2.metric(page.t("ui.overview.expected"), ui.pct(card.expected))
c3.metric(page.t("ui.overview.company_status"), ui.status_badge(card.company_status, page.lang))

counts = card.status_counts()
cols = st.columns(len(counts))
for col, (status, n) in zip(cols, counts.items()):
    col.metric(ui.status_badge(status, page.lang), n)

st.subheader(page.t("ui.overview.teams"))
st.dataframe(
    [
        {
            page.t("ui.col.team"): team.team,
            page.t("ui.col.progress"): round((team.progress or 0) * 100),
            page.t("ui.col.expected"): round(team.expected * 100),
            page.t("ui.col.status"): ui.status_badge(team.status, page.lang),
        }
        for team in card.teams
    ],
    hide_index=True,
    use_container_width=True,
)
