"""Is a key result an activity or a result? (the method: "too many activities,
too few results"), in Dutch and English.

A key result is a *measurable outcome*: "15 Sales Qualified Leads (SQL's)
gerealiseerd in Q1", "Churn teruggebracht van 8% naar 5%", "Offline mode
released to all customers". An activity says what someone will *do*: "We
implementeren een CRM-systeem in Q1", "We gaan meer leads genereren",
"Launch the new website", "Opzetten van een partnerprogramma".

How `classify()` decides (docs/quality.md: "activity verb, no measurable number"):

1. **Measurable quantity in the text** — a number, percentage or amount
   ("15 SQL's", "van 8% naar 5%", "€ 30.000", "drie contracten") — makes it a
   result, whatever the verb. Time references are not quantities: "in Q1",
   "K3", "2026", "week 12", "1 maart", identifiers like "P1" or "ISO 27001".
   (A counted output such as "Speak at 3 conferences" therefore passes this
   rule; it is measurable, which is what the SPEC asks.)
2. **Strong activity markers** — a plan in the first person or the future:
   "we gaan", "wij zullen", "we implementeren ...", "we will", "we're going
   to", "we launch ...". Without a quantity in the text this is an activity,
   even when the target column holds a number: the sentence read out in the
   meeting still describes work, not an outcome.
3. **Activity verbs** (`DUTCH_VERBS`, `ENGLISH_VERBS`, `GERUNDS`, `NOUNS`) in
   the positions where they describe work:
   - Dutch infinitive first ("Opzetten van een partnerprogramma"), last (Dutch
     word order: "Nieuw CRM-systeem implementeren"), or followed by a
     preposition ("Iets doen met AI", "Zichtbaarheid vergroten op social media");
   - English imperative or gerund first ("Launch the new website",
     "Implementing a new CRM"), phrasal verbs ("set up", "roll out");
   - a work noun first ("Implementatie van ...", "Rollout of ...").
   Such a KR is an activity unless it is measured after all: the text holds
   a result word (a participle such as "gerealiseerd", "gesloten",
   "teruggebracht", "completed", "released") or the KR is a number KR with a
   real numeric target (target set and different from start, and not a
   "0-100 % done" progress bar).

Everything else is treated as a result (the benefit of the doubt: a false
alarm teaches people to ignore the coach).

Dutch infinitives look like plural present forms ("klanten starten een
pilot"), which is why a Dutch verb only counts in the positions above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parse import fold  # noqa: F401  (the coach folds words as the reader does)

# --- the documented lists ---------------------------------------------------

# Dutch infinitives of work: what people *do* (the essay's "activiteiten").
DUTCH_VERBS = frozenset("""
    implementeren invoeren ontwikkelen opzetten organiseren lanceren starten opstarten beginnen
    bouwen maken creeren ontwerpen uitrollen migreren introduceren inrichten realiseren onderzoeken
    uitvoeren houden doen genereren verbeteren optimaliseren verhogen verlagen versterken vergroten
    verkleinen aanscherpen opstellen schrijven bijwerken analyseren evalueren inventariseren
    voorbereiden plannen trainen opleiden werven selecteren kiezen definieren vaststellen uitwerken
    herzien aanpassen vernieuwen automatiseren digitaliseren professionaliseren standaardiseren
    stimuleren ondersteunen faciliteren communiceren publiceren bezoeken benaderen bellen versturen
    deelnemen opleveren afronden voltooien vervangen upgraden installeren uitbreiden opschalen
    verkennen oppakken aanpakken neerzetten opbouwen werken inzetten leveren aannemen brengen bellen
    herinrichten
""".split())

# English base forms (imperative at the start: "Launch the new website").
ENGLISH_VERBS = frozenset("""
    implement launch develop build create organise organize migrate introduce run hold start begin
    design make establish conduct perform execute prepare plan research investigate explore analyse
    analyze review write draft update improve optimise optimize enhance increase reduce grow boost
    strengthen generate drive support facilitate continue deliver define train recruit attend visit
    call send publish automate digitise digitize standardise standardize replace upgrade install
    deploy expand scale redesign rebuild refresh revamp roll set kick host organise arrange complete
    finish finalise finalize work focus invest hire
