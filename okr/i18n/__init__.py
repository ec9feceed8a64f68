"""The one message catalogue: every text a user sees, in English and Dutch.

`t("key", lang, **params)` formats a message. The entries live in one module
per area (`core`, `errors`, `files`, `cli`, `ui`, `template`, ...) so that
people working on different pages do not edit the same file; they are merged
here into one `CATALOGUE`, and a key defined twice is an error at import.

Key prefixes: `err.*` import errors (what is wrong), `fix.*` how to fix them,
`file.*` whole-file refusals, `status.*` status names, `ui.*` app labels,
`cli.*` command-line output, `template.*` the workbook template.
"""

from __future__ import annotations

import importlib
import os
import pkgutil

LANGS = ("en", "nl")
DEFAULT_LANG = "en"


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for mod in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        messages = importlib.import_module(f"{__name__}.{mod}").MESSAGES
        for key, entry in messages.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} is defined twice (again in okr/i18n/{mod}.py)")
            merged[key] = entry
    return merged


CATALOGUE: dict[str, dict[str, str]] = _merge()


def lang_from_env(default: str = DEFAULT_LANG) -> str:
    lang = (os.environ.get("OKR_LANG") or default).strip().lower()[:2]
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, /, **params) -> str:
    """The text for `key` in `lang`, formatted with `params`.

    A missing key is a programming error and raises KeyError (the catalogue
    test catches it before a user does).
    """
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**params) if params else text


def status_label(status: str | None, lang: str = DEFAULT_LANG) -> str:
    return t(f"status.{status or 'no update'}", lang)
