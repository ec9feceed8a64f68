"""Meeting: the weekly agenda as screens, one at a time, each fitting a
1920x1080 shared screen. Deep-linkable: ?quarter=2026-Q4&slide=3 (from 1);
?present=1 hides everything but the screen."""

import streamlit as st

from okr import ui
from okr.ui import screens as show

page = ui.setup("meeting.title")
SLIDE = "slide"


def current(total: int) -> int:
    try:
        n = int(st.query_params.get(SLIDE, "1"))
    except ValueError:
        n = 1
    return min(max(n, 1), total)


def go(n: int | None) -> None:
    if n is not None:
        st.query_params[SLIDE] = str(n)
        st.rerun()


def step(delta: int, total: int) -> None:
    st.query_params[SLIDE] = str(min(max(current(total) + delta, 1), total))


with ui.friendly(page):
    st.html(show.MEETING_CSS)
    if not page.present:
        st.html(show.MEETING_CSS_WITH_HEADER)
        ui.quarter_picker(page)
    card = ui.scorecard(page)
    if card is None:
        ui.empty_state(page)
        st.stop()
    m = ui.meeting_of(page, card)
    total = len(m.slides)
    n = current(total)
    if st.query_params.get(SLIDE) != str(n):
        st.query_params[SLIDE] = str(n)
    slide = m.slides[n - 1]

    prev, where, nxt = st.columns([1, 3, 1], vertical_alignment="center")
    prev.button(page.t("meeting.prev"), key="meeting_prev", on_click=step, args=(-1, total), disabled=n == 1,
                width="stretch")
    with where:
        show.block(f"<div class='okr-pos'>{show.e(page.t('meeting.position', n=n, total=total))}</div>")
    nxt.button(page.t("meeting.next"), key="meeting_next", on_click=step, args=(1, total), disabled=n == total,
               width="stretch", type="primary")

    show.heading(m, slide)
    if slide.kind == "stand":
        show.stand(page, m, slide.stand, go)
    elif slide.kind == "changed":
        show.changed(page, m, slide.changed)
    elif slide.kind == "team":
        show.team(page, m, slide.screen, card)
    elif slide.kind == "cascade":
        show.cascade(page, m, slide.cascade)
    elif slide.kind == "decide":
        show.decide(page, m, slide.decide)
    elif slide.kind == "close":
        show.close(page, m, slide.close)
    if not page.present:  # the shared screen stays clean; the pack is for mailing afterwards
        ui.pack_downloads(page, card)
