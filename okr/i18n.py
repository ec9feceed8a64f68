"""The one message catalogue: every text a user sees, in English and Dutch.

`t("key", lang, **params)` formats a message. Keys are grouped by prefix:
`err.*` import errors (message), `fix.*` how to fix them, `file.*` whole-file
refusals, `status.*` status names, `ui.*` labels, `cli.*` command-line output.
"""

from __future__ import annotations

import os

LANGS = ("en", "nl")
DEFAULT_LANG = "en"

CATALOGUE: dict[str, dict[str, str]] = {
    # --- okr template (okr/template.py): instructions, rules, examples ----
    "template.instructions.title": {
        "en": "How to fill in this OKR workbook",
        "nl": "Zo vul je deze OKR-werkmap in",
    },
    "template.instructions.intro": {
        "en": "One row per objective on the sheet '{objectives}', one row per key result on '{key_results}'. Update the column '{current}' before every MT meeting; history goes on '{checkins}', the organisation tree on '{teams}'. Delete the example rows and add your own.",
        "nl": "Eén rij per doelstelling op het tabblad '{objectives}', één rij per kernresultaat op '{key_results}'. Werk de kolom '{current}' bij vóór elk MT-overleg; de historie staat op '{checkins}', de organisatieboom op '{teams}'. Verwijder de voorbeeldrijen en voeg je eigen rijen toe.",
    },
    "template.instructions.method": {"en": "The method in six rules", "nl": "De methode in zes regels"},
    "template.instructions.columns": {"en": "The columns", "nl": "De kolommen"},
    "template.rule.1": {
        "en": "1. An objective is an inspiring, ambitious goal in words: what do we want to achieve this quarter?",
        "nl": "1. Een doelstelling is een inspirerend, ambitieus doel in woorden: wat willen we dit kwartaal bereiken?",
    },
    "template.rule.2": {
        "en": "2. A key result is a measurable outcome, never an activity: '15 SQLs realised in Q1', not 'We will generate more leads'.",
        "nl": "2. Een kernresultaat is een meetbare uitkomst, nooit een activiteit: '15 SQL's gerealiseerd in Q1', niet 'We gaan meer leads genereren'.",
    },
    "template.rule.3": {
        "en": "3. At most 3 key results per objective, each SMART: specific, measurable, acceptable, realistic, time-bound (start and target value).",
        "nl": "3. Maximaal 3 kernresultaten per doelstelling, elk SMART: specifiek, meetbaar, acceptabel, realistisch, tijdgebonden (start- en doelwaarde).",
    },
    "template.rule.4": {
        "en": "4. Every key result has exactly one owner who updates it every week.",
        "nl": "4. Elk kernresultaat heeft precies één eigenaar die het elke week bijwerkt.",
    },
    "template.rule.5": {
        "en": "5. Few objectives per team per quarter (at most 3): focus beats a full agenda.",
        "nl": "5. Weinig doelstellingen per team per kwartaal (maximaal 3): focus wint van een volle agenda.",
    },
    "template.rule.6": {
        "en": "6. Align: every team objective contributes to a department or company objective (column '{parent}').",
        "nl": "6. Lijn uit: elke teamdoelstelling draagt bij aan een afdelings- of bedrijfsdoelstelling (kolom '{parent}').",
    },
    "template.col.sheet": {"en": "sheet", "nl": "tabblad"},
    "template.col.column": {"en": "column", "nl": "kolom"},
    "template.col.required": {"en": "required", "nl": "verplicht"},
    "template.col.meaning": {"en": "meaning", "nl": "betekenis"},
    "template.col.values": {"en": "accepted values", "nl": "toegestane waarden"},
    "template.req.yes": {"en": "yes", "nl": "ja"},
    "template.req.no": {"en": "no", "nl": "nee"},
    "template.req.target": {"en": "yes, unless milestone", "nl": "ja, behalve bij mijlpaal"},
    "template.values.text": {"en": "text", "nl": "tekst"},
    "template.values.number": {"en": "a number, e.g. 15 or 30000 (percent in points: 20 = 20%)", "nl": "een getal, bijv. 15 of 30000 (procenten in punten: 20 = 20%)"},
    "template.values.quarter": {"en": "2026-Q1 (also Q1 2026, 2026 Q1, Q1-2026, 2026Q1, K1 2026)", "nl": "2026-Q1 (ook Q1 2026, 2026 Q1, Q1-2026, 2026Q1, K1 2026)"},
    "template.values.objective_id": {"en": "an id from the sheet '{sheet}'", "nl": "een id van het tabblad '{sheet}'"},
    "template.values.kr_id": {"en": "an id from the sheet '{sheet}'", "nl": "een id van het tabblad '{sheet}'"},
    "template.values.team": {"en": "a team from the sheet '{sheet}'", "nl": "een team van het tabblad '{sheet}'"},
    "template.values.type": {"en": "committed (default) or aspirational", "nl": "committed (standaard) of aspirational"},
    "template.values.kind": {"en": "number (default) or milestone", "nl": "number (standaard) of milestone (mijlpaal)"},
    "template.values.milestone": {"en": "number; for a milestone yes/no, done, 1/0", "nl": "getal; bij een mijlpaal ja/nee, gereed, 1/0"},
    "template.values.weight": {"en": "a number >= 0 (default 1)", "nl": "een getal >= 0 (standaard 1)"},
    "template.values.status": {"en": "green, amber, red (also on track, at risk, off track)", "nl": "groen, oranje, rood (ook op koers, risico, niet op koers)"},
    "template.values.date": {"en": "a date, e.g. 2026-01-16", "nl": "een datum, bijv. 16-01-2026"},
    "template.values.unit": {"en": "%, EUR, SQL, contracts, ...", "nl": "%, EUR, SQL, contracten, ..."},
    "template.help.objectives.id": {"en": "Unique id of the objective, e.g. O-SALES-1.", "nl": "Unieke id van de doelstelling, bijv. O-SALES-1."},
    "template.help.objectives.objective": {"en": "The objective: an inspiring goal in words.", "nl": "De doelstelling: een inspirerend doel in woorden."},
    "template.help.objectives.team": {"en": "The team that owns the objective; the company itself is a team too (Company).", "nl": "Het team dat eigenaar is van de doelstelling; het bedrijf zelf is ook een team (Company)."},
    "template.help.objectives.quarter": {"en": "The quarter the objective is for.", "nl": "Het kwartaal waarvoor de doelstelling geldt."},
    "template.help.objectives.owner": {"en": "The person accountable for the objective.", "nl": "De persoon die verantwoordelijk is voor de doelstelling."},
    "template.help.objectives.parent": {"en": "Id of the department or company objective this one contributes to (the cascade). Empty only for company objectives.", "nl": "Id van de afdelings- of bedrijfsdoelstelling waaraan deze bijdraagt (de cascade). Alleen leeg bij bedrijfsdoelstellingen."},
    "template.help.objectives.type": {"en": "Committed: we will reach it. Aspirational: a stretch goal, 70% is success.", "nl": "Committed: dit halen we. Aspirational: een ambitieus doel, 70% is een succes."},
    "template.help.key_results.id": {"en": "Unique id of the key result, e.g. KR-SALES-1-1.", "nl": "Unieke id van het kernresultaat, bijv. KR-SALES-1-1."},
    "template.help.key_results.objective": {"en": "Id of the objective this key result belongs to.", "nl": "Id van de doelstelling waar dit kernresultaat bij hoort."},
    "template.help.key_results.key_result": {"en": "The measurable outcome, e.g. '15 Sales Qualified Leads realised in Q1'.", "nl": "De meetbare uitkomst, bijv. '15 Sales Qualified Leads gerealiseerd in Q1'."},
    "template.help.key_results.owner": {"en": "The one person accountable for this key result.", "nl": "De ene persoon die verantwoordelijk is voor dit kernresultaat."},
    "template.help.key_results.start": {"en": "Value at the start of the quarter (default 0).", "nl": "Waarde aan het begin van het kwartaal (standaard 0)."},
    "template.help.key_results.target": {"en": "Value to reach by the end of the quarter. Lower than start for a decrease (churn 8 -> 5).", "nl": "Waarde die je aan het eind van het kwartaal wilt halen. Lager dan de start bij een daling (churn 8 -> 5)."},
    "template.help.key_results.current": {"en": "The latest value. Empty means: not updated.", "nl": "De laatste stand. Leeg betekent: niet bijgewerkt."},
    "template.help.key_results.unit": {"en": "Unit of start, target and current.", "nl": "Eenheid van start-, doel- en huidige waarde."},
    "template.help.key_results.kind": {"en": "number: progress from start to target; milestone: done or not done.", "nl": "number: voortgang van start naar doel; milestone: wel of niet gereed."},
    "template.help.key_results.weight": {"en": "Weight of this key result in its objective's progress.", "nl": "Gewicht van dit kernresultaat in de voortgang van de doelstelling."},
    "template.help.key_results.status": {"en": "The status as the owner sees it; the dashboard compares it with the numbers.", "nl": "De status volgens de eigenaar; het dashboard vergelijkt die met de cijfers."},
    "template.help.key_results.comment": {"en": "Short note for the meeting: what moved, what blocks.", "nl": "Korte toelichting voor het overleg: wat bewoog er, wat blokkeert."},
    "template.help.checkins.key_result": {"en": "Id of the key result.", "nl": "Id van het kernresultaat."},
    "template.help.checkins.date": {"en": "Date of the check-in.", "nl": "Datum van de check-in."},
    "template.help.checkins.value": {"en": "The value on that date.", "nl": "De waarde op die datum."},
    "template.help.checkins.comment": {"en": "Note with the check-in.", "nl": "Toelichting bij de check-in."},
    "template.help.teams.team": {"en": "Team name, as used on the sheet with objectives.", "nl": "Teamnaam, zoals gebruikt op het tabblad met doelstellingen."},
    "template.help.teams.parent_team": {"en": "The team or department it falls under; empty for the company.", "nl": "Het team of de afdeling waaronder het valt; leeg voor het bedrijf."},
    "template.help.teams.lead": {"en": "The team lead.", "nl": "De teamleider."},
    "template.dv.quarter.title": {"en": "Quarter", "nl": "Kwartaal"},
    "template.dv.quarter.error": {"en": "Write the quarter as 2026-Q1 (or Q1 2026).", "nl": "Schrijf het kwartaal als 2026-Q1 (of K1 2026)."},
    "template.dv.list.title": {"en": "Choose a value", "nl": "Kies een waarde"},
    "template.dv.list.error": {"en": "Choose one of: {values}.", "nl": "Kies een van: {values}."},
    "template.dv.weight.title": {"en": "Weight", "nl": "Gewicht"},
    "template.dv.weight.error": {"en": "The weight is a number of 0 or more (default 1).", "nl": "Het gewicht is een getal van 0 of meer (standaard 1)."},
    "template.example.o_company": {"en": "Strengthen our position in the IT sector", "nl": "Versterk onze marktpositie in de IT-sector"},
    "template.example.o_sales": {"en": "Become the first choice of mid-sized IT companies", "nl": "Word de eerste keus van middelgrote IT-bedrijven"},
    "template.example.o_marketing": {"en": "Make our brand known among IT decision makers", "nl": "Maak ons merk bekend bij IT-beslissers"},
    "template.example.kr_churn": {"en": "Customer churn down from 8% to 5%", "nl": "Klantverloop (churn) omlaag van 8% naar 5%"},
    "template.example.kr_sql": {"en": "15 Sales Qualified Leads (SQLs) realised in Q1", "nl": "15 Sales Qualified Leads (SQL's) gerealiseerd in Q1"},
    "template.example.kr_contracts": {"en": "3 new contracts signed worth at least €30,000 ARR each", "nl": "3 nieuwe contracten gesloten met een waarde van minstens €30.000 ARR"},
    "template.example.kr_followers": {"en": "20% more followers from our ICP on LinkedIn", "nl": "20% meer volgers van onze ICP op LinkedIn"},
    "template.example.kr_case": {"en": "Customer case with a reference customer published", "nl": "Klantcase met een referentieklant gepubliceerd"},
    "template.example.unit_contracts": {"en": "contracts", "nl": "contracten"},
    "template.example.milestone_no": {"en": "no", "nl": "nee"},
    "template.example.comment_sql": {"en": "6 SQLs, 4 of them from the webinar.", "nl": "6 SQL's, waarvan 4 uit het webinar."},
    "template.example.comment_contracts": {"en": "First contract signed; two proposals out.", "nl": "Eerste contract getekend; twee offertes uit."},
    "template.example.comment_followers": {"en": "Growth slower than planned.", "nl": "Groei loopt achter op plan."},
    "template.example.comment_churn": {"en": "Two cancellations prevented.", "nl": "Twee opzeggingen voorkomen."},
    "template.example.comment_case": {"en": "Interview planned, customer approval pending.", "nl": "Interview gepland, akkoord klant volgt."},
    "template.example.checkin": {"en": "weekly update", "nl": "wekelijkse update"},
    # --- statuses -------------------------------------------------------
    "status.green": {"en": "green", "nl": "groen"},
    "status.amber": {"en": "amber", "nl": "oranje"},
    "status.red": {"en": "red", "nl": "rood"},
    "status.no update": {"en": "no update", "nl": "geen update"},
    # --- import errors: err.<code> says what is wrong, fix.<code> how to fix it --
    "err.required": {"en": "This cell is empty, but every row needs a value in column '{header}'.",
                     "nl": "Deze cel is leeg, maar elke rij heeft een waarde nodig in kolom '{header}'."},
    "fix.required": {"en": "Fill it in.", "nl": "Vul hem in."},
    "err.number": {"en": "'{value}' is not a number.", "nl": "'{value}' is geen getal."},
    "fix.number": {"en": "Type a number such as 15, 1.234,5, 45% or € 30.000 (or leave it empty).",
                   "nl": "Typ een getal zoals 15, 1.234,5, 45% of € 30.000 (of laat de cel leeg)."},
    "err.quarter": {"en": "'{value}' is not a quarter.", "nl": "'{value}' is geen kwartaal."},
    "fix.quarter": {"en": "Write the quarter as 2026-Q1 (Q1 2026 and K1 2026 work too).",
                    "nl": "Schrijf het kwartaal als 2026-Q1 (Q1 2026 en K1 2026 mogen ook)."},
    "err.status": {"en": "'{value}' is not a status.", "nl": "'{value}' is geen status."},
    "fix.status": {"en": "Use green, amber or red (groen, oranje, rood; on track, at risk, off track), or leave it empty.",
                   "nl": "Gebruik groen, oranje of rood (green, amber, red; op koers, risico, niet op koers), of laat de cel leeg."},
    "err.done": {"en": "'{value}' is not a milestone value.", "nl": "'{value}' is geen waarde voor een mijlpaal."},
    "fix.done": {"en": "A milestone is done or not: write yes or no (ja/nee, done, 1/0), or leave it empty.",
                 "nl": "Een mijlpaal is gehaald of niet: schrijf ja of nee (yes/no, gereed, 1/0), of laat de cel leeg."},
    "err.kind": {"en": "'{value}' is not a kind of key result.", "nl": "'{value}' is geen soort kernresultaat."},
    "fix.kind": {"en": "Use number or milestone.", "nl": "Gebruik number (getal) of milestone (mijlpaal)."},
    "err.type": {"en": "'{value}' is not an objective type.", "nl": "'{value}' is geen type doelstelling."},
    "fix.type": {"en": "Use committed or aspirational (or leave it empty for committed).",
                 "nl": "Gebruik committed of aspirational (of laat de cel leeg voor committed)."},
    "err.date": {"en": "'{value}' is not a date.", "nl": "'{value}' is geen datum."},
    "fix.date": {"en": "Type a date such as 2026-02-15 or 15-02-2026.", "nl": "Typ een datum zoals 15-02-2026 of 2026-02-15."},
    "err.weight": {"en": "'{value}' is not a weight.", "nl": "'{value}' is geen gewicht."},
    "fix.weight": {"en": "Use a number of 0 or more (empty counts as 1).", "nl": "Gebruik een getal van 0 of meer (leeg telt als 1)."},
    "err.formula": {"en": "This cell holds a formula without a calculated value (the file was saved by a program, not by Excel).",
                    "nl": "Deze cel bevat een formule zonder berekende waarde (het bestand is door een programma opgeslagen, niet door Excel)."},
    "fix.formula": {"en": "Open the workbook in Excel, let it calculate, save it and upload it again; or type the value.",
                    "nl": "Open de werkmap in Excel, laat hem rekenen, sla hem op en upload hem opnieuw; of typ de waarde in."},
    "err.cell_error": {"en": "The cell shows the Excel error {value}.", "nl": "De cel toont de Excel-fout {value}."},
    "fix.cell_error": {"en": "Correct the formula or type the value.", "nl": "Herstel de formule of typ de waarde in."},
    "err.missing_target": {"en": "This number key result has no target.", "nl": "Dit kernresultaat (getal) heeft geen doelwaarde."},
    "fix.missing_target": {"en": "Type the value to reach in column '{header}', or set kind to milestone if it is done-or-not.",
                           "nl": "Typ de te bereiken waarde in kolom '{header}', of zet soort op mijlpaal als het gehaald-of-niet is."},
    "err.missing_column": {"en": "Column '{column}' is missing.", "nl": "Kolom '{column}' ontbreekt."},
    "fix.missing_column": {"en": "Add a column with the header '{column}' (also recognised: {aliases}).",
                           "nl": "Voeg een kolom toe met de kop '{column}' (ook herkend: {aliases})."},
    "err.duplicate_objective": {"en": "Objective id '{id}' is used twice (also at {other}).",
                                "nl": "Doelstelling-id '{id}' komt twee keer voor (ook op {other})."},
    "fix.duplicate_objective": {"en": "Give every objective its own id.", "nl": "Geef elke doelstelling een eigen id."},
    "err.duplicate_kr": {"en": "Key result id '{id}' is used twice (also at {other}).",
                         "nl": "Kernresultaat-id '{id}' komt twee keer voor (ook op {other})."},
    "fix.duplicate_kr": {"en": "Give every key result its own id.", "nl": "Geef elk kernresultaat een eigen id."},
    "err.duplicate_team": {"en": "Team '{team}' is listed twice.", "nl": "Team '{team}' staat er twee keer in."},
    "fix.duplicate_team": {"en": "Keep one row per team.", "nl": "Houd één rij per team aan."},
    "err.unknown_objective": {"en": "Objective '{ref}' does not exist.", "nl": "Doelstelling '{ref}' bestaat niet."},
    "fix.unknown_objective": {"en": "Use the id of a row in the Objectives sheet (check the spelling).",
                              "nl": "Gebruik het id van een rij op het tabblad met doelstellingen (controleer de spelling)."},
    "err.ambiguous_objective": {"en": "'{ref}' matches several objectives ({ids}).", "nl": "'{ref}' past bij meerdere doelstellingen ({ids})."},
    "fix.ambiguous_objective": {"en": "Use the objective's id instead of its title.", "nl": "Gebruik het id van de doelstelling in plaats van de titel."},
    "err.unknown_parent": {"en": "Parent objective '{ref}' does not exist.", "nl": "Bovenliggende doelstelling '{ref}' bestaat niet."},
    "fix.unknown_parent": {"en": "Use the id (or exact title) of an objective in this workbook, or leave it empty.",
                           "nl": "Gebruik het id (of de exacte titel) van een doelstelling in deze werkmap, of laat de cel leeg."},
    "err.ambiguous_parent": {"en": "Parent '{ref}' matches several objectives ({ids}).", "nl": "Bovenliggend doel '{ref}' past bij meerdere doelstellingen ({ids})."},
    "fix.ambiguous_parent": {"en": "Use the parent objective's id instead of its title.", "nl": "Gebruik het id van het bovenliggende doel in plaats van de titel."},
    "err.cycle": {"en": "The parent chain goes round in a circle: {chain}.", "nl": "De keten van bovenliggende doelen is een cirkel: {chain}."},
    "fix.cycle": {"en": "An objective cannot contribute to itself: remove or change one of these parents.",
                  "nl": "Een doelstelling kan niet aan zichzelf bijdragen: verwijder of wijzig een van deze bovenliggende doelen."},
    "err.unknown_checkin_kr": {"en": "Key result '{id}' does not exist.", "nl": "Kernresultaat '{id}' bestaat niet."},
    "fix.unknown_checkin_kr": {"en": "Use the id of a key result in the Key Results sheet, or delete the row.",
                               "nl": "Gebruik het id van een kernresultaat op het tabblad met kernresultaten, of verwijder de rij."},
    "err.unknown_parent_team": {"en": "Parent team '{team}' is not in the Teams sheet.", "nl": "Bovenliggend team '{team}' staat niet op het tabblad Teams."},
    "fix.unknown_parent_team": {"en": "Add a row for it, or correct the spelling.", "nl": "Voeg er een rij voor toe, of corrigeer de spelling."},
    "err.team_cycle": {"en": "Team '{team}' ends up under itself.", "nl": "Team '{team}' valt uiteindelijk onder zichzelf."},
    "fix.team_cycle": {"en": "Change one of the parent teams so the tree has a top.", "nl": "Wijzig een van de bovenliggende teams zodat de boom een top heeft."},
    "err.no_key_results": {"en": "No sheet with key results was found.", "nl": "Er is geen tabblad met kernresultaten gevonden."},
    "fix.no_key_results": {"en": "Use the template (okr template), or give a sheet the headers objective, key result, team, quarter and target.",
                           "nl": "Gebruik het sjabloon (okr template), of geef een tabblad de koppen doelstelling, kernresultaat, team, kwartaal en doelwaarde."},
    "err.no_objectives_sheet": {"en": "The key results refer to objectives, but there is no Objectives sheet.",
                                "nl": "De kernresultaten verwijzen naar doelstellingen, maar er is geen tabblad met doelstellingen."},
    "fix.no_objectives_sheet": {"en": "Add an Objectives sheet (id, objective, team, quarter), or add team and quarter columns to this sheet.",
                                "nl": "Voeg een tabblad Doelstellingen toe (id, doelstelling, team, kwartaal), of voeg kolommen team en kwartaal toe aan dit tabblad."},
    "err.in_workbook": {"en": "in the workbook", "nl": "in de werkmap"},
    # --- the app ----------------------------------------------------------
    "ui.login.title": {"en": "OKR dashboard — sign in", "nl": "OKR-dashboard — inloggen"},
    "ui.login.password": {"en": "Password", "nl": "Wachtwoord"},
    "ui.login.submit": {"en": "Sign in", "nl": "Inloggen"},
    "ui.login.wrong": {"en": "That password is not right. Try again, or ask whoever runs this dashboard.",
                       "nl": "Dat wachtwoord klopt niet. Probeer het opnieuw, of vraag het aan wie dit dashboard beheert."},
    "ui.empty": {"en": "No workbook yet — upload one on the Import page, or start with the sample data (OKR_SAMPLE=1).",
                 "nl": "Nog geen werkmap — upload er een op de pagina Importeren, of begin met de voorbeelddata (OKR_SAMPLE=1)."},
    "ui.overview.title": {"en": "Overview", "nl": "Overzicht"},
    "ui.overview.as_of": {"en": "Quarter {quarter}, numbers as of {as_of}", "nl": "Kwartaal {quarter}, cijfers per {as_of}"},
    "ui.overview.company_progress": {"en": "Company progress", "nl": "Voortgang bedrijf"},
    "ui.overview.expected": {"en": "Expected by now", "nl": "Verwacht op dit moment"},
    "ui.overview.company_status": {"en": "Company status", "nl": "Status bedrijf"},
    "ui.overview.teams": {"en": "Teams, furthest behind first", "nl": "Teams, grootste achterstand eerst"},
    "ui.col.team": {"en": "Team", "nl": "Team"},
    "ui.col.progress": {"en": "Progress %", "nl": "Voortgang %"},
    "ui.col.expected": {"en": "Expected %", "nl": "Verwacht %"},
    "ui.col.status": {"en": "Status", "nl": "Status"},
    # --- command line ---------------------------------------------------
    "cli.busy": {"en": "The database {db} is in use by another program (probably the running dashboard). Upload the workbook on the dashboard's Import page, or stop the dashboard and run this again.",
                 "nl": "De database {db} is in gebruik door een ander programma (waarschijnlijk het draaiende dashboard). Upload de werkmap op de pagina Importeren van het dashboard, of stop het dashboard en probeer het opnieuw."},
    "cli.no_file": {"en": "File not found: {file}", "nl": "Bestand niet gevonden: {file}"},
    "cli.refused_file": {"en": "{file} was not imported: {reason} The database is unchanged.",
                         "nl": "{file} is niet geïmporteerd: {reason} De database is niet gewijzigd."},
    "cli.refused": {"en": "{file} was not imported: {n} problem(s) to fix first. The database is unchanged.",
                    "nl": "{file} is niet geïmporteerd: eerst {n} probleem/problemen oplossen. De database is niet gewijzigd."},
    "cli.already": {"en": "{file} was already imported (snapshot {id}, as of {as_of}); nothing added.",
                    "nl": "{file} was al geïmporteerd (snapshot {id}, peildatum {as_of}); niets toegevoegd."},
    "cli.imported": {"en": "Imported {file} as snapshot {id} (as of {as_of}): {objectives} objectives, {key_results} key results, {teams} teams, quarters {quarters}, {checkins} check-ins, {warnings} warning(s).",
                     "nl": "{file} geïmporteerd als snapshot {id} (peildatum {as_of}): {objectives} doelstellingen, {key_results} kernresultaten, {teams} teams, kwartalen {quarters}, {checkins} check-ins, {warnings} waarschuwing(en)."},
    "cli.empty": {"en": "No workbook has been imported into {db} yet. Run: okr import FILE.xlsx",
                  "nl": "Er is nog geen werkmap geïmporteerd in {db}. Voer uit: okr import BESTAND.xlsx"},
    "cli.no_quarter": {"en": "The latest snapshot has no objectives in {quarter}.", "nl": "De laatste snapshot heeft geen doelstellingen in {quarter}."},
    "cli.status_head": {"en": "{quarter} as of {as_of}: company {progress} (expected {expected}) — {status}",
                        "nl": "{quarter} per {as_of}: bedrijf {progress} (verwacht {expected}) — {status}"},
    "cli.template": {"en": "Template written to {file}.", "nl": "Sjabloon geschreven naar {file}."},
    "cli.unexpected": {"en": "Something went wrong that should not have: {error}. Nothing was changed. Please report this (set OKR_DEBUG=1 for details).",
                       "nl": "Er ging iets mis dat niet mis had mogen gaan: {error}. Er is niets gewijzigd. Meld dit alstublieft (zet OKR_DEBUG=1 voor details)."},
    # --- whole-file refusals (okr/xlsx.py raises XlsxError(code, **params)) --
    "file.empty": {
        "en": "The file is empty. Upload the .xlsx workbook saved from Excel.",
        "nl": "Het bestand is leeg. Upload de .xlsx-werkmap zoals opgeslagen in Excel.",
    },
    "file.encrypted": {
        "en": "The workbook is protected with a password. Save it without a password (File > Info > Protect Workbook) and upload it again.",
        "nl": "De werkmap is beveiligd met een wachtwoord. Sla hem op zonder wachtwoord (Bestand > Info > Werkmap beveiligen) en upload hem opnieuw.",
    },
    "file.xls": {
        "en": "This is an old Excel 97-2003 (.xls) file. Open it in Excel, choose Save As > Excel Workbook (.xlsx) and upload that.",
        "nl": "Dit is een oud Excel 97-2003-bestand (.xls). Open het in Excel, kies Opslaan als > Excel-werkmap (.xlsx) en upload dat.",
    },
    "file.ods": {
        "en": "This is an OpenDocument spreadsheet (.ods). Save it as an Excel workbook (.xlsx) and upload that.",
        "nl": "Dit is een OpenDocument-spreadsheet (.ods). Sla het op als Excel-werkmap (.xlsx) en upload dat.",
    },
    "file.csv": {
        "en": "This is a text/CSV file, not an Excel workbook. Open it in Excel, save it as an Excel workbook (.xlsx) and upload that.",
        "nl": "Dit is een tekst-/CSV-bestand, geen Excel-werkmap. Open het in Excel, sla het op als Excel-werkmap (.xlsx) en upload dat.",
    },
    "file.not_xlsx": {
        "en": "This file is not an Excel workbook (.xlsx). Upload the .xlsx file saved from Excel.",
        "nl": "Dit bestand is geen Excel-werkmap (.xlsx). Upload het .xlsx-bestand zoals opgeslagen in Excel.",
    },
    "file.corrupt": {
        "en": "The workbook is damaged or incomplete ({detail}). Open it in Excel, save it again and upload the new file.",
        "nl": "De werkmap is beschadigd of onvolledig ({detail}). Open hem in Excel, sla hem opnieuw op en upload het nieuwe bestand.",
    },
    "file.too_large": {
        "en": "The file is {size_mb:.0f} MB; the limit is {limit_mb:.0f} MB. Remove unused sheets or rows and upload it again.",
        "nl": "Het bestand is {size_mb:.0f} MB; de limiet is {limit_mb:.0f} MB. Verwijder ongebruikte tabbladen of rijen en upload het opnieuw.",
    },
    "file.bomb": {
        "en": "The workbook unpacks to more than {limit_mb:.0f} MB ({part}); that is not an OKR workbook but a damaged or hostile file. Upload the workbook saved from Excel.",
        "nl": "De werkmap pakt uit tot meer dan {limit_mb:.0f} MB ({part}); dat is geen OKR-werkmap maar een beschadigd of vijandig bestand. Upload de werkmap zoals opgeslagen in Excel.",
    },
    "file.doctype": {
        "en": "The workbook contains an XML document type declaration ({part}), which Excel never writes and which can be used to attack servers. Open it in Excel, save it again and upload the new file.",
        "nl": "De werkmap bevat een XML-documenttypedeclaratie ({part}); Excel schrijft die nooit en ze kan worden misbruikt om servers aan te vallen. Open hem in Excel, sla hem opnieuw op en upload het nieuwe bestand.",
    },
    "file.too_many_rows": {
        "en": "Sheet '{sheet}' has more than {limit} rows. Remove the empty or unused rows (select them, Delete) and upload it again.",
        "nl": "Tabblad '{sheet}' heeft meer dan {limit} rijen. Verwijder de lege of ongebruikte rijen en upload het opnieuw.",
    },
}


def lang_from_env(default: str = DEFAULT_LANG) -> str:
    lang = (os.environ.get("OKR_LANG") or default).strip().lower()[:2]
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, /, **params) -> str:
    """The text for `key` in `lang`, formatted with `params`.

    A missing key is a programming error and raises KeyError (the catalogue
    test catches it before a user does).
    """
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**params) if params else text


def status_label(status: str | None, lang: str = DEFAULT_LANG) -> str:
    return t(f"status.{status or 'no update'}", lang)
