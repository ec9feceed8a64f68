"""`okr lint FILE [--json] [--lang nl|en]`: the quality findings of a
workbook (docs/cli.md), also for a workbook `okr import` would refuse.

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

from . import service
from .exits import OK, REFUSED, CliError
from .i18n import t
from .model import ParsedWorkbook, Problem
from .settings import DEFAULT, Settings


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
    """Errors (severity "error") first, then the reader's and the method's warnings.

    The workbook goes through `service.check`, the path `okr import` takes:
    the same caps, the same settings, the same sheet roles."""
    return _findings(service.check(data, "", lang, settings, coach_always=True))


def lint_path(path: str | os.PathLike, lang: str = "en", settings: Settings = DEFAULT) -> list[Problem]:
    return _findings(service.check_path(path, lang, settings, coach_always=True))


def _findings(checked: service.Checked) -> list[Problem]:
    if checked.file_error:
        return [Problem(None, None, None, checked.file_error, "", code=checked.file_code, severity="error")]
    errors = list(checked.errors)
    for p in errors:
        p.severity = "error"
    _fill_ids(errors, checked.parsed)
    return errors + checked.warnings


def as_json(problems: list[Problem]) -> list[dict]:
    """The JSON shape docs/cli.md describes; the message says what is wrong and how to fix it."""
    return [{"rule": p.code, "severity": p.severity, "sheet": p.sheet, "row": p.row, "id": p.item_id,
             "message": f"{p.message} {p.fix}".strip()} for p in problems]


def cmd_lint(args, lang: str, settings: Settings) -> int:
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
    return REFUSED if n_errors else OK


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("lint", help=t("quality.lint.help", "en"))
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="findings as JSON (docs/cli.md)")
    p.add_argument("--lang", choices=("en", "nl"), dest="lint_lang", help="language of the findings")
    p.set_defaults(func=cmd_lint)
