"""Catalogue entries: ui. Merged into okr.i18n.CATALOGUE."""

MESSAGES: dict[str, dict[str, str]] = {
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
}
