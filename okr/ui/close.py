"""The quarter-close section: a finished quarter's grades, the missed
committed key results, the flags, the retrospective questions, next
quarter's workbook and quarter over quarter. Renders okr.close's view model;
computes nothing. On the overview once the shown quarter is finished, and on
the Meeting page (`close_section(page, quarter)`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from .. import charts, close, formatting
from ..settings import Settings
from ..i18n import t
from ..store import Store
from . import Page

RETRO_QUESTIONS = ("went_well", "went_wrong", "change")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def quarter_finished(page: Page, quarter: str | None = None, today: dt.date | None = None) -> bool:
    """The quarter's current snapshot is as of its last day or later, or today is past its end."""
    quarter = quarter or page.quarter
    now = page.now(quarter) if quarter else None
    return now is not None and close.finished(quarter, now.as_of, today)


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


def _key(page: Page, quarter: str | None) -> tuple | None:
    """What a quarter's close depends on: the database, every snapshot of the
    quarter, the settings and today."""
    quarter = quarter or page.quarter
    snaps = tuple((s.id, s.sha256) for s in page.timeline.holding(quarter)) if quarter else ()
    return (str(page.store.path), snaps, quarter, page.settings, dt.date.today()) if snaps else None


def quarter_close(page: Page, quarter: str | None = None) -> close.QuarterClose | None:
    """The close of a quarter (default: the page's), cached by its snapshots."""
    key = _key(page, quarter)
    return _quarter_close(*key) if key else None


def _kr_rows(items: list[close.KRGrade], lang: str, comment: bool = True) -> pd.DataFrame:
    rows = []
    for k in items:
        row = {t("ui.col.team", lang): k.team, t("ui.col.kr", lang): k.title, t("ui.col.owner", lang): k.owner or "",
               t("close.ui.col.grade", lang): close.grade_text(k, lang),
               t("close.ui.col.band", lang): close.band_label(k.band, lang)}
        if comment:
            row[t("ui.col.comment", lang)] = k.comment or ""
        rows.append(row)
    return pd.DataFrame(rows)


# What the section shows, built once per quarter close and language: formatting
# ten thousand grades and validating a chart of hundreds of teams takes a second.
@st.cache_resource(show_spinner=False, max_entries=16)
def _view(path: str, snapshots: tuple, quarter: str, settings: Settings, today: dt.date, lang: str,
          font: int) -> dict:
    qc = _quarter_close(path, snapshots, quarter, settings, today)
    teams = pd.DataFrame([{t("ui.col.team", lang): tg.team,
                           t("close.ui.col.grade", lang): formatting.grade(tg.grade, lang),
                           t("close.ui.col.band", lang): close.band_label(tg.band, lang),
                           **{close.band_label(b, lang): tg.bands[b] for b in close.BANDS}} for tg in qc.teams])
    return {"qc": qc, "teams": teams,
            "distribution": charts.grade_distribution(qc, lang, font=font).to_dict() if qc.teams else None,
            "committed_missed": _kr_rows(qc.committed_missed, lang),
            "never_updated": _kr_rows(qc.never_updated, lang, comment=False),
            "grade_differs": _kr_rows(qc.grade_differs, lang), "all": _kr_rows(qc.key_results, lang)}


@st.cache_resource(show_spinner=False, max_entries=16)
def _history_view(path: str, finals: tuple, settings: Settings, today: dt.date, lang: str, font: int) -> dict:
    grades = _history(path, finals, settings, today)
    names = charts.quarter_grade_order(grades, lang)
    rows = []
    for name in names:
        row = {t("ui.col.team", lang): name}
        for g in grades:
            value = g.company if name == names[0] else g.teams.get(name)
            row[g.quarter] = formatting.grade(value, lang) if value is not None else ""
        rows.append(row)
    return {"grades": grades, "table": pd.DataFrame(rows),
            "chart": charts.quarter_grades(grades, lang, font=font).to_dict() if grades else None}


def history(page: Page) -> list[close.QuarterGrades]:
    """Company and team grades of every closed quarter, cached by their final snapshots."""
    return _history_of(page)["grades"]


