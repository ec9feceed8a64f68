"""Catalogue entries: the forecast, stale key results, owners' confidence. Merged into okr.i18n.CATALOGUE."""

MESSAGES: dict[str, dict[str, str]] = {
    # forecast statuses (okr.forecast.STATUSES), always shown with their icon
    "forecast.status.will make it": {"en": "will make it", "nl": "haalt het"},
    "forecast.status.close": {"en": "close", "nl": "bijna"},
    "forecast.status.will miss": {"en": "will miss", "nl": "haalt het niet"},
    "forecast.too_little": {"en": "too little history", "nl": "te weinig historie"},
    "forecast.lands_at": {"en": "lands at {progress}", "nl": "landt op {progress}"},
    "forecast.stale": {"en": "stale", "nl": "staat stil"},
    "forecast.stale_since": {"en": "stale: no change since {date}", "nl": "staat stil: geen verandering sinds {date}"},
    "forecast.confidence_dropped": {"en": "{now}, down from {before}", "nl": "{now}, was {before}"},
    # the app
    "forecast.col.forecast": {"en": "Forecast (end of quarter)", "nl": "Prognose (einde kwartaal)"},
    "forecast.col.confidence": {"en": "Owner's confidence", "nl": "Vertrouwen eigenaar"},
    "forecast.col.last_change": {"en": "Last change", "nl": "Laatste verandering"},
    "forecast.chart.series": {"en": "Forecast", "nl": "Prognose"},
    "forecast.chart.help": {"en": "Dotted = forecast: the trend so far, drawn on to the quarter's last day.",
                            "nl": "Gestippeld = prognose: de trend tot nu toe, doorgetrokken tot de laatste dag van "
                                  "het kwartaal."},
    "forecast.overview.help": {
        "en": "Forecast: each key result's trend so far (check-ins and uploads), drawn on to the last day of "
              "the quarter. Key results with fewer than 3 dated values, and milestones, have none.",
        "nl": "Prognose: de trend van elk kernresultaat tot nu toe (check-ins en uploads), doorgetrokken tot de "
              "laatste dag van het kwartaal. Kernresultaten met minder dan 3 gedateerde waarden, en mijlpalen, "
              "hebben er geen."},
    "ui.changes.stale": {"en": "Stale", "nl": "Staat stil"},
    "ui.changes.confidence_drops": {"en": "Confidence dropped", "nl": "Vertrouwen gedaald"},
    # the export (okr/export.py)
    "export.col.forecast": {"en": "Forecast (end of quarter)", "nl": "Prognose (einde kwartaal)"},
    "export.col.forecast_status": {"en": "Forecast status", "nl": "Prognosestatus"},
    "export.col.stale": {"en": "Stale", "nl": "Staat stil"},
    # the command line
    "cli.forecast_line": {
        "en": "  forecast: {make} will make it, {close} close, {miss} will miss, {none} too little history; "
              "{stale} stale",
        "nl": "  prognose: {make} haalt het, {close} bijna, {miss} haalt het niet, {none} te weinig historie; "
              "{stale} staat stil"},
}
