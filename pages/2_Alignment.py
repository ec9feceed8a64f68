"""Alignment: does the quarter cascade? The objectives as a tree (company >
department > team), what drags each parent, what does not fit, and one click
to the team behind a branch. Deep-linkable: ?quarter=2026-Q4"""

import streamlit as st

from okr import alignment, alignment_drawing, formatting, ui
from okr.palette import STATUS_ICONS

TEAM_PAGE = "pages/1_Team.py"

page = ui.setup("ui.alignment.title")


def open_team(team: str, quarter: str) -> None:
    st.switch_page(TEAM_PAGE, query_params=page.params(team=team, quarter=quarter))


with ui.friendly(page):
    st.title(page.t("ui.alignment.title"))
    if page.timeline.empty:
        ui.empty_state(page)
        st.stop()

    top = st.columns([1, 2, 3])
    quarter = ui.quarter_picker(page, top[0])
    card = ui.scorecard(page, quarter)
    if card is None or not card.objectives:
        st.info(page.t("ui.alignment.no_quarter", quarter=quarter))
        st.stop()

    snap = ui.snapshot(page, card.snapshot_id)
    tree = alignment.build(card, snap.objectives, snap.teams)
    st.caption(page.t("ui.alignment.caption", quarter=card.quarter, as_of=formatting.date(card.as_of, page.lang),
                      n=len(card.objectives), expected=ui.pct(card.expected, page.lang)))

    if tree.max_depth > 0:
        levels = top[1].slider(page.t("ui.alignment.levels"), 1, tree.max_depth + 1,
                               alignment_drawing.default_levels(tree), key=f"alignment_levels_{card.quarter}",
                               help=page.t("ui.alignment.levels_help"))
    else:
        levels = 1

    def node_name(oid: str) -> str:
        if not oid:
            return page.t("ui.alignment.branch_all")
        n = tree.nodes[oid]
        return f"{'  ' * n.depth}{STATUS_ICONS[n.objective.status]} {n.objective.title} · {n.objective.team}"

    focus = top[2].selectbox(page.t("ui.alignment.branch"), ["", *tree.nodes], format_func=node_name,
                             key=f"alignment_branch_{card.quarter}")

    cascade, hierarchy = st.tabs([page.t("ui.alignment.tab_cascade"), page.t("ui.alignment.tab_teams")])

    with cascade:
        left, right = st.columns([3, 1], gap="medium")
        with left:
            # stretched, a tree of one or two columns grew to 40 px text in page-wide boxes
            wide = alignment_drawing.columns_drawn(tree, levels, focus or None) >= 3
            st.graphviz_chart(alignment_drawing.to_dot(tree, page.lang, levels, focus or None),
                              width="stretch" if wide else "content")
            st.caption(page.t("ui.alignment.legend"))
        with right:
            st.subheader(page.t("ui.alignment.open_team"))
            st.caption(page.t("ui.alignment.open_team_help"))
            for ts in card.teams:  # furthest behind first; one click opens the team (one per row: never cut off)
                label = f"{STATUS_ICONS[ts.status]} {ui.md(ts.team)} · {ui.pct(ts.progress, page.lang)}"
                if st.button(label, key=f"alignment_team_{ts.team}", width="stretch"):
                    open_team(ts.team, card.quarter)

        # below the chart at full width: a narrow column cut these tables off on the right
        col_obj, col_team = page.t("ui.alignment.col.objective"), page.t("ui.alignment.col.team")
        st.subheader(page.t("ui.alignment.unaligned"), help=page.t("ui.alignment.unaligned_help"))
        if tree.unaligned:
            st.dataframe([{col_obj: node_name(oid).strip(), col_team: tree.nodes[oid].objective.team}
                          for oid in tree.unaligned], hide_index=True, width="stretch")
        else:
            st.caption(page.t("ui.alignment.none"))

        st.subheader(page.t("ui.alignment.cross_quarter"))
        if tree.cross_quarter:
            st.dataframe([{col_obj: node_name(c.id).strip(),
                           page.t("ui.alignment.col.parent"): c.parent_title or c.parent,
                           page.t("ui.alignment.col.quarter"): c.parent_quarter or "–"}
                          for c in tree.cross_quarter], hide_index=True, width="stretch")
        else:
            st.caption(page.t("ui.alignment.none"))

        st.subheader(page.t("ui.alignment.no_teams"))
        if tree.teams_without_objectives:
            st.dataframe([{col_team: name} for name in tree.teams_without_objectives], hide_index=True,
                         width="stretch")
        else:
            st.caption(page.t("ui.alignment.none"))

        # what drags: the focused branch, else the parent with the most drag
        st.subheader(page.t("ui.alignment.what_drags"))
        parents = sorted(tree.drag, key=lambda oid: -tree.drag[oid].total)
        if parents:
            default = focus if focus in tree.drag else parents[0]
            picked = st.selectbox(page.t("ui.alignment.what_drags_pick"), parents, index=parents.index(default),
                                  format_func=lambda oid: node_name(oid).strip(),
                                  key=f"alignment_drag_{card.quarter}_{focus}")
            key, title, params = alignment_drawing.drag_sentence(tree, picked)
            if "team" in params:
                params = {"team": ui.md(params["team"]), "drag": ui.num(round(params["drag"], 2), page.lang),
                          "total": ui.num(round(params["total"], 2), page.lang)}
            st.markdown(page.t(key, parent=ui.md(title), **params))
            rep = tree.drag[picked]
            st.dataframe([
                {col_obj: d.title, col_team: d.team,
                 page.t("ui.alignment.col.status"): ui.status_badge(d.status, page.lang),
                 page.t("ui.alignment.col.progress"): round(d.progress * 100),
                 page.t("ui.alignment.col.expected"): round(d.expected * 100),
                 # fractions in [0, 1] as locale text ('0,13'): they still sort right as text
                 page.t("ui.alignment.col.shortfall"): formatting.number(d.shortfall, page.lang, digits=2),
                 page.t("ui.alignment.col.weight"): formatting.number(d.weight, page.lang, digits=2),
                 page.t("ui.alignment.col.drag"): formatting.number(d.drag, page.lang, digits=2)}
                for d in rep.items], hide_index=True, width="stretch")
            st.caption(page.t("ui.alignment.drag_explain"))
            if rep.top is not None:
                team = rep.by_team[0][0]
                if st.button(page.t("ui.alignment.open_this_team", team=team), key="alignment_open_top",
                             type="primary"):
                    open_team(team, card.quarter)
        else:
            st.caption(page.t("ui.alignment.no_children"))

    with hierarchy:
        if not snap.teams:
            st.info(page.t("ui.alignment.no_teams_sheet"))
        else:
            st.caption(page.t("ui.alignment.teams_help"))
            rows = alignment.team_tree(card, snap.teams, page.settings)
            st.dataframe([
                {page.t("ui.alignment.col.team"): "    " * tn.depth + tn.team,
                 page.t("ui.alignment.col.status"): ui.status_badge(tn.rolled.status, page.lang),
                 page.t("ui.alignment.col.rolled"): None if tn.rolled.progress is None
                 else round(tn.rolled.progress * 100),
                 page.t("ui.alignment.col.own"): None if tn.own is None or tn.own.progress is None
                 else round(tn.own.progress * 100),
                 page.t("ui.alignment.col.expected"): round(tn.rolled.expected * 100),
                 page.t("ui.alignment.col.objectives"): tn.rolled.objectives}
                for tn in rows], hide_index=True, width="stretch", height=35 * (len(rows) + 1) + 3)
