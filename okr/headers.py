"""The one table of column names: canonical headers per language and every
alias a real workbook uses for them.

Matching is forgiving the way Excel users are: any case, accents, extra
spaces, punctuation, a trailing "(EUR)" or "*". Adding an alias here is the
only change needed to accept a new spelling everywhere.
"""

from __future__ import annotations

import re

from .parse import fold

# field -> canonical header per language (what `okr template` writes)
CANONICAL = {
    "objectives": {
        "id": {"en": "id", "nl": "id"},
        "objective": {"en": "objective", "nl": "doelstelling"},
        "team": {"en": "team", "nl": "team"},
        "quarter": {"en": "quarter", "nl": "kwartaal"},
        "owner": {"en": "owner", "nl": "eigenaar"},
        "parent": {"en": "parent", "nl": "bovenliggend doel"},
        "type": {"en": "type", "nl": "type"},
    },
    "key_results": {
        "id": {"en": "id", "nl": "id"},
        "objective": {"en": "objective", "nl": "doelstelling"},
        "key_result": {"en": "key result", "nl": "kernresultaat"},
        "owner": {"en": "owner", "nl": "eigenaar"},
        "start": {"en": "start", "nl": "startwaarde"},
        "target": {"en": "target", "nl": "doelwaarde"},
        "current": {"en": "current", "nl": "huidige waarde"},
        "unit": {"en": "unit", "nl": "eenheid"},
        "kind": {"en": "kind", "nl": "soort"},
        "weight": {"en": "weight", "nl": "gewicht"},
        "status": {"en": "status", "nl": "status"},
        "comment": {"en": "comment", "nl": "toelichting"},
    },
    "checkins": {
        "key_result": {"en": "key result", "nl": "kernresultaat"},
        "date": {"en": "date", "nl": "datum"},
        "value": {"en": "value", "nl": "waarde"},
        "comment": {"en": "comment", "nl": "toelichting"},
    },
    "teams": {
        "team": {"en": "team", "nl": "team"},
        "parent_team": {"en": "parent team", "nl": "bovenliggend team"},
        "lead": {"en": "lead", "nl": "leider"},
    },
}

SHEET_NAMES = {
    "objectives": {"en": "Objectives", "nl": "Doelstellingen"},
    "key_results": {"en": "Key Results", "nl": "Kernresultaten"},
    "checkins": {"en": "Check-ins", "nl": "Check-ins"},
    "teams": {"en": "Teams", "nl": "Teams"},
    "instructions": {"en": "Instructions", "nl": "Instructies"},
}

# field -> aliases (already normalised by `normalise`). A field's canonical
# headers in every language are added below, so they need not be repeated.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "code", "nr", "nummer", "ref", "kr id", "key result id", "okr id"),
    "objective_id": ("objective id", "doelstelling id", "id doelstelling", "objective code", "o id"),
    "objective": ("objective", "objectives", "doelstelling", "doelstellingen", "doel", "o",
                  "objective title", "titel doelstelling"),
    "key_result": ("key result", "key results", "kr", "krs", "kernresultaat", "kernresultaten",
                   "resultaat", "key result title", "omschrijving kr"),
    "owner": ("owner", "eigenaar", "kr owner", "kr eigenaar", "eigenaar kr", "verantwoordelijke",
              "responsible", "accountable", "key result owner"),
    "objective_owner": ("objective owner", "eigenaar doelstelling", "doelstelling eigenaar", "o owner"),
    "team": ("team", "afdeling team", "teamnaam", "team name", "squad"),
    "quarter": ("quarter", "kwartaal", "periode", "period", "q", "kw"),
    "parent": ("parent", "parent objective", "bovenliggend doel", "bovenliggende doelstelling",
               "draagt bij aan", "contributes to", "aligned to", "aligns to", "parent id"),
    "type": ("type", "objective type", "soort doelstelling", "ambitie"),
    "start": ("start", "start value", "baseline", "startwaarde", "nulmeting", "beginwaarde", "begin"),
    "target": ("target", "target value", "doelwaarde", "streefwaarde", "doel waarde", "norm", "goal"),
    "current": ("current", "current value", "actual", "actuals", "huidig", "huidige waarde", "actueel",
                "realisatie", "stand", "gerealiseerd", "value now", "huidige stand"),
    "unit": ("unit", "eenheid", "units", "meeteenheid"),
    "kind": ("kind", "soort", "kr type", "kr kind", "soort kr", "meettype"),
    "weight": ("weight", "gewicht", "weging", "weighting"),
    "status": ("status", "rag", "rag status", "reported status", "gerapporteerde status", "stoplicht"),
    "comment": ("comment", "comments", "opmerking", "opmerkingen", "toelichting", "notes", "note",
                "notitie", "remarks"),
    "date": ("date", "datum", "check in date", "checkin date", "peildatum"),
    "value": ("value", "waarde", "check in value", "meting", "measurement"),
    "parent_team": ("parent team", "bovenliggend team", "parent", "valt onder", "department",
                    "afdeling", "reports to"),
    "lead": ("lead", "leider", "teamleider", "team lead", "manager", "leidinggevende"),
    # optional key result columns: the owner's confidence (0-10 or %) and own grade at quarter close
    "confidence": ("confidence", "vertrouwen", "confidence level", "zekerheid"),
    "grade": ("grade", "score", "cijfer", "owner grade", "eigen cijfer"),
}

def normalise(text: object) -> str:
    """Header text -> comparable key: lower case, no accents, single spaces,
    no punctuation, no trailing unit in brackets or required-field star."""
    if text is None:
        return ""
    s = fold(str(text)).replace("\u00a0", " ")
    s = re.sub(r"\(.*?\)|\[.*?\]", " ", s)  # "target (EUR)" -> "target"
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def _with_canonical() -> dict[str, tuple[str, ...]]:
    out = {k: tuple(normalise(a) for a in v) for k, v in ALIASES.items()}
    for sheet in CANONICAL.values():
        for fld, langs in sheet.items():
            extra = tuple(normalise(h) for h in langs.values())
            out[fld] = tuple(dict.fromkeys(out.get(fld, ()) + extra))
    return out


ALIASES = _with_canonical()
# the same aliases without spaces: "Streef-waarde", "Start waarde", "Keyresult" and "huidigewaarde" match too
_COMPACT = {fld: {a.replace(" ", "") for a in aliases} for fld, aliases in ALIASES.items()}


def match(header: object, fields: tuple[str, ...] | list[str]) -> str | None:
    """The field among `fields` that `header` names, or None."""
    key = normalise(header)
    if not key:
        return None
    for fld in fields:
        if key in ALIASES.get(fld, ()):
            return fld
    compact = key.replace(" ", "")
    for fld in fields:
        if compact in _COMPACT.get(fld, ()):
            return fld
    return None


def canonical_header(sheet: str, fld: str, lang: str = "en") -> str:
    return CANONICAL[sheet][fld][lang if lang in ("en", "nl") else "en"]