""".split())

# English gerunds at the start ("Implementing a new CRM").
GERUNDS = frozenset("""
    implementing launching developing building creating organising organizing migrating introducing
    running holding starting beginning designing making establishing conducting performing executing
    preparing planning researching investigating exploring analysing analyzing reviewing writing
    drafting updating improving optimising optimizing enhancing increasing reducing growing boosting
    strengthening generating driving supporting delivering defining training recruiting publishing
    automating replacing upgrading installing deploying expanding scaling redesigning rebuilding
    setting rolling hosting completing finishing working focusing investing
""".split())

# Work nouns at the start, followed by "van/of/naar/to" ("Implementatie van ...", "Rollout of ...").
NOUNS = frozenset("""
    implementatie invoering ontwikkeling lancering introductie uitrol migratie opzet organisatie
    inrichting herinrichting bouw realisatie verbetering optimalisatie opstart start herziening vervanging
    implementation introduction development launch rollout roll-out migration creation setup set-up
    organisation organization delivery improvement optimisation optimization redesign replacement
""".split())
NOUN_LINKS = frozenset({"van", "naar", "of", "to", "for", "voor"})
# a Dutch infinitive mid-sentence counts when a preposition follows ("Iets doen met AI")
VERB_PREPOSITIONS = frozenset({"met", "van", "voor", "rond", "om", "naar", "op"})
ARTICLES = frozenset({"de", "het", "een"})

# Phrases that mark a plan, wherever they stand.
STRONG_PHRASES = (
    r"\bwe\s+gaan\b", r"\bwij\s+gaan\b", r"\bgaan\s+we\b", r"\bgaan\s+wij\b",
    r"\b(?:we|wij)\s+(?:zullen|willen|moeten|gaan)\b", r"\bzullen\s+(?:we|wij)\b",
    r"\bhet\s+team\s+(?:gaat|zal)\b", r"\bik\s+(?:ga|zal|wil)\b",
    r"\bwe\s+will\b", r"\bwe'll\b", r"\bwe\s+(?:are|'re)\s+going\s+to\b", r"\bwe're\s+going\s+to\b",
    r"\bwe\s+(?:plan|aim|want|intend|need)\s+to\b", r"\bwe\s+shall\b", r"\bgoing\s+to\b", r"\bwill\b",
)
# "We <verb> ..." at the start is a plan, unless the verb reports a result.
SUBJECTS = frozenset({"we", "wij", "ik", "i"})
NOT_PLANS = frozenset({"hebben", "heb", "hebt", "zijn", "waren", "have", "had", "has", "are", "were", "did"})

# Words that report an outcome (participles and states). A weak activity
# verb next to one of these is a result written in a roundabout way.
RESULT_WORDS = frozenset("""
    gerealiseerd gesloten teruggebracht behaald bereikt gehaald verhoogd verlaagd gedaald gestegen
    gegroeid getekend afgerond opgeleverd geimplementeerd gelanceerd ingevoerd live gepubliceerd
    gefactureerd geslaagd opgelost verkocht gewonnen binnengehaald gebruikt
    achieved reached closed signed completed delivered released launched implemented passed won
    reduced increased decreased grew grown adopted resolved shipped published live sold retained
    done finished
""".split())

# Numbers written as words count as quantities ("drie contracten", "double").
NUMBER_WORDS = frozenset("""
    twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig zestig
    honderd duizend miljoen dubbel verdubbelen verdubbeld verdubbeling halveren gehalveerd
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty hundred
    thousand million double doubled triple halve halved
