"""Locale formatting (okr/formatting.py) and the round trip through okr.parse."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okr import formatting
from okr.parse import parse_number


@pytest.mark.parametrize(("lang", "expected"), [("nl", "1.234,5"), ("en", "1,234.5")])
def test_number(lang, expected):
    assert formatting.number(1234.5, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [("nl", "€ 30.000"), ("en", "€30,000")])
def test_money(lang, expected):
    assert formatting.money(30000, "EUR", lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [("nl", "15 feb 2026"), ("en", "15 Feb 2026")])
def test_date(lang, expected):
    assert formatting.date(dt.date(2026, 2, 15), lang) == expected


def test_percent_and_units():
    assert formatting.percent(0.45, "nl") == "45%"
    assert formatting.value_with_unit(45, "%", "nl") == "45%"
    assert formatting.value_with_unit(12.5, "SQL", "nl") == "12,5 SQL"
    assert formatting.value_with_unit(250000, "EUR", "en") == "€250,000"
    assert formatting.value_with_unit(None, "EUR", "en") == "–"


@given(st.decimals(min_value=-10**9, max_value=10**9, places=1, allow_nan=False, allow_infinity=False))
def test_dutch_and_english_numbers_parse_back(value):
    value = float(value)
    for lang in ("nl", "en"):
        text = formatting.number(value, lang)
        assert parse_number(text)[0] == pytest.approx(value), (lang, text)


@given(st.integers(min_value=0, max_value=10**9))
def test_money_parses_back(value):
    for lang in ("nl", "en"):
        number, unit = parse_number(formatting.money(value, "EUR", lang))
        assert (number, unit) == (value, "EUR")
