"""The one place that turns a cell into a number, a quarter, a status, a date.

Each parser takes what a cell holds (str, float, bool, datetime or None) and
returns a clean value or raises `ParseError` whose `code` names the i18n
message (`err.<code>` / `fix.<code>`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache


class ParseError(ValueError):
    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# control characters (ESC and the like, as `_x001B_` in a cell): never passed on to a terminal or a page
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text(value: object) -> str | None:
    """Cell -> trimmed text, None when blank. Numbers keep their plain form
    (an id typed as 101 stays "101", not "101.0"); control characters go."""
    if type(value) is str and value.isprintable() and "  " not in value and value.strip() == value:
        return value or None  # most cells: nothing to trim or take out
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    s = str(value)
    if not s.isprintable():
        s = _CONTROL.sub("", s)
    return " ".join(s.split()) or None


@lru_cache(maxsize=65536)  # titles, headers and status words come back again and again
def fold(s: str) -> str:
    """Lower case without accents ("Geïmplementeerd" -> "geimplementeerd", "’" -> "'"):
    the one way words are compared, in headers, statuses and the coach's lists."""
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")


def _fold(s: str) -> str:
    return " ".join(fold(s).replace("\u00a0", " ").split())


# --- numbers ------------------------------------------------------------

_CURRENCIES = {"€": "EUR", "eur": "EUR", "euro": "EUR", "$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP"}
_NUMBER = re.compile(r"^[+-]?(\d[\d.,' ]*\d|\d)$")
_PLAIN = re.compile(r"^\s*([+-]?\d[\d.,]*\d|\d)\s*(%?)\s*$")
_UNIT_WORD = re.compile(r"^[^\W\d][\w'’/.\- ]{0,23}$")


@lru_cache(maxsize=65536)  # the evidence pass and the parse ask about the same texts
def _separators(digits: str) -> tuple[str | None, bool]:
    """(the decimal separator the digits show, or None; is it a guess?).

    The last separator is the decimal one when both occur ('1.234,5'); one
    kind used several times is the thousands separator ('1.234.567'). A
    single one with exactly three digits after it and a non-zero whole part
    ('1,250', '1.250') could be either: a guess. Three zeros ('30.000') read
    as thousands, as nobody writes 30 as 30.000."""
    s = digits.lstrip("+-")
    if "," in s and "." in s:
        return ("," if s.rfind(",") > s.rfind(".") else "."), False
    sep = "," if "," in s else "." if "." in s else None
    if sep is None:
        return None, False
    parts = s.split(sep)
    if len(parts) > 2:
        return ("." if sep == "," else ","), False
    whole, frac = parts
    if len(frac) == 3 and whole not in ("", "0"):
        return (None, False) if frac == "000" else (sep, True)
    return sep, False


def _to_float(digits: str, decimal: str | None = None) -> float:
    """'1.234,5' / '1,234.5' / '30.000' / '1,5' -> float.

    See `_separators`; an ambiguous '1,250' uses `decimal`, the workbook's
    decimal separator, and without one reads as thousands (1250)."""
    s = digits.replace(" ", "").replace("'", "")
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    dec, guess = _separators(s)
    if guess:
        dec = decimal if decimal in (",", ".") else None
    if dec is None:
        s = s.replace(",", "").replace(".", "")
    else:
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    return sign * float(s)


def number_from_float(value: float, percent_format: bool = False) -> float:
    """A numeric cell's number: a percent-formatted cell (0.45) in points (45)."""
    if not math.isfinite(value):
        raise ParseError("number", value=str(value))
    return round(float(value) * 100, 10) if percent_format else float(value)


def _digits_of(value: object) -> str | None:
    """The digits part of a text number ('€ 1.250,5' -> '1.250,5'), or None."""
    if not isinstance(value, str):
        return None
    m = _DIGITS.search(value)
    return m.group(0) if m else None


_DIGITS = re.compile(r"\d[\d.,' ]*\d|\d")


def decimal_evidence(value: object) -> str | None:
    """The decimal separator a text number shows beyond doubt, or None."""
    digits = _digits_of(value)
    if digits is None:
        return None
    dec, guess = _separators(digits)
    return None if guess else dec


def ambiguous_number(value: object) -> bool:
    """Is it a text number whose separator could be thousands or decimal ('1,250')?"""
    digits = _digits_of(value)
    return digits is not None and _separators(digits)[1]


