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

from .. import changes, charts, export, formatting, quality, scoring, service, template
from ..i18n import LANGS, lang_from_env, status_label, t
from ..palette import STATUS_COLORS, STATUS_ICONS
from ..scoring import Scorecard
from ..settings import Settings
from ..parse import slug
from ..store import DatabaseBusy, SchemaTooNew, Store, db_path

_log = logging.getLogger("okr.ui")
ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "sample_data"

# The one palette lives in okr.palette (Streamlit-free, shared with okr.charts);
# re-exported here for the pages.
__all__ = ["STATUS_COLORS", "STATUS_ICONS"]


@dataclass
class Page:
    store: Store
    lang: str
    settings: Settings
    present: bool = False

    def t(self, key: str, **params) -> str:
        return t(key, self.lang, **params)

    def params(self, **extra: str | None) -> dict[str, str]:
        """Query parameters that travel with every link: language, presentation
        mode, plus `extra` (None values are left out)."""
        out = {"lang": self.lang}
        if self.present:
            out["present"] = "1"
        out.update({k: v for k, v in extra.items() if v is not None})
        return out


def _password() -> str | None:
    pw = os.environ.get("OKR_PASSWORD")
    if pw:
        return pw
    try:
        return st.secrets.get("password")  # type: ignore[no-any-return]
    except Exception:  # no secrets.toml: no password configured
        return None


def password_gate(lang: str) -> None:
    """Stop the page unless the session has given the password (when one is set)."""
    expected = _password()
    if not expected or st.session_state.get("_okr_authenticated"):
        return
    st.title(t("ui.login.title", lang))
    with st.form("okr-login"):
        given = st.text_input(t("ui.login.password", lang), type="password", key="okr-password")
        submitted = st.form_submit_button(t("ui.login.submit", lang))
    if submitted:
        if hmac.compare_digest(given.encode(), expected.encode()):
            st.session_state["_okr_authenticated"] = True
            st.rerun()
        st.error(t("ui.login.wrong", lang))
    st.stop()


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


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    store = Store.open(path)
    if os.environ.get("OKR_SAMPLE", "1") != "0" and store.latest() is None and SAMPLE_DIR.is_dir():
        service.load_sample(store, SAMPLE_DIR)
    return store


def get_store() -> Store:
    return _store(str(db_path()))


