"""Settings with defaults from the method; every one can be overridden by an
environment variable (`OKR_<NAME>` in upper case), so a server can be tuned
without code changes."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Settings:
    # status thresholds on gap = expected - progress (docs/scoring.md)
    green_gap: float = 0.10
    amber_gap: float = 0.25
    # an aspirational OKR is a success at 0.7 of the way
    aspirational_factor: float = 0.7
    # the forecast (docs/scoring.md): "close" at this share of the bar; stale after
    # this many days without a value; a drop of the owner's confidence (0..1) worth flagging
    forecast_close: float = 0.85
    stale_days: int = 14
    confidence_drop: float = 0.2
    # the method: at most 3 KRs per objective, few objectives per team per quarter
    max_krs_per_objective: int = 3
    max_objectives_per_team: int = 3
    # upload limit, the same number as server.maxUploadSize in .streamlit/config.toml
    max_upload_mb: int = 50
    # hostile-input bounds (docs/workbook.md: refused in < 10 s and < 500 MB RSS):
    # unpacked size of the zip (any one part and all parts), rows per sheet,
    # cells in the workbook. Cells are counted in the unpacked bytes before
    # parsing, so a junk workbook is refused in a fraction of a second; the
    # caps leave room for a 10k-KR workbook with 13 weekly check-ins per KR
    # (130k check-in rows, ~0.7M cells). Larger organisations raise them
    # (OKR_MAX_CELLS, OKR_MAX_ROWS_PER_SHEET) and accept more memory.
    max_unpacked_mb: int = 400
    max_rows_per_sheet: int = 500_000
    max_cells: int = 2_000_000

    @classmethod
    def from_env(cls, environ: dict | None = None) -> "Settings":
        """The defaults with every `OKR_<NAME>` set in the environment; a value
        that is not a number (or a count below 1) raises `SettingsError`."""
        env = os.environ if environ is None else environ
        changes = {}
        for f in fields(cls):
            name = f"OKR_{f.name.upper()}"
            raw = env.get(name)
            if raw in (None, ""):
                continue
            kind = type(f.default)
            try:
                value = kind(raw.strip())
            except ValueError:
                raise SettingsError(name, raw, kind) from None
            if (kind is int and value < 1) or not value >= 0 or value == float("inf"):
                raise SettingsError(name, raw, kind)
            changes[f.name] = value
        return replace(cls(), **changes)


class SettingsError(ValueError):
    """An `OKR_*` environment variable holds a value the setting cannot take."""

    def __init__(self, name: str, value: str, kind: type):
        super().__init__(f"{name}={value!r}")
        self.name, self.value, self.kind = name, value, kind

    def message(self, lang: str = "en") -> str:
        from .i18n import t

        return t("settings.bad_count" if self.kind is int else "settings.bad_number", lang, name=self.name,
                 value=self.value, default=getattr(DEFAULT, self.name[4:].lower()))


DEFAULT = Settings()
