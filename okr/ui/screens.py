"""The Meeting page's layout: each screen of `okr.meeting` as HTML text (sized
for a room: every text >= 20 px, tables as text, nothing truncated) plus the
few Streamlit widgets a screen needs (team buttons, sparklines).

Everything shown comes from `okr.meeting.Meeting`; workbook text is escaped
here before it reaches the page.
"""

from __future__ import annotations

import html

import streamlit as st

from .. import charts, forecast, meeting
from ..palette import STATUS_COLORS
from . import md

# Static CSS only: never anything from a workbook in here. Sizes are for a
# 1920x1080 screen read from 3 m: body text 22 px, nothing below 20 px.
MEETING_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem !important; padding-bottom: 0 !important; max-width: 100% !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 22px !important; }
[data-testid="stMain"] [data-testid="stWidgetLabel"] p { font-size: 20px !important; }
[data-testid="stMain"] [data-testid="stBaseButton-secondary"] p,
[data-testid="stMain"] [data-testid="stBaseButton-primary"] p,
[data-testid="stMain"] [data-testid="stBaseButton-tertiary"] p { font-size: 22px !important; }
[data-testid="stMain"] [data-testid="stBaseButton-secondary"],
[data-testid="stMain"] [data-testid="stBaseButton-primary"] { min-height: 3rem; }
[data-testid="stMain"] [data-testid="stSelectbox"] div[data-baseweb="select"] div { font-size: 20px !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 20px !important; }
[data-testid="stMain"] [data-testid="stPageLink"] p, [data-testid="stMain"] [data-testid="stPageLink"] span { font-size: 22px !important; }
.okr-m { font-size: 22px; line-height: 1.3; color: #1f1f1f; }
.okr-m h2 { font-size: 40px; margin: 0 0 .3rem 0; padding: 0; line-height: 1.15; }
.okr-m h3 { font-size: 26px; margin: .4rem 0 .2rem 0; padding: 0; }
.okr-m .okr-sub { font-size: 22px; color: #444; }
.okr-m .okr-big { font-size: 64px; font-weight: 700; line-height: 1.05; }
.okr-m .okr-label { font-size: 22px; font-weight: 600; color: #333; }
.okr-m table { border-collapse: collapse; width: 100%; }
.okr-m td, .okr-m th { font-size: 22px; padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
.okr-m th { font-weight: 600; color: #333; border-bottom: 2px solid #ccc; }
.okr-m .okr-pill { display: inline-block; padding: 0 .45em; border-radius: .4em; font-weight: 700; color: #000;
  white-space: nowrap; }
.okr-m .okr-muted { color: #444; }
.okr-m .okr-more { color: #444; font-style: italic; }
.okr-m .okr-kr { border-left: 6px solid #bbb; padding: 2px 0 2px 12px; margin: 0 0 6px 0; }
.okr-m .okr-kr b { font-size: 24px; }
.okr-m .okr-tile { border-left: 8px solid #bbb; padding: 0 0 0 12px; }
.okr-m .okr-node { padding: 2px 0; }
.okr-m .okr-lagging { font-weight: 700; }
.okr-m .okr-pos { font-size: 24px; font-weight: 600; text-align: center; padding-top: .5rem; }
</style>"""
# Outside presentation mode Streamlit's header (3.75rem) stays: the page starts
# below it, or the quarter picker slides under the header
MEETING_CSS_WITH_HEADER = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 4.25rem !important; }
</style>"""


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def pill(status: meeting.Status) -> str:
    """Icon + label on the status colour (black text: readable on every status colour)."""
    return f'<span class="okr-pill" style="background:{STATUS_COLORS[status.key]}">{e(status.text)}</span>'


def block(body: str) -> None:
    st.html(f'<div class="okr-m">{body}</div>')


def more(text: str) -> str:
    return f'<div class="okr-more">{e(text)}</div>'


def heading(m: meeting.Meeting, slide: meeting.Slide) -> None:
    sub = m.heading
    if slide.changed is not None and slide.changed.compared:
        sub += " · " + slide.changed.compared
    block(f"<h2>{e(slide.title)}</h2><div class='okr-sub'>{e(sub)}</div>")


# --- the screens --------------------------------------------------------------------------------


def stand(page, m: meeting.Meeting, s: meeting.Standing, go) -> None:
    c1, c2, c3 = st.columns(3)
    with c1:
        block(f"<div class='okr-label'>{e(page.t('ui.overview.company_progress'))}</div><div class='okr-big'>"
              f"{e(s.company_progress)}</div>")
    with c2:
        block(f"<div class='okr-label'>{e(page.t('ui.overview.expected'))}</div><div class='okr-big'>{e(s.expected)}</div>")
    with c3:
        block(f"<div class='okr-label'>{e(page.t('ui.overview.company_status'))}</div>"
              f"<div class='okr-big'>{pill(s.company_status)}</div>")
    tiles = [(st_.text, n, STATUS_COLORS[st_.key]) for st_, n in s.counts]
    if s.will_miss is not None:
        tiles.append((page.t("meeting.will_miss"), s.will_miss, "#555555"))
    for col, (label, n, colour) in zip(st.columns(len(tiles)), tiles):
        with col:
            block(f"<div class='okr-tile' style='border-color:{colour}'><div class='okr-label'>{e(label)}</div>"
                  f"<div class='okr-big' style='font-size:48px'>{n}</div></div>")
    block(f"<h3>{e(page.t('meeting.lagging_teams'))}</h3>")
    if not s.teams:
        block(f"<div>{e(page.t('meeting.no_lagging'))}</div>")
    for i, line in enumerate(s.teams):
        name, state = st.columns([2, 5], vertical_alignment="center")
        if name.button(md(line.team), key=f"meeting_team_{i}", width="stretch"):  # a label is Markdown
            go(line.slide)
        with state:
            block(f"{pill(line.status)} {e(page.t('meeting.team_line', progress=line.progress, expected=line.expected))}")
    tail = ""
    if s.more_teams:
        tail += more(page.t("meeting.more_teams", n=s.more_teams))
    if s.on_track:
        tail += f"<div class='okr-muted'>{e(page.t('meeting.on_track', teams=', '.join(s.on_track)))}</div>"
    if s.no_update:
        tail += f"<div class='okr-muted'>{e(page.t('meeting.no_update_teams', teams=', '.join(s.no_update)))}</div>"
    if tail:
        block(tail)


def _change_rows(lines: list[meeting.ChangeLine]) -> str:
    rows = "".join(
        f"<tr><td><b>{e(ln.team)}</b> · {e(ln.title)} <span class='okr-muted'>({e(ln.owner)})</span></td>"
        f"<td style='white-space:nowrap'>{e(ln.before)} → {e(ln.now)}</td></tr>"
        for ln in lines)
    return f"<table>{rows}</table>"


def _height(group: meeting.ChangeGroup) -> int:
    """Roughly how many text lines a group takes in a half-screen column."""
    return 2 + sum(1 + (len(ln.team) + len(ln.title) + len(ln.owner)) // 48 for ln in group.lines) + bool(group.more)


def changed(page, m: meeting.Meeting, c: meeting.WhatChanged) -> None:
    if c.compared is None:
        block(f"<div>{e(page.t('meeting.first_upload'))}</div>")
        return
    full = [g for g in c.groups if g.lines or g.more]
    empty = [g.title for g in c.groups if not g.lines and not g.more]
    # each group goes to the shorter column, in agenda order
    columns: list[list[meeting.ChangeGroup]] = [[], []]
    heights = [0, 0]
    for g in full:
        i = heights.index(min(heights))
        columns[i].append(g)
        heights[i] += _height(g)
    for col, groups in zip(st.columns(2), columns):
        with col:
            body = ""
            for g in groups:
                body += f"<h3>{e(g.title)}</h3>" + _change_rows(g.lines)
                if g.more:
                    body += more(page.t("meeting.more", n=g.more))
            block(body)
    if empty:
        block(f"<div class='okr-muted'>{e(page.t('meeting.no_change', groups=', '.join(empty)))}</div>")


def team(page, m: meeting.Meeting, s: meeting.TeamScreen, card) -> None:
    block(f"<div>{pill(s.status)} {e(page.t('meeting.team_line', progress=s.progress, expected=s.expected))}</div>")
    if not s.key_results:
        block(f"<div>{e(page.t('meeting.no_lagging_krs'))}</div>")
    for kr in s.key_results:
        text, chart = st.columns([3, 1], vertical_alignment="center")
        facts = [pill(kr.status), e(kr.owner), e(kr.current), e(kr.expected)]
        if kr.forecast:
            facts.append(e(kr.forecast))
        if kr.reported:
            facts.append(f"<b>{e(kr.reported)}</b>")
        if kr.stale:
            facts.append(e(forecast.stale_label(page.lang)))
        comment = f"<div class='okr-muted'>“{e(kr.comment)}”</div>" if kr.comment else ""
        with text:
            block(f"<div class='okr-kr' style='border-color:{STATUS_COLORS[kr.status.key]}'><b>{e(kr.title)}</b>"
                  f"<div>{' · '.join(facts)}</div>{comment}</div>")
        if kr.points:
            with chart:
                st.vega_lite_chart(charts.sparkline(kr.points, kr.start, kr.target, m.quarter, m.as_of).to_dict(),
                                   width="stretch")
    if s.more:
        block(more(page.t("meeting.more_krs", n=s.more)))


def cascade(page, m: meeting.Meeting, c: meeting.Cascade) -> None:
    if not c.lines:
        block(f"<div>{e(page.t('meeting.cascade.none'))}</div>")
        return
    rows = "".join(
        f"<div class='okr-node{' okr-lagging' if ln.lagging else ''}' style='margin-left:{ln.depth * 40}px'>"
        f"{pill(ln.status)} {e(ln.title)} <span class='okr-muted'>· "
        f"{e(page.t('meeting.cascade.line', team=ln.team, progress=ln.progress, expected=ln.expected))}</span></div>"
        for ln in c.lines)
    block(rows + (more(page.t("meeting.more_nodes", n=c.more)) if c.more else ""))


def decide(page, m: meeting.Meeting, d: meeting.ToDecide) -> None:
    left, right = st.columns(2)
    with left:
        body = f"<h3>{e(page.t('meeting.decide.findings'))}</h3>"
        if d.findings:
            body += "".join(f"<div class='okr-node'><b>{e(f.rule)}</b> · {e(f.team)}<br>{e(f.item)}</div>"
                            for f in d.findings)
        else:
            body += f"<div>{e(page.t('meeting.decide.no_findings'))}</div>"
        if d.more_findings:
            body += more(page.t("meeting.more_findings", n=d.more_findings))
        block(body)
    with right:
        body = f"<h3>{e(page.t('meeting.decide.lagging'))}</h3>"
        if d.lagging:
            body += "<table>" + "".join(
                f"<tr><td><b>{e(ln.team)}</b> · {e(ln.title)}</td><td style='white-space:nowrap'>{e(ln.owner)}</td>"
                f"<td style='white-space:nowrap'>{e(ln.now)}</td></tr>" for ln in d.lagging) + "</table>"
        else:
            body += f"<div>{e(page.t('meeting.decide.no_lagging'))}</div>"
        if d.more_lagging:
            body += more(page.t("meeting.more_red", n=d.more_lagging))
        block(body)


def close(page, m: meeting.Meeting, c: meeting.CloseScreen) -> None:
    left, right = st.columns([3, 2])
    with left:
        body = (f"<div class='okr-label'>{e(page.t('close.ui.company_grade'))}</div>"
                f"<div class='okr-big'>{e(c.company_grade)} <span style='font-size:32px'>{e(c.company_band)}</span></div>"
                f"<h3>{e(page.t('close.ui.distribution'))}</h3><table>")
        body += "".join(f"<tr><td><b>{e(tl.team)}</b></td><td>{e(tl.grade)}</td><td>{e(tl.bands)}</td></tr>"
                        for tl in c.teams) + "</table>"
        if c.more_teams:
            body += more(page.t("meeting.more", n=c.more_teams))
        body += f"<h3>{e(page.t('close.ui.committed_missed'))}</h3>"
        if c.committed_missed:
            body += "<table>" + "".join(
                f"<tr><td><b>{e(k.team)}</b> · {e(k.title)} <span class='okr-muted'>({e(k.owner)})</span></td>"
                f"<td style='white-space:nowrap'>{e(k.grade)}</td></tr>" for k in c.committed_missed) + "</table>"
            if c.more_missed:
                body += more(page.t("meeting.more", n=c.more_missed))
        else:
            body += f"<div>{e(page.t('close.ui.none_missed'))}</div>"
        block(body)
    with right:
        body = f"<h3>{e(page.t('close.ui.flags'))}</h3>"
        body += "".join(f"<div class='okr-node'>{e(f)}</div>" for f in c.flags) or \
            f"<div>{e(page.t('close.ui.no_flags'))}</div>"
        body += f"<h3>{e(page.t('close.ui.retro'))}</h3>" + "".join(
            f"<div class='okr-node'><b>{e(q)}</b></div>" for q in c.questions)
        block(body)
