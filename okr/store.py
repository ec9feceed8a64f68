"""The DuckDB store: one snapshot per imported workbook, values kept per
snapshot so any two can be compared.

Nobody holds the database file between uses. DuckDB lets one process at a
time have the file open, so a dashboard that kept its connection would lock
out every `okr import` run by a scheduled job. Each use opens the file, runs,
and closes it again; uses that overlap inside one process share one
connection (a cursor each: a DuckDB connection is not safe to share between
threads), and writes go through one lock so imports are serialised. An
import is one transaction: it lands whole or not at all, also when the
process is killed halfway.

Everything that can go wrong with the file itself (held by another program,
read-only, damaged, full disk, written by a newer version) surfaces as a
`DatabaseError` whose `reason` names it, so the CLI and the app can say one
true sentence about it.

Why one long module: the schema and its migrations, the connection
discipline (who may hold the file, for how long) and every query live
together, so no other module ever touches a connection or knows a table.
"""

from __future__ import annotations

import datetime as dt
import logging
import operator
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import duckdb
import numpy as np

from .model import CheckIn, CheckIns, KeyResult, Objective, ParsedWorkbook, Team

_log = logging.getLogger("okr.store")

DEFAULT_DB = "okr.duckdb"
SCHEMA_VERSION = 2

# Each entry brings the schema from version i to i + 1. Never edit a shipped
# step: add a new one, so existing databases migrate forward.
MIGRATIONS: list[list[str]] = [
    [
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL UNIQUE,
            imported_at TIMESTAMP NOT NULL, as_of DATE NOT NULL, layout VARCHAR,
            n_objectives INTEGER, n_key_results INTEGER, n_teams INTEGER, n_quarters INTEGER,
            n_checkins INTEGER, quarters VARCHAR)""",
        """CREATE TABLE objectives (
            snapshot_id INTEGER NOT NULL, id VARCHAR NOT NULL, title VARCHAR, team VARCHAR,
            quarter VARCHAR, owner VARCHAR, parent VARCHAR, type VARCHAR, sheet VARCHAR, "row" INTEGER)""",
        """CREATE TABLE key_results (
            snapshot_id INTEGER NOT NULL, id VARCHAR NOT NULL, objective VARCHAR, title VARCHAR,
            owner VARCHAR, start DOUBLE, target DOUBLE, "current" DOUBLE, unit VARCHAR, kind VARCHAR,
            weight DOUBLE, reported_status VARCHAR, comment VARCHAR, sheet VARCHAR, "row" INTEGER)""",
        """CREATE TABLE checkins (
            snapshot_id INTEGER NOT NULL, key_result VARCHAR NOT NULL, date DATE, value DOUBLE, comment VARCHAR)""",
        """CREATE TABLE teams (
            snapshot_id INTEGER NOT NULL, team VARCHAR NOT NULL, parent_team VARCHAR, lead VARCHAR)""",
    ],
    [
        # the owner's confidence (0..1) and own end-of-quarter grade (0..1), per snapshot
        "ALTER TABLE key_results ADD COLUMN confidence DOUBLE",
        "ALTER TABLE key_results ADD COLUMN grade DOUBLE",
        # snapshot ids are never reused once a snapshot is deleted: a cached
        # scorecard or a bookmarked link can never show another snapshot's numbers
        "INSERT OR REPLACE INTO meta SELECT 'last_snapshot_id', CAST(coalesce(max(id), 0) AS VARCHAR) FROM snapshots",
    ],
]
assert len(MIGRATIONS) == SCHEMA_VERSION

# why the database cannot be used; each has one sentence in okr/i18n (db.<reason>)
DB_REASONS = ("busy", "too_new", "read_only", "damaged", "full")


class DatabaseError(Exception):
    """The database file cannot be used as asked; `reason` is one of DB_REASONS."""

    def __init__(self, reason: str, path: Path, detail: str = ""):
        super().__init__(f"{path}: {reason}{': ' + detail if detail else ''}")
        self.reason, self.path, self.detail = reason, path, detail


class DatabaseBusy(DatabaseError):
    """Another process holds the database file."""

    def __init__(self, path: Path, detail: str = ""):
        super().__init__("busy", path, detail)


class SchemaTooNew(DatabaseError):
    """The database was written by a newer version of this program."""

    def __init__(self, path: Path, version: int):
        super().__init__("too_new", path, f"schema version {version}; this program knows up to {SCHEMA_VERSION}. "
                         "Upgrade the program.")
        self.version = version


def classify(error: BaseException) -> str | None:
    """Which DB_REASONS a DuckDB (or OS) error stands for; None when it is not about the file."""
    text = str(error).lower()
    if "could not set lock" in text or "conflicting lock" in text:
        return "busy"
    if "no space left" in text or "file too large" in text or "disk quota" in text:
        return "full"
    if ("permission denied" in text or "operation not permitted" in text or "read-only" in text
            or "read only" in text):
        return "read_only"
    if ("not a valid duckdb database" in text or "corrupt" in text or "could not read enough bytes" in text
            or "checksum" in text or "serialization" in text or "storage version" in text):
        return "damaged"
    return None


def _as_database_error(error: BaseException, path: Path) -> BaseException:
    reason = classify(error)
    if reason == "busy":
        return DatabaseBusy(path, str(error))
    if reason is not None:
        return DatabaseError(reason, path, str(error))
    return error


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    file_name: str
    sha256: str
    imported_at: dt.datetime
    as_of: dt.date
    layout: str | None
    n_objectives: int
    n_key_results: int
    n_teams: int
    n_quarters: int
    n_checkins: int
    quarters: str

    @property
    def quarter_list(self) -> tuple[str, ...]:
        return tuple(q for q in self.quarters.split(",") if q)

    def holds(self, quarter: str) -> bool:
        return quarter in self.quarter_list


@dataclass
class Snapshot:
    info: SnapshotInfo
    objectives: list[Objective]
    key_results: list[KeyResult]
    teams: list[Team]


@dataclass(frozen=True)
class ImportResult:
    snapshot_id: int
    already_imported: bool


_SNAPSHOT_COLS = ("id, file_name, sha256, imported_at, as_of, layout, n_objectives, n_key_results, n_teams, "
                  "n_quarters, n_checkins, quarters")
_ORDER = "ORDER BY as_of DESC, imported_at DESC, id DESC"
_KR_COLS = ("id", "objective", "title", "owner", "start", "target", "current", "unit", "kind", "weight",
            "reported_status", "comment", "sheet", "row", "confidence", "grade")
_OBJ_COLS = ("id", "title", "team", "quarter", "owner", "parent", "type", "sheet", "row")


# the snapshots holding quarter $q up to snapshot $sid, ranked in snapshot order (as-of, then import time)
_HELD = """held AS (
    SELECT p.id, p.as_of, row_number() OVER (ORDER BY p.as_of, p.imported_at, p.id) AS rank
    FROM snapshots p, (SELECT as_of, imported_at, id FROM snapshots WHERE id = $sid) s
    WHERE list_contains(string_split(p.quarters, ','), $q)
      AND (p.as_of < s.as_of OR (p.as_of = s.as_of AND (p.imported_at < s.imported_at
           OR (p.imported_at = s.imported_at AND p.id <= s.id)))))"""
# (position of the key result, days since $first, value, priority); unordered: sorting
# 170k rows costs DuckDB twice what it costs NumPy
_QUARTER_VALUES = f"""WITH {_HELD},
krs AS (
    SELECT k.id, CAST(row_number() OVER (ORDER BY k.sheet, k."row", k.id) - 1 AS INTEGER) AS pos
    FROM key_results k JOIN objectives o ON o.snapshot_id = k.snapshot_id AND o.id = k.objective
    WHERE k.snapshot_id = $sid AND o.quarter = $q),
vals AS (
    SELECT krs.pos, h.as_of AS day, k."current" AS value, (CAST(1 AS BIGINT) << 40) + h.rank AS priority
    FROM key_results k JOIN held h ON h.id = k.snapshot_id JOIN krs ON krs.id = k.id
    WHERE k."current" IS NOT NULL
    UNION ALL
    SELECT krs.pos, c.date, c.value, c.rowid
    FROM checkins c JOIN krs ON krs.id = c.key_result
    WHERE c.snapshot_id = $sid AND c.value IS NOT NULL AND c.date IS NOT NULL)
SELECT pos, CAST(day - $first AS INTEGER) AS day, value, priority FROM vals
WHERE day >= $first AND day <= $last AND isfinite(value)"""
# (key result, confidence) in the quarter's snapshot before $sid
_PREVIOUS_CONFIDENCE = f"""WITH {_HELD}
SELECT k.id, k.confidence FROM key_results k
WHERE k.confidence IS NOT NULL AND k.snapshot_id = (
    SELECT id FROM held WHERE id <> $sid ORDER BY rank DESC LIMIT 1)"""


@dataclass(frozen=True)
class QuarterValues:
    """`Store.quarter_values`: the quarter's key results in the snapshot (in
    load order), and their dated values as columns."""

    key_results: tuple[str, ...]
    kinds: tuple[str, ...]
    position: np.ndarray  # int32: index into key_results
    day: np.ndarray  # int32: days since the quarter's first day
    value: np.ndarray  # float64
    # int64, higher is later: the check-ins in sheet order, then every snapshot's
    # value in snapshot order (as-of, then import time)
    priority: np.ndarray
    previous_confidence: dict[str, float]  # in the quarter's previous snapshot


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    return Path(explicit or os.environ.get("OKR_DB") or DEFAULT_DB).resolve()


_stores: dict[Path, "Store"] = {}
_stores_lock = threading.Lock()


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("OKR_DB_WAIT", "10")))
    except ValueError:
        return 10.0


class Store:
    """One database file. Holds no connection between uses (see the module docstring)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path).resolve()
        self._lock = threading.Lock()  # guards the shared connection and its user count
        self._write_lock = threading.RLock()  # one writer at a time in this process
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._read_only = False
        self._users = 0

    @classmethod
    def open(cls, path: str | os.PathLike | None = None) -> "Store":
        """The process-wide store for this database file (it opens nothing yet)."""
        p = db_path(path)
        with _stores_lock:
            store = _stores.get(p)
            if store is None:
                store = _stores[p] = cls(p)
            return store

    def close(self) -> None:
        with _stores_lock:
            if _stores.get(self.path) is self:
                del _stores[self.path]
        with self._lock:
            if self._conn is not None and self._users == 0:
                self._disconnect()

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    def signature(self) -> tuple:
        """Changes whenever the file is written (by this or another process): a
        cache of what was read can be kept for as long as it stays the same,
        without opening the file."""
        out = []
        for p in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                st = p.stat()
                out.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                out.append(None)
        return tuple(out)

    # --- connections ----------------------------------------------------

    def _connect(self, write: bool) -> None:
        if write:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # DuckDB lets one process at a time hold the file. Other holders (an
        # import, a dashboard rerun) let go within seconds, so wait up to
        # OKR_DB_WAIT seconds (default 10) before saying the database is busy.
        deadline = time.monotonic() + wait_seconds()
        read_only = False
        while True:
            try:
                conn = duckdb.connect(str(self.path), read_only=read_only)
                break
            except duckdb.Error as e:
                reason = classify(e)
                if reason == "busy" and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                if reason == "read_only" and not write and not read_only:
                    read_only = True  # a read-only file can still be shown
                    continue
                raise _as_database_error(e, self.path) from None
        try:
            self._check_schema(conn, read_only)
        except BaseException:
            conn.close()  # never keep the file locked for a store nobody can use
            raise
        self._conn, self._read_only = conn, read_only

    def _check_schema(self, conn, read_only: bool) -> None:
        try:
            version = _schema_version(conn)
            if version > SCHEMA_VERSION:
                raise SchemaTooNew(self.path, version)
            if version < SCHEMA_VERSION:
                if read_only:
                    raise DatabaseError("read_only", self.path, "an older database needs to be upgraded")
                # no other use of the file in this process while we connect (we
                # hold self._lock), and DuckDB keeps other processes out
                _migrate(conn, version)
        except duckdb.Error as e:
            raise _as_database_error(e, self.path) from None

    def _disconnect(self) -> None:
        conn, self._conn = self._conn, None
        try:
            conn.close()  # also writes the log into the file; if that fails, the log stays and is replayed
        except duckdb.Error as e:
            _log.warning("closing %s: %s", self.path, e)

    @contextmanager
    def cursor(self, write: bool = False):
        """A cursor on the database, the file open only while it is used.

        Overlapping uses in this process share one connection; the last one
        out closes it, so other processes can use the file again.
        """
        with self._lock:
            if self._conn is None:
                self._connect(write)
            elif write and self._read_only:
                raise DatabaseError("read_only", self.path)
            self._users += 1
        cur = None
        try:
            cur = self._conn.cursor()
            yield cur
        except duckdb.Error as e:
            mapped = _as_database_error(e, self.path)
            if mapped is e:
                raise
            raise mapped from e
        finally:
            if cur is not None:
                cur.close()
            with self._lock:
                self._users -= 1
                if self._users == 0 and self._conn is not None:
                    self._disconnect()

    # --- schema ---------------------------------------------------------

    def schema_version(self) -> int:
        if not self.exists:
            return 0
        with self.cursor() as cur:
            return _schema_version(cur)

    # --- writing --------------------------------------------------------

    def find_by_sha(self, sha256: str) -> int | None:
        if not self.exists:
            return None
        with self.cursor() as cur:
            row = cur.execute("SELECT id FROM snapshots WHERE sha256 = ?", [sha256]).fetchone()
            return row[0] if row else None

    def add_snapshot(self, parsed: ParsedWorkbook, *, file_name: str, sha256: str, as_of: dt.date,
                     imported_at: dt.datetime | None = None) -> ImportResult:
        """Store a clean workbook as a new snapshot in one transaction."""
        if parsed.errors:
            raise ValueError("a workbook with errors is never stored")
        imported_at = imported_at or dt.datetime.now().replace(microsecond=0)
        with self._write_lock, self.cursor(write=True) as cur:
            row = cur.execute("SELECT id FROM snapshots WHERE sha256 = ?", [sha256]).fetchone()
            if row:
                return ImportResult(row[0], True)
            with self._transaction(cur):
                sid = _next_snapshot_id(cur)
                quarters = parsed.quarters
                cur.execute(
                    f"INSERT INTO snapshots ({_SNAPSHOT_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [sid, file_name, sha256, imported_at, as_of, parsed.layout, len(parsed.objectives),
                     len(parsed.key_results), len(parsed.team_names), len(quarters), len(parsed.checkins),
                     ",".join(quarters)])
                self._insert(cur, "objectives", sid, parsed.objectives, _OBJ_COLS)
                _pause_for_crash_test(sid)
                self._insert(cur, "key_results", sid, parsed.key_results, _KR_COLS)
                self._insert_checkins(cur, sid, parsed.checkins)
                self._insert(cur, "teams", sid, parsed.teams, ("team", "parent_team", "lead"))
            return ImportResult(sid, False)

    def delete_snapshot(self, snapshot_id: int) -> SnapshotInfo | None:
        """Remove one snapshot and everything stored with it, in one transaction.
        Returns what was removed (None: there was no such snapshot)."""
        with self._write_lock, self.cursor(write=True) as cur:
            info = _snapshot_info(cur, snapshot_id)
            if info is None:
                return None
            with self._transaction(cur):
                for table in ("checkins", "teams", "key_results", "objectives"):
                    cur.execute(f"DELETE FROM {table} WHERE snapshot_id = ?", [snapshot_id])
                cur.execute("DELETE FROM snapshots WHERE id = ?", [snapshot_id])
            return info

    @contextmanager
    def _transaction(self, cur):
        """All or nothing; a failed COMMIT (disk full) is named, not hidden
        behind the rollback that can no longer happen."""
        cur.begin()
        try:
            yield
            cur.commit()
        except BaseException as e:
            _rollback(cur)
            mapped = _as_database_error(e, self.path) if isinstance(e, duckdb.Error) else e
            if mapped is e:
                raise
            raise mapped from e

    @staticmethod
    def _insert(cur, table: str, sid: int, items: list, cols: tuple[str, ...]) -> None:
        Store._insert_columns(cur, table, sid, {c: list(map(operator.attrgetter(c), items)) for c in cols})

    @staticmethod
    def _insert_checkins(cur, sid: int, checkins) -> None:
        """The check-in columns as they are (1.3M rows: no Python object per row)."""
        if not isinstance(checkins, CheckIns):
            checkins = CheckIns(checkins)
        Store._insert_columns(cur, "checkins", sid, {"key_result": checkins.key_result, "date": checkins.date,
                                                     "value": checkins.value, "comment": checkins.comment})

    @staticmethod
    def _insert_columns(cur, table: str, sid: int, columns: dict[str, list]) -> None:
        """One INSERT of whole columns, scanned by DuckDB from NumPy arrays.

        Never row by row (`executemany` does ~1,500 rows/s). NumPy rather than
        Arrow: pyarrow imports pandas on its first `pa.array()`, 0.6 s of a
        1.8 s import of 10k KRs, while this scan takes 0.05 s for 130k
        check-ins and 0.35 s for 1.3M. NULLs travel as a mask beside each
        number and date column.
        """
        n = len(next(iter(columns.values())))
        if n == 0:
            return
        types = dict(cur.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = ?", [table]).fetchall())
        data, exprs = {}, []
        for i, (col, values) in enumerate(columns.items()):
            key, kind = f"c{i}", types[col]
            if kind == "DOUBLE":  # None becomes NaN, and no number read from a workbook is NaN
                data[key] = np.array(values, dtype=np.float64)
                nulls, value = np.isnan(data[key]), key
            elif kind == "DATE":  # few distinct days: one toordinal() each
                ordinals = {v: 0 if v is None else v.toordinal() for v in set(values)}
                data[key] = np.fromiter(map(ordinals.__getitem__, values), dtype=np.int32, count=n)
                nulls, value = _nones(values), f"DATE '0001-01-01' + ({key} - 1)"
            elif kind == "INTEGER":
                data[key] = np.fromiter((0 if v is None else v for v in values), dtype=np.int64, count=n)
                nulls, value = _nones(values), key
            else:
                data[key] = np.array(values, dtype=object)
                exprs.append(key)
                continue
            data[f"{key}_null"] = nulls
            exprs.append(f"CASE WHEN {key}_null THEN NULL ELSE {value} END")
        name = f"_incoming_{table}"
        cur.register(name, data)
        try:
            quoted = ", ".join(f'"{c}"' for c in ("snapshot_id", *columns))
            cur.execute(f"INSERT INTO {table} ({quoted}) SELECT ?, {', '.join(exprs)} FROM {name}", [sid])
        finally:
            cur.unregister(name)

    # --- reading --------------------------------------------------------

    def snapshots(self) -> list[SnapshotInfo]:
        """Every snapshot, newest first (by as-of, then import time)."""
        if not self.exists:
            return []
        with self.cursor() as cur:
            rows = cur.execute(f"SELECT {_SNAPSHOT_COLS} FROM snapshots {_ORDER}").fetchall()
        return [SnapshotInfo(*r) for r in rows]

    def latest(self) -> SnapshotInfo | None:
        snaps = self.snapshots()
        return snaps[0] if snaps else None

    def previous(self, snapshot_id: int, quarter: str | None = None) -> SnapshotInfo | None:
        """The snapshot before this one (by as-of, then import time), of the
        same quarter when one is given."""
        snaps = [s for s in self.snapshots() if quarter is None or s.holds(quarter) or s.id == snapshot_id]
        for i, s in enumerate(snaps):
            if s.id == snapshot_id:
                return snaps[i + 1] if i + 1 < len(snaps) else None
        return None

    def snapshot_info(self, snapshot_id: int) -> SnapshotInfo | None:
        if not self.exists:
            return None
        with self.cursor() as cur:
            return _snapshot_info(cur, snapshot_id)

    def load(self, snapshot_id: int) -> Snapshot:
        with self.cursor() as cur:
            info = _snapshot_info(cur, snapshot_id) if self.exists else None
            if info is None:
                raise KeyError(snapshot_id)
            objs = cur.execute(
                f"SELECT {', '.join(_quoted(_OBJ_COLS))} FROM objectives "
                "WHERE snapshot_id = ? ORDER BY \"row\", id", [snapshot_id]).fetchall()
            krs = cur.execute(
                f"SELECT {', '.join(_quoted(_KR_COLS))} FROM key_results WHERE snapshot_id = ? "
                'ORDER BY sheet, "row", id', [snapshot_id]).fetchall()
            teams = cur.execute("SELECT team, parent_team, lead FROM teams WHERE snapshot_id = ?",
                                [snapshot_id]).fetchall()
        kr_fields = [(c, i) for i, c in enumerate(_KR_COLS)]
        return Snapshot(
            info=info,
            objectives=[Objective(*r) for r in objs],
            key_results=[KeyResult(**{c: r[i] for c, i in kr_fields}) for r in krs],
            teams=[Team(*r) for r in teams],
        )

    def load_latest(self, snapshot_id: int | None = None) -> Snapshot | None:
        """The given snapshot, or the latest one; None while the database is empty."""
        if snapshot_id is None:
            latest = self.latest()
            if latest is None:
                return None
            snapshot_id = latest.id
        return self.load(snapshot_id)

    def organisation(self, snapshot_id: int) -> tuple[set[str], set[str]]:
        """(objective ids, team names) of a snapshot: what tells one organisation from another."""
        with self.cursor() as cur:
            ids = {r[0] for r in cur.execute("SELECT id FROM objectives WHERE snapshot_id = ?",
                                             [snapshot_id]).fetchall()}
            teams = {r[0] for r in cur.execute(
                "SELECT team FROM objectives WHERE snapshot_id = ? UNION SELECT team FROM teams WHERE snapshot_id = ?",
                [snapshot_id, snapshot_id]).fetchall()}
        return ids, teams

    def checkins(self, snapshot_id: int, key_result: str | None = None) -> list[CheckIn]:
        sql = "SELECT key_result, date, value, comment FROM checkins WHERE snapshot_id = ?"
        params: list = [snapshot_id]
        if key_result is not None:
            sql += " AND key_result = ?"
            params.append(key_result)
        with self.cursor() as cur:
            rows = cur.execute(sql + " ORDER BY key_result, date", params).fetchall()
        return [CheckIn(*r) for r in rows]

    def kr_history(self, key_result: str, up_to_snapshot: int | None = None,
                   quarter: str | None = None) -> list[tuple]:
        """(as_of, snapshot_id, start, target, current) of one KR in every snapshot
        (of `quarter`, up to `up_to_snapshot`'s as-of), oldest first."""
        sql = ('SELECT s.as_of, s.id, k.start, k.target, k."current", s.imported_at FROM key_results k '
               "JOIN snapshots s ON s.id = k.snapshot_id WHERE k.id = ?")
        params: list = [key_result]
        if quarter is not None:
            sql += " AND list_contains(string_split(s.quarters, ','), ?)"
            params.append(quarter)
        with self.cursor() as cur:
            rows = cur.execute(sql + " ORDER BY s.as_of, s.imported_at, s.id", params).fetchall()
            limit = _snapshot_info(cur, up_to_snapshot) if up_to_snapshot is not None else None
        if limit is not None:  # the snapshot order: as-of, then import time
            rows = [r for r in rows if (r[0], r[5], r[1]) <= (limit.as_of, limit.imported_at, limit.id)]
        return [r[:5] for r in rows]

    def last_values(self, quarter: str, since: dt.date, until: dt.date,
                    up_to_snapshot: int | None = None) -> dict[str, tuple[dt.date, float]]:
        """(date, value) of every key result's latest value in `quarter`, over the
        snapshots that hold it (up to `up_to_snapshot`, in snapshot order): each
        snapshot's current at that snapshot's as-of (from `since` on) and each
        check-in dated `since`..`until`. On one date a snapshot's current wins
        over a check-in, a later snapshot over an earlier one. A key result that
        is missing had no value in the quarter at all: it was never updated."""
        if not self.exists:
            return {}
        with self.cursor() as cur:
            limit = _snapshot_info(cur, up_to_snapshot) if up_to_snapshot is not None else None
            upto, params = "", [quarter]
            if limit is not None:
                upto = ("AND (as_of < ? OR (as_of = ? AND (imported_at < ? OR "
                        "(imported_at = ? AND id <= ?))))")
                params += [limit.as_of, limit.as_of, limit.imported_at, limit.imported_at, limit.id]
            rows = cur.execute(f"""
                WITH snaps AS (
                    SELECT id, as_of, imported_at FROM snapshots
                    WHERE list_contains(string_split(quarters, ','), ?) {upto}),
                vals AS (
                    SELECT k.id AS kr, s.as_of AS day, k."current" AS value, 1 AS kind, s.as_of, s.imported_at, s.id
                    FROM key_results k JOIN snaps s ON s.id = k.snapshot_id
                    WHERE k."current" IS NOT NULL AND s.as_of >= ?
                    UNION ALL
                    SELECT c.key_result, c.date, c.value, 0, s.as_of, s.imported_at, s.id
                    FROM checkins c JOIN snaps s ON s.id = c.snapshot_id
                    WHERE c.value IS NOT NULL AND c.date BETWEEN ? AND ?)
                SELECT kr, day, value FROM vals
                QUALIFY row_number() OVER (PARTITION BY kr ORDER BY day DESC, kind DESC, as_of DESC,
                                           imported_at DESC, id DESC) = 1""",
                               params + [since, since, until]).fetchall()
        return {kr: (day, value) for kr, day, value in rows}

    def quarter_values(self, snapshot_id: int, quarter: str, first: dt.date, last: dt.date) -> QuarterValues:
        """Every dated value of the quarter's key results up to this snapshot's
        as-of, unordered (okr.forecast decides which one counts on a date): the
        check-ins of this snapshot, and the `current` of each snapshot holding
        the quarter (this one and those before it) at that snapshot's as-of.
        Only dates in [first, last] and not after the as-of.

        Two queries, returned as columns: 10k key results with 130k check-ins
        are 170k rows, no Python object per row."""
        with self.cursor() as cur:
            info = _snapshot_info(cur, snapshot_id) if self.exists else None
            if info is None:
                raise KeyError(snapshot_id)
            params = {"sid": snapshot_id, "q": quarter, "first": first, "last": min(last, info.as_of)}
            krs = cur.execute(
                'SELECT k.id, k.kind FROM key_results k JOIN objectives o '
                "ON o.snapshot_id = k.snapshot_id AND o.id = k.objective "
                'WHERE k.snapshot_id = $sid AND o.quarter = $q ORDER BY k.sheet, k."row", k.id',
                {"sid": snapshot_id, "q": quarter}).fetchall()
            rows = cur.execute(_QUARTER_VALUES, params).fetchnumpy()
            before = cur.execute(_PREVIOUS_CONFIDENCE, {"sid": snapshot_id, "q": quarter}).fetchall()
        return QuarterValues(key_results=tuple(r[0] for r in krs), kinds=tuple(r[1] for r in krs),
                             position=rows["pos"], day=rows["day"], value=rows["value"],
                             priority=rows["priority"], previous_confidence=dict(before))

    def table_contents(self) -> dict[str, list[tuple]]:
        """Every row of every table, for tests that prove a refused import changed nothing."""
        out = {}
        with self.cursor() as cur:
            for (name,) in cur.execute(
                    "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall():
                out[name] = sorted(cur.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        return out


def _quoted(cols) -> list[str]:
    return [f'"{c}"' for c in cols]


def _schema_version(cur) -> int:
    has_meta = cur.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]
    if not has_meta:
        return 0
    row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _migrate(conn, version: int) -> None:
    for step in range(version, SCHEMA_VERSION):
        conn.begin()
        try:
            for sql in MIGRATIONS[step]:
                conn.execute(sql)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(step + 1)])
            conn.commit()
        except BaseException:
            _rollback(conn)
            raise


