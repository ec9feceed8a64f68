"""`okr` command line: import, status, snapshots, delete-snapshot, template, pack, lint.

Exit codes: 0 done, 2 the input was refused (bad workbook, bad arguments),
3 the database could not be used, 1 an unexpected failure. A user never sees
a traceback unless OKR_DEBUG=1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import formatting, lint, service
from .exits import DATABASE as EXIT_DATABASE
from .exits import FAILURE as EXIT_FAILURE
from .exits import OK as EXIT_OK
from .exits import REFUSED as EXIT_REFUSED
from .exits import CliError
from .i18n import lang_from_env, status_label, t
from .settings import Settings, SettingsError
from .store import DatabaseError, Store

# Commands that score, close or draw import those modules themselves: `okr
# import` is one short process, timed against a bare reader, and never does.
if TYPE_CHECKING:
    from . import close

# warnings never block an import; past this many the summary points to `okr lint`
MAX_WARNINGS_SHOWN = 20


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-02-15") from None


def _open_store(path: str | None, lang: str) -> Store:
    return Store.open(path)


def _json_out(payload) -> None:
    print(json_text(payload))


def json_text(value, level: int = 0) -> str:
    """JSON as people read it: objects indented by two spaces down to the
    second level, every list item on one line. The items go through the C
    encoder: `json.dumps(indent=2)` runs the pure-Python encoder, 0.2 s for
    the 10k key results of `okr status --json`. Never NaN or Infinity."""
    pad = "  " * (level + 1)
    if level < 2 and isinstance(value, dict) and value:
        inner = ",\n".join(f"{pad}{_ENCODE(str(k))}: {json_text(v, level + 1)}"
                           for k, v in value.items())
        return "{\n" + inner + "\n" + "  " * level + "}"
    if level < 2 and isinstance(value, list) and value:
        return "[\n" + ",\n".join(pad + _ENCODE(v) for v in value) + "\n" + "  " * level + "]"
    return _ENCODE(value)


# one encoder: json.dumps with any non-default argument builds a new one per call
_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


class Progress:
    """The steps of a long import on stderr ("Reading the workbook…"), once it
    has run `after` seconds, and only on a terminal: a pipe stays quiet."""

    def __init__(self, lang: str, stream=None, after: float = 3.0):
        self.lang = lang
        self.stream = stream or sys.stderr
        self.on = self.stream.isatty()
        self.step: str | None = None
        self.shown = False
        self.lock = threading.Lock()
        self.timer = threading.Timer(after, self._show) if self.on else None
        if self.timer:
            self.timer.daemon = True
            self.timer.start()

    def __call__(self, step: str) -> None:
        with self.lock:
            self.step = step
            if self.shown:
                self._print()

    def _show(self) -> None:
        with self.lock:
            self.shown = True
            if self.step:
                self._print()

    def _print(self) -> None:
        print(t(f"progress.{self.step}", self.lang), file=self.stream, flush=True)

    def done(self) -> None:
        if self.timer:
            self.timer.cancel()


def cmd_import(args, lang: str, settings: Settings) -> int:
    """Read and check the whole workbook first; the database is opened only to
    look (already imported? another organisation?) and then to write."""
    if not os.path.isfile(args.file):
        raise CliError(t("cli.no_file", lang, file=args.file))
    store = _open_store(args.db, lang)
    report: dict = {"file": args.file}
    # the same bytes again: say so without reading the workbook at all
    existing = service.find_imported(store, args.file, settings)
    if existing is not None:
        return _already(args, lang, existing, report)
    # This process is ours alone and ends after the import: the cyclic collector would
    # rescan the millions of cell values again and again (100k key results: 20 full
    # collections, 3.4 s of 17.6 s). The dashboard keeps its collector.
    gc.disable()
    progress = Progress(lang)
    try:
        checked = service.check_path(args.file, lang, settings, progress)
        return _import_checked(args, lang, store, checked, report, progress)
    finally:
        progress.done()


def _import_checked(args, lang: str, store: Store, checked, report: dict, progress) -> int:
    if checked.file_error:
        return _refused(args, report, "file", t("cli.refused_file", lang, file=args.file, reason=checked.file_error))
    if not checked.ok:
        errors = checked.errors
        report["errors"] = [p.as_dict() for p in errors]
        lines = [t("cli.refused", lang, file=args.file, n=len(errors))] + [f"  {p}" for p in errors]
        return _refused(args, report, "errors", "\n".join(lines))
    plan = service.plan_import(store, checked, args.as_of)
    if plan.already is not None:
        return _already(args, lang, plan.already, report)
    report["as_of"] = plan.as_of.date.isoformat()
    report["as_of_reason"] = plan.as_of.reason
    if plan.refused:
        return _refused(args, report, f"as_of_{plan.as_of_problem}",
                        t("cli.refused_file", lang, file=args.file, reason=service.as_of_sentence(plan, lang)))
    other = plan.other_organisation
    if other is not None and not args.yes:
        report["other_organisation"] = {"snapshot": other.id, "file": other.file_name,
                                        "as_of": other.as_of.isoformat()}
        sentence = t("org.other", lang, id=other.id, file=other.file_name, as_of=formatting.date(other.as_of, lang))
        return _refused(args, report, "other_organisation", f"{sentence} {t('org.confirm_cli', lang)}")
    progress("storing")
    outcome = service.store_checked(store, checked, plan.as_of.date)
    if outcome.already_imported:  # another import of the same file landed in between
        return _already(args, lang, store.snapshot_info(outcome.snapshot_id), report)
    parsed = checked.parsed
    info = store.snapshot_info(outcome.snapshot_id)
    report.update(status="imported", snapshot=info.id, objectives=len(parsed.objectives),
                  key_results=len(parsed.key_results), teams=len(parsed.team_names), quarters=parsed.quarters,
                  checkins=len(parsed.checkins), warnings=[w.as_dict() for w in checked.warnings])
    if args.json:
        _json_out(report)
        return EXIT_OK
    print(t("cli.imported", lang, file=args.file, id=info.id, as_of=formatting.date(info.as_of, lang),
            objectives=len(parsed.objectives), key_results=len(parsed.key_results), teams=len(parsed.team_names),
            quarters=", ".join(parsed.quarters), checkins=len(parsed.checkins), warnings=len(checked.warnings)))
    if plan.as_of.reason != "given":
        print("  " + service.as_of_sentence(plan, lang))
    for w in checked.warnings[:MAX_WARNINGS_SHOWN]:
        print(f"  {w}")
    if len(checked.warnings) > MAX_WARNINGS_SHOWN:
        print("  " + t("cli.more_warnings", lang, n=len(checked.warnings) - MAX_WARNINGS_SHOWN, file=args.file))
    return EXIT_OK


def _already(args, lang: str, info, report: dict) -> int:
    if args.json:
        _json_out({**report, "status": "already_imported", "snapshot": info.id, "as_of": info.as_of.isoformat()})
    else:
        print(t("cli.already", lang, file=args.file, id=info.id, as_of=formatting.date(info.as_of, lang)))
    return EXIT_OK


def _refused(args, report: dict, reason: str, text: str) -> int:
    """Exit 2, nothing stored: the sentence on stderr, and with --json the report on stdout."""
    if args.json:
        _json_out({**report, "status": "refused", "reason": reason, "message": text})
    print(text, file=sys.stderr)
    return EXIT_REFUSED


def cmd_status(args, lang: str, settings: Settings) -> int:
    from . import alignment, alignment_drawing

    store = _open_store(args.db, lang)
    if not store.exists:
        raise CliError(t("cli.empty", lang, db=store.path), EXIT_REFUSED)
    if args.snapshot is not None and store.snapshot_info(args.snapshot) is None:
        raise CliError(t("cli.no_snapshot", lang, id=args.snapshot, db=store.path), EXIT_REFUSED)
    card = service.scorecard(store, args.snapshot, args.quarter, settings)
    if card is None:
        if args.quarter and store.latest() is not None:
            raise CliError(t("cli.no_quarter", lang, quarter=args.quarter), EXIT_REFUSED)
        raise CliError(t("cli.empty", lang, db=store.path), EXIT_REFUSED)
    if args.quarter and not card.objectives:
        raise CliError(t("cli.no_quarter", lang, quarter=args.quarter), EXIT_REFUSED)
    tree = None
    if getattr(args, "tree", False):
        snap = store.load(card.snapshot_id)
        tree = alignment.build(card, snap.objectives, snap.teams)
    if args.json:
        out = card.to_json()
        if tree is not None:
            out["tree"] = tree.to_json()
        _json_out(out)
        return EXIT_OK
    def pct(x: float | None) -> str:
        return formatting.percent(x, lang)

    print(t("cli.status_head", lang, quarter=card.quarter, as_of=formatting.date(card.as_of, lang),
            expected=pct(card.company_expected), progress=pct(card.company_progress),
            status=status_label(card.company_status, lang)))
    for team in card.teams:
        print(f"  {team.team:<28} {pct(team.progress):>5}  {status_label(team.status, lang)}")
    counts = card.status_counts()
    print("  " + ", ".join(f"{status_label(s, lang)}: {n}" for s, n in counts.items()))
    ahead = card.forecast_counts()
    print(t("cli.forecast_line", lang, make=ahead["will make it"], close=ahead["close"], miss=ahead["will miss"],
            none=sum(1 for k in card.key_results if k.forecast_status is None and k.kind != "milestone"),
            stale=len(card.stale)))
    if tree is not None:
        print()
        for line in alignment_drawing.tree_lines(tree, lang):
            print(f"  {line}")
    return EXIT_OK


def _snapshot_json(s, now_of: dict[int, list[str]]) -> dict:
    return {"id": s.id, "file": s.file_name, "as_of": s.as_of.isoformat(),
            "imported_at": s.imported_at.isoformat(sep=" "), "quarters": list(s.quarter_list),
            "now_for": now_of.get(s.id, []), "objectives": s.n_objectives, "key_results": s.n_key_results,
            "teams": s.n_teams, "checkins": s.n_checkins, "sha256": s.sha256}


def cmd_snapshots(args, lang: str, settings: Settings) -> int:
    store = _open_store(args.db, lang)
    tl = service.timeline(store)
    now_of: dict[int, list[str]] = {}
    for q in tl.quarters:
        now_of.setdefault(tl.now(q).id, []).append(q)
    if args.json:
        _json_out([_snapshot_json(s, now_of) for s in tl.snapshots])
        return EXIT_OK
    if tl.empty:
        print(t("cli.empty", lang, db=store.path))
        return EXIT_OK
    for s in tl.snapshots:
        now = t("cli.snapshot_now", lang, quarters=", ".join(now_of[s.id])) if s.id in now_of else ""
        print(t("cli.snapshot_line", lang, id=s.id, as_of=formatting.date(s.as_of, lang), file=s.file_name,
                imported_at=formatting.datetime(s.imported_at, lang), quarters=", ".join(s.quarter_list),
                objectives=s.n_objectives, key_results=s.n_key_results) + now)
    return EXIT_OK


def cmd_delete_snapshot(args, lang: str, settings: Settings) -> int:
    store = _open_store(args.db, lang)
    info = store.snapshot_info(args.id)
    if info is None:
        raise CliError(t("cli.no_snapshot", lang, id=args.id, db=store.path), EXIT_REFUSED)
    what = t("cli.delete_what", lang, id=info.id, file=info.file_name, as_of=formatting.date(info.as_of, lang),
             quarters=", ".join(info.quarter_list), objectives=info.n_objectives, key_results=info.n_key_results,
             checkins=info.n_checkins)
    if not args.yes:
        print(what)
        print(t("cli.delete_dry_run", lang, id=info.id))
        return EXIT_OK
    store.delete_snapshot(info.id)
    tl = service.timeline(store)
    nows = [f"{q}: {tl.now(q).id}" for q in info.quarter_list if tl.now(q) is not None]
    print(t("cli.deleted", lang, id=info.id, file=info.file_name) + (
        " " + t("cli.deleted_now", lang, nows=", ".join(nows)) if nows else ""))
    return EXIT_OK


def cmd_template(args, lang: str, settings: Settings) -> int:
    from .template import write_template

    write_template(args.out, lang=lang)
    print(t("cli.template", lang, file=args.out))
    return EXIT_OK


def _closing_quarter(args, lang: str, store: Store):
    """The quarter to close (given, or the most recent that has ended) and the
    database's timeline; a refusal sentence when there is none."""
    from . import close

    if not store.exists:
        raise CliError(t("cli.empty", lang, db=store.path), EXIT_REFUSED)
    tl = service.timeline(store)
    if tl.empty:
        raise CliError(t("cli.empty", lang, db=store.path), EXIT_REFUSED)
    if args.quarter is None:
        ended = close.closed_quarters(tl)
        if not ended:
            raise CliError(t("close.cli.none_closed", lang, db=store.path, quarter=tl.quarters[-1]), EXIT_REFUSED)
        return ended[-1], tl
    if tl.now(args.quarter) is None:
        raise CliError(t("close.cli.no_quarter", lang, db=store.path, quarter=args.quarter,
                         quarters=", ".join(tl.quarters)), EXIT_REFUSED)
    return args.quarter, tl