# Static CSS only: never anything from a workbook in here.
BASE_CSS = """<style>
[data-testid="stMetricValue"] { font-size: 3rem; line-height: 1.1; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem; font-weight: 600; }
</style>"""
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
</style>"""


def _exit_presentation() -> None:
    st.session_state[PRESENT_WIDGET] = False
    st.query_params.pop("present", None)


# the pages in the sidebar, named in the user's language (Streamlit's own list is off:
# client.showSidebarNavigation = false in .streamlit/config.toml)
NAV = (("app.py", "ui.overview.title"), ("pages/1_Team.py", "ui.team.title"),
       ("pages/2_Alignment.py", "ui.alignment.title"), ("pages/3_Import.py", "ui.import.title"),
       ("pages/4_Quality.py", "ui.quality.title"))


def _sidebar(lang: str, present: bool) -> tuple[str, bool]:
    """Page links, language switch (remembered in `?lang=`) and presentation toggle."""
    nav = st.sidebar.container()
    with st.sidebar:
        choice = st.radio(t("ui.lang.label", lang), LANGS, index=LANGS.index(lang), key=LANG_WIDGET,
                          horizontal=True, format_func=lambda code: t(f"ui.lang.{code}", code))
        present = st.toggle(t("ui.present.toggle", choice), value=present, key=PRESENT_WIDGET,
                            help=t("ui.present.help", choice))
    if st.query_params.get("lang") != choice:
        st.query_params["lang"] = choice
    st.session_state["okr_lang"] = choice
    keep = {k: st.query_params.get(k) for k in ("quarter", "present") if st.query_params.get(k)}
    for path, key in NAV:
        nav.page_link(path, label=t(key, choice), query_params={"lang": choice, **keep})
    if present and st.query_params.get("present") != "1":
        st.query_params["present"] = "1"
    elif not present and "present" in st.query_params:
        del st.query_params["present"]
    return choice, present


def setup(title_key: str, icon: str = "🎯") -> Page:
    """Every page calls this first: config, password, language, presentation
    mode, database. Works as the very first request to a fresh server."""
    lang = current_lang()
    present = presentation_requested()
    st.set_page_config(page_title=f"{t(title_key, lang)} · OKR", page_icon=icon, layout="wide",
                       initial_sidebar_state="collapsed" if present else "auto")
    password_gate(lang)
    lang, present = _sidebar(lang, present)
    st.html(PRESENT_CSS if present else BASE_CSS)
    if present:
        st.button(t("ui.present.exit", lang), key="_okr_present_exit", on_click=_exit_presentation, type="tertiary")
    try:
        store = get_store()
    except DatabaseBusy:
        st.error(t("ui.db.busy", lang, db=db_path()))
        st.stop()
    except SchemaTooNew:
        st.error(t("ui.db.too_new", lang, db=db_path()))
        st.stop()
    return Page(store=store, lang=lang, settings=Settings.from_env(), present=present)


# cache_resource, not cache_data: cache_data unpickles a fresh copy on every
# hit (~0.4 s for 10k KRs, issue #7); a Scorecard is never mutated by a page.
@st.cache_resource(show_spinner=False, max_entries=64)
def _scorecard(path: str, snapshot_id: int, quarter: str | None, settings: Settings) -> Scorecard | None:
    return service.scorecard(Store.open(path), snapshot_id, quarter, settings)


def scorecard(page: Page, quarter: str | None = None, snapshot_id: int | None = None) -> Scorecard | None:
    """The scored snapshot, cached by snapshot id: a new upload is a new key,
    so every session sees it on its next rerun."""
    if snapshot_id is None:
        latest = page.store.latest()
        if latest is None:
            return None
        snapshot_id = latest.id
    return _scorecard(str(page.store.path), snapshot_id, quarter, page.settings)


def status_badge(status: str, lang: str) -> str:
    """Icon + label: readable without colour."""
    return f"{STATUS_ICONS[status]} {status_label(status, lang)}"


def pct(value: float | None, lang: str) -> str:
    """A fraction as a whole percentage in `lang` (okr.formatting.percent): 0.45 -> '45%'."""
    return formatting.percent(value, lang)


def empty_state(page: Page) -> None:
    """No snapshot yet: say what to do, and where."""
    st.info(page.t("ui.empty"))
    st.page_link("pages/3_Import.py", label=page.t("ui.empty.to_import"), icon="⬆️", query_params=page.params())


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>$~:=")


def md(text: object) -> str:
    """Workbook text made inert for Streamlit markdown (titles, labels, messages)."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(text)).replace("\n", " ")


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


def quarters(page: Page) -> list[str]:
    latest = page.store.latest()
    return sorted(q for q in latest.quarters.split(",") if q) if latest else []


def quarter_picker(page: Page, container=None) -> str | None:
    """Quarter select box, defaulting to the latest snapshot's quarter,
    remembered in `?quarter=`. None when nothing is stored yet."""
    options = quarters(page)
    if not options:
        return None
    default_card = scorecard(page)
    default = default_card.quarter if default_card else options[-1]
    wanted = st.session_state.get(QUARTER_WIDGET) or st.query_params.get("quarter")
    if wanted not in options:
        wanted = default if default in options else options[-1]
    if st.session_state.get(QUARTER_WIDGET) not in (None, *options):
        del st.session_state[QUARTER_WIDGET]
    if container is None:
        container, _ = st.columns([1, 3])
    choice = container.selectbox(page.t("ui.quarter.label"), options, index=options.index(wanted),
                                 key=QUARTER_WIDGET)
    if st.query_params.get("quarter") != choice:
        st.query_params["quarter"] = choice
    return choice