""".split())

MONTHS = (r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|maart|march|mar|apr(?:il)?|mei|may|jun[ei]?|jul[iy]?|"
          r"aug(?:ustus|ust)?|sep(?:tember)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
# Time references and identifiers: numbers that are not quantities.
_NOT_QUANTITY = [
    re.compile(r"\b(?:q|k|h)\s?[1-4]\b", re.I),                         # Q1, K3, H2
    re.compile(r"\b(?:19|20)\d\d\b"),                                    # 2026
    re.compile(r"\b(?:week|wk|sprint)\s?\d+\b", re.I),                   # week 12
    re.compile(rf"\b\d{{1,2}}\s?(?:{MONTHS})\b", re.I),                  # 1 maart
    re.compile(r"\b\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?\b"),               # 31-12
    re.compile(r"\b(?:iso|nen|iec|soc|pci)\s?-?\d+\w*", re.I),           # ISO 27001
    re.compile(r"\b(?:office|microsoft|dynamics|windows)\s?\d+\b", re.I), # Office 365 (a product, not an amount)
    re.compile(r"\b[a-z]+\d+\w*\b", re.I),                               # P1, GA4, S3
    re.compile(r"\b\d+(?:e|ste|de|st|nd|rd|th)\b", re.I),                # 1e, 2nd (order, not amount)
]
_QUANTITY = re.compile(r"\d|%|€|\$|£")
_SIGN = re.compile(r"[%€$£]")  # no _NOT_QUANTITY match holds one: a quantity whatever the subs take
_DIGIT = re.compile(r"\d")  # every _NOT_QUANTITY match holds one: without, the subs change nothing


@dataclass(frozen=True)
class Verdict:
    """Why a KR text is or is not an activity.

    reason: "plan" (strong marker), "activity-verb", "quantity" (a number in the
    text), "result-word", "measured" (the target column measures it), "none".
    phrase: the words that decided it, as written in the text.
    """

    activity: bool
    reason: str
    phrase: str | None = None


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?(?:-[a-z]+)*")


def has_quantity(text: str) -> bool:
    """Does the text state a measurable quantity (not a date or an id)?"""
    s = fold(text)
    if _SIGN.search(s):
        return True
    if _DIGIT.search(s):
        for pat in _NOT_QUANTITY:
            s = pat.sub(" ", s)
        if _QUANTITY.search(s):
            return True
    return any(w in NUMBER_WORDS for w in _WORD.findall(s))



def find_activity(text: str) -> tuple[str, str] | None:
    """(strength, phrase) of the first activity marker, or None.
    strength: "strong" (a plan) or "weak" (an activity verb in a work position)."""
    folded = fold(text)
    for pat in STRONG_PHRASES:
        m = re.search(pat, folded)
        if m:
            return "strong", m.group(0)
    raw_words = re.findall(r"[\w'’-]+", text)
    words = [fold(w) for w in raw_words]
    words = [w.strip("-'") for w in words]
    if not words:
        return None
    if words[0] in SUBJECTS and len(words) > 1 and words[1] not in NOT_PLANS:
        return "strong", " ".join(raw_words[:2])
    first = words[0]
    if first in DUTCH_VERBS or first in ENGLISH_VERBS or first in GERUNDS:
        return "weak", raw_words[0]
    if first in NOUNS and len(words) > 1 and words[1] in NOUN_LINKS:
        return "weak", " ".join(raw_words[:2])
    if words[-1] in DUTCH_VERBS and len(words) > 1:
        return "weak", raw_words[-1]
    for i, w in enumerate(words[1:-1], start=1):
        if w in DUTCH_VERBS and words[i + 1] in VERB_PREPOSITIONS and words[i - 1] not in ARTICLES:
            return "weak", raw_words[i]
    return None


def _result_word(text: str) -> str | None:
    for w in _WORD.findall(fold(text)):
        if w in RESULT_WORDS:
            return w
    return None


def measured_by_columns(kind: str | None, start: float | None, target: float | None, unit: str | None) -> bool:
    """A number KR with a real target measures an outcome (not a 0-100 % progress bar)."""
    if (kind or "number") != "number" or target is None:
        return False
    start = start or 0.0
    if target == start:
        return False
    if (unit or "").strip() == "%" and start == 0 and target == 100:
        return False  # "% done" of a project: still an activity
    return True


def classify(text: str | None, kind: str | None = None, start: float | None = None,
             target: float | None = None, unit: str | None = None) -> Verdict:
    """Is this KR an activity? See the module docstring for the rules."""
    if not text or not text.strip():
        return Verdict(False, "none")
    if has_quantity(text):
        return Verdict(False, "quantity")
    marker = find_activity(text)
    if marker is None:
        rw = _result_word(text)
        return Verdict(False, "result-word" if rw else "none", rw)
    strength, phrase = marker
    if strength == "strong":
        return Verdict(True, "plan", phrase)
    rw = _result_word(text)
    if rw:
        return Verdict(False, "result-word", rw)
    if measured_by_columns(kind, start, target, unit):
        return Verdict(False, "measured", phrase)
    return Verdict(True, "activity-verb", phrase)


def is_activity(text: str | None, **kr) -> bool:
    return classify(text, **kr).activity
