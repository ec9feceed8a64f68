"""What the command line and the app both do: check a workbook, import it,
score a snapshot. One path, so a workbook the CLI accepts is one the app
accepts, and the numbers on the screen are the numbers in `okr status`."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import formatting, quality, quarters, workbook, xlsx
from .i18n import t
from .model import ParsedWorkbook, Problem
from .settings import DEFAULT, Settings
from .store import SCHEMA_VERSION, DatabaseError, SnapshotInfo, Store, wait_seconds

# The scorecard and the meeting import what they need where they need it:
# `okr import` and `okr lint` (one short process each, timed against a bare
# reader) never score, forecast or draw a cascade.
if TYPE_CHECKING:
    from . import meeting, scoring


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
    steps: list[str] = []

    def step(name: str) -> None:  # a step said once, however many parts of the work say it
        if progress and steps[-1:] != [name]:
            progress(name)
        steps.append(name)

    def coach(parsed: ParsedWorkbook) -> list[Problem] | None:
        # while the check-ins still load: the definitions so far have no error, or lint wants it anyway
        if not (parsed.ok or coach_always):
            return None
        step("coaching")
        return quality_warnings(parsed, lang, settings)

    try:
        checked.parsed, coached = workbook.read_alongside(data, lang=lang, limits=limits_for(settings),
                                                         progress=step, alongside=coach)
    except xlsx.XlsxError as e:
        checked.file_error, checked.file_code = e.message(lang), e.code
        return checked
    checked.warnings = list(checked.parsed.warnings)
    if checked.parsed.ok or coach_always:
        if coached is None:
            step("coaching")
            coached = quality_warnings(checked.parsed, lang, settings)
        checked.warnings += coached
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


# --- planning an import: as-of date, another organisation ----------------------------


@dataclass
class ImportPlan:
    """What storing a checked workbook would mean, decided before anything is written."""

    as_of: quarters.AsOf
    as_of_problem: str | None = None  # "future" / "before_quarter": refused
    window: tuple[dt.date, dt.date] | None = None  # the as-of dates that would be accepted
    other_organisation: SnapshotInfo | None = None  # shares no objective id and no team with it
    already: SnapshotInfo | None = None  # this exact file is stored already

    @property
    def refused(self) -> bool:
        return self.as_of_problem is not None


def last_checkin(parsed: ParsedWorkbook) -> dt.date | None:
    dates = [d for d in parsed.checkins.date if d is not None] if len(parsed.checkins) else []
    return max(dates) if dates else None


def other_organisation(store: Store, timeline: quarters.Timeline, parsed: ParsedWorkbook) -> SnapshotInfo | None:
    """The snapshot a workbook was compared with, when it shares no objective id
    and no team with it (so it is probably another organisation's); None when it fits.

    Compared with the latest snapshot of the workbook's own quarter(s), or the
    latest snapshot at all when the database does not hold those quarters yet.
    """
    if timeline.empty:
        return None
    nows = [s for s in (timeline.now(q) for q in parsed.quarters) if s is not None]
    ref = nows[0] if nows else timeline.snapshots[0]
    for s in nows:  # the newest of them, in the timeline's order
        if timeline.snapshots.index(s) < timeline.snapshots.index(ref):
            ref = s
    ids, teams = store.organisation(ref.id)
    fold = lambda names: {n.strip().casefold() for n in names if n}  # noqa: E731
    if ids & {o.id for o in parsed.objectives} or fold(teams) & fold(parsed.team_names):
        return None
    return ref


def plan_import(store: Store, checked: Checked, as_of: dt.date | None = None,
                today: dt.date | None = None) -> ImportPlan:
    """The as-of date (given, or the default and why), whether it is acceptable,
    and whether the workbook looks like another organisation's. Reads the
    database briefly; writes nothing."""
    today = today or dt.date.today()
    parsed = checked.parsed
    qs = parsed.quarters if parsed else []
    chosen = (quarters.AsOf(as_of, "given") if as_of is not None
              else quarters.default_as_of(qs, last_checkin(parsed) if parsed else None, today))
    plan = ImportPlan(as_of=chosen, as_of_problem=quarters.as_of_problem(chosen.date, qs, today),
                      window=quarters.as_of_window(qs, today))
    if checked.sha256:
        sid = store.find_by_sha(checked.sha256)
        plan.already = store.snapshot_info(sid) if sid is not None else None
    if parsed is not None and plan.already is None:
        plan.other_organisation = other_organisation(store, timeline(store), parsed)
    return plan


def as_of_sentence(plan: ImportPlan, lang: str) -> str:
    """Why this as-of date, or why it is refused: one sentence."""
    day = lambda d: formatting.date(d, lang)  # noqa: E731
    if plan.as_of_problem:
        low, high = plan.window
        return t(f"asof.{plan.as_of_problem}", lang, date=day(plan.as_of.date), today=day(high), first=day(low))
    return t(f"asof.{plan.as_of.reason}", lang, date=day(plan.as_of.date), quarter=plan.as_of.quarter or "")


def store_checked(store: Store, checked: Checked, as_of: dt.date | None = None) -> ImportOutcome:
    if not checked.ok:
        return ImportOutcome(checked)
    if as_of is None:
        as_of = quarters.default_as_of(checked.parsed.quarters, last_checkin(checked.parsed)).date
    result = store.add_snapshot(checked.parsed, file_name=checked.file_name, sha256=checked.sha256, as_of=as_of)
    return ImportOutcome(checked, result.snapshot_id, result.already_imported)


def import_bytes(store: Store, data: bytes, file_name: str, as_of: dt.date | None = None, lang: str = "en",
                 settings: Settings = DEFAULT) -> ImportOutcome:
    sha = hashlib.sha256(data).hexdigest()
    existing = store.find_by_sha(sha)
    if existing is not None:  # same bytes: nothing to read, nothing to add
        return ImportOutcome(Checked(file_name=file_name, sha256=sha, data=data), existing, True)
    return store_checked(store, check(data, file_name, lang, settings), as_of)


# --- reading: quarters, "now", scorecards -------------------------------------------------


def database_sentence(error: DatabaseError, lang: str) -> str:
    """One true sentence about a database that cannot be used (the CLI's exit 3)."""
    return t(f"database.{error.reason}", lang, db=error.path, seconds=int(wait_seconds()))


def timeline(store: Store) -> quarters.Timeline:
    return quarters.Timeline(tuple(store.snapshots()))


def scorecard(store: Store, snapshot_id: int | None = None, quarter: str | None = None,
              settings: Settings = DEFAULT, today: dt.date | None = None) -> scoring.Scorecard | None:
    """A snapshot, scored for a quarter.

    Without a snapshot: the quarter's "now" (its latest snapshot); without a
    quarter either, the quarter that contains today when the database holds
    it, else the most recent one. With a snapshot and no quarter: the quarter
    its as-of date falls in.
    """
    from . import forecast, scoring

    if not store.exists:
        return None
    with store.cursor():  # one open of the file for every read below
        if snapshot_id is None:
            tl = timeline(store)
            quarter = quarter or tl.default_quarter(today)
            now = tl.now(quarter) if quarter else None
            if now is None:
                return None
            snapshot_id = now.id
        snap = store.load(snapshot_id)
        quarter = quarter or scoring.default_quarter(snap.objectives, snap.info.as_of)
        if quarter is None:
            return None
        fits = forecast.compute(store, snapshot_id, quarter)
    card = scoring.score(snap.objectives, snap.key_results, snap.info.as_of, quarter, snap.teams, settings, fits)
    card.snapshot_id = snapshot_id
    return card


# --- the weekly meeting --------------------------------------------------------------------


def meeting_of(store: Store, card: scoring.Scorecard, lang: str, *, before: scoring.Scorecard | None,
               snapshot, findings: list, close=None) -> meeting.Meeting:
    """The meeting's screens (okr.meeting) for a scored quarter: what changed
    since `before` (the previous upload of the quarter), the coach's findings,
    the cascade of `snapshot` (the stored snapshot `card` scores), the
    sparklines' points and, for a finished quarter, `close` (okr.close's
    QuarterClose). The Meeting page passes what it has cached already."""
    from . import alignment, cascade, changes, forecast, meeting

    m = meeting.build(card, lang, changes=changes.compare(before, card), findings=findings,
                      tree=alignment.build(card, snapshot.objectives, snapshot.teams), close=close)
    values = forecast.series(store, card.snapshot_id, card.quarter)  # the values the forecast fits: the sparklines
    for s in m.slides:
        for kr in s.screen.key_results if s.screen else []:
            kr.points = values.of(kr.id)
    quarter_objectives = [o for o in snapshot.objectives if o.quarter == card.quarter]
    m.organisation = cascade.organisation(quarter_objectives, snapshot.teams)
    return m


def quarter_meeting(store: Store, quarter: str | None = None, lang: str = "en", settings: Settings = DEFAULT,
                    today: dt.date | None = None) -> meeting.Meeting | None:
    """This week's meeting for a quarter (default: as `okr status` picks it),
    from its latest snapshot, as the Meeting page shows it; None when the
    database has no such quarter."""
    from . import close

    card = scorecard(store, quarter=quarter, settings=settings, today=today)
    if card is None or not card.objectives:
        return None
    tl = timeline(store)
    prev = tl.previous(card.quarter, card.snapshot_id)
    before = scorecard(store, prev.id, card.quarter, settings) if prev else None
    report = quality.snapshot_report(store, card.snapshot_id, card.quarter, lang, settings)
    qc = (close.quarter_close(store, card.quarter, settings, today, tl)
          if close.finished(card.quarter, card.as_of, today) else None)
    return meeting_of(store, card, lang, before=before, snapshot=store.load(card.snapshot_id),
                      findings=report.findings if report else [], close=qc)


# --- the demo organisation ---------------------------------------------------------------


def sample_series(folder: str | os.PathLike) -> list[Path]:
    """The sample workbooks `okr-YYYY-MM-DD.xlsx`, oldest first; the date in the name is the as-of."""
    return sorted(Path(folder).glob("okr-????-??-??.xlsx"))


def load_sample(store: Store, folder: str | os.PathLike, lang: str = "en") -> list[ImportOutcome]:
    """Import the sample series, each workbook with its own as-of date."""
    outcomes = []
    for path in sample_series(folder):
        as_of = dt.date.fromisoformat(path.stem[4:])
        outcomes.append(import_bytes(store, path.read_bytes(), path.name, as_of, lang))
    return outcomes


def demo_path(folder: str | os.PathLike) -> Path:
    """Where the demo database lives: OKR_DEMO_DB, else a cache file named after
    the sample workbooks and this program's code, so a changed sample or reader
    builds a fresh demo and an unchanged one is built once per machine."""
    if os.environ.get("OKR_DEMO_DB"):
        return Path(os.environ["OKR_DEMO_DB"]).resolve()
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for path in sample_series(folder):
        digest.update(path.name.encode() + path.read_bytes())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "okr-dashboard"
    return cache / f"demo-{digest.hexdigest()[:16]}.duckdb"


def demo_store(folder: str | os.PathLike) -> Store | None:
    """The demo organisation's own database, built from the sample workbooks on
    first use. Built under a temporary name and moved into place, so servers
    starting at the same moment never see half a demo."""
    if not sample_series(folder):
        return None
    path = demo_path(folder)
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.building.duckdb")
        building = Store(tmp)
        try:
            load_sample(building, folder)
        finally:
            building.close()
        os.replace(tmp, path)
    return Store.open(path)