def parse_number(value: object, percent_format: bool = False, decimal: str | None = None
                 ) -> tuple[float | None, str | None]:
    """A cell -> (number, unit it implies). Blank -> (None, None).

    '45%' -> (45, '%'); a numeric cell with a percent number format
    (0.45) -> (45, '%'); '€ 30.000' -> (30000, 'EUR'); '15 SQL' -> (15, 'SQL').
    `decimal` (',' or '.') settles an ambiguous '1,250'.
    """
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        raise ParseError("number", value=str(value))
    if isinstance(value, (int, float)):
        return number_from_float(value, percent_format), ("%" if percent_format else None)
    if isinstance(value, (dt.date, dt.datetime)):
        raise ParseError("number", value=text(value))
    plain = _PLAIN.match(value) if isinstance(value, str) else None
    if plain:  # '1.500', '12,5', '45%': most text numbers, without the unit and currency search
        number = _to_float(plain.group(1), decimal)
        if math.isfinite(number):
            return number, "%" if plain.group(2) else None
    raw = str(value).strip().replace("\u00a0", " ").replace("\u2212", "-")
    s = raw
    unit = None
    sign = ""
    if s[:1] in ("-", "+"):  # '-€ 5', '- 3': the sign before a currency symbol or a space
        sign, s = s[0], s[1:].strip()
    if s.endswith("%"):
        unit, s = "%", s[:-1].strip()
    low = s.lower()
    for sym, code in _CURRENCIES.items():
        if low.startswith(sym):
            unit, s = code, s[len(sym):].strip()
            break
        if low.endswith(sym) and (len(sym) == 1 or low.endswith(" " + sym)):
            unit, s = code, s[: -len(sym)].strip()
            break
    if s.startswith("-") and unit:
        s = "-" + s[1:].strip()
    if sign and s[:1] not in ("-", "+"):
        s = sign + s
    m = re.match(r"^([+-]?[\d][\d.,' ]*)(.*)$", s)
    if not m:
        raise ParseError("number", value=_shown(raw))
    digits, rest = m.group(1).strip(), m.group(2).strip()
    if rest:
        if unit is None and _UNIT_WORD.match(rest):
            unit = rest
        else:
            raise ParseError("number", value=_shown(raw))
    if not _NUMBER.match(digits):
        raise ParseError("number", value=_shown(raw))
    try:
        number = _to_float(digits, decimal)
    except ValueError:
        raise ParseError("number", value=_shown(raw)) from None
    if not math.isfinite(number):  # '1' and 400 zeros: no JSON, no chart, no sum can hold it
        raise ParseError("number_too_large", value=_shown(raw))
    return number, unit


def _shown(raw: str, limit: int = 40) -> str:
    """A cell's text as a message quotes it: printable, and short."""
    s = text(raw) or ""
    return s if len(s) <= limit else s[: limit - 1] + "…"


# --- quarters -----------------------------------------------------------

_Q_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})\s*[-/ ]?\s*(?:q|k|kw)\s*(?P<q>[1-4])$"),
    re.compile(r"^(?:q|k|kw)\s*(?P<q>[1-4])\s*[-/ ']?\s*(?P<y>\d{4})$"),
)


def parse_quarter(value: object) -> str | None:
    """'2026-Q1', 'Q1 2026', '2026 Q1', 'Q1-2026', '2026Q1', 'K1 2026' -> '2026-Q1'.
    A date cell gives the quarter it falls in."""
    if is_blank(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year}-Q{(value.month - 1) // 3 + 1}"
    s = _fold(text(value) or "")
    s = s.replace(" ", "") if len(s) <= 8 else s
    for pat in _Q_PATTERNS:
        m = pat.match(s)
        if m:
            return f"{m.group('y')}-Q{m.group('q')}"
    raise ParseError("quarter", value=text(value))


def quarter_bounds(quarter: str) -> tuple[dt.date, dt.date]:
    """First day and the first day of the next quarter."""
    year, q = int(quarter[:4]), int(quarter[-1])
    first = dt.date(year, 3 * (q - 1) + 1, 1)
    nxt = dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)
    return first, nxt


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


# --- words ----------------------------------------------------------------

_STATUS_WORDS = {
    "green": ("green", "groen", "on track", "op koers", "g", "ok", "goed"),
    "amber": ("amber", "oranje", "geel", "yellow", "orange", "at risk", "risico", "a", "o",
              "in gevaar", "aandacht"),
    "red": ("red", "rood", "off track", "niet op koers", "r", "achter", "behind"),
}
_STATUS_LOOKUP = {w: k for k, ws in _STATUS_WORDS.items() for w in ws}


def parse_status(value: object) -> str | None:
    if is_blank(value):
        return None
    s = _fold(text(value) or "")
    s = re.sub(r"^[^\w]+|[^\w]+$", "", s)  # emoji or bullets around the word
    if s in _STATUS_LOOKUP:
        return _STATUS_LOOKUP[s]
    raise ParseError("status", value=text(value))


_YES = {"yes", "ja", "y", "j", "done", "gereed", "klaar", "afgerond", "true", "waar", "x", "1", "✓", "✔", "v",
        "behaald", "achieved", "completed", "complete"}
_NO = {"no", "nee", "n", "not done", "niet gereed", "open", "false", "onwaar", "0", "-", "todo", "to do",
       "niet behaald", "not achieved", "bezig", "in progress", "lopend"}


