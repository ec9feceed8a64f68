"""Sample data: the OKRs of "Noordwind Software", a Dutch B2B software company.

    python sample_data/generate.py [OUT_DIR]

writes, next to this file (or into OUT_DIR):

- okr-2026-09-30.xlsx — the final workbook of last quarter, 2026-Q3, with the
  owners' own grades: the quarter the overview shows closed (see "last
  quarter, closed" below);
- okr-2026-10-30.xlsx ... okr-2026-11-27.xlsx — five weekly workbooks of
  2026-Q4 in the canonical layout (English headers, okr.template), each with
  the check-in history up to its as-of date (the date in the file name);
- okr-plat-voorbeeld.xlsx — one flat, Dutch-layout sheet as people really
  keep them (title row, Dutch headers, objective columns only on the first
  row, numbers as text like '€ 30.000', '45%', '27.412,5').

Deterministic: a fixed random seed, no dependence on today's date.

The story the numbers tell (what the dashboard should surface):
- Mobile and Customer Success lag clearly (red) all quarter;
- Marketing starts red and improves strongly to green;
- Support's CSAT KR (KR-SUP-1-2) is on track and turns red in the last week,
  while its owner still reports green;
- owners report green while the numbers say red on KR-CS-1-1 (churn) and
  KR-MOB-1-2 (app rating), every week;
- the target of KR-MOB-1-1 (monthly active users) moves from 50,000 to
  35,000 from 2026-11-20 on (moved goalposts);
- some KRs are not updated in some weeks (current empty);
- owners give their confidence (0-10, column `confidence`); it drops by 3
  points in the last week on KR-SUP-1-2, KR-MOB-1-1 and KR-SALES-3-2
  (`CONFIDENCE_DROPS`), and moves at most a point a week everywhere else;
- method breakers: O-SALES-1 has 4 KRs, Sales has 4 objectives, activity KRs
  (KR-SALES-1-4 CRM, KR-MKT-1-2 website, KR-COM-1-2 partner programme,
  KR-MKT-1-3 more leads), KR-FIN-1-2 has target == start, KR-SALES-2-2 and
  KR-MOB-2-2 have no owner, O-DATA-3 is aligned to nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from copy import copy
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from okr.headers import SHEET_NAMES  # noqa: E402
from okr.i18n import t  # noqa: E402
from okr.template import write_workbook  # noqa: E402

SEED = 20261001
QUARTER = "2026-Q4"
Q_START = dt.date(2026, 10, 1)
Q_DAYS = 92  # 1 Oct - 31 Dec
# weekly check-in dates (Fridays); the last five are the as-of dates of the files
WEEKS = [dt.date(2026, 10, 9) + dt.timedelta(days=7 * i) for i in range(8)]
FILE_WEEKS = list(range(3, 8))  # 2026-10-30 .. 2026-11-27
FLAT_FILE = "okr-plat-voorbeeld.xlsx"

# --- the organisation ---------------------------------------------------------------

# team, parent team, lead, language the team writes in
TEAMS = [
    ("Company", None, "Eva de Vries", "nl"),
    ("Commercie", "Company", "Mark Jansen", "nl"),
    ("Product & Tech", "Company", "Priya Raman", "en"),
    ("Operations", "Company", "Sanne Bakker", "nl"),
    ("Sales", "Commercie", "Lisa de Boer", "nl"),
    ("Marketing", "Commercie", "Sophie Willems", "nl"),
    ("Customer Success", "Commercie", "Lotte Visser", "nl"),
    ("Platform", "Product & Tech", "Daan Smit", "en"),
    ("Mobile", "Product & Tech", "Thijs Mulder", "en"),
    ("Data", "Product & Tech", "Aisha Khan", "en"),
    ("Support", "Operations", "Kevin de Groot", "nl"),
    ("Finance", "Operations", "Ingrid Vos", "nl"),
    ("People", "Operations", "Ruben Hendriks", "nl"),
]
LEAD = {name: lead for name, _, lead, _ in TEAMS}
LANG = {name: lang for name, _, _, lang in TEAMS}

# id, team, title, parent, type
OBJECTIVES = [
    ("O-CO-1", "Company", "Versterk onze marktpositie in de Nederlandse IT-sector", None, "committed"),
    ("O-CO-2", "Company", "Klanten worden fans van Noordwind", None, "committed"),
    ("O-CO-3", "Company", "Bouw een schaalbare, winstgevende organisatie", None, "committed"),
    ("O-COM-1", "Commercie", "Word de eerste keus van middelgrote IT-bedrijven", "O-CO-1", "committed"),
    ("O-COM-2", "Commercie", "Elke klant haalt binnen 90 dagen waarde uit Noordwind", "O-CO-2", "committed"),
    ("O-PT-1", "Product & Tech", "Our product is fast and rock-solid", "O-CO-2", "committed"),
    ("O-PT-2", "Product & Tech", "Ship customer value every two weeks", "O-CO-3", "committed"),
    ("O-OPS-1", "Operations", "Een efficiënte organisatie die meegroeit zonder extra overhead", "O-CO-3", "committed"),
    ("O-OPS-2", "Operations", "Klantvragen worden snel en goed opgelost", "O-CO-2", "committed"),
    ("O-SALES-1", "Sales", "Versterk onze positie bij middelgrote IT-bedrijven", "O-COM-1", "committed"),
    ("O-SALES-2", "Sales", "Groei in de zorg-ICT als tweede markt", "O-COM-1", "aspirational"),
    ("O-SALES-3", "Sales", "Een voorspelbare salesmachine", "O-COM-1", "committed"),
    ("O-SALES-4", "Sales", "Bestaande klanten kopen meer", "O-COM-2", "committed"),
    ("O-MKT-1", "Marketing", "Maak Noordwind het bekendste merk bij IT-beslissers", "O-COM-1", "aspirational"),
    ("O-MKT-2", "Marketing", "Marketing levert de helft van de pipeline", "O-COM-1", "committed"),
    ("O-CS-1", "Customer Success", "Klanten blijven graag bij Noordwind", "O-COM-2", "committed"),
    ("O-CS-2", "Customer Success", "Nieuwe klanten zijn binnen een maand live", "O-COM-2", "committed"),
    ("O-PLAT-1", "Platform", "A platform our customers never have to think about", "O-PT-1", "committed"),
    ("O-PLAT-2", "Platform", "Product teams ship without waiting for us", "O-PT-2", "committed"),
    ("O-PLAT-3", "Platform", "Cloud costs grow slower than revenue", "O-PT-1", "committed"),
    ("O-MOB-1", "Mobile", "Our app becomes the daily tool of field engineers", "O-PT-2", "aspirational"),
    ("O-MOB-2", "Mobile", "A stable app, whatever the network", "O-PT-1", "committed"),
    ("O-DATA-1", "Data", "Every team steers on trustworthy numbers", "O-PT-2", "committed"),
    ("O-DATA-2", "Data", "Customers get insight from their own data", "O-PT-1", "committed"),
    ("O-DATA-3", "Data", "Become the best data team in the Netherlands", None, "aspirational"),  # unaligned
    ("O-SUP-1", "Support", "Klanten voelen zich direct geholpen", "O-OPS-2", "committed"),
    ("O-SUP-2", "Support", "Minder tickets door betere selfservice", "O-OPS-2", "committed"),
    ("O-FIN-1", "Finance", "Financieel inzicht dat sneller en scherper is", "O-OPS-1", "committed"),
    ("O-FIN-2", "Finance", "Een gezonde kasstroom", "O-OPS-1", "committed"),
    ("O-PEO-1", "People", "Noordwind is de werkgever waar IT-talent wil werken", "O-OPS-1", "committed"),
    ("O-PEO-2", "People", "Iedereen groeit in zijn vak", "O-OPS-1", "committed"),
]
OBJ = {o[0]: o for o in OBJECTIVES}


def kr(id, title, owner, start=None, target=None, unit=None, profile="on", step=1, *,
       kind="number", weight=1, done=None):
    """A key result. profile: how `current` moves (see `_progress`); step: rounding
    of values; done: week index a milestone is done (None = not done)."""
    return dict(id=id, objective="O-" + id.split("-")[1] + "-" + id.split("-")[2], title=title,
                owner=owner, start=start, target=target, unit=unit, profile=profile, step=step,
                kind=kind, weight=weight, done=done)


MS = "milestone"
KEY_RESULTS = [
    # company
    kr("KR-CO-1-1", "€ 250.000 nieuwe ARR gecontracteerd in Q4", "Eva de Vries", 0, 250000, "EUR", step=500),
    kr("KR-CO-1-2", "Marktaandeel bij middelgrote IT-bedrijven van 6% naar 8%", "Mark Jansen", 6, 8, "%", "slow", 0.1),
    kr("KR-CO-2-1", "Klantverloop (churn) omlaag van 8% naar 5%", "Eva de Vries", 8, 5, "%", "slow", 0.1),
    kr("KR-CO-2-2", "NPS van 32 naar 45", "Lotte Visser", 32, 45, "NPS"),
    kr("KR-CO-3-1", "EBITDA-marge van 9% naar 12%", "Ingrid Vos", 9, 12, "%", step=0.1, weight=2),
    kr("KR-CO-3-2", "Omzet per fte van € 118.000 naar € 125.000", "Ingrid Vos", 118000, 125000, "EUR", step=100),
    # departments
    kr("KR-COM-1-1", "Pipelinewaarde van € 400.000 naar € 900.000", "Mark Jansen", 400000, 900000, "EUR", step=1000),
    kr("KR-COM-1-2", "Opzetten van een partnerprogramma", "Mark Jansen", kind=MS, done=7),
    kr("KR-COM-2-1", "Time-to-value voor nieuwe klanten van 120 naar 90 dagen", "Lotte Visser", 120, 90, "dagen", "slow"),
    kr("KR-PT-1-1", "Platform uptime from 99.5% to 99.9%", "Priya Raman", 99.5, 99.9, "%", step=0.01),
    kr("KR-PT-1-2", "P1 incidents per month down from 6 to 2", "Daan Smit", 6, 2, "incidents"),
    kr("KR-PT-2-1", "Deployments per team from 2 to 10 per month", "Priya Raman", 2, 10, "deploys/month"),
    kr("KR-PT-2-2", "Lead time for changes from 12 to 4 days", "Priya Raman", 12, 4, "days", step=0.5),
    kr("KR-OPS-1-1", "Overheadkosten van 22% naar 19% van de omzet", "Sanne Bakker", 22, 19, "%", step=0.1),
    kr("KR-OPS-2-1", "First contact resolution van 55% naar 70%", "Kevin de Groot", 55, 70, "%"),
    kr("KR-OPS-2-2", "Klantcontacten via selfservice van 20% naar 35%", "Sanne Bakker", 20, 35, "%"),
    # Sales: 4 objectives (too many), O-SALES-1 has 4 KRs (too many)
    kr("KR-SALES-1-1", "15 Sales Qualified Leads (SQL's) gerealiseerd in Q4", "Lisa de Boer", 0, 15, "SQL"),
    kr("KR-SALES-1-2", "3 nieuwe contracten gesloten met een waarde van minstens €30.000 ARR", "Joris Peeters",
       0, 3, "contracten", weight=2),
    kr("KR-SALES-1-3", "Gemiddelde dealwaarde van € 24.000 naar € 30.000", "Joris Peeters", 24000, 30000, "EUR", step=12.5),
    kr("KR-SALES-1-4", "We implementeren een nieuw CRM-systeem", "Lisa de Boer", kind=MS),
    kr("KR-SALES-2-1", "€ 120.000 nieuwe ARR uit de zorgsector", "Fatima El Idrissi", 0, 120000, "EUR", step=500),
    kr("KR-SALES-2-2", "5 zorginstellingen starten een betaalde pilot", None, 0, 5, "pilots"),
    kr("KR-SALES-3-1", "Forecast-nauwkeurigheid van 60% naar 85%", "Lisa de Boer", 60, 85, "%"),
    kr("KR-SALES-3-2", "Win rate van 18% naar 25%", "Joris Peeters", 18, 25, "%", step=0.5),
    kr("KR-SALES-4-1", "€ 150.000 upsell-omzet bij bestaande klanten", "Fatima El Idrissi", 0, 150000, "EUR", step=500),
    # Marketing: starts red, improves strongly
    kr("KR-MKT-1-1", "20% meer volgers van onze ICP op LinkedIn", "Sophie Willems", 0, 20, "%", "improve", 0.1),
    kr("KR-MKT-1-2", "Launch the new website", "Bram Koster", kind=MS, done=5),
    kr("KR-MKT-1-3", "We gaan meer leads genereren", "Sophie Willems", kind=MS),
    kr("KR-MKT-2-1", "120 Marketing Qualified Leads (MQL's) in Q4", "Bram Koster", 0, 120, "MQL", "improve"),
    kr("KR-MKT-2-2", "Conversie van MQL naar SQL van 10% naar 18%", "Sophie Willems", 10, 18, "%", "improve", 0.5),
    # Customer Success: lagging
    kr("KR-CS-1-1", "Churn in ons klantenbestand omlaag van 8% naar 5%", "Lotte Visser", 8, 5, "%", "lag", 0.1),
    kr("KR-CS-1-2", "Net Revenue Retention van 98% naar 105%", "Lotte Visser", 98, 105, "%", "lag", 0.5),
    kr("KR-CS-2-1", "Onboardingtijd van 60 naar 30 dagen", "Nina Post", 60, 30, "dagen", "lag", weight=2),
    kr("KR-CS-2-2", "90% van de nieuwe klanten volgt de onboardingtraining", "Nina Post", 55, 90, "%", "lag"),
    kr("KR-CS-2-3", "Health score bekend voor 100% van de klanten", "Lotte Visser", 40, 100, "%", "lag"),
    # Platform
    kr("KR-PLAT-1-1", "API p95 response time down from 800 to 300 ms", "Daan Smit", 800, 300, "ms", step=10),
    kr("KR-PLAT-1-2", "Disaster-recovery test passed with restore under 1 hour", "Mila Jacobs", kind=MS, done=4),
    kr("KR-PLAT-1-3", "Error rate down from 1.2% to 0.3%", "Mila Jacobs", 1.2, 0.3, "%", "ahead", 0.05),
    kr("KR-PLAT-2-1", "Self-service environments for 8 of 8 product teams", "Daan Smit", 2, 8, "teams"),
    kr("KR-PLAT-2-2", "CI pipeline time from 25 to 10 minutes", "Omar Haddad", 25, 10, "min", weight=0.5),
    kr("KR-PLAT-3-1", "Cloud cost per customer from € 42 to € 35 per month", "Omar Haddad", 42, 35, "EUR", step=0.5),
    # Mobile: lagging; KR-MOB-1-1's target moves; KR-MOB-1-2 reported green while red
    kr("KR-MOB-1-1", "Monthly active app users from 8,000 to 50,000", "Thijs Mulder", 8000, 50000, "users", "lag", 100),
    kr("KR-MOB-1-2", "App store rating from 3.6 to 4.5", "Thijs Mulder", 3.6, 4.5, "stars", "lag", 0.1),
    kr("KR-MOB-2-1", "Crash-free sessions from 97.0% to 99.5%", "Yara de Wit", 97, 99.5, "%", "lag", 0.1),
    kr("KR-MOB-2-2", "Offline mode released to all customers", None, kind=MS),
    # Data
    kr("KR-DATA-1-1", "Dashboards used weekly by 9 of 9 teams", "Aisha Khan", 3, 9, "teams"),
    kr("KR-DATA-1-2", "Open data-quality issues down from 40 to 10", "Luuk van Dam", 40, 10, "issues"),
    kr("KR-DATA-2-1", "Customer analytics module used by 30% of customers", "Aisha Khan", 0, 30, "%", step=0.5),
    kr("KR-DATA-2-2", "Report generation time from 40 to 5 seconds", "Luuk van Dam", 40, 5, "s", "ahead", 0.5),
    kr("KR-DATA-3-1", "Speak at 3 data conferences", "Aisha Khan", 0, 3, "talks"),
    kr("KR-DATA-3-2", "Team eNPS from 20 to 50", "Aisha Khan", 20, 50, "eNPS"),
    # Support: KR-SUP-1-2 turns red in the last week
    kr("KR-SUP-1-1", "Reactietijd op tickets van 48 naar 24 uur", "Kevin de Groot", 48, 24, "uur"),
    kr("KR-SUP-1-2", "Klanttevredenheid (CSAT) van 7,5 naar 8,5", "Anouk Meijer", 7.5, 8.5, "cijfer", "turn_red", 0.1),
    kr("KR-SUP-2-1", "Ticketvolume per klant van 3,2 naar 2,4 per maand", "Anouk Meijer", 3.2, 2.4, "tickets", step=0.05),
    kr("KR-SUP-2-2", "60 nieuwe kennisbankartikelen gepubliceerd", "Kevin de Groot", 0, 60, "artikelen", weight=0.5),
    # Finance: KR-FIN-1-2 has target == start
    kr("KR-FIN-1-1", "Maandafsluiting van 10 naar 5 werkdagen", "Ingrid Vos", 10, 5, "werkdagen"),
    kr("KR-FIN-1-2", "Houd de DSO op 45 dagen", "Ingrid Vos", 45, 45, "dagen", "flat"),
    kr("KR-FIN-2-1", "Debiteuren ouder dan 60 dagen van € 180.000 naar € 60.000", "Peter Schouten",
       180000, 60000, "EUR", step=500, weight=2),
    kr("KR-FIN-2-2", "Alle abonnementen worden automatisch gefactureerd", "Peter Schouten", kind=MS, done=3),
    # People
    kr("KR-PEO-1-1", "8 vacatures ingevuld in Q4", "Ruben Hendriks", 0, 8, "vacatures"),
    kr("KR-PEO-1-2", "Medewerkerstevredenheid (eNPS) van 15 naar 30", "Ruben Hendriks", 15, 30, "eNPS", "slow"),
    kr("KR-PEO-1-3", "Time-to-hire van 62 naar 45 dagen", "Merel Dekker", 62, 45, "dagen"),
    kr("KR-PEO-2-1", "100% van de medewerkers heeft een ontwikkelplan", "Merel Dekker", 35, 100, "%"),
    kr("KR-PEO-2-2", "Ziekteverzuim van 5,5% naar 4,0%", "Ruben Hendriks", 5.5, 4.0, "%", step=0.1),
]

# (KR id, week index) with no update that week: `current` empty, no check-in
NOT_UPDATED = {
    ("KR-PEO-1-2", 5), ("KR-DATA-3-1", 4), ("KR-DATA-3-1", 5), ("KR-SALES-3-1", 6),
    ("KR-FIN-2-1", 7), ("KR-CO-1-2", 7), ("KR-PLAT-2-2", 4), ("KR-MOB-2-1", 7),
    ("KR-CS-2-3", 6), ("KR-CS-2-3", 7), ("KR-MKT-1-3", 3),
}
# target changes from a week on: (KR id) -> (week index, new target)
MOVED_TARGET = {"KR-MOB-1-1": (6, 35000)}
# owners who report green whatever the numbers say: KR id -> first week index
GREEN_ANYWAY = {"KR-CS-1-1": 0, "KR-MOB-1-2": 0, "KR-SUP-1-2": 7}
# owners who never fill in the status column
NO_STATUS = {"KR-CO-1-2", "KR-PT-2-2", "KR-SALES-2-1", "KR-DATA-3-2", "KR-PEO-1-3", "KR-OPS-2-2"}

SPECIAL_COMMENTS = {
    ("KR-MOB-1-1", 6): "Target lowered to 35k after MT review; 50k was never realistic this quarter.",
    ("KR-MOB-1-1", 7): "On the new target we are getting there. Android release slipped again.",
    ("KR-SUP-1-2", 7): "Uitschieter door storing van dinsdag, verwacht herstel volgende week.",
    ("KR-SUP-1-2", 6): "Stabiel boven de 8, team is trots.",
    ("KR-CS-1-1", 6): "Komt goed, grote klanten verlengen in december.",
    ("KR-CS-1-1", 7): "Twee opzeggingen erbij, maar de pijplijn voor verlengingen is sterk.",
    ("KR-MOB-1-2", 7): "Reviews will improve once the offline mode ships.",
    ("KR-MKT-1-2", 5): "Nieuwe website staat live!",
    ("KR-PLAT-1-2", 4): "DR test passed: full restore in 42 minutes.",
    ("KR-FIN-2-2", 3): "Alle abonnementen draaien nu via automatische facturatie.",
    ("KR-FIN-1-2", 3): "DSO stabiel rond de 45 dagen.",
    ("KR-SALES-1-4", 6): "Leverancier gekozen, implementatie start in januari.",
    ("KR-COM-1-2", 7): "Eerste twee partners getekend; programma officieel gestart.",
    ("KR-MKT-1-3", 5): "Extra campagne op LinkedIn gestart.",
}

POOLS = {
    "nl": {
        "green": ["Loopt volgens plan.", "Goede week, op koers.", "Ligt op schema; review met MT volgende week.",
                  "Mooie stap gezet deze week.", "Op koers, geen blokkades.", "Iets voor op planning.",
                  "Nieuwe aanpak werkt goed."],
        "amber": ["Iets achter op schema, inhaalplan in de maak.", "Loopt wat achter door ziekte in het team.",
                  "Vertraging bij leverancier, we sturen bij.", "Nog haalbaar, maar krap.",
                  "Afhankelijk van input van Product & Tech."],
        "red": ["Fors achter; capaciteit is het probleem.", "Blokkade: wachten op besluit van het MT.",
                "Twee collega's uitgevallen, prioriteiten worden herzien.", "Geen voortgang, hulp nodig van het MT.",
                "Loopt achter, we hebben dit onderschat.", "Nieuwe klanten vragen alle aandacht; dit ligt stil."],
        "done": ["Afgerond.", "Gereed en opgeleverd."],
        "todo": ["In voorbereiding.", "Nog niet gestart, staat gepland.", "Loopt, oplevering later dit kwartaal."],
    },
    "en": {
        "green": ["On track.", "Good week, on plan.", "Slightly ahead of plan.", "Steady progress, no blockers.",
                  "New approach is paying off.", "On schedule; demo at the next review."],
        "amber": ["A bit behind, catch-up plan in progress.", "Slipping due to holidays in the team.",
                  "Vendor delay, we are adjusting.", "Still feasible but tight.", "Waiting on input from Sales."],
        "red": ["Well behind; capacity is the issue.", "Blocked: waiting for an MT decision.",
                "Two engineers out sick, priorities under review.", "No progress, need help from the MT.",
                "Behind plan, we underestimated this.", "Release slipped again, QA backlog."],
        "done": ["Done.", "Completed and live."],
        "todo": ["In preparation.", "Not started yet, planned.", "Ongoing, delivery later this quarter."],
    },
}


# --- the numbers ------------------------------------------------------------------

def expected(week: int) -> float:
    return min(max((WEEKS[week] - Q_START).days / Q_DAYS, 0.0), 1.0)


def _round(value: float, step: float):
    v = round(round(value / step) * step, 4)
    return int(v) if float(step).is_integer() else v


def _progress(profile: str, week: int, factor: float, noise: float) -> float:
    """Fraction of the way from start to target at `week` for a profile."""
    e = expected(week)
    if profile == "on":
        return e * (factor + noise)
    if profile == "ahead":
        return min(1.35, e * 1.7 + noise)
    if profile == "slow":
        return e * (0.72 + noise)
    if profile == "lag":
        return e * (0.12 + 0.25 * (factor - 0.9) + noise)
    if profile == "improve":
        return e * (0.02 + max(0, week - 3) / 4 * 1.1 + noise)
    if profile == "turn_red":
        return e * (1.02 + noise) if week < 7 else 0.1
    if profile == "flat":
        return 0.0
    raise ValueError(profile)


def _status(p: float, e: float, aspirational: bool) -> str:
    gap = (0.7 * e if aspirational else e) - p
    return "green" if gap <= 0.10 else "amber" if gap <= 0.25 else "red"


def simulate() -> dict:
    """Every KR's value, target, reported status and comment per week."""
    rng = random.Random(SEED)
    out = {}
    for k in KEY_RESULTS:
        team = OBJ[k["objective"]][1]
        lang = LANG[team]
        aspirational = OBJ[k["objective"]][4] == "aspirational"
        factor = rng.uniform(0.92, 1.12)
        prev = None
        weeks = []
        for w in range(len(WEEKS)):
            e = expected(w)
            noise = rng.uniform(-0.04, 0.04)
            target = k["target"]
            if k["id"] in MOVED_TARGET and w >= MOVED_TARGET[k["id"]][0]:
                target = MOVED_TARGET[k["id"]][1]
            if k["kind"] == MS:
                done = k["done"] is not None and w >= k["done"]
                value = (1 if done else 0)
                shown = {"nl": ("ja", "nee"), "en": ("yes", "no")}[lang][0 if done else 1]
                p = float(done)
                pool = "done" if done else "todo"
            else:
                p = _progress(k["profile"], w, factor, noise)
                if k["profile"] not in ("turn_red", "flat") and prev is not None:
                    p = max(p, prev)  # cumulative results do not go backwards
                prev = p
                if k["profile"] == "flat":
                    raw = k["start"] + rng.choice((-1, 0, 0, 1))
                else:
                    raw = k["start"] + p * (k["target"] - k["start"])
                value = shown = _round(raw, k["step"])
                p = (value - k["start"]) / (target - k["start"]) if target != k["start"] else float(value == target)
                pool = None
            status = _status(p, e, aspirational)
            pool = pool or status
            reported = status
            if k["id"] in GREEN_ANYWAY and w >= GREEN_ANYWAY[k["id"]]:
                reported = "green"
            if k["id"] in NO_STATUS:
                reported = None
            comment = SPECIAL_COMMENTS.get((k["id"], w))
            if comment is None and rng.random() < 0.85:
                comment = rng.choice(POOLS[lang][pool])
            updated = (k["id"], w) not in NOT_UPDATED
            if not updated:
                value = shown = None
                reported = None if k["id"] not in GREEN_ANYWAY else reported
                comment = None
            if reported is not None and lang == "nl":
                reported = t(f"status.{reported}", "nl")
            weeks.append(dict(value=value, shown=shown, target=target, status=reported, comment=comment))
        out[k["id"]] = weeks
    return out


