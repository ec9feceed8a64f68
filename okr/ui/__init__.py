"""The Streamlit helpers every page shares: setup (page config, password
gate, database, sample data), cached reads keyed by snapshot, status badges.

Only this package (and the pages) import Streamlit; everything it shows is
computed in `okr`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from .. import access, changes, charts, export, forecast, formatting, pack, quality, scoring, service, template
from .. import close as close_model
from .. import views
from ..i18n import LANGS, lang_from_env, status_label, t
from ..palette import STATUS_COLORS, STATUS_ICONS, badge
from ..parse import parse_quarter, slug
from ..quarters import Timeline
from ..scoring import Scorecard
from ..settings import Settings, SettingsError
from ..store import DatabaseError, Store, db_path

_log = logging.getLogger("okr.ui")
ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "sample_data"

# The one palette lives in okr.palette (Streamlit-free, shared with okr.charts);
# re-exported here for the pages.
__all__ = ["STATUS_COLORS", "STATUS_ICONS"]


@dataclass
class Page:
    store: Store  # the database shown: the user's, or the demo's while the user's is empty
    lang: str
    settings: Settings
    present: bool = False
    timeline: Timeline = Timeline(())  # the shown database's snapshots, read once per rerun
    quarter: str | None = None  # the quarter this rerun shows (picker > ?quarter= > default)
    demo: bool = False  # showing the demo organisation
    user_store: Store | None = None  # where uploads go (always the user's database)

    def t(self, key: str, **params) -> str:
        return t(key, self.lang, **params)

    def params(self, **extra: str | None) -> dict[str, str]:
        """Query parameters that travel with every link: language, presentation
        mode, quarter, plus `extra` (None values are left out)."""
        out = {"lang": self.lang}
        if self.present:
            out["present"] = "1"
        if self.quarter:
            out["quarter"] = self.quarter
        out.update({k: v for k, v in extra.items() if v is not None})
        return out

    def now(self, quarter: str | None = None):
        """The current snapshot of a quarter (default: the page's quarter)."""
        q = quarter or self.quarter
        return self.timeline.now(q) if q else None


def _password() -> str | None:
    pw = os.environ.get("OKR_PASSWORD")
    if pw:
        return pw
    try:
        return st.secrets.get("password")  # type: ignore[no-any-return]
    except Exception:  # no secrets.toml: no password configured
        return None


def password_gate(lang: str) -> None:
    """Stop the page unless this browser has given the password (when one is set).

    A signed cookie (okr.access) remembers it for OKR_SESSION_HOURS, so a
    refresh of the shared screen does not ask again in front of the room."""
    expected = _password()
    if not expected or st.session_state.get("_okr_authenticated"):
        return
    try:
        remembered = st.context.cookies.get(access.COOKIE)
    except Exception:  # noqa: BLE001 - no request context (bare runs): no cookie
        remembered = None
    if access.token_valid(expected, remembered):
        st.session_state["_okr_authenticated"] = True
        return
    st.title(t("ui.login.title", lang))
    with st.form("okr-login"):
        given = st.text_input(t("ui.login.password", lang), type="password", key="okr-password")
        submitted = st.form_submit_button(t("ui.login.submit", lang))
    if submitted:
        if hmac.compare_digest(given.encode(), expected.encode()):
            st.session_state["_okr_authenticated"] = True
            st.session_state["_okr_set_cookie"] = access.make_token(expected)
            st.rerun()
        st.error(t("ui.login.wrong", lang))
    st.stop()


def _remember_browser() -> None:
    """Right after a login, store the signed token in a cookie. Streamlit cannot
    set cookies itself; a zero-height component (same origin) does it."""
    token = st.session_state.pop("_okr_set_cookie", None)
    if token and all(c.isalnum() or c == "." for c in token):
        max_age = int(access.session_hours() * 3600)
        components.html(f"<script>document.cookie = '{access.COOKIE}={token}; Max-Age={max_age}; Path=/; "
                        "SameSite=Strict';</script>", height=0)


LANG_WIDGET = "_okr_lang_widget"
PRESENT_WIDGET = "_okr_present_widget"
QUARTER_WIDGET = "_okr_quarter_widget"


def current_lang() -> str:
    """The sidebar switch (this session) > `?lang=` > remembered > browser > OKR_LANG."""
    w = st.session_state.get(LANG_WIDGET)
    if w in LANGS:
        return w
    q = st.query_params.get("lang")
    if q in LANGS:
        return q
    if st.session_state.get("okr_lang") in LANGS:
        return st.session_state["okr_lang"]
    try:
        locale = (st.context.locale or "")[:2].lower()
    except Exception:
        locale = ""
    return locale if locale in LANGS else lang_from_env()


def presentation_requested() -> bool:
    """The toggle (this session) > `?present=1`."""
    w = st.session_state.get(PRESENT_WIDGET)
    if isinstance(w, bool):
        return w
    return st.query_params.get("present", "") in ("1", "true", "yes")


@st.cache_resource(show_spinner=False, max_entries=64)
def _timeline(path: str, signature: tuple) -> Timeline:
    """The snapshots of a database, read again only when its file changed (by
    this server or by an `okr import` elsewhere): a warm rerun opens no file."""
    return service.timeline(Store.open(path))


def timeline_of(store: Store) -> Timeline:
    return _timeline(str(store.path), store.signature())


@st.cache_resource(show_spinner=False)
def _demo_store(folder: str) -> Store | None:
    return service.demo_store(folder)


def demo_enabled() -> bool:
    return os.environ.get("OKR_SAMPLE", "1") != "0" and SAMPLE_DIR.is_dir()


def get_store() -> Store:
    """The user's database (uploads always go here)."""
    return Store.open(db_path())


# Static CSS only: never anything from a workbook in here.
# A metric wraps rather than ending in "…": at 5rem on the shared screen the Team
# page's forecast read "✗ will miss · …" and lost the very figure it is about.
_METRICS_WRAP = """[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"],
[data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
"""
BASE_CSS = """<style>
[data-testid="stMetricValue"] { font-size: 3rem; line-height: 1.1; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem; font-weight: 600; }
""" + _METRICS_WRAP + """</style>"""
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stExpandSidebarButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; padding-left: 2.5rem; padding-right: 2.5rem; max-width: 100%; }
[data-testid="stMetricValue"] { font-size: 5rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.7rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"] { font-size: 1.45rem !important; }
h1 { font-size: 3.2rem !important; } h2, h3 { font-size: 2.2rem !important; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 5rem !important; line-height: 1.1; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 1.7rem !important; }
[data-testid="stWidgetLabel"] p { font-size: 1.3rem !important; }
""" + _METRICS_WRAP + """</style>"""


def _exit_presentation() -> None:
    st.session_state[PRESENT_WIDGET] = False
    st.query_params.pop("present", None)


# the pages in the sidebar, named in the user's language (Streamlit's own list is off:
# client.showSidebarNavigation = false in .streamlit/config.toml)
NAV = (("app.py", "ui.overview.title"), ("pages/1_Team.py", "ui.team.title"),
       ("pages/2_Alignment.py", "ui.alignment.title"), ("pages/3_Import.py", "ui.import.title"),
       ("pages/4_Quality.py", "ui.quality.title"), ("pages/5_Meeting.py", "meeting.title"))


def _sidebar(lang: str, present: bool):
    """Language switch (remembered in `?lang=`) and presentation toggle; returns
    them and the container the page links go into once the quarter is known."""
    nav = st.sidebar.container()
    with st.sidebar:
        choice = st.radio(t("ui.lang.label", lang), LANGS, index=LANGS.index(lang), key=LANG_WIDGET,
                          horizontal=True, format_func=lambda code: t(f"ui.lang.{code}", code))
        present = st.toggle(t("ui.present.toggle", choice), value=present, key=PRESENT_WIDGET,
                            help=t("ui.present.help", choice))
    if st.query_params.get("lang") != choice:
        st.query_params["lang"] = choice
    st.session_state["okr_lang"] = choice
    if present and st.query_params.get("present") != "1":
        st.query_params["present"] = "1"
    elif not present and "present" in st.query_params:
        del st.query_params["present"]
    return choice, present, nav


def _nav_links(nav, page: "Page") -> None:
    for path, key in NAV:
        nav.page_link(path, label=page.t(key), query_params=page.params())


def resolve_quarter(tl: Timeline) -> str | None:
    """The quarter to show: the picker's choice this session > `?quarter=` (any
    spelling people use) > today's quarter when it has data > the most recent."""
    options = tl.quarters
    picked = st.session_state.get(QUARTER_WIDGET)
    if picked in options:
        return picked
    asked = st.query_params.get("quarter")
    if asked:
        try:
            asked = parse_quarter(asked)
        except Exception:  # noqa: BLE001 - a mistyped link falls back to the default
            asked = None
        if asked in options:
            return asked
    return tl.default_quarter()