def _early_warning(qc: close.QuarterClose, lang: str) -> None:
    if not qc.final:
        print(t("close.early", lang, quarter=qc.quarter, as_of=formatting.date(qc.as_of, lang),
                last_day=formatting.date(qc.last_day, lang)), file=sys.stderr)


def _quarter_close(args, lang: str, settings: Settings):
    """(the close of the asked quarter, the store, its timeline), after the early warning."""
    from . import close

    store = _open_store(args.db, lang)
    quarter, tl = _closing_quarter(args, lang, store)
    qc = close.quarter_close(store, quarter, settings, timeline=tl)
    _early_warning(qc, lang)
    return qc, store, tl


def cmd_close(args, lang: str, settings: Settings) -> int:
    from . import close

    qc, store, tl = _quarter_close(args, lang, settings)
    history = close.history(store, settings, timeline=tl)
    if args.json:
        _json_out({**qc.to_json(), "history": close.history_json(history)})
        return EXIT_OK
    band = lambda b: close.band_label(b, lang)  # noqa: E731
    print(t("close.cli.head", lang, quarter=qc.quarter, as_of=formatting.date(qc.as_of, lang), id=qc.snapshot_id,
            grade=formatting.grade(qc.company_grade, lang), band=band(qc.company_band)))
    print(t("close.cli.bands", lang, **qc.band_counts()))
    print(t("close.cli.teams", lang))
    for tg in qc.teams:
        counts = " / ".join(str(tg.bands[b]) for b in close.BANDS)
        print(f"  {tg.team:<28} {formatting.grade(tg.grade, lang):>5}  {band(tg.band):<16} {counts}")

    def krs(items: list[close.KRGrade]) -> None:
        for k in items:
            print(f"  {k.id}  {k.title} — {k.owner or '–'}: {close.grade_text(k, lang)}")

    if qc.committed_missed:
        print(t("close.cli.committed_missed", lang, n=len(qc.committed_missed)))
        krs(qc.committed_missed)
    if qc.targets_too_low:
        print(t("close.cli.targets_too_low", lang, teams=", ".join(qc.targets_too_low)))
    if qc.never_updated:
        print(t("close.cli.never_updated", lang, n=len(qc.never_updated)))
        krs(qc.never_updated)
    if qc.grade_differs:
        print(t("close.cli.differs", lang, n=len(qc.grade_differs)))
        krs(qc.grade_differs)
    if history:
        print(t("close.cli.history", lang, quarters=", ".join(
            f"{g.quarter} {formatting.grade(g.company, lang)}" for g in history)))
    print(t("close.cli.carry_hint", lang, n=len(qc.carried), quarter=qc.quarter))
    return EXIT_OK