def _snapshot_info(cur, snapshot_id: int) -> SnapshotInfo | None:
    rows = cur.execute(f"SELECT {_SNAPSHOT_COLS} FROM snapshots WHERE id = ?", [snapshot_id]).fetchall()
    return SnapshotInfo(*rows[0]) if rows else None


def _next_snapshot_id(cur) -> int:
    row = cur.execute("SELECT value FROM meta WHERE key = 'last_snapshot_id'").fetchone()
    top = cur.execute("SELECT coalesce(max(id), 0) FROM snapshots").fetchone()[0]
    sid = max(int(row[0]) if row else 0, top) + 1
    cur.execute("INSERT OR REPLACE INTO meta VALUES ('last_snapshot_id', ?)", [str(sid)])
    return sid


def _rollback(cur) -> None:
    try:
        cur.rollback()
    except duckdb.Error:
        pass  # a failed COMMIT has already ended the transaction: nothing is left to undo


def _pause_for_crash_test(sid: int) -> None:
    """tests/test_crash.py kills an import halfway through its transaction: with
    OKR_TEST_PAUSE_IMPORT set to a file path, the import writes its snapshot id
    there and waits to be killed. Unset (always, outside that test) it does nothing."""
    marker = os.environ.get("OKR_TEST_PAUSE_IMPORT")
    if marker:
        Path(marker).write_text(str(sid))
        time.sleep(60)


def _nones(values: list) -> np.ndarray:
    """Where the values are None, as a NumPy mask (at C speed)."""
    return np.fromiter(map(operator.is_, values, repeat(None)), dtype=bool, count=len(values))
