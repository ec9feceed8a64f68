"""Numbers, percentages, money and dates in the user's language, by Babel
(CLDR data) rather than hand-written rules: `1.234,5` / `1,234.5`,
`€ 30.000` / `€30,000`, `15 feb 2026` / `15 Feb 2026`.

Everything here formats for people; `okr.parse` reads what people type.
A Dutch-formatted number parses back to the same value (tested).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import get_day_names, get_month_names
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"en": "en_GB", "nl": "nl_NL"}
_MONEY = {"EUR", "USD", "GBP"}

# Vega-Lite/d3 number format locales for chart axes and tooltips, matching Babel's output
# (`vega_locale` adds the time locale, built from Babel's CLDR month and day names).
D3_LOCALES = {
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def number(value: float | None, lang: str = "en", digits: int = 1, *, sign: bool = False) -> str:
    """1234.5 -> '1.234,5' (nl) / '1,234.5' (en); whole numbers without decimals.
    `sign=True` writes changes: '+1.234,5', '-3', '±0'."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    if sign:
        if round(value, digits) == 0:
            return "±0"
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=_locale(lang))


def points(fraction: float | None, lang: str = "en") -> str:
    """A change of a percentage in percentage points: 0.12 -> '+12 pp', -0.035 -> '-3,5 pp' (nl)."""
    if fraction is None:
        return "–"
    return number(fraction * 100, lang, digits=1, sign=True) + " pp"


def percent(fraction: float | None, lang: str = "en", digits: int = 0) -> str:
    """0.45 -> '45%'."""
    if fraction is None:
        return "–"
    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    return format_percent(fraction, format=pattern, locale=_locale(lang))


def grade(value: float | None, lang: str = "en") -> str:
    """A grade 0..1 with two decimals, as OKR grades are read: 0.7 -> '0.70' / '0,70'."""
    if value is None:
        return "–"
    return format_decimal(value, format="0.00", locale=_locale(lang))


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
    if isinstance(day, dt.datetime):
        day = day.date()
    return _babel_date(day, "d MMM y", locale=_locale(lang))


def datetime(moment: dt.datetime | None, lang: str = "en") -> str:
    """2026-02-15 14:03 -> '15 feb 2026 14:03' (nl) / '15 Feb 2026 14:03' (en)."""
    if moment is None:
        return "–"
    return _babel_datetime(moment, "d MMM y HH:mm", locale=_locale(lang))


# d3 time patterns for charts, the same shape as `date`: '15 feb 2026' / '15 Feb 2026'.
D3_DATE = "%-d %b %Y"
D3_DAY_MONTH = "%-d %b"


def vega_locale(lang: str = "en") -> dict:
    """The Vega `config.locale` for `lang`: number formats (D3_LOCALES) and time
    formats with CLDR month/day names from Babel, so chart axes and tooltips
    read like `number` and `date`. (Streamlit drops vega-embed's `formatLocale`
    option; a chart's own config.locale reaches Vega.)"""
    loc = _locale(lang)
    months = get_month_names("wide", "format", loc)
    short_months = get_month_names("abbreviated", "format", loc)
    days = get_day_names("wide", "format", loc)
    short_days = get_day_names("abbreviated", "format", loc)
    # Babel: 0 = Monday ... 6 = Sunday; d3: Sunday first
    order = [6, 0, 1, 2, 3, 4, 5]
    time = {
        "dateTime": "%a %e %b %Y %X", "date": "%d-%m-%Y" if lang == "nl" else "%d/%m/%Y", "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [days[i] for i in order], "shortDays": [short_days[i] for i in order],
        "months": [months[i] for i in range(1, 13)], "shortMonths": [short_months[i] for i in range(1, 13)],
    }
    return {"number": dict(D3_LOCALES.get(lang, D3_LOCALES["en"])), "time": time}