def _history_of(page: Page) -> dict:
    today = dt.date.today()
    finals = tuple((q, page.now(q).id, page.now(q).sha256) for q in close.closed_quarters(page.timeline, today))
    if not finals:
        return {"grades": [], "table": None, "chart": None}
    return _history_view(str(page.store.path), finals, page.settings, today, page.lang, _font(page))


def _font(page: Page) -> int:
    return 18  # the overview; the shared screen shows the Meeting page's close screen instead


ROWS_SHOWN = 25  # a table taller than this scrolls


def _table(page: Page, rows: pd.DataFrame) -> None:
    st.dataframe(rows, hide_index=True, width="stretch", height=35 * (min(len(rows), ROWS_SHOWN) + 1) + 3)


def close_section(page: Page, quarter: str | None = None) -> close.QuarterClose | None:
    """The whole close screen for a quarter; returns what it showed."""
    key = _key(page, quarter)
    if key is None:
        return None
    view = _view(*key, page.lang, _font(page))
    qc = view["qc"]
    lang = page.lang
    st.header(page.t("close.ui.title", quarter=qc.quarter))
    st.caption(page.t("close.ui.as_of", as_of=formatting.date(qc.as_of, lang)))
    if not qc.final:
        st.warning(page.t("close.early", quarter=qc.quarter, as_of=formatting.date(qc.as_of, lang),
                          last_day=formatting.date(qc.last_day, lang)))

    counts = qc.band_counts()
    cols = st.columns(1 + len(counts))
    cols[0].metric(page.t("close.ui.company_grade"), formatting.grade(qc.company_grade, lang),
                   help=page.t("close.ui.band_is", band=close.band_label(qc.company_band, lang)))
    for col, (b, n) in zip(cols[1:], counts.items()):
        col.metric(page.t(f"close.ui.krs.{b}"), n)

    st.subheader(page.t("close.ui.distribution"))
    st.caption(page.t("close.ui.distribution_help"))
    if view["distribution"] is not None:
        st.vega_lite_chart(view["distribution"], width="stretch")
        _table(page, view["teams"])

    st.subheader(page.t("close.ui.committed_missed"))
    if qc.committed_missed:
        _table(page, view["committed_missed"])
    else:
        st.caption(page.t("close.ui.none_missed"))

    st.subheader(page.t("close.ui.flags"))
    for team in qc.targets_too_low:
        st.info(page.t("close.ui.too_low", team=team))
    if qc.never_updated:
        st.markdown(f"**{page.t('close.ui.never_updated', n=len(qc.never_updated))}**")
        _table(page, view["never_updated"])
    if qc.grade_differs:
        st.markdown(f"**{page.t('close.ui.differs', n=len(qc.grade_differs))}**")
        _table(page, view["grade_differs"])
    if not (qc.targets_too_low or qc.never_updated or qc.grade_differs):
        st.caption(page.t("close.ui.no_flags"))
    with st.expander(page.t("close.ui.all_grades")):
        _table(page, view["all"])

    st.subheader(page.t("close.ui.retro"))
    st.markdown("\n".join(f"{i}. {page.t(f'close.ui.retro.{q}')}" for i, q in enumerate(RETRO_QUESTIONS, 1)))

    st.download_button(
        page.t("close.ui.carry_over", quarter=qc.next_quarter),
        # made when clicked (a workbook of thousands of rows takes seconds), then cached
        lambda: _carry_over_bytes(*key, lang),
        file_name=close.carry_over_name(qc), mime=XLSX_MIME, key="_okr_close_carry_over", on_click="ignore",
        help=page.t("close.ui.carry_help", quarter=qc.quarter, n=len(qc.carried)))

    quarter_over_quarter(page)
    return qc


def quarter_over_quarter(page: Page) -> list[close.QuarterGrades]:
    """Company and team grades of every closed quarter: a grid and a table."""
    st.subheader(page.t("close.ui.history"))
    st.caption(page.t("close.ui.history_help"))
    view = _history_of(page)
    if not view["grades"]:
        st.caption(page.t("close.ui.history_none"))
        return []
    st.vega_lite_chart(view["chart"])
    _table(page, view["table"])
    return view["grades"]
