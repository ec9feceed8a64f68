"""okr/parse.py: the one place that parses numbers, quarters, statuses, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from okr.parse import (
    ParseError,
    ambiguous_number,
    decimal_evidence,
    fold,
    parse_confidence,
    parse_grade,
    parse_date,
    parse_done,
    parse_kind,
    parse_number,
    parse_quarter,
    parse_status,
    parse_type,
    parse_weight,
    quarter_bounds,
    quarter_of,
    text,
)


@pytest.mark.parametrize("raw, expected", [
    ("1.234,5", (1234.5, None)),
    ("1,234.5", (1234.5, None)),
    ("€ 30.000", (30000.0, "EUR")),
    ("€30.000,50", (30000.5, "EUR")),
    ("30.000 EUR", (30000.0, "EUR")),
    ("45%", (45.0, "%")),
    ("10 %", (10.0, "%")),
    ("1,5", (1.5, None)),
    ("0.125", (0.125, None)),
    ("12.50", (12.5, None)),
    ("1.234.567", (1234567.0, None)),
    ("-5", (-5.0, None)),
    ("€ -5", (-5.0, "EUR")),
    ("-€ 5", (-5.0, "EUR")),
    ("$1,000", (1000.0, "USD")),
    ("15 SQL", (15.0, "SQL")),
    ("  7  ", (7.0, None)),
    ("\u2212 3", (-3.0, None)),
    (15, (15.0, None)),
    (2.5, (2.5, None)),
    (None, (None, None)),
    ("   ", (None, None)),
])
def test_numbers(raw, expected):
    assert parse_number(raw) == expected


def test_percent_formatted_cell_is_points():
    assert parse_number(0.45, percent_format=True) == (45.0, "%")
    assert parse_number(1.3, percent_format=True) == (130.0, "%")
    assert parse_number(0.07, percent_format=True) == (7.0, "%")  # no 7.000000000000001


@pytest.mark.parametrize("raw", ["abc", "n.v.t.", "ongeveer 5 of 6", True, dt.date(2026, 1, 1), float("nan"),
                                 float("inf"), "5 - 6"])
def test_not_a_number(raw):
    with pytest.raises(ParseError) as ei:
        parse_number(raw)
    assert ei.value.code == "number"


@pytest.mark.parametrize("raw", ["2026-Q1", "Q1 2026", "2026 Q1", "Q1-2026", "2026Q1", "K1 2026", "q1 2026",
                                 "k1-2026", " 2026-q1 ", "Q1/2026", "kw1 2026"])
def test_quarter_forms(raw):
    assert parse_quarter(raw) == "2026-Q1"


def test_quarter_from_date_cell_and_blank():
    assert parse_quarter(dt.datetime(2026, 8, 3)) == "2026-Q3"
    assert parse_quarter(None) is None


@pytest.mark.parametrize("raw", ["Q5 2026", "2026", "Q1", "first quarter", "2026-Q0", "26-Q1"])
def test_bad_quarter(raw):
    with pytest.raises(ParseError) as ei:
        parse_quarter(raw)
    assert ei.value.code == "quarter" and ei.value.params["value"] == raw


def test_quarter_bounds():
    assert quarter_bounds("2026-Q1") == (dt.date(2026, 1, 1), dt.date(2026, 4, 1))
    assert quarter_bounds("2026-Q4") == (dt.date(2026, 10, 1), dt.date(2027, 1, 1))
    assert quarter_of(dt.date(2026, 12, 31)) == "2026-Q4"


@pytest.mark.parametrize("raw, expected", [
    ("green", "green"), ("Groen", "green"), ("On Track", "green"), ("op koers", "green"),
    ("amber", "amber"), ("oranje", "amber"), ("at risk", "amber"), ("Risico", "amber"),
    ("red", "red"), ("rood", "red"), ("off track", "red"), ("Niet op koers", "red"),
    ("🟢 groen", "green"), (None, None),
])
def test_status_words(raw, expected):
    assert parse_status(raw) == expected


@pytest.mark.parametrize("raw", ["purple", "good-ish", "50%"])
def test_bad_status(raw):
    with pytest.raises(ParseError) as ei:
        parse_status(raw)
    assert ei.value.code == "status"


@pytest.mark.parametrize("raw, expected", [
    ("yes", True), ("ja", True), ("done", True), ("Gereed", True), (1, True), ("1", True), (True, True),
    ("no", False), ("nee", False), (0, False), ("0", False), ("niet gereed", False), (None, None),
])
def test_done(raw, expected):
    assert parse_done(raw) is expected


@pytest.mark.parametrize("raw", ["maybe", 2, 0.5])
def test_bad_done(raw):
    with pytest.raises(ParseError):
        parse_done(raw)


def test_kind_type_weight():
    assert parse_kind(None) == "number" and parse_kind("Mijlpaal") == "milestone" and parse_kind("getal") == "number"
    assert parse_type(None) == "committed" and parse_type("Aspirational") == "aspirational"
    assert parse_type("ambitieus") == "aspirational"
    assert parse_weight(None) == 1.0 and parse_weight("2") == 2.0 and parse_weight(0) == 0.0
    for bad, fn in (("sometimes", parse_kind), ("maybe", parse_type), (-1, parse_weight), ("x", parse_weight)):
        with pytest.raises(ParseError):
            fn(bad)


@pytest.mark.parametrize("raw", ["2026-02-15", "15-02-2026", "15/02/2026", "15.02.2026",
                                 dt.datetime(2026, 2, 15, 0, 0), dt.date(2026, 2, 15)])
def test_dates(raw):
    assert parse_date(raw) == dt.date(2026, 2, 15)


def test_bad_date():
    with pytest.raises(ParseError) as ei:
        parse_date("gisteren")
    assert ei.value.code == "date"


def test_text_keeps_ids_plain():
    assert text(101.0) == "101" and text("  a   b ") == "a b" and text("") is None
    assert text(dt.datetime(2026, 2, 15)) == "2026-02-15"


@pytest.mark.parametrize("raw", ["15 feb 2026", "15 februari 2026", "15 Feb. 2026", "15-feb-2026", "Feb 15, 2026",
                                 "February 15 2026", "zondag 15 februari 2026", 46068.0])
def test_dates_with_month_names_and_serials(raw):
    assert parse_date(raw) == dt.date(2026, 2, 15)


def test_a_serial_follows_the_workbook_date_system_and_must_be_a_plausible_date():
    assert parse_date(44606.0, date1904=True) == dt.date(2026, 2, 15)
    for bad in (3.0, 9_999_999.0, "31 feb 2026", "15 fooba 2026"):
        with pytest.raises(ParseError) as ei:
            parse_date(bad)
        assert ei.value.code == "date"


@pytest.mark.parametrize("raw, decimal, expected", [
    ("1,250", None, 1250.0), ("1,250", ",", 1.25), ("1,250", ".", 1250.0),
    ("1.250", ",", 1250.0), ("1.250", ".", 1.25), ("€ 1.250", ",", 1250.0),
    ("30.000", ".", 30000.0),  # three zeros: thousands, whatever the workbook writes
    ("1,5", ".", 1.5), ("1.234,5", ".", 1234.5),  # unambiguous: the hint does not matter
])
def test_an_ambiguous_separator_follows_the_workbook(raw, decimal, expected):
    assert parse_number(raw, decimal=decimal)[0] == expected


def test_what_counts_as_ambiguous_and_as_evidence():
    assert [ambiguous_number(v) for v in ("1,250", "1.250", "€ 2.500", "30.000", "1,5", "1.234,5", 1250.0)] == [
        True, True, True, False, False, False, False]
    assert [decimal_evidence(v) for v in ("12,5", "1.234,5", "12.50", "1,234.5", "1.234.567", "1,250", "7")] == [
        ",", ",", ".", ".", ",", None, None]


def test_a_number_too_large_to_hold_is_refused_and_quoted_short():
    with pytest.raises(ParseError) as ei:
        parse_number("1" + "0" * 400)
    assert ei.value.code == "number_too_large" and len(ei.value.params["value"]) == 40


def test_text_drops_control_characters():
    assert text("Sales\x1b[31m") == "Sales[31m" and text("a\x07b\x9bc") == "abc" and text("\x1b") is None
    assert text("tab\there") == "tab here"


def test_one_fold_for_headers_words_and_the_coach():
    from okr import activity, headers

    assert activity.fold is fold
    assert fold("Geïmplementeerd") == "geimplementeerd" and fold("SQL’s") == "sql's"
    assert headers.normalise("Doelstélling (EUR)") == "doelstelling"


@pytest.mark.parametrize("raw, pct, expected", [
    (7, False, 0.7), ("7", False, 0.7), ("70%", False, 0.7), (0.7, True, 0.7), (70, False, 0.7), (0, False, 0.0),
    (None, False, None)])
def test_confidence(raw, pct, expected):
    assert parse_confidence(raw, pct) == expected


@pytest.mark.parametrize("raw, pct, expected", [
    (0.7, False, 0.7), ("0,7", False, 0.7), (7, False, 0.7), (10, False, 1.0), ("70%", False, 0.7), (0.7, True, 0.7),
    (None, False, None)])
def test_grade(raw, pct, expected):
    assert parse_grade(raw, pct) == expected


@pytest.mark.parametrize("fn, raw", [(parse_confidence, -1), (parse_confidence, 101), (parse_confidence, "150%"),
                                     (parse_confidence, "veel"), (parse_grade, 11), (parse_grade, -0.5),
                                     (parse_grade, "goed")])
def test_bad_confidence_and_grade(fn, raw):
    with pytest.raises(ParseError) as ei:
        fn(raw)
    assert ei.value.code == fn.__name__.removeprefix("parse_")
