"""Quality: the OKR coach's findings per team (docs/quality.md), with OKR health per
team. Deep-linkable: ?quarter=2026-Q4&team=Sales opens that team's findings."""

import streamlit as st

from okr import formatting, quality, ui

page = ui.setup("ui.quality.title")

with ui.friendly(page):
    st.title(page.t("ui.quality.title"))
    quarter = ui.quarter_picker(page)
    now = page.now(quarter)
    if now is None:
        ui.empty_state(page)
        st.stop()
    report = ui.quality_report(page, quarter)

    st.caption(page.t("quality.ui.snapshot", file=ui.md(now.file_name), as_of=formatting.date(now.as_of, page.lang)))
    st.caption(page.t("quality.ui.intro", krs=page.settings.max_krs_per_objective,
                      objs=page.settings.max_objectives_per_team))

    c1, c2 = st.columns(2)
    c1.metric(page.t("quality.ui.overall"), ui.pct(report.overall, page.lang))
    c2.metric(page.t("quality.ui.n_findings"), len(report.findings))

    st.subheader(page.t("quality.ui.health"))
    st.caption(page.t("quality.ui.health_help"))
    st.dataframe(
        [
            {
                page.t("quality.ui.col.team"): h.team,
                page.t("quality.ui.col.health"): None if h.share is None else round(h.share * 100),
                page.t("quality.ui.col.objectives_ok"): f"{h.objectives_ok}/{h.objectives}",
                page.t("quality.ui.col.krs_ok"): f"{h.key_results_ok}/{h.key_results}",
                page.t("quality.ui.col.findings"): h.findings,
            }
            for h in report.health
        ],
        hide_index=True,
        width="stretch",
    )

    st.subheader(page.t("quality.ui.by_team"))
    if not report.findings:
        st.success(page.t("quality.ui.no_findings", quarter=report.quarter or ""))
        st.stop()

    # every rule as an option (stable across quarters), all shown by default
    chosen = st.multiselect(page.t("quality.ui.rule_filter"), quality.RULES, default=list(quality.RULES),
                            key="quality-rules",
                            format_func=lambda r: quality.rule_name(r, page.lang, page.settings))
    health = {h.team: h for h in report.health}
    by_team = report.by_team()
    asked_team = st.query_params.get("team")
    # worst team first, as in the health table
    for team in [h.team for h in report.health if h.team in by_team] + [x for x in by_team if x not in health]:
        found = [f for f in by_team[team] if f.rule in chosen]
        if not found:
            continue
        h = health.get(team)
        label = page.t("quality.ui.team_findings", team=ui.md(team or page.t("quality.ui.no_team")), n=len(found),
                       health=ui.pct(h.share if h else None, page.lang))
        # one Markdown block per team: at 10k key results a block per finding
        # line (3,000+ elements) makes every rerun slow
        what, why, fix = (ui.md(page.t(f"quality.ui.col.{k}")) for k in ("what", "why", "fix"))
        blocks = []
        for f in found:
            p = f.problem
            blocks.append(
                f"**{ui.md(quality.rule_name(f.rule, page.lang, page.settings))}** · "
                f"{ui.md(p.item_id or '')} · {ui.md(p.cell or '')}  \n"
                f"**{what}:** {ui.md(p.message)}  \n"
                f"**{why}:** {ui.md(quality.why(f.rule, page.lang))}  \n"
                f"**{fix}:** {ui.md(p.fix)}")
        with st.expander(label, expanded=asked_team in (None, team)):
            st.markdown("\n\n---\n\n".join(blocks))