def cmd_carry_over(args, lang: str, settings: Settings) -> int:
    from . import close

    qc, _, _ = _quarter_close(args, lang, settings)
    data = close.carry_over_bytes(qc, lang)  # made in full first: a refused path leaves no half-written file
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as e:
        raise CliError(t("close.cli.unwritable", lang, file=args.out, reason=e.strerror or type(e).__name__),
                       EXIT_REFUSED) from None
    print(t("close.cli.written", lang, file=args.out, objectives=len(qc.objectives), key_results=len(qc.carried),
            quarter=qc.quarter, next=qc.next_quarter, left=len(qc.key_results) - len(qc.carried)))
    return EXIT_OK


def _pack_target(out: str, lang: str) -> tuple[str, str]:
    """The pack's format (from the extension) and a sentence-free check that
    the file can be written there: (format, absolute path), or CliError."""
    from . import pack  # reportlab, python-pptx and Altair: 0.4 s to import, paid only by `okr pack`

    fmt = os.path.splitext(out)[1].lower().lstrip(".")
    if fmt not in pack.FORMATS:
        raise CliError(t("cli.pack.format", lang, file=out))
    path = os.path.abspath(out)
    folder = os.path.dirname(path)
    reason = ("cli.pack.no_folder" if not os.path.isdir(folder) else "cli.pack.is_folder" if os.path.isdir(path)
              else "cli.pack.read_only" if not os.access(folder, os.W_OK)
              or (os.path.exists(path) and not os.access(path, os.W_OK)) else None)
    if reason:
        raise CliError(t("cli.pack.unwritable", lang, file=out, reason=t(reason, lang)))
    return fmt, path


