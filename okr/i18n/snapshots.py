"""Catalogue entries: the database, snapshots, as-of dates, the demo. Shared by
the command line and the app. Merged into okr.i18n.CATALOGUE."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- why the database cannot be used (okr.store.DB_REASONS) -----------------------
    "database.busy": {"en": "The database {db} is busy: another program has been writing to it for more than {seconds} seconds. Try again in a moment; nothing was changed.",
                "nl": "De database {db} is bezet: een ander programma schrijft er al langer dan {seconds} seconden in. Probeer het zo opnieuw; er is niets gewijzigd."},
    "database.too_new": {"en": "The database {db} was written by a newer version of this program. Upgrade the program, or point OKR_DB / --db at another database file; the database was left as it is.",
                   "nl": "De database {db} is geschreven door een nieuwere versie van dit programma. Werk het programma bij, of laat OKR_DB / --db naar een ander databasebestand wijzen; de database is ongemoeid gelaten."},
    "database.read_only": {"en": "The database {db} cannot be written: the file or its folder is read-only. Give this program write access, or point OKR_DB / --db at a writable place; nothing was changed.",
                     "nl": "In de database {db} kan niet worden geschreven: het bestand of de map is alleen-lezen. Geef dit programma schrijfrechten, of laat OKR_DB / --db naar een beschrijfbare plek wijzen; er is niets gewijzigd."},
    "database.damaged": {"en": "The database {db} is damaged or is not an OKR database. Restore it from a backup, or point OKR_DB / --db at another file (a new file starts empty); it was left as it is.",
                   "nl": "De database {db} is beschadigd of is geen OKR-database. Zet een back-up terug, of laat OKR_DB / --db naar een ander bestand wijzen (een nieuw bestand begint leeg); het bestand is ongemoeid gelaten."},
    "database.full": {"en": "The database {db} could not be written: there is no space left on the disk (or the file hit a size limit). Free some space and try again; nothing was changed.",
                "nl": "De database {db} kon niet worden geschreven: de schijf is vol (of het bestand raakte een groottegrens). Maak ruimte vrij en probeer het opnieuw; er is niets gewijzigd."},
    # --- the as-of date of a new snapshot (okr.quarters.AS_OF_REASONS) ----------------
    "asof.given": {"en": "As of {date}, as given.", "nl": "Peildatum {date}, zoals opgegeven."},
    "asof.today": {"en": "As of today ({date}): today lies inside the workbook's quarter.",
                   "nl": "Peildatum vandaag ({date}): vandaag valt binnen het kwartaal van de werkmap."},
    "asof.last_checkin": {"en": "As of {date}, the workbook's last check-in: {quarter} is over.",
                          "nl": "Peildatum {date}, de laatste check-in in de werkmap: {quarter} is voorbij."},
    "asof.quarter_end": {"en": "As of {date}, the last day of {quarter}: that quarter is over and the workbook has no check-in dates in it.",
                         "nl": "Peildatum {date}, de laatste dag van {quarter}: dat kwartaal is voorbij en de werkmap heeft er geen check-indata in."},
    "asof.plan": {"en": "As of today ({date}): {quarter} has not started yet, so nothing is expected yet.",
                  "nl": "Peildatum vandaag ({date}): {quarter} is nog niet begonnen, dus er wordt nog niets verwacht."},
    "asof.future": {"en": "The as-of date {date} lies after today ({today}). Numbers cannot be from the future: give today's date or an earlier one.",
                    "nl": "De peildatum {date} ligt na vandaag ({today}). Cijfers kunnen niet uit de toekomst komen: geef de datum van vandaag of een eerdere."},
    "asof.before_quarter": {"en": "The as-of date {date} lies before the workbook's first quarter starts ({first}). Give a date from {first} to {today}.",
                            "nl": "De peildatum {date} ligt vóór het begin van het eerste kwartaal van de werkmap ({first}). Geef een datum van {first} tot en met {today}."},
    # --- another organisation? ---------------------------------------------------------
    "org.other": {"en": "This workbook shares no objective id and no team with snapshot {id} ({file}, as of {as_of}). One database holds one organisation: if this is another organisation, use another database (OKR_DB or --db).",
                  "nl": "Deze werkmap heeft geen doelstelling-id en geen team gemeen met snapshot {id} ({file}, peildatum {as_of}). Eén database bevat één organisatie: is dit een andere organisatie, gebruik dan een andere database (OKR_DB of --db)."},
    "org.confirm_cli": {"en": "Nothing was stored. If it is the same organisation after all, run the import again with --yes.",
                        "nl": "Er is niets opgeslagen. Is het toch dezelfde organisatie, voer de import dan opnieuw uit met --yes."},
    # --- the demo ------------------------------------------------------------------------
    "demo.banner": {"en": "Demo data — Noordwind Software. This is an example organisation; your own numbers replace it as soon as you import your first workbook.",
                    "nl": "Demodata — Noordwind Software. Dit is een voorbeeldorganisatie; uw eigen cijfers komen ervoor in de plaats zodra u uw eerste werkmap importeert."},
    "demo.to_import": {"en": "Import your own workbook", "nl": "Importeer uw eigen werkmap"},
}
