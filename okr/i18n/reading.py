"""Catalogue entries: reading a workbook (refusals of the byte scan, sheet
notes, number and date warnings, progress). Merged into okr.i18n.CATALOGUE."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- whole-file refusals (okr/xlsx.py) --------------------------------
    "file.long_text": {
        "en": "The workbook holds a text longer than {limit} characters, the most an Excel cell can hold (it starts with '{start}'); that is not an OKR workbook but a damaged or hostile file. Remove that text and upload the workbook again.",
        "nl": "De werkmap bevat een tekst van meer dan {limit} tekens, het maximum van een Excel-cel (hij begint met '{start}'); dat is geen OKR-werkmap maar een beschadigd of vijandig bestand. Verwijder die tekst en upload de werkmap opnieuw.",
    },
    "file.long_text_cell": {
        "en": "Cell {sheet}!{cell} holds more than {limit} characters, the most an Excel cell can hold; that is not an OKR workbook but a damaged or hostile file. Remove that text and upload the workbook again.",
        "nl": "Cel {sheet}!{cell} bevat meer dan {limit} tekens, het maximum van een Excel-cel; dat is geen OKR-werkmap maar een beschadigd of vijandig bestand. Verwijder die tekst en upload de werkmap opnieuw.",
    },
    "file.too_many_strings": {
        "en": "The workbook holds more than {limit} different texts; an OKR workbook is far smaller. Remove unused sheets, rows and columns and upload it again.",
        "nl": "De werkmap bevat meer dan {limit} verschillende teksten; een OKR-werkmap is veel kleiner. Verwijder ongebruikte tabbladen, rijen en kolommen en upload hem opnieuw.",
    },
    "file.far_cell": {
        "en": "Sheet '{sheet}' has values as far as row {row} and column {column}, far beyond its table. Delete what lies beyond the table (select the empty rows and columns after it, Delete) and upload it again.",
        "nl": "Tabblad '{sheet}' heeft waarden tot rij {row} en kolom {column}, ver voorbij de tabel. Verwijder wat voorbij de tabel staat (selecteer de lege rijen en kolommen erna, Verwijderen) en upload het opnieuw.",
    },
    # --- what the reader noticed (warnings: they never block an import) ----
    "warn.sheet_ignored": {"en": "Sheet '{sheet}' ignored: not an OKR sheet.",
                           "nl": "Tabblad '{sheet}' genegeerd: geen OKR-tabblad."},
    "fix.sheet_ignored": {"en": "If it should be read, give it the columns of the template (okr template).",
                          "nl": "Moet het worden ingelezen, geef het dan de kolommen van het sjabloon (okr template)."},
    "warn.current_from_checkins": {"en": "Sheet '{sheet}' has no current column: each key result is as far as its latest check-in in its quarter.",
                                   "nl": "Tabblad '{sheet}' heeft geen kolom 'huidige waarde': elk kernresultaat staat waar zijn laatste check-in in het kwartaal staat."},
    "fix.current_from_checkins": {"en": "Nothing to do if the check-ins are up to date. To report a value without a check-in, add a current column (okr template).",
                                  "nl": "Niets te doen als de check-ins bij zijn. Wil je een waarde melden zonder check-in, voeg dan een kolom 'huidige waarde' toe (okr template)."},
    "warn.sheet_hidden": {"en": "Sheet '{sheet}' ignored: it is hidden.",
                          "nl": "Tabblad '{sheet}' genegeerd: het is verborgen."},
    "fix.sheet_hidden": {"en": "If it holds this quarter's key results, unhide it in Excel and upload again.",
                         "nl": "Staan er kernresultaten van dit kwartaal op, maak het dan zichtbaar in Excel en upload opnieuw."},
    "warn.ambiguous_number": {"en": "'{value}' could be a thousands separator or a decimal comma; read as {read}.",
                              "nl": "'{value}' kan een scheidingsteken voor duizendtallen of een decimaalteken hebben; gelezen als {read}."},
    "fix.ambiguous_number": {"en": "Type the number without a thousands separator (1250), or with its decimals (1,25 or 1.25) elsewhere in the workbook too, so the workbook shows which separator it uses.",
                             "nl": "Typ het getal zonder scheidingsteken voor duizendtallen (1250), of gebruik elders in de werkmap ook decimalen (1,25), zodat de werkmap laat zien welk decimaalteken ze gebruikt."},
    "warn.fraction_of_percent": {"en": "{value} read as {read}%: the key result runs from {start}% to {target}%, and Excel stores {read}% as {value} in a cell without the percent format.",
                                 "nl": "{value} gelezen als {read}%: het kernresultaat loopt van {start}% naar {target}%, en Excel slaat {read}% op als {value} in een cel zonder percentage-opmaak."},
    "fix.fraction_of_percent": {"en": "Give the cell the percent format, or type the value with a % sign ({read}%).",
                                "nl": "Geef de cel de opmaak percentage, of typ de waarde met een %-teken ({read}%)."},
    # --- import errors -----------------------------------------------------
    "err.number_too_large": {"en": "'{value}' is too large a number.", "nl": "'{value}' is een te groot getal."},
    "fix.number_too_large": {"en": "Type the number itself, such as 15, 1.234,5 or 45%.",
                             "nl": "Typ het getal zelf, zoals 15, 1.234,5 of 45%."},
    "err.confidence": {"en": "'{value}' is not a confidence.", "nl": "'{value}' is geen vertrouwen."},
    "fix.confidence": {"en": "Use a number from 0 to 10 or a percentage such as 70% (or leave it empty).",
                       "nl": "Gebruik een getal van 0 tot 10 of een percentage zoals 70% (of laat de cel leeg)."},
    "err.grade": {"en": "'{value}' is not a grade.", "nl": "'{value}' is geen cijfer."},
    "fix.grade": {"en": "Use a score from 0 to 1 (0.7), a mark from 1 to 10 (7) or a percentage (70%), or leave it empty.",
                  "nl": "Gebruik een score van 0 tot 1 (0,7), een cijfer van 1 tot 10 (7) of een percentage (70%), of laat de cel leeg."},
    # --- settings from the environment (okr/settings.py) ------------------
    "settings.bad_count": {"en": "The setting {name} is '{value}', which is not a whole number of 1 or more. Set it to a number such as {default}, or unset it for the default ({default}).",
                           "nl": "De instelling {name} is '{value}', en dat is geen geheel getal van 1 of meer. Zet hem op een getal zoals {default}, of verwijder hem voor de standaardwaarde ({default})."},
    "settings.bad_number": {"en": "The setting {name} is '{value}', which is not a number of 0 or more. Set it to a number such as {default}, or unset it for the default ({default}).",
                            "nl": "De instelling {name} is '{value}', en dat is geen getal van 0 of meer. Zet hem op een getal zoals {default}, of verwijder hem voor de standaardwaarde ({default})."},
    # --- what a long import is doing (okr import on a terminal; the Import page) --
    "progress.reading": {"en": "Reading the workbook…", "nl": "De werkmap wordt gelezen…"},
    "progress.checking": {"en": "Checking every cell…", "nl": "Elke cel wordt gecontroleerd…"},
    "progress.coaching": {"en": "Checking the key results against the OKR method…",
                          "nl": "De kernresultaten worden getoetst aan de OKR-methode…"},
    "progress.storing": {"en": "Storing the snapshot…", "nl": "De snapshot wordt opgeslagen…"},
}
