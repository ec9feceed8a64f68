"""Activity vs. result (okr.activity): the method's example sentences, a corpus
of realistic key results in Dutch and English, and the rules' edges."""

from __future__ import annotations

import pytest

from okr.activity import classify, find_activity, has_quantity

# The essay the method comes from: three activities, three results.
METHOD_EXAMPLES = [
    ("We implementeren een CRM-systeem in Q1", True),
    ("We gaan meer leads genereren", True),
    ("We ontwikkelen een nieuwe go-to-marketstrategie", True),
    ("15 Sales Qualified Leads (SQL's) gerealiseerd in Q1", False),
    ("3 nieuwe contracten gesloten met een waarde van minstens €30.000 ARR", False),
    ("20% meer volgers van onze ICP op LinkedIn", False),
]

# (text, kind, expected activity?) — realistic KRs as teams write them; half
# activities, half results, both languages. kind "milestone" = no numeric target.
CORPUS = [
    # activities, Dutch
    ("We implementeren een CRM-systeem in Q1", "milestone", True),
    ("We gaan meer leads genereren", "milestone", True),
    ("We ontwikkelen een nieuwe go-to-marketstrategie", "milestone", True),
    ("Opzetten van een partnerprogramma", "milestone", True),
    ("Nieuw CRM-systeem implementeren", "milestone", True),
    ("Proposities aanscherpen", "milestone", True),
    ("Iets doen met AI", "milestone", True),
    ("Interne informatiehuishouding verbeteren met een Sharepoint project", "milestone", True),
    ("Organiseren van een klantevent in Q2", "milestone", True),
    ("Wij zullen de onboarding vernieuwen", "milestone", True),
    ("Lancering van de nieuwe app", "milestone", True),
    ("Uitrollen van Office 365 naar alle afdelingen", "milestone", True),
    ("Het team gaat een nieuwe salesstrategie ontwikkelen", "milestone", True),
    ("Klanttevredenheidsonderzoek uitvoeren", "milestone", True),
    ("Onderzoek doen naar churn", "milestone", True),
    ("Herinrichting van het magazijn", "milestone", True),
    ("Zichtbaarheid vergroten op social media", "milestone", True),
    ("Een nieuwe medewerker aannemen", "milestone", True),
    ("Klantreis in kaart brengen", "milestone", True),
    # activities, English
    ("Launch the new website", "milestone", True),
    ("Implement a new ticketing system", "milestone", True),
    ("We will migrate to the cloud", "milestone", True),
    ("Set up a customer advisory board", "milestone", True),
    ("Roll out the new pricing model", "milestone", True),
    ("Implementing Salesforce across the sales team", "milestone", True),
    ("Develop a go-to-market plan for Germany", "milestone", True),
    ("Improve customer satisfaction", "milestone", True),
    ("Organise a hackathon in Q3 2026", "milestone", True),
    ("We're going to hire more engineers", "number", True),
    ("Hire a head of marketing", "milestone", True),
    # results, Dutch
    ("15 Sales Qualified Leads (SQL's) gerealiseerd in Q1", "number", False),
    ("3 nieuwe contracten gesloten met een waarde van minstens €30.000 ARR", "number", False),
    ("20% meer volgers van onze ICP op LinkedIn", "number", False),
    ("Churn teruggebracht van 8% naar 5%", "number", False),
    ("Partnerprogramma opgezet en 5 partners getekend", "number", False),
    ("Alle abonnementen worden automatisch gefactureerd", "milestone", False),
    ("Nieuw CRM-systeem geïmplementeerd en gebruikt door alle verkopers", "milestone", False),
    ("5 zorginstellingen starten een betaalde pilot", "number", False),
    ("Reactietijd op tickets van 48 naar 24 uur", "number", False),
    ("Verdubbeling van het aantal demo-aanvragen", "number", False),
    ("Omzet uit de zorgsector € 120.000 in Q4", "number", False),
    ("Drie nieuwe partners leveren elk een klant aan", "number", False),
    ("Website live voor 1 april", "milestone", False),
    ("Sales playbook geschreven en in gebruik bij het hele team", "milestone", False),
    ("Alle nieuwe klanten starten binnen een week", "milestone", False),
    ("Magazijn heringericht, orderpicktijd van 12 naar 8 minuten", "number", False),
    # results, English
    ("Platform uptime from 99.5% to 99.9%", "number", False),
    ("Offline mode released to all customers", "milestone", False),
    ("Disaster-recovery test passed with restore under 1 hour", "milestone", False),
    ("Monthly active users from 8,000 to 50,000", "number", False),
    ("NPS up from 32 to 45 by end of Q2", "number", False),
    ("ISO 27001 certification achieved", "milestone", False),
    ("Two new enterprise customers signed", "number", False),
    ("Average deal size grows to € 30,000", "number", False),
    ("P1 incidents per month down from 6 to 2", "number", False),
    ("Website conversion rate from 1% to 3%", "number", False),
    ("Customer onboarding completed within 30 days for 90% of new customers", "number", False),
    ("Weekly active teams in the analytics module from 5 to 20", "number", False),
    ("Signed agreements with two resellers", "number", False),
    ("Customer portal live for all customers", "milestone", False),
]


