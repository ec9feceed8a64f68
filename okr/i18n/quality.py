"""Catalogue entries: the OKR coach (quality findings, `okr lint`, the Quality
page). Merged into okr.i18n.CATALOGUE.

Every finding has four texts, so that a team lead knows what to change
without asking anyone:
- `quality.rule.<rule>`  which rule of the method it breaks (short)
- `quality.msg.<rule>`   what is wrong with this objective / key result
- `quality.why.<rule>`   why the method asks for it
- `quality.fix.<rule>`   how to fix it, with a rewrite hint
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- rules of the method (short names) -------------------------------
    "quality.rule.too-many-krs": {"en": "At most {max} key results per objective",
                                  "nl": "Maximaal {max} key results per objective"},
    "quality.rule.too-many-objectives": {"en": "Few objectives per team per quarter (at most {max})",
                                         "nl": "Weinig objectives per team per kwartaal (maximaal {max})"},
    "quality.rule.activity-not-result": {"en": "Key results are outcomes, not activities",
                                         "nl": "Key results zijn resultaten, geen activiteiten"},
    "quality.rule.not-measurable": {"en": "Key results are measurable (SMART)",
                                    "nl": "Key results zijn meetbaar (SMART)"},
    "quality.rule.no-owner": {"en": "Every key result has one owner", "nl": "Elk key result heeft één eigenaar"},
    "quality.rule.unaligned": {"en": "Objectives cascade from a parent objective",
                               "nl": "Objectives dragen bij aan een bovenliggend doel"},
    "quality.rule.no-key-results": {"en": "Every objective is measured by key results",
                                    "nl": "Elk objective wordt gemeten met key results"},

    # --- what is wrong ----------------------------------------------------
    "quality.msg.too-many-krs": {
        "en": "Objective {ref} has {n} key results; the method allows at most {max}.",
        "nl": "Objective {ref} heeft {n} key results; de methode staat er maximaal {max} toe."},
    "quality.msg.too-many-objectives": {
        "en": "Team {team} has {n} objectives in {quarter} ({ids}); the method allows at most {max}.",
        "nl": "Team {team} heeft {n} objectives in {quarter} ({ids}); de methode staat er maximaal {max} toe."},
    "quality.msg.activity-not-result": {
        "en": "Key result {ref} describes an activity (\"{phrase}\"), not a result: it says what will be done, not what will be achieved.",
        "nl": "Key result {ref} beschrijft een activiteit (\"{phrase}\"), geen resultaat: het zegt wat er gedaan wordt, niet wat er bereikt wordt."},
    "quality.msg.not-measurable.missing": {
        "en": "Key result {ref} is a number key result without a numeric target.",
        "nl": "Key result {ref} is een getal-key-result zonder numerieke doelwaarde."},
    "quality.msg.not-measurable.text": {
        "en": "Key result {ref} has no numeric target: the target cell says \"{text}\".",
        "nl": "Key result {ref} heeft geen numerieke doelwaarde: in de cel staat \"{text}\"."},
    "quality.msg.not-measurable.same": {
        "en": "Key result {ref} has a target equal to its start ({value}): nothing has to change to reach it.",
        "nl": "Key result {ref} heeft een doelwaarde gelijk aan de startwaarde ({value}): er hoeft niets te veranderen om hem te halen."},
    "quality.msg.no-owner": {
        "en": "Key result {ref} has no owner.",
        "nl": "Key result {ref} heeft geen eigenaar."},
    "quality.msg.unaligned": {
        "en": "Objective {ref} of team {team} contributes to no parent objective.",
        "nl": "Objective {ref} van team {team} draagt niet bij aan een bovenliggend doel."},
    "quality.msg.no-key-results": {
        "en": "Objective {ref} has no key results, and no objectives contribute to it.",
        "nl": "Objective {ref} heeft geen key results, en er dragen geen objectives aan bij."},

    # --- why the method asks for it ----------------------------------------
    "quality.why.too-many-krs": {
        "en": "Focus: with more key results nobody can steer on all of them, and the objective stops saying what matters most.",
        "nl": "Focus: met meer key results kan niemand op allemaal sturen, en zegt het objective niet meer wat het belangrijkst is."},
    "quality.why.too-many-objectives": {
        "en": "Focus: a few objectives per quarter prevent fragmentation; with more, people start everything and finish little.",
        "nl": "Focus: een paar objectives per kwartaal voorkomen versnippering; met meer begint iedereen aan alles en maakt weinig af."},
    "quality.why.activity-not-result": {
        "en": "A key result is a measurable outcome that proves the objective is reached. An activity can be completed without anything improving, and its progress cannot be scored honestly.",
        "nl": "Een key result is een meetbare uitkomst die laat zien dat het objective gehaald is. Een activiteit kan af zijn zonder dat er iets verbetert, en de voortgang ervan is niet eerlijk te scoren."},
    "quality.why.not-measurable": {
        "en": "SMART: without a target that differs from the start, nobody can tell whether the key result is reached, and the dashboard cannot score it.",
        "nl": "SMART: zonder doelwaarde die verschilt van de start kan niemand zien of het key result gehaald is, en kan het dashboard het niet scoren."},
    "quality.why.no-owner": {
        "en": "Accountability: one owner reports on it every week and acts when it lags. Without an owner, nobody does.",
        "nl": "Eigenaarschap: één eigenaar rapporteert er elke week over en grijpt in als het achterblijft. Zonder eigenaar doet niemand dat."},
    "quality.why.unaligned": {
        "en": "Alignment: team objectives cascade from department and company objectives, so that teams reinforce each other. An objective that supports none of them pulls the team away from what the company needs.",
        "nl": "Alignment: teamdoelen volgen uit afdelings- en bedrijfsdoelen, zodat teams elkaar versterken. Een objective dat aan geen van die doelen bijdraagt, trekt het team weg van wat het bedrijf nodig heeft."},
    "quality.why.no-key-results": {
        "en": "Without key results an objective has no measure of success and shows no progress on the dashboard.",
        "nl": "Zonder key results heeft een objective geen maatstaf voor succes en toont het dashboard geen voortgang."},

    # --- how to fix it --------------------------------------------------------
    "quality.fix.too-many-krs": {
        "en": "Keep the {max} key results that best prove the objective is reached; move the others to a later quarter or to a separate objective, or treat them as tasks outside the OKRs.",
        "nl": "Houd de {max} key results die het best laten zien dat het objective gehaald is; verplaats de rest naar een later kwartaal of een apart objective, of behandel ze als taken buiten de OKR's."},
    "quality.fix.too-many-objectives": {
        "en": "Choose the {max} objectives that matter most this quarter; park or merge the others (for example {extra}).",
        "nl": "Kies de {max} objectives die dit kwartaal het belangrijkst zijn; parkeer of voeg de andere samen (bijvoorbeeld {extra})."},
    "quality.fix.activity-not-result": {
        "en": "Ask: what result should this produce, by when, measured how? Rewrite it as an outcome with a number, for example {example}, and fill in start and target.",
        "nl": "Vraag: welk resultaat moet dit opleveren, wanneer, en hoe meten we dat? Herschrijf het als uitkomst met een getal, bijvoorbeeld {example}, en vul start- en doelwaarde in."},
    "quality.fix.not-measurable.missing": {
        "en": "Put the number that means success in the target column (and the baseline in start), e.g. start 0, target 15, unit SQL. Is it a yes/no deliverable? Set kind to milestone.",
        "nl": "Zet het getal dat succes betekent in de kolom doelwaarde (en de nulmeting in start), bijv. start 0, doel 15, eenheid SQL. Is het een ja/nee-oplevering? Zet soort op milestone."},
    "quality.fix.not-measurable.same": {
        "en": "Set the target to the value that counts as success (a decrease simply has a target below the start, e.g. from 52 to 45 days). If holding a level is the goal, state the threshold as a result, e.g. \"DSO at most 45 days in every month of {quarter}\", as a milestone.",
        "nl": "Zet de doelwaarde op de waarde die als succes telt (een daling heeft gewoon een doel onder de start, bijv. van 52 naar 45 dagen). Is vasthouden het doel? Formuleer de grens als resultaat, bijv. \"DSO maximaal 45 dagen in elke maand van {quarter}\", als milestone."},
    "quality.fix.no-owner": {
        "en": "Put one name in the owner column: the one person who can move this number and reports on it (a person, not a team).",
        "nl": "Zet één naam in de kolom eigenaar: de persoon die dit getal kan bewegen en erover rapporteert (een persoon, geen team)."},
    "quality.fix.unaligned": {
        "en": "Fill in the parent column with the id of the department or company objective this one contributes to. If it supports none of them, ask whether it belongs in this quarter.",
        "nl": "Vul in de kolom bovenliggend doel het id in van het afdelings- of bedrijfsdoel waaraan dit bijdraagt. Draagt het aan geen enkel doel bij? Vraag je dan af of het dit kwartaal thuishoort."},
    "quality.fix.no-key-results": {
        "en": "Add up to {max} key results that prove the objective is reached, each a measurable outcome with a target, e.g. {example}.",
        "nl": "Voeg maximaal {max} key results toe die laten zien dat het objective gehaald is, elk een meetbare uitkomst met een doelwaarde, bijv. {example}."},

    # --- rewrite hints for activities, by topic (q = "Q1") --------------------
    "quality.hint.leads": {"en": "\"15 sales qualified leads (SQLs) generated in {q}\"",
                           "nl": "\"15 SQL's gerealiseerd in {q}\""},
    "quality.hint.crm": {"en": "\"90% of deals tracked in the new CRM by the end of {q}\" or \"Forecast accuracy from 60% to 85%\"",
                         "nl": "\"90% van de deals bijgehouden in het nieuwe CRM eind {q}\" of \"Forecast-nauwkeurigheid van 60% naar 85%\""},
    "quality.hint.website": {"en": "\"Website visitor-to-demo conversion from 1% to 3% in {q}\"",
                             "nl": "\"Conversie van websitebezoek naar demo-aanvraag van 1% naar 3% in {q}\""},
    "quality.hint.partner": {"en": "\"5 active partners bringing in 10 SQLs in {q}\"",
                             "nl": "\"5 actieve partners die samen 10 SQL's aanbrengen in {q}\""},
    "quality.hint.strategy": {"en": "\"3 new contracts closed in the new target segment in {q}\"",
                              "nl": "\"3 nieuwe contracten gesloten in het nieuwe doelsegment in {q}\""},
    "quality.hint.training": {"en": "\"90% of employees pass the training by the end of {q}\"",
                              "nl": "\"90% van de medewerkers geslaagd voor de training eind {q}\""},
    "quality.hint.product": {"en": "\"30% of customers use the new feature weekly by the end of {q}\"",
                             "nl": "\"30% van de klanten gebruikt de nieuwe functie wekelijks eind {q}\""},
    "quality.hint.default": {"en": "\"<measure> from <start> to <target> in {q}\", like \"Churn down from 8% to 5% in {q}\"",
                             "nl": "\"<maatstaf> van <start> naar <doel> in {q}\", zoals \"Churn teruggebracht van 8% naar 5% in {q}\""},

    # --- okr lint -----------------------------------------------------------
    "quality.lint.help": {"en": "check a workbook against the OKR method (works on workbooks the import refuses)",
                          "nl": "controleer een werkmap op de OKR-methode (werkt ook op werkmappen die de import weigert)"},
    "quality.lint.clean": {"en": "{file}: no findings — the workbook follows the method.",
                           "nl": "{file}: geen bevindingen — de werkmap volgt de methode."},
    "quality.lint.summary": {"en": "{file}: {errors} error(s) that block the import, {warnings} warning(s) from the method.",
                             "nl": "{file}: {errors} fout(en) die de import blokkeren, {warnings} waarschuwing(en) vanuit de methode."},
    "quality.lint.error": {"en": "error", "nl": "fout"},
    "quality.lint.warning": {"en": "warning", "nl": "waarschuwing"},
    "quality.lint.workbook": {"en": "workbook", "nl": "werkmap"},

    # --- the Quality page ----------------------------------------------------
    "ui.quality.title": {"en": "Quality", "nl": "Kwaliteit"},
    "quality.ui.intro": {
        "en": "The OKR coach checks every objective and key result against the method: outcomes not activities, at most {krs} key results per objective, at most {objs} objectives per team, measurable, one owner, aligned with a parent. These are warnings, never blockers.",
        "nl": "De OKR-coach toetst elk objective en key result aan de methode: resultaten in plaats van activiteiten, maximaal {krs} key results per objective, maximaal {objs} objectives per team, meetbaar, één eigenaar, bijdragend aan een bovenliggend doel. Dit zijn waarschuwingen, nooit blokkades."},
    "quality.ui.snapshot": {"en": "Workbook {file}, as of {as_of}", "nl": "Werkmap {file}, peildatum {as_of}"},
    "quality.ui.health": {"en": "OKR health per team", "nl": "OKR-gezondheid per team"},
    "quality.ui.health_help": {
        "en": "Health = share of a team's objectives and key results without any finding.",
        "nl": "Gezondheid = aandeel van de objectives en key results van een team zonder bevinding."},
    "quality.ui.overall": {"en": "Overall OKR health", "nl": "OKR-gezondheid totaal"},
    "quality.ui.n_findings": {"en": "Findings", "nl": "Bevindingen"},
    "quality.ui.col.team": {"en": "Team", "nl": "Team"},
    "quality.ui.col.health": {"en": "Health %", "nl": "Gezondheid %"},
    "quality.ui.col.objectives_ok": {"en": "Objectives OK", "nl": "Objectives in orde"},
    "quality.ui.col.krs_ok": {"en": "Key results OK", "nl": "Key results in orde"},
    "quality.ui.col.findings": {"en": "Findings", "nl": "Bevindingen"},
    "quality.ui.col.what": {"en": "What is wrong", "nl": "Wat is er mis"},
    "quality.ui.col.why": {"en": "Why it matters", "nl": "Waarom dat ertoe doet"},
    "quality.ui.col.fix": {"en": "How to fix it", "nl": "Hoe los je het op"},
    "quality.ui.by_team": {"en": "Findings per team", "nl": "Bevindingen per team"},
    "quality.ui.team_findings": {"en": "{team} — {n} finding(s), health {health}",
                                 "nl": "{team} — {n} bevinding(en), gezondheid {health}"},
    "quality.ui.no_findings": {"en": "No findings in {quarter}: every objective and key result follows the method.",
                               "nl": "Geen bevindingen in {quarter}: elk objective en key result volgt de methode."},
    "quality.ui.rule_filter": {"en": "Rules", "nl": "Regels"},
    "quality.ui.no_team": {"en": "(no team)", "nl": "(geen team)"},
}
