"""Signed "this browser gave the password" tokens, so a refresh of the shared
screen does not put the password form in front of the room.

A token is `<expiry>.<hmac>`: the expiry as a Unix time, signed with
HMAC-SHA256 under a key derived from the password. It reveals nothing about
the password, cannot be forged or extended without it, and stops working when
it expires or the password changes. The dashboard keeps it in a cookie
(SameSite=Strict) for `OKR_SESSION_HOURS` hours (default 12: a working day,
meeting included).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time

COOKIE = "okr_session"


def session_hours() -> float:
    try:
        return max(0.0, float(os.environ.get("OKR_SESSION_HOURS", "12")))
    except ValueError:
        return 12.0


def _signature(password: str, expiry: int) -> str:
    key = hashlib.sha256(b"okr-dashboard session key\0" + password.encode()).digest()
    return hmac.new(key, f"okr-session:{expiry}".encode(), hashlib.sha256).hexdigest()


def make_token(password: str, now: float | None = None, hours: float | None = None) -> str:
    expiry = int((now if now is not None else time.time()) + 3600 * (session_hours() if hours is None else hours))
    return f"{expiry}.{_signature(password, expiry)}"


def token_valid(password: str, token: str | None, now: float | None = None) -> bool:
    if not token or "." not in token:
        return False
    expiry_text, signature = token.split(".", 1)
    try:
        expiry = int(expiry_text)
    except ValueError:
        return False
    if expiry <= (now if now is not None else time.time()):
        return False
    return hmac.compare_digest(signature, _signature(password, expiry))