# --- writing ----------------------------------------------------------------------

def workbook_data(week: int, sim: dict) -> dict[str, list[dict]]:
    objectives = [
        {"id": oid, "objective": title, "team": team, "quarter": QUARTER, "owner": LEAD[team],
         "parent": parent, "type": typ}
        for oid, team, title, parent, typ in OBJECTIVES
    ]
    key_results = []
    for k in KEY_RESULTS:
        s = sim[k["id"]][week]
        key_results.append({
            "id": k["id"], "objective": k["objective"], "key_result": k["title"], "owner": k["owner"],
            "start": k["start"], "target": s["target"], "current": s["shown"], "unit": k["unit"],
            "kind": k["kind"], "weight": k["weight"], "status": s["status"], "comment": s["comment"],
        })
    checkins = []
    for k in KEY_RESULTS:
        for w in range(week + 1):
            s = sim[k["id"]][w]
            if s["value"] is not None:
                checkins.append({"key_result": k["id"], "date": WEEKS[w], "value": s["value"],
                                 "comment": s["comment"]})
    teams = [{"team": n, "parent_team": p, "lead": lead} for n, p, lead, _ in TEAMS]
    return {"objectives": objectives, "key_results": key_results, "checkins": checkins, "teams": teams}


# --- the owners' confidence (0-10), an optional column --------------------------------

