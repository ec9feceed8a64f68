"""`okr` command line: import, status, template (SPEC §5).

Exit codes: 0 done, 2 the input was refused (bad workbook, bad arguments),
3 the database could not be used, 1 an unexpected failure. A user never sees
a traceback unless OKR_DEBUG=1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
import threading
import time

from . import formatting, lint, service
from .exits import DATABASE as EXIT_DATABASE
from .exits import FAILURE as EXIT_FAILURE
from .exits import OK as EXIT_OK
from .exits import REFUSED as EXIT_REFUSED
from .exits import CliError
from .i18n import lang_from_env, status_label, t
from .settings import Settings, SettingsError
from .store import SCHEMA_VERSION, DatabaseBusy, SchemaTooNew, Store, db_path

# warnings never block an import; past this many the summary points to `okr lint`
MAX_WARNINGS_SHOWN = 20


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-02-15") from None


def _open_store(path: str | None, lang: str) -> Store:
    try:
        return Store.open(path)
    except DatabaseBusy:
        raise CliError(t("cli.busy", lang, db=db_path(path)), EXIT_DATABASE) from None
    except SchemaTooNew as e:
        raise CliError(t("cli.schema_too_new", lang, db=e.path, version=e.version, known=SCHEMA_VERSION),
                       EXIT_DATABASE) from None


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
    if not os.path.isfile(args.file):
        raise CliError(t("cli.no_file", lang, file=args.file))
    if db_path(args.db).exists():
        # the same bytes again: say so without reading the workbook at all
        store = _open_store(args.db, lang)
        existing = service.find_imported(store, args.file, settings)
        if existing is not None:
            print(t("cli.already", lang, file=args.file, id=existing.id, as_of=formatting.date(existing.as_of, lang)))
            return EXIT_OK
    # This process is ours alone and ends after the import: the cyclic collector would
    # rescan the millions of cell values again and again (100k key results: 20 full
    # collections, 3.4 s of 17.6 s). The dashboard keeps its collector.
    gc.disable()
    progress = Progress(lang)
    try:
        checked = service.check_path(args.file, lang, settings, progress)
        if checked.ok:
            progress("storing")
            store = _open_store(args.db, lang)
            outcome = service.store_checked(store, checked, args.as_of)
    finally:
        progress.done()
    if checked.file_error:
        print(t("cli.refused_file", lang, file=args.file, reason=checked.file_error), file=sys.stderr)
        return EXIT_REFUSED
    if not checked.ok:
        errors = checked.errors
        print(t("cli.refused", lang, file=args.file, n=len(errors)), file=sys.stderr)
        for p in errors:
            print(f"  {p}", file=sys.stderr)
        return EXIT_REFUSED
    if outcome.already_imported:
        info = store.snapshot_info(outcome.snapshot_id)
        print(t("cli.already", lang, file=args.file, id=outcome.snapshot_id, as_of=formatting.date(info.as_of, lang)))
        return EXIT_OK
    parsed = checked.parsed
    info = store.snapshot_info(outcome.snapshot_id)
    print(t("cli.imported", lang, file=args.file, id=info.id, as_of=formatting.date(info.as_of, lang), objectives=len(parsed.objectives),
            key_results=len(parsed.key_results), teams=len(parsed.team_names),
            quarters=", ".join(parsed.quarters), checkins=len(parsed.checkins), warnings=len(checked.warnings)))
    for w in checked.warnings[:MAX_WARNINGS_SHOWN]:
        print(f"  {w}")
    if len(checked.warnings) > MAX_WARNINGS_SHOWN:
        print("  " + t("cli.more_warnings", lang, n=len(checked.warnings) - MAX_WARNINGS_SHOWN, file=args.file))
    return EXIT_OK


def cmd_status(args, lang: str, settings: Settings) -> int:
    store = _open_store(args.db, lang)
    card = service.scorecard(store, args.snapshot, args.quarter, settings)
    if card is None:
        raise CliError(t("cli.empty", lang, db=store.path), EXIT_REFUSED)
    if args.quarter and not card.objectives:
        raise CliError(t("cli.no_quarter", lang, quarter=args.quarter), EXIT_REFUSED)
    tree = None
    if getattr(args, "tree", False):
        from . import alignment

        snap = store.load(args.snapshot or store.latest().id)
        tree = alignment.build(card, snap.objectives, snap.teams)
    if args.json:
        out = card.to_json()
        if tree is not None:
            out["tree"] = tree.to_json()
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    def pct(x: float | None) -> str:
        return formatting.percent(x, lang)

    print(t("cli.status_head", lang, quarter=card.quarter, as_of=formatting.date(card.as_of, lang),
            expected=pct(card.expected), progress=pct(card.company_progress),
            status=status_label(card.company_status, lang)))
    for team in card.teams:
        print(f"  {team.team:<28} {pct(team.progress):>5}  {status_label(team.status, lang)}")
    counts = card.status_counts()
    print("  " + ", ".join(f"{status_label(s, lang)}: {n}" for s, n in counts.items()))
    if tree is not None:
        print()
        for line in alignment.tree_lines(tree, lang):
            print(f"  {line}")
    return EXIT_OK


def cmd_template(args, lang: str, settings: Settings) -> int:
    from .template import write_template

    write_template(args.out, lang=lang)
    print(t("cli.template", lang, file=args.out))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="okr", description="OKR dashboard: import workbooks, score them, check them.")
    p.add_argument("--lang", choices=("en", "nl"), help="language of messages (default: OKR_LANG or en)")
    sub = p.add_subparsers(dest="command", required=True)

    imp = sub.add_parser("import", help="import a workbook as a new snapshot")
    imp.add_argument("file")
    imp.add_argument("--db", help="database file (default: OKR_DB or ./okr.duckdb)")
    imp.add_argument("--as-of", type=_date, help="the date the numbers are from (default: today)")
    imp.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help=argparse.SUPPRESS)
    imp.set_defaults(func=cmd_import)

    st = sub.add_parser("status", help="the latest snapshot, scored")
    st.add_argument("--db")
    st.add_argument("--quarter", help="e.g. 2026-Q1 (default: the quarter of the as-of date)")
    st.add_argument("--snapshot", type=int, help="a snapshot id (default: the latest)")
    st.add_argument("--json", action="store_true")
    st.add_argument("--tree", action="store_true", help="add the cascade: children, drag, what does not fit")
    st.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help=argparse.SUPPRESS)
    st.set_defaults(func=cmd_status)

    tp = sub.add_parser("template", help="write the canonical workbook template")
    tp.add_argument("out")
    tp.add_argument("--lang", choices=("en", "nl"), dest="sub_lang", help="language of the template and messages")
    tp.set_defaults(func=cmd_template)

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
