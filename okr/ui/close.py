"""The quarter-close section: a finished quarter's grades, the missed
committed key results, the flags, the retrospective questions, next
quarter's workbook and quarter over quarter. Renders okr.close's view model;
computes nothing. On the overview once the shown quarter is finished, and on
the Meeting page (`close_section(page, quarter)`).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from .. import charts, close, formatting
from ..settings import Settings
from ..store import Store
from . import Page

RETRO_QUESTIONS = ("went_well", "went_wrong", "change")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def quarter_finished(page: Page, quarter: str | None = None, today: dt.date | None = None) -> bool:
    """The quarter's current snapshot is as of its last day or later, or today is past its end."""
    quarter = quarter or page.quarter
    now = page.now(quarter) if quarter else None
    return now is not None and (now.as_of >= close.last_day(quarter) or close.is_closed(quarter, today))


# Keyed by every snapshot of the quarter (the close reads their values, not only
# the final one's) and by today (a quarter closes at midnight).
@st.cache_resource(show_spinner=False, max_entries=16)
def _quarter_close(path: str, snapshots: tuple, quarter: str, settings: Settings,
                   today: dt.date) -> close.QuarterClose | None:
    return close.quarter_close(Store.open(path), quarter, settings, today)


@st.cache_resource(show_spinner=False, max_entries=16)
def _history(path: str, finals: tuple, settings: Settings, today: dt.date) -> list[close.QuarterGrades]:
    return close.history(Store.open(path), settings, today)


@st.cache_data(show_spinner=False, max_entries=16)
def _carry_over_bytes(path: str, snapshots: tuple, quarter: str, settings: Settings, today: dt.date,
                      lang: str) -> bytes:
    return close.carry_over_bytes(_quarter_close(path, snapshots, quarter, settings, today), lang)


def quarter_close(page: Page, quarter: str | None = None) -> close.QuarterClose | None:
    """The close of a quarter (default: the page's), cached by its snapshots."""
    quarter = quarter or page.quarter
    snaps = tuple((s.id, s.sha256) for s in page.timeline.holding(quarter))
    if not snaps:
        return None
    return _quarter_close(str(page.store.path), snaps, quarter, page.settings, dt.date.today())


def history(page: Page) -> list[close.QuarterGrades]:
    """Company and team grades of every closed quarter, cached by their final snapshots."""
    today = dt.date.today()
    finals = tuple((q, page.now(q).id, page.now(q).sha256) for q in close.closed_quarters(page.timeline, today))
    return _history(str(page.store.path), finals, page.settings, today) if finals else []


def _kr_rows(page: Page, items: list[close.KRGrade], comment: bool = True) -> list[dict]:
    rows = []
    for k in items:
        row = {page.t("ui.col.team"): k.team, page.t("ui.col.kr"): k.title,
               page.t("ui.col.owner"): k.owner or "", page.t("close.ui.col.grade"): close.grade_text(k, page.lang),
               page.t("close.ui.col.band"): close.band_label(k.band, page.lang)}
        if comment:
            row[page.t("ui.col.comment")] = k.comment or ""
        rows.append(row)
    return rows


def _table(rows: list[dict]) -> None:
    st.dataframe(rows, hide_index=True, width="stretch")


def close_section(page: Page, quarter: str | None = None) -> close.QuarterClose | None:
    """The whole close screen for a quarter; returns what it showed."""
    qc = quarter_close(page, quarter)
    if qc is None:
        return None
    lang = page.lang
    font = 22 if page.present else 18
    st.header(page.t("close.ui.title", quarter=qc.quarter))
    st.caption(page.t("close.ui.as_of", as_of=formatting.date(qc.as_of, lang)))
    if not qc.final:
        st.warning(page.t("close.early", quarter=qc.quarter, as_of=formatting.date(qc.as_of, lang),
                          last_day=formatting.date(qc.last_day, lang)))

    counts = qc.band_counts()
    cols = st.columns(1 + len(counts))
    cols[0].metric(page.t("close.ui.company_grade"), formatting.grade(qc.company_grade, lang),
                   help=close.band_label(qc.company_band, lang))
    for col, (b, n) in zip(cols[1:], counts.items()):
        col.metric(page.t("close.ui.krs_in_band", band=close.band_label(b, lang)), n)

    st.subheader(page.t("close.ui.distribution"))
    st.caption(page.t("close.ui.distribution_help"))
    if qc.teams:
        st.altair_chart(charts.grade_distribution(qc, lang, font=font), width="stretch")
        _table([{page.t("ui.col.team"): tg.team, page.t("close.ui.col.grade"): formatting.grade(tg.grade, lang),
                 page.t("close.ui.col.band"): close.band_label(tg.band, lang),
                 **{close.band_label(b, lang): tg.bands[b] for b in close.BANDS}} for tg in qc.teams])

    st.subheader(page.t("close.ui.committed_missed"))
    if qc.committed_missed:
        _table(_kr_rows(page, qc.committed_missed))
    else:
        st.caption(page.t("close.ui.none_missed"))

    st.subheader(page.t("close.ui.flags"))
    for team in qc.targets_too_low:
        st.info(page.t("close.ui.too_low", team=team))
    if qc.never_updated:
        st.markdown(f"**{page.t('close.ui.never_updated', n=len(qc.never_updated))}**")
        _table(_kr_rows(page, qc.never_updated, comment=False))
    if qc.grade_differs:
        st.markdown(f"**{page.t('close.ui.differs', n=len(qc.grade_differs))}**")
        _table(_kr_rows(page, qc.grade_differs))
    if not (qc.targets_too_low or qc.never_updated or qc.grade_differs):
        st.caption(page.t("close.ui.no_flags"))
    with st.expander(page.t("close.ui.all_grades")):
        _table(_kr_rows(page, qc.key_results))

    st.subheader(page.t("close.ui.retro"))
    st.markdown("\n".join(f"{i}. {page.t(f'close.ui.retro.{q}')}" for i, q in enumerate(RETRO_QUESTIONS, 1)))

    snaps = tuple((s.id, s.sha256) for s in page.timeline.holding(qc.quarter))
    path, today = str(page.store.path), dt.date.today()
    st.download_button(
        page.t("close.ui.carry_over", quarter=qc.next_quarter),
        # made when clicked (a workbook of thousands of rows takes a second), then cached
        lambda: _carry_over_bytes(path, snaps, qc.quarter, page.settings, today, lang),
        file_name=close.carry_over_name(qc), mime=XLSX_MIME, key="_okr_close_carry_over", on_click="ignore",
        help=page.t("close.ui.carry_help", quarter=qc.quarter, n=len(qc.carried)))

    quarter_over_quarter(page)
    return qc


def quarter_over_quarter(page: Page) -> list[close.QuarterGrades]:
    """Company and team grades of every closed quarter: a grid and a table."""
    st.subheader(page.t("close.ui.history"))
    st.caption(page.t("close.ui.history_help"))
    grades = history(page)
    if not grades:
        st.caption(page.t("close.ui.history_none"))
        return grades
    lang = page.lang
    st.altair_chart(charts.quarter_grades(grades, lang, font=22 if page.present else 18))
    names = charts.quarter_grade_order(grades, lang)
    rows = []
    for name in names:
        row = {page.t("ui.col.team"): name}
        for g in grades:
            value = g.company if name == names[0] else g.teams.get(name)
            row[g.quarter] = formatting.grade(value, lang) if value is not None else ""
        rows.append(row)
    _table(rows)
    return grades