CONFIDENCE_DROPS = {"KR-SUP-1-2": 3, "KR-MOB-1-1": 3, "KR-SALES-3-2": 3}  # points lost in the last week


def confidence(sim: dict) -> dict[str, list[int | None]]:
    """Every KR's confidence per week: it follows the numbers (high when on
    track, low when behind) a point a week at most, except the drops in the
    last week. Empty when the KR is not updated that week, and for the owners
    who never fill in the status column either. Its own random stream, so the
    numbers above stay as they are."""
    rng = random.Random(SEED + 13)
    out = {}
    for k in KEY_RESULTS:
        weeks, level = [], rng.choice((6, 7, 8))
        for w, s in enumerate(sim[k["id"]]):
            if s["value"] is None or k["id"] in NO_STATUS:
                weeks.append(None)
                continue
            if k["kind"] == MS:
                aim = 9 if s["value"] else 7
            else:
                span = s["target"] - k["start"]
                p = (s["value"] - k["start"]) / span if span else 1.0
                gap = expected(w) * (0.7 if OBJ[k["objective"]][4] == "aspirational" else 1) - p
                aim = 8 if gap <= 0.10 else 6 if gap <= 0.25 else 4
            level += (aim > level) - (aim < level)
            if w == len(WEEKS) - 1 and k["id"] in CONFIDENCE_DROPS:
                level -= CONFIDENCE_DROPS[k["id"]]
            weeks.append(max(1, min(10, level)))
        out[k["id"]] = weeks
    return out


