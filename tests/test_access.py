"""okr/access.py: the signed token that lets a browser that gave the password back in after a refresh."""

from __future__ import annotations

from okr import access

NOW = 1_800_000_000.0


def test_a_token_is_valid_until_it_expires_and_only_for_its_password():
    token = access.make_token("geheim", now=NOW, hours=12)
    assert "geheim" not in token
    assert access.token_valid("geheim", token, now=NOW + 3600)
    assert not access.token_valid("geheim", token, now=NOW + 12 * 3600 + 1)  # expired
    assert not access.token_valid("ander wachtwoord", token, now=NOW)  # the password changed


def test_a_forged_or_extended_token_is_refused():
    expiry, signature = access.make_token("geheim", now=NOW, hours=1).split(".")
    assert not access.token_valid("geheim", f"{int(expiry) + 86400}.{signature}", now=NOW)
    assert not access.token_valid("geheim", f"{expiry}.{'0' * 64}", now=NOW)
    for junk in (None, "", "abc", "x.y", f"{expiry}"):
        assert not access.token_valid("geheim", junk, now=NOW)


def test_session_hours_from_the_environment(monkeypatch):
    monkeypatch.setenv("OKR_SESSION_HOURS", "2")
    assert access.session_hours() == 2.0
    monkeypatch.setenv("OKR_SESSION_HOURS", "veel")
    assert access.session_hours() == 12.0
