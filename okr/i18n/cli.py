"""Catalogue entries: cli. Merged into okr.i18n.CATALOGUE."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- command line ---------------------------------------------------
    "cli.busy": {"en": "The database {db} is in use by another program (probably the running dashboard). Upload the workbook on the dashboard's Import page, or stop the dashboard and run this again.",
                 "nl": "De database {db} is in gebruik door een ander programma (waarschijnlijk het draaiende dashboard). Upload de werkmap op de pagina Importeren van het dashboard, of stop het dashboard en probeer het opnieuw."},
    "cli.schema_too_new": {"en": "The database {db} was written by a newer version of this program (schema version {version}; this version knows up to {known}). Upgrade the program; the database was left as it is.",
                           "nl": "De database {db} is geschreven door een nieuwere versie van dit programma (schemaversie {version}; deze versie kent tot en met {known}). Werk het programma bij; de database is ongemoeid gelaten."},
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
    "cli.more_warnings": {"en": "… and {n} more warning(s): run `okr lint {file}` to see them all.",
                          "nl": "… en nog {n} waarschuwing(en): voer `okr lint {file}` uit om ze allemaal te zien."},
}