def cmd_pack(args, lang: str, settings: Settings) -> int:
    """Check the file name and the quarter first, then build the whole pack in
    memory and write it in one go: a refusal or a failure writes nothing."""
    fmt, path = _pack_target(args.out, lang)
    store = _open_store(args.db, lang)
    tl = service.timeline(store)
    if tl.empty:
        raise CliError(t("cli.pack.empty", lang, db=store.path))
    m = service.quarter_meeting(store, args.quarter, lang, settings)
    if m is None:
        raise CliError(t("cli.pack.no_quarter", lang, db=store.path, quarter=args.quarter or tl.default_quarter(),
                         quarters=", ".join(tl.quarters)))
    from . import pack

    data = pack.pack(m, fmt)
    tmp = f"{path}.{os.getpid()}.part"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise CliError(t("cli.pack.unwritable", lang, file=args.out, reason=e.strerror or type(e).__name__)) from None
    print(t("cli.pack.written", lang, file=args.out, pages=len(m.slides) + 1, quarter=m.quarter,
            as_of=formatting.date(m.as_of, lang)))
    return EXIT_OK


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database file (default: OKR_DB or ./okr.duckdb)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="okr", description="OKR dashboard: import workbooks, score them, check them.")
    p.add_argument("--lang", choices=("en", "nl"), help="language of messages (default: OKR_LANG or en)")
    sub = p.add_subparsers(dest="command", required=True)

    imp = sub.add_parser("import", help="import a workbook as a new snapshot")
    imp.add_argument("file", help="the workbook (.xlsx)")
    _add_db(imp)
    imp.add_argument("--as-of", type=_date, help="the date the numbers are from (default: today when today lies "
                     "in the workbook's quarter, else its last check-in or its quarter's last day)")
    imp.add_argument("--yes", action="store_true",
                     help="store it even though it shares no objective id and no team with the database")
    imp.add_argument("--json", action="store_true", help="the outcome as JSON on stdout")
    imp.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help=argparse.SUPPRESS)
    imp.set_defaults(func=cmd_import)

    st = sub.add_parser("status", help="a quarter's latest snapshot, scored")
    _add_db(st)
    st.add_argument("--quarter", help="e.g. 2026-Q1 (default: today's quarter when the database holds it, "
                    "else the most recent)")
    st.add_argument("--snapshot", type=int, help="a snapshot id (default: the quarter's latest)")
    st.add_argument("--json", action="store_true", help="the scorecard as JSON (with --tree, the cascade too)")
    st.add_argument("--tree", action="store_true", help="add the cascade: children, drag, what does not fit")
    st.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help=argparse.SUPPRESS)
    st.set_defaults(func=cmd_status)

    sn = sub.add_parser("snapshots", help="list the snapshots, newest first")
    _add_db(sn)
    sn.add_argument("--json", action="store_true", help="the list as JSON")
    sn.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help=argparse.SUPPRESS)
    sn.set_defaults(func=cmd_snapshots)

    ds = sub.add_parser("delete-snapshot", help="delete one snapshot (without --yes: say what would go)")
    ds.add_argument("id", type=int, help="the snapshot's id (okr snapshots lists them)")
    _add_db(ds)
    ds.add_argument("--yes", action="store_true", help="really delete it")
    ds.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help=argparse.SUPPRESS)
    ds.set_defaults(func=cmd_delete_snapshot)

    tp = sub.add_parser("template", help="write the canonical workbook template")
    tp.add_argument("out", help="the .xlsx file to write")
    tp.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help="language of the template and messages")
    tp.set_defaults(func=cmd_template)

    cl = sub.add_parser("close", help="a finished quarter's grades, bands and flags")
    cl.add_argument("--quarter", help="e.g. 2026-Q3 (default: the most recent quarter that has ended)")
    _add_db(cl)
    cl.add_argument("--json", action="store_true", help="the grades as JSON")
    cl.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help=argparse.SUPPRESS)
    cl.set_defaults(func=cmd_close)

    co = sub.add_parser("carry-over", help="next quarter's workbook with the unfinished key results carried over")
    co.add_argument("out", help="the .xlsx file to write")
    co.add_argument("--quarter", help="the quarter to carry over from, e.g. 2026-Q3 (default: the most recent "
                    "quarter that has ended)")
    _add_db(co)
    co.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help="language of the workbook and messages")
    co.set_defaults(func=cmd_carry_over)

    pk = sub.add_parser("pack", help="this week's meeting as a PDF or PowerPoint (the Meeting page's screens)")
    pk.add_argument("out", help="the file to write: OUT.pdf or OUT.pptx (the extension picks the format)")
    pk.add_argument("--quarter", help="e.g. 2026-Q1 (default: today's quarter when the database holds it, "
                    "else the most recent)")
    _add_db(pk)
    pk.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help="language of the pack and messages")
    pk.set_defaults(func=cmd_pack)

    lint.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # `okr --lang nl CMD`, `okr CMD --lang nl` (every command), else OKR_LANG, else English
    lang = getattr(args, "sub_lang", None) or getattr(args, "lint_lang", None) or args.lang or lang_from_env()
    try:
        settings = Settings.from_env()
    except SettingsError as e:
        print(e.message(lang), file=sys.stderr)
        return EXIT_REFUSED
    if getattr(args, "quarter", None):
        from .parse import ParseError, parse_quarter
        try:
            args.quarter = parse_quarter(args.quarter)
        except ParseError:
            print(t("err.quarter", lang, value=args.quarter) + " " + t("fix.quarter", lang), file=sys.stderr)
            return EXIT_REFUSED
    try:
        return args.func(args, lang, settings)
    except CliError as e:
        print(str(e), file=sys.stderr)
        return e.code
    except DatabaseError as e:
        print(service.database_sentence(e, lang), file=sys.stderr)
        return EXIT_DATABASE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `okr status | head`
        return EXIT_OK
    except Exception as e:  # the last line of defence: a sentence, never a traceback
        if os.environ.get("OKR_DEBUG"):
            raise
        print(t("cli.unexpected", lang, error=f"{type(e).__name__}: {e}"), file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
