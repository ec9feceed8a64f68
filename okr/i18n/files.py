"""Catalogue entries: files. Merged into okr.i18n.CATALOGUE."""

MESSAGES: dict[str, dict[str, str]] = {
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
    "file.too_many_cells": {
        "en": "The workbook has more than {limit} cells (reached in sheet '{sheet}'); an OKR workbook is far smaller. Remove unused sheets, rows and columns and upload it again.",
        "nl": "De werkmap heeft meer dan {limit} cellen (bereikt in tabblad '{sheet}'); een OKR-werkmap is veel kleiner. Verwijder ongebruikte tabbladen, rijen en kolommen en upload hem opnieuw.",
    },
}
