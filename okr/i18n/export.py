"""Catalogue entries: export (scorecard downloads). Merged into okr.i18n.CATALOGUE."""

MESSAGES: dict[str, dict[str, str]] = {
    "export.sheet": {"en": "Key results", "nl": "Kernresultaten"},
    "export.col.id": {"en": "KR id", "nl": "KR-id"},
    "export.col.objective": {"en": "Objective", "nl": "Doelstelling"},
    "export.col.title": {"en": "Key result", "nl": "Kernresultaat"},
    "export.col.owner": {"en": "Owner", "nl": "Eigenaar"},
    "export.col.start": {"en": "Start", "nl": "Start"},
    "export.col.target": {"en": "Target", "nl": "Doel"},
    "export.col.current": {"en": "Current", "nl": "Huidig"},
    "export.col.unit": {"en": "Unit", "nl": "Eenheid"},
    "export.col.progress": {"en": "Progress", "nl": "Voortgang"},
    "export.col.expected": {"en": "Expected", "nl": "Verwacht"},
    "export.col.status": {"en": "Status", "nl": "Status"},
    "export.col.reported": {"en": "Reported status", "nl": "Gerapporteerde status"},
    "export.col.comment": {"en": "Comment", "nl": "Opmerking"},
}