def add_confidence(path: Path, week: int, sim: dict) -> None:
    """The optional `confidence` column after the canonical Key Results columns."""
    conf = confidence(sim)
    wb = load_workbook(path)
    ws = wb[SHEET_NAMES["key_results"]["en"]]
    col = ws.max_column + 1
    ws.cell(1, col, "confidence").font = copy(ws.cell(1, 1).font)
    ws.cell(1, col).fill = copy(ws.cell(1, 1).fill)
    for row in range(2, ws.max_row + 1):
        ws.cell(row, col, conf[ws.cell(row, 1).value][week])
    wb.save(str(path))


def series_name(week: int) -> str:
    return f"okr-{WEEKS[week].isoformat()}.xlsx"


def _nl_number(value: float, decimals: int = 0) -> str:
    s = f"{value:,.{decimals}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def _flat_value(k: dict, value, role: str):
    """A value as people type it in a Dutch sheet: partly text."""
    if value is None:
        return None
    if k["unit"] == "EUR":
        if role == "current" and k["id"] == "KR-SALES-1-3":
            return _nl_number(value, 1)  # '27.412,5': no euro sign, Dutch decimals
        return "€ " + _nl_number(value)
    if k["unit"] == "%":
        return (str(int(value)) if float(value).is_integer() else _nl_number(value, 1)) + "%"
    return value


