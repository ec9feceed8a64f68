"""The one status palette (Okabe-Ito, colour-blind safe), each status with an
icon/shape so colour is never the only signal.

Streamlit-free, so charts (okr.charts) and the app (okr.ui) share it.
"""

from __future__ import annotations

from .model import STATUSES

STATUS_COLORS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", "no update": "#8C8C8C"}
STATUS_ICONS = {"green": "●", "amber": "▲", "red": "■", "no update": "○"}

assert set(STATUS_COLORS) == set(STATUSES) == set(STATUS_ICONS)


def badge(status: str, lang: str = "en") -> str:
    """A status as text, readable without colour: icon + label ("■ red", "■ rood")."""
    from .i18n import status_label

    return f"{STATUS_ICONS[status]} {status_label(status, lang)}"
