"""The Streamlit helpers every page shares: setup (page config, password
gate, database, sample data), cached reads keyed by snapshot, status badges.

Only this package (and the pages) import Streamlit; everything it shows is
computed in `okr`.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from .. import service
from ..i18n import LANGS, lang_from_env, status_label, t
from ..scoring import Scorecard
from ..settings import Settings
from ..store import Store, db_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "sample_data"

# One status palette (Okabe-Ito, colour-blind safe), each with an icon so
# colour is never the only signal.
STATUS_COLORS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", "no update": "#8C8C8C"}
STATUS_ICONS = {"green": "●", "amber": "▲", "red": "■", "no update": "○"}


@dataclass
class Page:
    store: Store
    lang: str
    settings: Settings

    def t(self, key: str, **params) -> str:
        return t(key, self.lang, **params)


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


def current_lang() -> str:
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


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    store = Store.open(path)
    if os.environ.get("OKR_SAMPLE", "1") != "0" and store.latest() is None and SAMPLE_DIR.is_dir():
        service.load_sample(store, SAMPLE_DIR)
    return store


def get_store() -> Store:
    return _store(str(db_path()))


def setup(title_key: str, icon: str = "🎯") -> Page:
    """Every page calls this first: config, password, database."""
    lang = current_lang()
    st.set_page_config(page_title=f"{t(title_key, lang)} · OKR", page_icon=icon, layout="wide")
    password_gate(lang)
    return Page(store=get_store(), lang=lang, settings=Settings.from_env())


@st.cache_data(show_spinner=False, max_entries=64)
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


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def empty_state(page: Page) -> None:
    st.info(page.t("ui.empty"))