def setup(title_key: str, icon: str = "🎯") -> Page:
    """Every page calls this first: config, password, language, presentation
    mode, database, quarter. Works as the very first request to a fresh server."""
    lang = current_lang()
    present = presentation_requested()
    st.set_page_config(page_title=f"{t(title_key, lang)} · OKR", page_icon=icon, layout="wide",
                       initial_sidebar_state="collapsed" if present else "auto")
    password_gate(lang)
    _remember_browser()
    lang, present, nav = _sidebar(lang, present)
    st.html(PRESENT_CSS if present else BASE_CSS)
    if present:
        st.button(t("ui.present.exit", lang), key="_okr_present_exit", on_click=_exit_presentation, type="tertiary")
    try:
        settings = Settings.from_env()
    except SettingsError as e:
        st.error(e.message(lang))
        st.stop()
    user = get_store()
    try:
        store, tl, demo = user, timeline_of(user), False
        if tl.empty and demo_enabled():
            demo_store = _demo_store(str(SAMPLE_DIR))
            if demo_store is not None:
                store, tl, demo = demo_store, timeline_of(demo_store), True
    except DatabaseError as e:
        st.error(service.database_sentence(e, lang))
        _nav_links(nav, Page(store=user, lang=lang, settings=settings, present=present))
        st.stop()
    page = Page(store=store, lang=lang, settings=settings, present=present, timeline=tl,
                quarter=resolve_quarter(tl), demo=demo, user_store=user)
    _nav_links(nav, page)
    if demo:
        demo_banner(page)
    return page


