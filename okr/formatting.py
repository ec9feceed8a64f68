"""Numbers, percentages, money and dates in the user's language, by Babel
(CLDR data) rather than hand-written rules: `1.234,5` / `1,234.5`,
`€ 30.000` / `€30,000`, `15 feb 2026` / `15 Feb 2026`.

Everything here formats for people; `okr.parse` reads what people type.
A Dutch-formatted number parses back to the same value (tested).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"en": "en_GB", "nl": "nl_NL"}
_MONEY = {"EUR", "USD", "GBP"}

# Vega-Lite/d3 format locales for chart axes and tooltips, matching Babel's output.
D3_LOCALES = {
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def number(value: float | None, lang: str = "en", digits: int = 1) -> str:
    """1234.5 -> '1.234,5' (nl) / '1,234.5' (en); whole numbers without decimals."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def percent(fraction: float | None, lang: str = "en", digits: int = 0) -> str:
    """0.45 -> '45%'."""
    if fraction is None:
        return "–"
    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    return format_percent(fraction, format=pattern, locale=_locale(lang))


def money(value: float | None, currency: str = "EUR", lang: str = "en") -> str:
    """30000 EUR -> '€ 30.000' (nl) / '€30,000' (en)."""
    if value is None:
        return "–"
    pattern = ("¤ #,##0" if lang == "nl" else "¤#,##0") + (".00" if value % 1 else "")
    return format_currency(value, currency, format=pattern, locale=_locale(lang), currency_digits=False)


def value_with_unit(value: float | None, unit: str | None, lang: str = "en") -> str:
    """A KR value as the meeting reads it: '45%', '€ 30.000', '15 SQL'."""
    if value is None:
        return "–"
    if unit == "%":
        return number(value, lang) + "%"
    if unit and unit.upper() in _MONEY:
        return money(value, unit.upper(), lang)
    return number(value, lang) + (f" {unit}" if unit else "")


def date(day: dt.date | None, lang: str = "en") -> str:
    """2026-02-15 -> '15 feb 2026' (nl) / '15 Feb 2026' (en)."""
    if day is None:
        return "–"
    return _babel_date(day, "d MMM y", locale=_locale(lang))
