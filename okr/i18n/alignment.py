"""Catalogue entries: the Alignment page and `okr status --tree`. Merged into okr.i18n.CATALOGUE."""

MESSAGES: dict[str, dict[str, str]] = {
    "ui.alignment.title": {"en": "Alignment", "nl": "Samenhang"},
    "ui.alignment.caption": {
        "en": "Quarter {quarter}, numbers as of {as_of} · {n} objectives · expected by now {expected}",
        "nl": "Kwartaal {quarter}, cijfers per {as_of} · {n} doelstellingen · verwacht op dit moment {expected}"},
    "ui.alignment.no_quarter": {"en": "There are no objectives in {quarter}.",
                                "nl": "Er zijn geen doelstellingen in {quarter}."},
    "ui.alignment.levels": {"en": "Levels shown", "nl": "Getoonde niveaus"},
    "ui.alignment.levels_help": {
        "en": "Levels below this are folded into their parent (the box gets a double border and counts what is below).",
        "nl": "Niveaus hieronder worden in hun bovenliggende doel gevouwen (dubbele rand, met een telling van wat eronder zit)."},
    "ui.alignment.branch": {"en": "Expand one branch", "nl": "Eén tak uitklappen"},
    "ui.alignment.branch_all": {"en": "— whole quarter —", "nl": "— hele kwartaal —"},
    "ui.alignment.tab_cascade": {"en": "Objectives cascade", "nl": "Doelstellingen in cascade"},
    "ui.alignment.tab_teams": {"en": "Team hierarchy", "nl": "Teamstructuur"},
    "ui.alignment.legend": {
        "en": "Colour, icon and label give the status. A thick line leads to the objective that drags its parent most, when it is behind. "
              "Dashed border: unaligned, or its parent is in another quarter. Double border: levels folded below.",
        "nl": "Kleur, icoon en label geven de status. Een dikke lijn loopt naar het doel dat zijn bovenliggende doel het meest "
              "afremt, als het achterloopt. Gestippelde rand: niet verbonden, of het bovenliggende doel ligt in een ander kwartaal. "
              "Dubbele rand: onderliggende niveaus ingeklapt."},
    "ui.alignment.node_line": {"en": "{icon} {status} · {team} · {progress} of {expected}",
                               "nl": "{icon} {status} · {team} · {progress} van {expected}"},
    "ui.alignment.node_below": {"en": "+{n} below: {counts}", "nl": "+{n} eronder: {counts}"},
    "ui.alignment.node_unaligned": {"en": "⚠ unaligned", "nl": "⚠ niet verbonden"},
    "ui.alignment.node_foreign": {"en": "↑ in {quarter}:\n{title}", "nl": "↑ in {quarter}:\n{title}"},
    "ui.alignment.node_missing": {"en": "↑ {parent} (not found)", "nl": "↑ {parent} (niet gevonden)"},
    "ui.alignment.open_team": {"en": "Open a team", "nl": "Open een team"},
    "ui.alignment.open_team_help": {
        "en": "Teams furthest behind first. One click opens the team's page for this quarter.",
        "nl": "Teams met de grootste achterstand eerst. Eén klik opent de teampagina voor dit kwartaal."},
    "ui.alignment.open_this_team": {"en": "Open {team}", "nl": "Open {team}"},
    "ui.alignment.unaligned": {"en": "Unaligned objectives", "nl": "Niet verbonden doelstellingen"},
    "ui.alignment.unaligned_help": {
        "en": "No parent objective, and not company-level: what do they contribute to?",
        "nl": "Geen bovenliggend doel en niet op bedrijfsniveau: waar dragen ze aan bij?"},
    "ui.alignment.cross_quarter": {"en": "Parent in another quarter", "nl": "Bovenliggend doel in een ander kwartaal"},
    "ui.alignment.no_teams": {"en": "Teams without objectives this quarter",
                              "nl": "Teams zonder doelstellingen dit kwartaal"},
    "ui.alignment.none": {"en": "None.", "nl": "Geen."},
    "ui.alignment.what_drags": {"en": "What drags", "nl": "Wat remt af"},
    "ui.alignment.what_drags_pick": {"en": "Objective", "nl": "Doelstelling"},
    "ui.alignment.drag_sentence": {"en": "{team} drags *{parent}* most: {drag} of {total} shortfall.",
                                   "nl": "{team} remt *{parent}* het meest af: {drag} van {total} achterstand."},
    "ui.alignment.drag_nothing": {"en": "Nothing drags *{parent}*: every objective below it is where it should be.",
                                  "nl": "Niets remt *{parent}* af: elk doel eronder ligt op schema."},
    "ui.alignment.drag_none_scored": {"en": "The objectives below *{parent}* have no progress yet.",
                                      "nl": "De doelen onder *{parent}* hebben nog geen voortgang."},
    "ui.alignment.drag_explain": {
        "en": "Shortfall = expected − progress (never below 0). Each child weighs 1/n in its parent's roll-up; "
              "drag = weight × shortfall, so the drags add up to the total.",
        "nl": "Achterstand = verwacht − voortgang (nooit onder 0). Elk onderliggend doel weegt 1/n in het "
              "bovenliggende doel; afremming = gewicht × achterstand, zodat de afremmingen optellen tot het totaal."},
    "ui.alignment.no_children": {"en": "Nothing aligns to this objective in this quarter.",
                                 "nl": "Geen enkel doel draagt in dit kwartaal bij aan deze doelstelling."},
    "ui.alignment.col.objective": {"en": "Objective", "nl": "Doelstelling"},
    "ui.alignment.col.team": {"en": "Team", "nl": "Team"},
    "ui.alignment.col.status": {"en": "Status", "nl": "Status"},
    "ui.alignment.col.progress": {"en": "Progress %", "nl": "Voortgang %"},
    "ui.alignment.col.expected": {"en": "Expected %", "nl": "Verwacht %"},
    "ui.alignment.col.shortfall": {"en": "Shortfall", "nl": "Achterstand"},
    "ui.alignment.col.weight": {"en": "Weight", "nl": "Gewicht"},
    "ui.alignment.col.drag": {"en": "Drag", "nl": "Afremming"},
    "ui.alignment.col.parent": {"en": "Parent", "nl": "Bovenliggend doel"},
    "ui.alignment.col.quarter": {"en": "Parent's quarter", "nl": "Kwartaal van bovenliggend doel"},
    "ui.alignment.col.own": {"en": "Own %", "nl": "Eigen %"},
    "ui.alignment.col.rolled": {"en": "With teams below %", "nl": "Met onderliggende teams %"},
    "ui.alignment.col.objectives": {"en": "Objectives", "nl": "Doelstellingen"},
    "ui.alignment.teams_help": {
        "en": "The Teams sheet's hierarchy; 'with teams below' is the mean of every objective of the team and the teams under it.",
        "nl": "De hiërarchie uit het tabblad Teams; 'met onderliggende teams' is het gemiddelde van alle doelen van het team "
              "en de teams eronder."},
    "ui.alignment.no_teams_sheet": {"en": "The workbook has no Teams sheet, so there is no team hierarchy to show.",
                                    "nl": "De werkmap heeft geen tabblad Teams, dus er is geen teamstructuur om te tonen."},
}