def demo_banner(page: Page) -> None:
    """Say plainly that these are not the user's numbers, and where theirs go in."""
    with st.container(border=True):
        text, link = st.columns([3, 1], vertical_alignment="center")
        text.markdown(f"**{page.t('demo.banner')}**")
        link.page_link("pages/3_Import.py", label=page.t("demo.to_import"), icon="⬆️", query_params=page.params())


# cache_resource, not cache_data: cache_data unpickles a fresh copy on every
# hit (~0.4 s for 10k KRs, issue #7); a Scorecard is never mutated by a page.
# Keyed by the snapshot's sha256 too: a database file replaced by another one
# reuses snapshot ids.
@st.cache_resource(show_spinner=False, max_entries=64)
def _scorecard(path: str, snapshot_id: int, sha256: str, quarter: str | None, settings: Settings) -> Scorecard | None:
    return service.scorecard(Store.open(path), snapshot_id, quarter, settings)


@st.cache_resource(show_spinner=False, max_entries=16)
def _snapshot(path: str, snapshot_id: int, sha256: str):
    return Store.open(path).load(snapshot_id)


def snapshot(page: Page, snapshot_id: int):
    """A stored snapshot's objectives, key results and teams, read once per snapshot."""
    info = page.timeline.get(snapshot_id)
    return _snapshot(str(page.store.path), snapshot_id, info.sha256 if info else "")


def scorecard(page: Page, quarter: str | None = None, snapshot_id: int | None = None) -> Scorecard | None:
    """A quarter's snapshot, scored; by default the quarter's "now". Cached by
    snapshot: a new upload is a new key, so every session sees it on its next rerun."""
    quarter = quarter or page.quarter
    info = page.timeline.get(snapshot_id) if snapshot_id is not None else page.now(quarter)
    if info is None:
        return None
    return _scorecard(str(page.store.path), info.id, info.sha256, quarter, page.settings)


