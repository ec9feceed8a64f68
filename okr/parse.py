"""The one place that turns a cell into a number, a quarter, a status, a date.

Each parser takes what a cell holds (str, float, bool, datetime or None) and
returns a clean value or raises `ParseError` whose `code` names the i18n
message (`err.<code>` / `fix.<code>`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata


class ParseError(ValueError):
    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str | None:
    """Cell -> trimmed text, None when blank. Numbers keep their plain form
    (an id typed as 101 stays "101", not "101.0")."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return " ".join(str(value).split())


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.lower().replace("\u00a0", " ").split())


# --- numbers ------------------------------------------------------------

_CURRENCIES = {"€": "EUR", "eur": "EUR", "euro": "EUR", "$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP"}
_NUMBER = re.compile(r"^[+-]?(\d[\d.,' ]*\d|\d)$")
_UNIT_WORD = re.compile(r"^[^\W\d][\w'’/.\- ]{0,23}$")


def _to_float(digits: str) -> float:
    """'1.234,5' / '1,234.5' / '30.000' / '1,5' -> float.

    The last separator is the decimal one when both occur. With one kind of
    separator: several of them, or exactly three digits after a single one
    with a non-zero integer part ('30.000', '1,234'), mean thousands;
    otherwise it is the decimal separator ('1,5', '0.125', '12.50').
    """
    s = digits.replace(" ", "").replace("'", "")
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thou = "." if dec == "," else ","
        s = s.replace(thou, "").replace(dec, ".")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        parts = s.split(sep)
        if len(parts) > 2:
            s = "".join(parts)
        else:
            whole, frac = parts
            if len(frac) == 3 and whole not in ("", "0"):
                s = whole + frac
            else:
                s = whole + "." + frac
    return sign * float(s)


def parse_number(value: object, percent_format: bool = False) -> tuple[float | None, str | None]:
    """A cell -> (number, unit it implies). Blank -> (None, None).

    '45%' -> (45, '%'); a numeric cell with a percent number format
    (0.45) -> (45, '%'); '€ 30.000' -> (30000, 'EUR'); '15 SQL' -> (15, 'SQL').
    """
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        raise ParseError("number", value=str(value))
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise ParseError("number", value=str(value))
        if percent_format:
            return round(float(value) * 100, 10), "%"
        return float(value), None
    if isinstance(value, (dt.date, dt.datetime)):
        raise ParseError("number", value=text(value))
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
        raise ParseError("number", value=raw)
    digits, rest = m.group(1).strip(), m.group(2).strip()
    if rest:
        if unit is None and _UNIT_WORD.match(rest):
            unit = rest
        else:
            raise ParseError("number", value=raw)
    if not _NUMBER.match(digits):
        raise ParseError("number", value=raw)
    try:
        return _to_float(digits), unit
    except ValueError:
        raise ParseError("number", value=raw) from None


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


def parse_date(value: object) -> dt.date | None:
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = (text(value) or "").split("T")[0].split(" ")[0]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ParseError("date", value=text(value))


def parse_weight(value: object) -> float:
    if is_blank(value):
        return 1.0
    number, _unit = parse_number(value)
    if number is None or number < 0:
        raise ParseError("weight", value=text(value))
    return number


def slug(s: str, limit: int = 48) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", _fold(s)).strip("-")
    return s[:limit].rstrip("-") or "x"
