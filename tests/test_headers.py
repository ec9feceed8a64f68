"""okr/headers.py: the one table of column aliases."""

from __future__ import annotations

import pytest

from okr import headers
from okr.workbook import FLAT_FIELDS, KR_FIELDS, OBJ_FIELDS


@pytest.mark.parametrize("header, field", [
    ("objective", "objective"), ("Doelstelling", "objective"), ("  DOELSTELLING  ", "objective"),
    ("key result", "key_result"), ("KR", "key_result"), ("Key Results", "key_result"),
    ("kernresultaat", "key_result"), ("Kernresultaten", "key_result"),
    ("owner", "owner"), ("Eigenaar", "owner"),
    ("team", "team"), ("quarter", "quarter"), ("Kwartaal", "quarter"), ("periode", "quarter"),
    ("start", "start"), ("baseline", "start"), ("Startwaarde", "start"), ("nulmeting", "start"),
    ("Start value", "start"),
    ("target", "target"), ("Doelwaarde", "target"), ("streefwaarde", "target"), ("Target value", "target"),
    ("Target (EUR)", "target"), ("target*", "target"),
    ("current", "current"), ("actual", "current"), ("huidig", "current"), ("Actueel", "current"),
    ("realisatie", "current"), ("stand", "current"), ("Huidige waarde", "current"), ("Current value", "current"),
    ("unit", "unit"), ("Eenheid", "unit"),
    ("parent", "parent"), ("Bovenliggend doel", "parent"), ("draagt bij aan", "parent"),
    ("weight", "weight"), ("Gewicht", "weight"),
    ("status", "status"), ("RAG", "status"),
    ("comment", "comment"), ("Opmerking", "comment"), ("toelichting", "comment"),
])
def test_aliases_of_spec_2_2(header, field):
    assert headers.match(header, FLAT_FIELDS) == field


@pytest.mark.parametrize("header, field", [
    ("Réalisatie", "current"), ("huidige   waarde", "current"), ("HUIDIGE\u00a0WAARDE", "current"),
    ("Eénheid", "unit"), ("Kernresultaat:", "key_result"), ("Key-Result", "key_result"),
])
def test_accents_spaces_punctuation(header, field):
    assert headers.match(header, FLAT_FIELDS) == field


def test_unknown_and_empty_headers():
    assert headers.match("Budget", FLAT_FIELDS) is None
    assert headers.match("", FLAT_FIELDS) is None
    assert headers.match(None, FLAT_FIELDS) is None
    assert headers.match(42, FLAT_FIELDS) is None


def test_field_restriction():
    # "doelstelling" names the objective; on a KR sheet it refers to the objective id column
    assert headers.match("objective", KR_FIELDS) == "objective"
    assert headers.match("key result", OBJ_FIELDS) is None


def test_canonical_headers_match_their_own_field():
    for sheet, fields in headers.CANONICAL.items():
        for fld, langs in fields.items():
            for lang in ("en", "nl"):
                assert headers.normalise(headers.canonical_header(sheet, fld, lang)) in headers.ALIASES[fld]


def test_no_alias_names_two_fields_on_one_sheet():
    for fields in (OBJ_FIELDS, KR_FIELDS, FLAT_FIELDS):
        seen: dict[str, str] = {}
        for fld in fields:
            for alias in headers.ALIASES[fld]:
                assert alias not in seen or seen[alias] == fld, (alias, seen.get(alias), fld)
                seen[alias] = fld


@pytest.mark.parametrize("header, field", [
    ("Streef-waarde", "target"), ("Start waarde", "start"), ("Keyresult", "key_result"),
    ("Huidigewaarde", "current"), ("Kern resultaat", "key_result"),
])
def test_compound_words_split_or_joined(header, field):
    assert headers.match(header, FLAT_FIELDS) == field