def status_badge(status: str, lang: str) -> str:
    """Icon + label: readable without colour (okr.palette.badge)."""
    return badge(status, lang)


def kr_status(kr, lang: str) -> str:
    """A key result's status badge, with the stale marker (okr.views.kr_badge)."""
    return views.kr_badge(kr, lang)


def forecast_badge(status: str | None, progress: float | None, lang: str) -> str:
    """A forecast status, short, for a metric: '◐ close · 88%' (or 'too little history')."""
    if status is None:
        return t("forecast.too_little", lang)
    return f"{forecast.label(status, lang)} · {pct(progress, lang)}"


def kr_outlook(kr, lang: str) -> str:
    """The line under a key result's trend: its forecast, and since when it stands still."""
    parts = [forecast.describe(kr, lang)] if kr.kind != "milestone" else []
    if kr.stale and kr.last_change is not None:
        parts.append(f"{forecast.STALE_ICON} " + t("forecast.stale_since", lang,
                                                  date=formatting.date(kr.last_change, lang)))
    elif kr.stale:
        parts.append(forecast.stale_label(lang))
    return " · ".join(parts)


def pct(value: float | None, lang: str) -> str:
    """A fraction as a whole percentage in `lang` (okr.formatting.percent): 0.45 -> '45%'."""
    return formatting.percent(value, lang)


def empty_state(page: Page) -> None:
    """No snapshot yet: say what to do, and where."""
    st.info(page.t("ui.empty"))
    st.page_link("pages/3_Import.py", label=page.t("ui.empty.to_import"), icon="⬆️", query_params=page.params())


# every Markdown-special character gets a backslash; a newline becomes a space
_MD_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>$~:="}, "\n": " "})


def md(text: object) -> str:
    """Workbook text made inert for Streamlit markdown (titles, labels, messages)."""
    return str(text).translate(_MD_ESCAPES)


@contextmanager
def friendly(page: Page):
    """Never a traceback: an unexpected failure becomes one friendly sentence
    (Streamlit's own stop/rerun/switch_page still pass through)."""
    try:
        yield
    except Exception:  # noqa: BLE001 — ScriptControlException is a BaseException and passes
        _log.exception("page failed")
        st.error(page.t("ui.error.unexpected"))


# --- quarter, scorecards, changes -----------------------------------------------


def quarter_picker(page: Page, container=None) -> str | None:
    """Quarter select box over every quarter in the database, defaulting to the
    page's quarter (setup resolved it), remembered in `?quarter=`. None when
    nothing is stored yet."""
    options = page.timeline.quarters
    if not options or page.quarter not in options:
        return None
    if st.session_state.get(QUARTER_WIDGET) not in (None, *options):
        del st.session_state[QUARTER_WIDGET]
    if container is None:
        container, _ = st.columns([1, 3])
    choice = container.selectbox(page.t("ui.quarter.label"), options, index=options.index(page.quarter),
                                 key=QUARTER_WIDGET)
    if st.query_params.get("quarter") != choice:
        st.query_params["quarter"] = choice
    return choice


def previous_scorecard(page: Page, card: Scorecard) -> Scorecard | None:
    """The upload of the same quarter before the one `card` scores."""
    prev = page.timeline.previous(card.quarter, card.snapshot_id)
    return scorecard(page, card.quarter, prev.id) if prev else None


def changes_since_last(page: Page, card: Scorecard) -> changes.Changes:
    return changes.compare(previous_scorecard(page, card), card)


@st.cache_data(show_spinner=False, max_entries=512)
def _kr_series(path: str, snapshot_id: int, sha256: str, quarter: str, kr_id: str) -> tuple[list[tuple], list]:
    store = Store.open(path)
    return (store.kr_history(kr_id, up_to_snapshot=snapshot_id, quarter=quarter),
            store.checkins(snapshot_id, kr_id))