# the department objective first, so that "Draagt bij aan" (by title) resolves in the file
FLAT_OBJECTIVES = ("O-COM-1", "O-SALES-1", "O-SALES-2", "O-MKT-1")


def write_flat(path: Path, sim: dict, week: int = 7) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "OKR's Q4"
    ws.append(["OKR overzicht Noordwind Q4 2026"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    # a deliberately non-canonical Dutch layout, as users keep it (docs/workbook.md)
    ws.append(["Kwartaal", "Team", "Doelstelling", "Draagt bij aan", "Kernresultaat", "Eigenaar",
               "Startwaarde", "Doelwaarde", "Huidige waarde", "Eenheid", "Status", "Toelichting"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for oid in FLAT_OBJECTIVES:
        _, team, title, parent, _ = OBJ[oid]
        first = True
        for k in (k for k in KEY_RESULTS if k["objective"] == oid):
            s = sim[k["id"]][week]
            if k["kind"] == MS:  # a flat sheet has no kind column: 0 -> 1, "gereed"
                start, target, current, unit = 0, 1, s["value"], "gereed"
            else:
                start = _flat_value(k, k["start"], "start")
                target = _flat_value(k, s["target"], "target")
                current = _flat_value(k, s["value"], "current")
                unit = k["unit"]
            status = s["status"]
            if status == "green" or status == t("status.green", "nl"):
                status = "op koers" if k["id"].endswith("-1") else t("status.green", "nl")
            elif status in ("red", t("status.red", "nl")):
                status = t("status.red", "nl")
            elif status in ("amber", t("status.amber", "nl")):
                status = t("status.amber", "nl")
            parent_title = OBJ[parent][2] if parent in FLAT_OBJECTIVES else None
            obj_cols = ["Q4 2026", team, title, parent_title] if first else [None] * 4
            ws.append(obj_cols + [k["title"], k["owner"], start, target, current, unit, status, s["comment"]])
            first = False
    for col, width in zip("ABCDEFGHIJKL", (10, 18, 46, 46, 56, 18, 12, 12, 14, 11, 10, 44)):
        ws.column_dimensions[col].width = width
    wb.properties.creator = "Noordwind Software"
    wb.properties.created = dt.datetime(2026, 11, 27, 9, 0)
    wb.save(str(path))


# --- last quarter, closed: 2026-Q3 -------------------------------------------------------
#
# okr-2026-09-30.xlsx: the final workbook of 2026-Q3, as of its last day, so the
# overview shows the quarter close for it and quarter over quarter. A subset of
# the same organisation, and its own story:
# - Finance reached every key result (all >= 1.0): were the targets set too low?
# - committed key results missed: churn (KR-CS-1-1, a decrease), net revenue
#   retention (KR-CS-1-2), average deal value (KR-SALES-1-3), the partner
#   programme milestone (KR-COM-1-2);
# - owners graded themselves (the `grade` column): three differ from the numbers
#   by 0.2 or more (KR-SALES-1-3 as a Dutch mark, 6; KR-MKT-1-2, KR-CS-1-2,
#   KR-COM-1-2), the others agree;
# - KR-SALES-2-2 (zorg pilots) was never updated all quarter.

CLOSED_QUARTER = "2026-Q3"
CLOSED_AS_OF = dt.date(2026, 9, 30)
CLOSED_FILE = f"okr-{CLOSED_AS_OF.isoformat()}.xlsx"
CLOSED_CHECKINS = ((dt.date(2026, 7, 31), 0.3), (dt.date(2026, 8, 28), 0.6), (dt.date(2026, 9, 25), 0.9))

# id, team, title, parent, type
CLOSED_OBJECTIVES = [
    ("O-CO-1", "Company", "Versterk onze marktpositie in de Nederlandse IT-sector", None, "committed"),
    ("O-CO-2", "Company", "Klanten worden fans van Noordwind", None, "committed"),
    ("O-CO-3", "Company", "Bouw een schaalbare, winstgevende organisatie", None, "committed"),
    ("O-COM-1", "Commercie", "Word de eerste keus van middelgrote IT-bedrijven", "O-CO-1", "committed"),
    ("O-PT-1", "Product & Tech", "Our product is fast and rock-solid", "O-CO-2", "committed"),
    ("O-OPS-1", "Operations", "Een efficiënte organisatie die meegroeit zonder extra overhead", "O-CO-3", "committed"),
    ("O-SALES-1", "Sales", "Versterk onze positie bij middelgrote IT-bedrijven", "O-COM-1", "committed"),
    ("O-SALES-2", "Sales", "Groei in de zorg-ICT als tweede markt", "O-COM-1", "aspirational"),
    ("O-MKT-1", "Marketing", "Maak Noordwind bekend bij IT-beslissers", "O-COM-1", "aspirational"),
    ("O-CS-1", "Customer Success", "Klanten blijven graag bij Noordwind", "O-CO-2", "committed"),
    ("O-PLAT-1", "Platform", "A platform our customers never have to think about", "O-PT-1", "committed"),
    ("O-SUP-1", "Support", "Klanten voelen zich direct geholpen", "O-OPS-1", "committed"),
    ("O-FIN-1", "Finance", "Financieel inzicht dat sneller en scherper is", "O-OPS-1", "committed"),
]

# id, title, owner, start, target, final value (None: never updated), unit, owner's grade, kind, weight
CLOSED_KEY_RESULTS = [
    ("KR-CO-1-1", "€ 200.000 nieuwe ARR gecontracteerd in Q3", "Eva de Vries", 0, 200000, 140000, "EUR", 0.8),
    ("KR-CO-1-2", "Marktaandeel bij middelgrote IT-bedrijven van 5,5% naar 6%", "Mark Jansen", 5.5, 6, 6, "%", None),
    ("KR-CO-2-1", "Klantverloop (churn) omlaag van 9% naar 8%", "Eva de Vries", 9, 8, 8.4, "%", None),
    ("KR-CO-2-2", "NPS van 28 naar 32", "Lotte Visser", 28, 32, 30, "NPS", None),
    ("KR-CO-3-1", "EBITDA-marge van 8% naar 9%", "Ingrid Vos", 8, 9, 8.6, "%", 0.6, "number", 2),
    ("KR-COM-1-1", "Pijplijnwaarde van € 250.000 naar € 400.000", "Mark Jansen", 250000, 400000, 400000, "EUR", None),
    ("KR-COM-1-2", "Partnerprogramma ontworpen en goedgekeurd door het MT", "Mark Jansen", None, None, 0, None, 0.3,
     "milestone"),
    ("KR-PT-1-1", "Platform uptime from 99.3% to 99.5%", "Priya Raman", 99.3, 99.5, 99.46, "%", 0.9),
    ("KR-PT-1-2", "P1 incidents per month down from 9 to 6", "Daan Smit", 9, 6, 6, "incidents", None),
    ("KR-OPS-1-1", "Overheadkosten van 24% naar 22% van de omzet", "Sanne Bakker", 24, 22, 22.4, "%", None),
    ("KR-SALES-1-1", "12 Sales Qualified Leads (SQL's) gerealiseerd in Q3", "Lisa de Boer", 0, 12, 10, "SQL", 0.8),
    ("KR-SALES-1-2", "2 nieuwe contracten met minstens € 30.000 ARR", "Joris Peeters", 0, 2, 2, "contracten", 1.0,
     "number", 2),
    ("KR-SALES-1-3", "Gemiddelde dealwaarde van € 22.000 naar € 24.000", "Joris Peeters", 22000, 24000, 22400, "EUR",
     6),
    ("KR-SALES-2-1", "€ 80.000 nieuwe ARR uit de zorgsector", "Fatima El Idrissi", 0, 80000, 44000, "EUR", 0.7),
    ("KR-SALES-2-2", "3 zorginstellingen starten een betaalde pilot", "Fatima El Idrissi", 0, 3, None, "pilots", None),
    ("KR-MKT-1-1", "15% meer volgers van onze ICP op LinkedIn", "Sophie Willems", 0, 15, 11.4, "%", None),
    ("KR-MKT-1-2", "60 Marketing Qualified Leads (MQL's) in Q3", "Bram Koster", 0, 60, 40, "MQL", 0.9),
    ("KR-CS-1-1", "Churn in ons klantenbestand omlaag van 9% naar 7%", "Lotte Visser", 9, 7, 8.8, "%", None),
    ("KR-CS-1-2", "Net Revenue Retention van 96% naar 100%", "Lotte Visser", 96, 100, 97, "%", 0.5),
    ("KR-CS-1-3", "Health score bekend voor 60% van de klanten", "Nina Post", 20, 60, 44, "%", None),
    ("KR-PLAT-1-1", "API p95 response time down from 1,100 to 800 ms", "Daan Smit", 1100, 800, 820, "ms", 0.9),
    ("KR-PLAT-1-2", "Backups restored in a monthly recovery test", "Mila Jacobs", None, None, 1, None, None,
     "milestone"),
    ("KR-PLAT-1-3", "Error rate down from 2.0% to 1.2%", "Mila Jacobs", 2.0, 1.2, 1.1, "%", None),
    ("KR-SUP-1-1", "Reactietijd op tickets van 60 naar 48 uur", "Kevin de Groot", 60, 48, 50, "uur", None),
    ("KR-SUP-1-2", "Klanttevredenheid (CSAT) van 7,2 naar 7,5", "Anouk Meijer", 7.2, 7.5, 7.6, "cijfer", None),
    ("KR-FIN-1-1", "Maandafsluiting van 12 naar 10 werkdagen", "Ingrid Vos", 12, 10, 9, "werkdagen", 1.0),
    ("KR-FIN-1-2", "Facturen binnen 2 dagen verstuurd voor 90% van de klanten", "Peter Schouten", 70, 90, 95, "%",
     1.0),
    ("KR-FIN-1-3", "Budgetcyclus 2027 gestart", "Ingrid Vos", None, None, 1, None, None, "milestone"),
]
OBJ_TEAM_CLOSED = {o[0]: o[1] for o in CLOSED_OBJECTIVES}
CLOSED_COMMENTS = {
    "KR-CS-1-1": "Drie grote klanten opgezegd na de prijsverhoging; exitgesprekken gepland.",
    "KR-CS-1-2": "Upsell bleef achter, te weinig capaciteit voor accountplannen.",
    "KR-SALES-1-3": "Kortingen in de zomer drukten de dealwaarde.",
    "KR-COM-1-2": "Ontwerp klaar, besluit MT schuift naar Q4.",
    "KR-FIN-1-1": "Afsluiting in 9 dagen, ruim binnen het doel.",
    "KR-MKT-1-2": "Campagne in september leverde veel op, zomer was stil.",
    "KR-PLAT-1-3": "Error budget alerts paid off.",
}


def _closed_value(value: float, start: float, target: float) -> float:
    step = 0.01 if abs(target - start) < 10 else 1
    return _round(value, step)


def closed_quarter_data() -> tuple[dict[str, list[dict]], dict[str, float]]:
    """(the workbook's rows, the owners' grades by key result id)."""
    objectives = [{"id": oid, "objective": title, "team": team, "quarter": CLOSED_QUARTER, "owner": LEAD[team],
                   "parent": parent, "type": typ} for oid, team, title, parent, typ in CLOSED_OBJECTIVES]
    kind_of = {o[0]: o[4] for o in CLOSED_OBJECTIVES}
    key_results, checkins, grades = [], [], {}
    for row in CLOSED_KEY_RESULTS:
        kid, title, owner, start, target, final, unit, grade = row[:8]
        extra = row[8:]
        kind, weight = (extra[0] if extra else "number"), (extra[1] if len(extra) > 1 else 1)
        objective = "O-" + kid.split("-")[1] + "-" + kid.split("-")[2]
        lang = LANG[OBJ_TEAM_CLOSED[objective]]
        if kind == MS:
            p, shown = float(final), {"nl": ("ja", "nee"), "en": ("yes", "no")}[lang][0 if final else 1]
        elif final is None:
            p, shown = None, None
        else:
            p, shown = (final - start) / (target - start), final
        status = None if p is None else _status(min(p, 1.0), 1.0, kind_of[objective] == "aspirational")
        if status is not None and lang == "nl":
            status = t(f"status.{status}", "nl")
        key_results.append({"id": kid, "objective": objective, "key_result": title, "owner": owner, "start": start,
                            "target": target, "current": shown, "unit": unit, "kind": kind, "weight": weight,
                            "status": status, "comment": CLOSED_COMMENTS.get(kid)})
        if grade is not None:
            grades[kid] = grade
        if final is None:
            continue
        for day, share in CLOSED_CHECKINS:
            if kind == MS:
                if final:
                    checkins.append({"key_result": kid, "date": day, "value": 1, "comment": None})
                    break
                continue
            checkins.append({"key_result": kid, "date": day, "value": _closed_value(start + share * (final - start),
                                                                                    start, target), "comment": None})
    teams = [{"team": n, "parent_team": p, "lead": lead} for n, p, lead, _ in TEAMS]
    return {"objectives": objectives, "key_results": key_results, "checkins": checkins, "teams": teams}, grades


def write_closed_quarter(path: Path) -> Path:
    """The final 2026-Q3 workbook, with the owners' own grades in an extra `grade`
    column of the Key Results sheet (optional in the canonical layout)."""
    data, grades = closed_quarter_data()
    write_workbook(path, data, "en", instructions=False, validation=True)
    wb = load_workbook(path)
    ws = wb["Key Results"]
    col = ws.max_column + 1
    ws.cell(1, col, "grade")._style = copy(ws.cell(1, 1)._style)
    for r in range(2, ws.max_row + 1):
        ws.cell(r, col, grades.get(ws.cell(r, 1).value))
    wb.save(str(path))
    return path


def generate(out_dir: Path | str = HERE) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sim = simulate()
    paths = [write_closed_quarter(out_dir / CLOSED_FILE)]
    for w in FILE_WEEKS:
        p = out_dir / series_name(w)
        write_workbook(p, workbook_data(w, sim), "en", instructions=False, validation=True)
        add_confidence(p, w, sim)
        paths.append(p)
    p = out_dir / FLAT_FILE
    write_flat(p, sim)
    paths.append(p)
    return paths


if __name__ == "__main__":
    for path in generate(sys.argv[1] if len(sys.argv) > 1 else HERE):
        print(path)
