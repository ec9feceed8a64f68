"""What the command line and the app both do: check a workbook, import it,
score a snapshot. One path, so a workbook the CLI accepts is one the app
accepts, and the numbers on the screen are the numbers in `okr status`."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import quality, scoring, workbook, xlsx
from .model import ParsedWorkbook, Problem
from .settings import DEFAULT, Settings
from .store import Store


@dataclass
class Checked:
    """A workbook read and checked, not yet stored."""

    file_name: str
    sha256: str
    data: bytes
    parsed: ParsedWorkbook | None = None
    file_error: str | None = None  # one sentence: the file is not a workbook we can read
    file_code: str | None = None  # which sentence (a `file.*` code), for `okr lint --json`
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.file_error is None and self.parsed is not None and self.parsed.ok

    @property
    def errors(self) -> list[Problem]:
        return self.parsed.errors if self.parsed else []


@dataclass
class ImportOutcome:
    checked: Checked
    snapshot_id: int | None = None
    already_imported: bool = False

    @property
    def stored(self) -> bool:
        return self.snapshot_id is not None and not self.already_imported


def limits_for(settings: Settings) -> xlsx.Limits:
    mb = 1024 * 1024
    return xlsx.Limits(max_file_bytes=settings.max_upload_mb * mb, max_part_bytes=settings.max_unpacked_mb * mb,
                       max_total_bytes=settings.max_unpacked_mb * mb, max_rows=settings.max_rows_per_sheet,
                       max_cells=settings.max_cells, max_shared_strings=settings.max_cells)


def quality_warnings(parsed: ParsedWorkbook, lang: str, settings: Settings) -> list[Problem]:
    """The coach's findings (okr.quality), as warnings that never block."""
    return quality.check(parsed, lang=lang, settings=settings)


def check(data: bytes, file_name: str, lang: str = "en", settings: Settings = DEFAULT, progress=None,
          coach_always: bool = False) -> Checked:
    """Read and check a workbook: the one path for `okr import`, `okr lint` and
    the Import page (same caps, same settings, same sheet roles).

    `progress(step)`, if given, hears "reading", "checking" and "coaching" as
    each begins. The coach runs on a workbook without errors, or always with
    `coach_always` (lint: the method's rules run on every row that could be read)."""
    checked = Checked(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), data=data)
    try:
        checked.parsed = workbook.read(data, lang=lang, limits=limits_for(settings), progress=progress)
    except xlsx.XlsxError as e:
        checked.file_error, checked.file_code = e.message(lang), e.code
        return checked
    checked.warnings = list(checked.parsed.warnings)
    if checked.parsed.ok or coach_always:
        if progress:
            progress("coaching")
        checked.warnings += quality_warnings(checked.parsed, lang, settings)
    return checked


def check_path(path: str | os.PathLike, lang: str = "en", settings: Settings = DEFAULT, progress=None,
               coach_always: bool = False) -> Checked:
    p = Path(path)
    size = p.stat().st_size
    limit = settings.max_upload_mb * 1024 * 1024
    if size > limit:
        err = xlsx.XlsxError("too_large", size_mb=size / 1024 / 1024, limit_mb=settings.max_upload_mb)
        return Checked(file_name=p.name, sha256="", data=b"", file_error=err.message(lang), file_code=err.code)
    return check(p.read_bytes(), p.name, lang, settings, progress, coach_always)


def find_imported(store: Store, path: str | os.PathLike, settings: Settings = DEFAULT):
    """The snapshot that already holds exactly this file, or None."""
    p = Path(path)
    if p.stat().st_size > settings.max_upload_mb * 1024 * 1024:
        return None
    sid = store.find_by_sha(hashlib.sha256(p.read_bytes()).hexdigest())
    return None if sid is None else store.snapshot_info(sid)


def store_checked(store: Store, checked: Checked, as_of: dt.date | None = None) -> ImportOutcome:
    if not checked.ok:
        return ImportOutcome(checked)
    result = store.add_snapshot(checked.parsed, file_name=checked.file_name, sha256=checked.sha256,
                                as_of=as_of or dt.date.today())
    return ImportOutcome(checked, result.snapshot_id, result.already_imported)


def import_bytes(store: Store, data: bytes, file_name: str, as_of: dt.date | None = None, lang: str = "en",
                 settings: Settings = DEFAULT) -> ImportOutcome:
    sha = hashlib.sha256(data).hexdigest()
    existing = store.find_by_sha(sha)
    if existing is not None:  # same bytes: nothing to read, nothing to add
        return ImportOutcome(Checked(file_name=file_name, sha256=sha, data=data), existing, True)
    return store_checked(store, check(data, file_name, lang, settings), as_of)


def scorecard(store: Store, snapshot_id: int | None = None, quarter: str | None = None,
              settings: Settings = DEFAULT) -> scoring.Scorecard | None:
    """The scored snapshot (latest by default) for a quarter (the as-of
    date's quarter by default)."""
    snap = store.load_latest(snapshot_id)
    if snap is None:
        return None
    quarter = quarter or scoring.default_quarter(snap.objectives, snap.info.as_of)
    if quarter is None:
        return None
    return scoring.score(snap.objectives, snap.key_results, snap.info.as_of, quarter, snap.teams, settings)


def load_sample(store: Store, folder: str | os.PathLike, lang: str = "en") -> list[ImportOutcome]:
    """Import the sample series `okr-YYYY-MM-DD.xlsx`, each with its own as-of date."""
    outcomes = []
    for path in sorted(Path(folder).glob("okr-????-??-??.xlsx")):
        as_of = dt.date.fromisoformat(path.stem[4:])
        outcomes.append(import_bytes(store, path.read_bytes(), path.name, as_of, lang))
    return outcomes