@st.cache_data(show_spinner=False, max_entries=2048)
def _kr_trend_spec(path: str, snapshot_id: int, sha256: str, quarter: str, kr_id: str, lang: str,
                   settings: Settings) -> dict:
    card = _scorecard(path, snapshot_id, sha256, quarter, settings)
    kr = next(k for k in card.key_results if k.id == kr_id)
    history, checkins = _kr_series(path, snapshot_id, sha256, quarter, kr_id)
    # not validated again here: tests/test_charts.py validates what okr.charts builds, and
    # the schema check is 40% of a chart's time (a team page draws dozens)
    return charts.kr_trend(kr, card.quarter, card.as_of, history, checkins, lang).to_dict(validate=False)


@st.cache_resource(show_spinner=False, max_entries=64)
def _team_ranking_spec(path: str, snapshot_id: int, sha256: str, quarter: str, lang: str, font: int,
                       settings: Settings) -> dict:
    card = _scorecard(path, snapshot_id, sha256, quarter, settings)
    return charts.team_ranking(card, lang, font=font).to_dict()


def team_ranking_spec(page: Page, card: Scorecard, font: int) -> dict:
    """The teams-by-lag chart as a Vega-Lite spec, built once per snapshot: Altair
    builds and validates it in ~0.3 s at 333 teams, too slow for every rerun."""
    info = page.timeline.get(card.snapshot_id)
    return _team_ranking_spec(str(page.store.path), info.id, info.sha256, card.quarter, page.lang, font,
                              page.settings)


@st.cache_resource(show_spinner=False, max_entries=32)
def _meeting(path: str, snapshot_id: int, sha256: str, quarter: str, lang: str, settings: Settings,
             previous: tuple | None, finished: bool):
    card = _scorecard(path, snapshot_id, sha256, quarter, settings)
    before = _scorecard(path, previous[0], previous[1], quarter, settings) if previous else None
    report = _quality_report(path, snapshot_id, sha256, quarter, lang, settings)
    store = Store.open(path)
    qc = close_model.quarter_close(store, quarter, settings) if finished else None
    return service.meeting_of(store, card, lang, before=before, snapshot=_snapshot(path, snapshot_id, sha256),
                              findings=report.findings if report else [], close=qc)


def _meeting_key(page: Page, card: Scorecard) -> tuple:
    """What a quarter's meeting depends on: _meeting's arguments."""
    info = page.timeline.get(card.snapshot_id)
    prev = page.timeline.previous(card.quarter, card.snapshot_id)
    return (str(page.store.path), info.id, info.sha256, card.quarter, page.lang, page.settings,
            (prev.id, prev.sha256) if prev else None, quarter_finished(page, card.quarter))


def meeting_of(page: Page, card: Scorecard):
    """The quarter's meeting screens (okr.meeting), built once per snapshot and language."""
    return _meeting(*_meeting_key(page, card))


@st.cache_data(show_spinner=False, max_entries=8)
def _pack(meeting_key: tuple, fmt: str) -> bytes:
    return pack.pack(_meeting(*meeting_key), fmt)


def pack_downloads(page: Page, card: Scorecard) -> None:
    """The meeting as PDF and PowerPoint (okr.pack). Built when a button is
    clicked, not on every rerun (seconds at 10k key results), then cached by
    snapshot and language."""
    key = _meeting_key(page, card)
    m = _meeting(*key)
    cols = st.columns(3)
    for col, fmt in zip(cols, pack.FORMATS):
        col.download_button(page.t(f"pack.{fmt}"), data=lambda fmt=fmt: _pack(key, fmt),
                            file_name=pack.file_name(m, fmt), mime=pack.MIME[fmt], key=f"_okr_pack_{fmt}",
                            help=page.t("pack.help"), on_click="ignore", width="stretch")


def kr_trend(page: Page, card: Scorecard, kr_id: str) -> None:
    """One KR's trend chart over the quarter's snapshots up to the one shown.
    The Vega-Lite spec is cached by snapshot: building and validating an
    Altair chart costs ~30 ms, 30 of them a second (issue #7)."""
    info = page.timeline.get(card.snapshot_id)
    if info is None:
        return
    spec = _kr_trend_spec(str(page.store.path), info.id, info.sha256, card.quarter, kr_id, page.lang, page.settings)
    st.vega_lite_chart(spec, width="stretch")


# --- upload -----------------------------------------------------------------------


