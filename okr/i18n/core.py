"""Catalogue entries: core. Merged into okr.i18n.CATALOGUE."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- statuses -------------------------------------------------------
    "status.green": {"en": "green", "nl": "groen"},
    "status.amber": {"en": "amber", "nl": "oranje"},
    "status.red": {"en": "red", "nl": "rood"},
    "status.no update": {"en": "no update", "nl": "geen update"},
}
