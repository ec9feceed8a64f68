"""Catalogue entries: the meeting pack (okr/pack.py, `okr pack`, the Meeting page's downloads)."""

MESSAGES: dict[str, dict[str, str]] = {
    "pack.pdf": {"en": "Download the meeting as PDF", "nl": "Download het overleg als PDF"},
    "pack.pptx": {"en": "Download the meeting as PowerPoint", "nl": "Download het overleg als PowerPoint"},
    "pack.help": {"en": "Every screen of this meeting in one file, to mail to whoever was not in the room.",
                  "nl": "Alle schermen van dit overleg in één bestand, om te mailen aan wie er niet bij was."},
    # okr pack
    "cli.pack.written": {"en": "Meeting pack written to {file}: {pages} pages, {quarter}, numbers as of {as_of}.",
                         "nl": "Overlegstukken geschreven naar {file}: {pages} pagina's, {quarter}, cijfers per {as_of}."},
    "cli.pack.format": {"en": "Cannot tell the format from {file}: name the file OUT.pdf or OUT.pptx.",
                        "nl": "Uit {file} blijkt niet welk formaat: noem het bestand UIT.pdf of UIT.pptx."},
    "cli.pack.unwritable": {"en": "Cannot write {file} ({reason}); choose a file in a folder you can write to.",
                            "nl": "Kan {file} niet schrijven ({reason}); kies een bestand in een map waarin u mag schrijven."},
    "cli.pack.empty": {"en": "{db} holds no snapshot yet: import a workbook first (okr import FILE.xlsx).",
                       "nl": "{db} bevat nog geen snapshot: importeer eerst een werkboek (okr import BESTAND.xlsx)."},
    "cli.pack.no_quarter": {"en": "{db} holds no objectives in {quarter} (quarters there: {quarters}); choose one with --quarter.",
                            "nl": "{db} bevat geen doelstellingen in {quarter} (kwartalen daar: {quarters}); kies er een met --quarter."},
    "cli.pack.no_folder": {"en": "the folder does not exist", "nl": "de map bestaat niet"},
    "cli.pack.is_folder": {"en": "it is a folder", "nl": "het is een map"},
    "cli.pack.read_only": {"en": "no permission to write there", "nl": "geen schrijfrechten daar"},
}