def previous_scorecard(page: Page, quarter: str | None, snapshot_id: int | None = None) -> Scorecard | None:
    """The snapshot before the latest (or before `snapshot_id`), scored for the same quarter."""
    if snapshot_id is None:
        latest = page.store.latest()
        if latest is None:
            return None
        snapshot_id = latest.id
    prev = page.store.previous(snapshot_id)
    if prev is None:
        return None
    return scorecard(page, quarter, prev.id)


def changes_since_last(page: Page, card: Scorecard) -> changes.Changes:
    return changes.compare(previous_scorecard(page, card.quarter), card)


@st.cache_data(show_spinner=False, max_entries=512)
def _kr_series(path: str, snapshot_id: int, kr_id: str) -> tuple[list[tuple], list]:
    store = Store.open(path)
    return store.kr_history(kr_id, up_to_snapshot=snapshot_id), store.checkins(snapshot_id, kr_id)


@st.cache_data(show_spinner=False, max_entries=2048)
def _kr_trend_spec(path: str, snapshot_id: int, quarter: str, kr_id: str, lang: str, settings: Settings) -> dict:
    card = _scorecard(path, snapshot_id, quarter, settings)
    kr = next(k for k in card.key_results if k.id == kr_id)
    history, checkins = _kr_series(path, snapshot_id, kr_id)
    return charts.kr_trend(kr, card.quarter, card.as_of, history, checkins, lang).to_dict()


def kr_trend(page: Page, card: Scorecard, kr_id: str) -> None:
    """One KR's trend chart. The Vega-Lite spec is cached by snapshot: building
    and validating an Altair chart costs ~30 ms, 30 of them a second (issue #7)."""
    latest = page.store.latest()
    if latest is None:
        return
    spec = _kr_trend_spec(str(page.store.path), latest.id, card.quarter, kr_id, page.lang, page.settings)
    st.vega_lite_chart(spec, width="stretch")


# --- upload -----------------------------------------------------------------------


def check_upload(page: Page, data: bytes, file_name: str) -> service.Checked:
    """Read and check an uploaded workbook (nothing stored), once per file and language."""
    sha = hashlib.sha256(data).hexdigest()
    cached = st.session_state.get("_okr_checked")
    if cached and cached[0] == (sha, file_name, page.lang):
        return cached[1]
    checked = service.check(data, file_name, page.lang, page.settings)
    st.session_state["_okr_checked"] = ((sha, file_name, page.lang), checked)
    return checked


def import_preview(page: Page, checked: service.Checked, as_of: dt.date) -> changes.Changes | None:
    """What storing `checked` as of `as_of` would change against the latest snapshot."""
    if not checked.ok:
        return None
    quarter = scoring.default_quarter(checked.parsed.objectives, as_of)
    latest = page.store.latest()
    before = scorecard(page, quarter, latest.id) if latest and quarter else None
    return changes.preview(checked.parsed, as_of, before, page.settings, quarter)


def store_upload(page: Page, checked: service.Checked, as_of: dt.date) -> service.ImportOutcome:
    """Store a clean upload as a new snapshot (the database is untouched otherwise)."""
    return service.store_checked(page.store, checked, as_of)


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
def _quality_report(path: str, snapshot_id: int, quarter: str | None, lang: str, settings: Settings):
    return quality.snapshot_report(Store.open(path), snapshot_id, quarter, lang, settings)


def quality_report(page: Page, snapshot_id: int, quarter: str | None):
    """The coach's findings and health for a stored snapshot, cached by snapshot
    (a resource, not data: pages only read it)."""
    return _quality_report(str(page.store.path), snapshot_id, quarter, page.lang, page.settings)


def _team_health(path: str, snapshot_id: int, quarter: str | None, lang: str, settings: Settings) -> list[tuple]:
    report = _quality_report(path, snapshot_id, quarter, lang, settings)
    return [] if report is None else [(h.team, h.share, h.findings) for h in report.health]


def team_health(page: Page, quarter: str | None) -> list[tuple[str, float | None, int]] | None:
    """(team, share of OKRs without findings, findings) per team from the Quality
    page's okr.quality; None while nothing is stored."""
    latest = page.store.latest()
    if latest is None:
        return None
    return _team_health(str(page.store.path), latest.id, quarter, page.lang, page.settings)


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