def test_corpus_is_balanced_and_big_enough():
    activities = sum(1 for *_, a in CORPUS if a)
    assert len(CORPUS) >= 30
    assert activities == len(CORPUS) - activities
    assert any("gerealiseerd" in t for t, *_ in CORPUS) and any(t.startswith("Launch") for t, *_ in CORPUS)


@pytest.mark.parametrize("text,expected", METHOD_EXAMPLES)
def test_method_examples(text, expected):
    # the essay's examples, whatever the columns say
    for kind in ("number", "milestone"):
        assert classify(text, kind=kind).activity is expected


@pytest.mark.parametrize("text,kind,expected", CORPUS)
def test_corpus_item(text, kind, expected):
    # one test per text: a miss names the text; all of them passing is the accuracy (100%)
    assert classify(text, kind=kind).activity is expected


def test_reason_names_the_verb():
    v = classify("Opzetten van een partnerprogramma", kind="milestone")
    assert (v.activity, v.reason, v.phrase) == (True, "activity-verb", "Opzetten")
    v = classify("We gaan meer leads genereren")
    assert (v.reason, v.phrase) == ("plan", "we gaan")
    v = classify("We implementeren een nieuw CRM-systeem")
    assert (v.reason, v.phrase) == ("plan", "We implementeren")
    v = classify("Launch the new website", kind="milestone")
    assert v.phrase == "Launch"
    assert classify("Churn teruggebracht van 8% naar 5%").reason == "quantity"
    assert classify("Offline mode released to all customers").reason == "result-word"


@pytest.mark.parametrize("text,expected", [
    ("in Q1", False), ("voor 1 maart 2027", False), ("K3 2026", False), ("week 12", False),
    ("P1 incidents", False), ("ISO 27001", False), ("GA4", False),
    ("15 SQL's", True), ("45%", True), ("€ 30.000", True), ("drie contracten", True), ("double the pipeline", True),
])
def test_quantity_ignores_time_and_ids(text, expected):
    assert has_quantity(text) is expected


def test_a_measured_target_spares_an_activity_verb_but_not_a_plan():
    # "Generate leads" with 50 leads as the target is measured by its columns
    assert not classify("Leads genereren", kind="number", start=0, target=50, unit="leads").activity
    # ... but a "% done" progress bar measures the work, not an outcome
    assert classify("Implement the new CRM", kind="number", start=0, target=100, unit="%").activity
    # and "target == start" measures nothing
    assert classify("Implement the new CRM", kind="number", start=1, target=1).activity
    # a plan stays a plan, whatever the target column says
    assert classify("We gaan meer leads genereren", kind="number", start=0, target=50, unit="leads").activity


def test_dutch_plural_verbs_in_the_middle_are_not_activities():
    assert find_activity("Alle nieuwe klanten starten binnen een week") is None
    assert find_activity("Nieuw CRM-systeem implementeren") == ("weak", "implementeren")


def test_empty_text_is_not_an_activity():
    assert not classify("").activity and not classify(None).activity
