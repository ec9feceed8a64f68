"""`okr lint FILE [--json] [--lang nl|en]`: the quality findings of a
workbook (SPEC §5), also for a workbook `okr import` would refuse.

Import errors come out as findings with severity "error" (rule = the error's
code, e.g. `missing_target`), and the method's rules still run on every row
that could be read. A file that is not a workbook at all is one error
finding. Output with --json: `[{"rule", "severity", "sheet", "row", "id",
"message"}]`, the message saying what is wrong and how to fix it.

Exit code: 0 when there are no errors (warnings only, or nothing), 2 when
there is at least one error (the same workbook would be refused by `okr
import`), like `okr import`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from . import quality, workbook, xlsx
from .i18n import t
from .model import ParsedWorkbook, Problem
from .settings import DEFAULT, Settings

EXIT_OK, EXIT_ERRORS = 0, 2
def _fill_ids(problems: list[Problem], parsed: ParsedWorkbook) -> None:
    """Import errors point at a row; name the objective / KR on that row."""
    at = {}
    for item in [*parsed.objectives, *parsed.key_results]:
        if item.sheet and item.row and not item.id.startswith("?"):
            at.setdefault((item.sheet, item.row), item.id)
    for p in problems:
        if p.item_id is None:
            p.item_id = at.get((p.sheet, p.row))


def lint_bytes(data: bytes, lang: str = "en", settings: Settings = DEFAULT) -> list[Problem]:
    """Errors (severity "error") first, then the method's warnings."""
    limits = xlsx.Limits(max_file_bytes=settings.max_upload_mb * 1024 * 1024)
    try:
        sheets = xlsx.read_workbook(data, limits)
    except xlsx.XlsxError as e:
        return [Problem(None, None, None, e.message(lang), "", code=e.code, severity="error")]
    parsed = workbook.interpret(sheets, lang)
    errors = list(parsed.errors)
    for p in errors:
        p.severity = "error"
    _fill_ids(errors, parsed)
    return errors + quality.check(parsed, lang=lang, settings=settings)


def lint_path(path: str | os.PathLike, lang: str = "en", settings: Settings = DEFAULT) -> list[Problem]:
    p = Path(path)
    size = p.stat().st_size
    limit = settings.max_upload_mb * 1024 * 1024
    if size > limit:
        err = xlsx.XlsxError("too_large", size_mb=size / 1024 / 1024, limit_mb=settings.max_upload_mb)
        return [Problem(None, None, None, err.message(lang), "", code=err.code, severity="error")]
    return lint_bytes(p.read_bytes(), lang, settings)


def as_json(problems: list[Problem]) -> list[dict]:
    """SPEC §5 shape; the message says what is wrong and how to fix it."""
    return [{"rule": p.code, "severity": p.severity, "sheet": p.sheet, "row": p.row, "id": p.item_id,
             "message": f"{p.message} {p.fix}".strip()} for p in problems]


def cmd_lint(args, lang: str, settings: Settings) -> int:
    from .cli import CliError

    lang = getattr(args, "lint_lang", None) or lang
    if not os.path.isfile(args.file):
        raise CliError(t("cli.no_file", lang, file=args.file))
    problems = lint_path(args.file, lang, settings)
    n_errors = sum(p.severity == "error" for p in problems)
    if args.json:
        print(json.dumps(as_json(problems), ensure_ascii=False, indent=2))
    else:
        for p in problems:
            where = p.cell or t("quality.lint.workbook", lang)
            label = t(f"quality.lint.{'error' if p.severity == 'error' else 'warning'}", lang)
            print(f"{label}: {where} [{p.code}] {p.message} {p.fix}".rstrip())
        if problems:
            print(t("quality.lint.summary", lang, file=args.file, errors=n_errors, warnings=len(problems) - n_errors))
        else:
            print(t("quality.lint.clean", lang, file=args.file))
    sys.stdout.flush()
    return EXIT_ERRORS if n_errors else EXIT_OK


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("lint", help=t("quality.lint.help", "en"))
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="findings as JSON (SPEC §5)")
    p.add_argument("--lang", choices=("en", "nl"), dest="lint_lang", help="language of the findings")
    p.set_defaults(func=cmd_lint)