def parse_done(value: object) -> bool | None:
    """Milestone current value: yes/no, ja/nee, done/gereed, 1/0."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return bool(value)
        raise ParseError("done", value=text(value))
    s = _fold(str(value))
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise ParseError("done", value=text(value))


def looks_done_word(value: object) -> bool:
    return isinstance(value, str) and _fold(value) in (_YES | _NO) - {"1", "0", "-", "x", "v"}


_KINDS = {"number": ("number", "getal", "numeric", "numeriek", "aantal", "metric", "nummer"),
          "milestone": ("milestone", "mijlpaal", "binary", "binair", "ja/nee", "yes/no", "done")}
_TYPES = {"committed": ("committed", "commit", "toegezegd", "vast", "committed okr"),
          "aspirational": ("aspirational", "ambitieus", "stretch", "moonshot", "aspirationeel", "ambitie")}


def _word(value: object, table: dict[str, tuple[str, ...]], code: str, default: str) -> str:
    if is_blank(value):
        return default
    s = _fold(text(value) or "")
    for key, words in table.items():
        if s in words:
            return key
    raise ParseError(code, value=text(value))


def parse_kind(value: object) -> str:
    return _word(value, _KINDS, "kind", "number")


def parse_type(value: object) -> str:
    return _word(value, _TYPES, "type", "committed")


# --- dates ---------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%y", "%d/%m/%y")
_MONTHS = {name: i for i, names in enumerate((
    ("jan", "januari", "january"), ("feb", "febr", "februari", "february"), ("mrt", "mar", "maart", "march"),
    ("apr", "april"), ("mei", "may"), ("jun", "juni", "june"), ("jul", "juli", "july"),
    ("aug", "augustus", "august"), ("sep", "sept", "september"), ("okt", "oct", "oktober", "october"),
    ("nov", "november"), ("dec", "december")), start=1) for name in names}
# '15 feb 2026', '15 februari 2026', '15-feb-2026', 'Feb 15, 2026', 'maandag 15 februari 2026'
_DAY_MONTH_YEAR = re.compile(r"^(?:[a-z]+,? )?(\d{1,2})\.?[ -]([a-z]+)\.?,?[ -](\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^(?:[a-z]+,? )?([a-z]+)\.? (\d{1,2}),? (\d{4})$")
_EPOCH = {False: dt.date(1899, 12, 30), True: dt.date(1904, 1, 1)}
# a number in a date column is a date serial when it falls in these years (45000 is 2023-03-15)
_SERIAL_YEARS = (1980, 2200)


def parse_date(value: object, date1904: bool = False) -> dt.date | None:
    """A date cell, a date serial in a cell formatted General (46068), or text:
    ISO, day-month-year with - / or ., or with the month's Dutch or English
    name, whole or abbreviated ('15 feb 2026', '15 februari 2026')."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and not isinstance(value, bool) and math.isfinite(value):
        if 1 <= value < 2_958_466:
            day = _EPOCH[date1904] + dt.timedelta(days=int(value))
            if _SERIAL_YEARS[0] <= day.year <= _SERIAL_YEARS[1]:
                return day
        raise ParseError("date", value=text(value))
    raw = text(value) or ""
    s = raw.split("T")[0].split(" ")[0]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    folded = _fold(raw)
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        m = pattern.match(folded)
        if m:
            day, month, year = (m.group(i + 1) for i in order)
            if month in _MONTHS:
                try:
                    return dt.date(int(year), _MONTHS[month], int(day))
                except ValueError:
                    break
    raise ParseError("date", value=_shown(raw))


def parse_weight(value: object) -> float:
    if is_blank(value):
        return 1.0
    number, _unit = parse_number(value)
    if number is None or number < 0:
        raise ParseError("weight", value=text(value))
    return number


def _fraction(value: object, percent_format: bool, code: str, as_is_to_1: bool) -> float | None:
    """A confidence or grade as a fraction 0..1. A percentage (text with %, a
    percent-formatted cell; for a confidence also a plain number above 10 up
    to 100) is divided by 100, a plain number up to 10 by 10; for a grade
    (`as_is_to_1`) a plain number up to 1 is the fraction itself. Anything
    else is error `code`."""
    if is_blank(value):
        return None
    try:
        number, unit = parse_number(value, percent_format)
    except ParseError:
        raise ParseError(code, value=_shown(text(value) or "")) from None
    if unit == "%" or (not as_is_to_1 and 10 < number <= 100):
        if 0 <= number <= 100:
            return round(number / 100, 10)
    elif as_is_to_1 and 0 <= number <= 1:
        return number
    elif 0 <= number <= 10:
        return round(number / 10, 10)
    raise ParseError(code, value=text(value))


def parse_confidence(value: object, percent_format: bool = False) -> float | None:
    """The owner's confidence as a fraction: 0-10 (7 -> 0.7) or a percentage (70% -> 0.7)."""
    return _fraction(value, percent_format, "confidence", False)


def parse_grade(value: object, percent_format: bool = False) -> float | None:
    """The owner's grade as a fraction: 0-1 as it is (0.7), a Dutch cijfer
    up to 10 (7 -> 0.7), or a percentage (70% -> 0.7)."""
    return _fraction(value, percent_format, "grade", True)


def slug(s: str, limit: int = 48) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", _fold(s)).strip("-")
    return s[:limit].rstrip("-") or "x"