def check_upload(page: Page, data: bytes, file_name: str) -> service.Checked:
    """Read and check an uploaded workbook (nothing stored), once per file and language."""
    sha = hashlib.sha256(data).hexdigest()
    cached = st.session_state.get("_okr_checked")
    if cached and cached[0] == (sha, file_name, page.lang):
        return cached[1]
    # a big workbook takes seconds: say what is happening (reading, checking, coaching)
    note = st.empty()

    def step(name: str) -> None:
        note.info(page.t(f"progress.{name}"))

    try:
        checked = service.check(data, file_name, page.lang, page.settings, progress=step)
    finally:
        note.empty()
    st.session_state["_okr_checked"] = ((sha, file_name, page.lang), checked)
    return checked


def plan_upload(page: Page, checked: service.Checked, as_of: dt.date | None = None) -> service.ImportPlan:
    """As-of date (given or default, and why), whether it is acceptable, and
    whether the workbook looks like another organisation's, against the user's
    database (never the demo)."""
    return service.plan_import(page.user_store, checked, as_of)


def import_preview(page: Page, checked: service.Checked, as_of: dt.date) -> changes.Changes | None:
    """What storing `checked` as of `as_of` would change against the current
    snapshot of the same quarter in the user's database."""
    if not checked.ok:
        return None
    quarter = scoring.default_quarter(checked.parsed.objectives, as_of)
    now = timeline_of(page.user_store).now(quarter) if quarter else None
    before = (_scorecard(str(page.user_store.path), now.id, now.sha256, quarter, page.settings)
              if now is not None else None)
    return changes.preview(checked.parsed, as_of, before, page.settings, quarter)


def store_upload(page: Page, checked: service.Checked, as_of: dt.date) -> service.ImportOutcome:
    """Store a clean upload as a new snapshot of the user's database (untouched otherwise)."""
    return service.store_checked(page.user_store, checked, as_of)


def template_bytes(lang: str) -> bytes:
    """The canonical template (okr.template), as bytes for a download button."""
    return _template_bytes(lang)


@st.cache_data(show_spinner=False)
def _template_bytes(lang: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "okr-template.xlsx"
        template.write_template(path, lang)
        return path.read_bytes()


def num(value: float | None, lang: str = "en") -> str:
    """A number as people write it (okr.formatting: 1,234.5 / 1.234,5); '–' when empty."""
    return formatting.number(value, lang, digits=2)


@st.cache_resource(show_spinner=False, max_entries=32)
def _quality_report(path: str, snapshot_id: int, sha256: str, quarter: str | None, lang: str, settings: Settings):
    return quality.snapshot_report(Store.open(path), snapshot_id, quarter, lang, settings)


def quality_report(page: Page, quarter: str | None = None):
    """The coach's findings and health for a quarter's current snapshot, cached
    by snapshot (a resource, not data: pages only read it)."""
    quarter = quarter or page.quarter
    info = page.now(quarter)
    if info is None:
        return None
    return _quality_report(str(page.store.path), info.id, info.sha256, quarter, page.lang, page.settings)


def team_health(page: Page, quarter: str | None = None) -> list[tuple[str, float | None, int]] | None:
    """(team, share of OKRs without findings, findings) per team (okr.quality)."""
    report = quality_report(page, quarter)
    return None if report is None else [(h.team, h.share, h.findings) for h in report.health]


def download_buttons(page: Page, card: Scorecard, team: str | None = None) -> None:
    """The quarter's (or one team's) key results as Excel and CSV, with
    formula-injection-safe cells (okr.export)."""
    stem = f"okr-{card.quarter}-{card.as_of.isoformat()}" + (f"-{slug(team)}" if team else "")
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(page.t("ui.export.xlsx"), export.scorecard_xlsx(card, page.lang, team),
                       file_name=f"{stem}.xlsx", key=f"_okr_xlsx_{team}",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    c2.download_button(page.t("ui.export.csv"), export.scorecard_csv(card, page.lang, team).encode("utf-8-sig"),
                       file_name=f"{stem}.csv", mime="text/csv", key=f"_okr_csv_{team}")


# the quarter-close section (okr/ui/close.py) needs the helpers above
from .close import close_section, quarter_finished  # noqa: E402
