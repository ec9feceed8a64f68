"""docs/ describes the code (as datasette's and sqlite-utils' tests/test_docs.py
do): every generated block is fresh, and the docs mention every setting,
environment variable, quality rule, command, exit code and header alias the
code has."""

from __future__ import annotations

import re
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from okr import cli, docs, headers, quality
from okr.settings import Settings

from .conftest import ROOT

DOCS = ROOT / "docs"
CODE = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "okr").rglob("*.py")]
ENV_VAR = re.compile(r"\bOKR_[A-Z][A-Z_]*[A-Z]\b")


def read(name: str) -> str:
    return (DOCS / name).read_text()


def hand_written(name: str) -> str:
    """A page without the bodies of its generated blocks."""
    return docs.BLOCK.sub(lambda m: m.group(1) + m.group(4), read(name))


def test_generated_blocks_are_fresh():
    assert docs.stale(DOCS) == [], "docs/ is stale: run `python -m okr.docs`"


def test_the_freshness_check_notices_a_change(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(DOCS, folder)
    page = folder / "cli.md"
    fresh = page.read_text()
    page.write_text(fresh.replace("a snapshot id (default: the quarter's latest)", "an old help text"))
    assert docs.stale(folder) == [page]
    assert docs.main(["--check", str(folder)]) == 1 and page.read_text() != fresh  # --check writes nothing
    assert docs.main([str(folder)]) == 0 and page.read_text() == fresh
    assert docs.main(["--check", str(folder)]) == 0


@pytest.mark.parametrize("field", [f.name for f in fields(Settings)])
def test_every_setting_is_explained(field):
    assert f"`{field}`" in hand_written("settings.md")  # in words, not only in the generated table
    assert f"`OKR_{field.upper()}`" in read("settings.md")


def test_every_environment_variable_is_documented_and_no_other():
    in_code = {f"OKR_{f.name.upper()}" for f in fields(Settings)}
    for path in CODE:
        in_code |= set(ENV_VAR.findall(path.read_text()))
    assert {"OKR_DB", "OKR_LANG", "OKR_PASSWORD", "OKR_SAMPLE", "OKR_DB_WAIT", "OKR_DEBUG"} <= in_code
    documented = set(ENV_VAR.findall(read("settings.md")))
    assert in_code - documented == set(), "not in docs/settings.md"
    assert documented - in_code == set(), "docs/settings.md names variables the code does not read"


def test_the_password_can_come_from_the_secrets_file():
    text = hand_written("settings.md")
    assert "OKR_PASSWORD" in text and ".streamlit/secrets.toml" in text and 'password = "' in text


@pytest.mark.parametrize("rule", quality.RULES)
def test_every_quality_rule_has_its_own_section(rule):
    assert f"\n### `{rule}`\n" in hand_written("quality.md")


def test_every_exit_code_is_documented():
    codes = {name: value for name, value in vars(cli).items() if name.startswith("EXIT_")}
    assert set(codes.values()) >= {0, 1, 2, 3}
    text = hand_written("cli.md")
    for name, value in codes.items():
        assert re.search(rf"^\| {value} \| \w", text, re.M), f"{name} = {value} is not in docs/cli.md"
    assert re.search(r"^\| 130 \| interrupted", text, re.M)  # KeyboardInterrupt


@pytest.mark.parametrize("command", list(docs.commands()))
def test_every_command_is_documented(command):
    assert f"\n## okr {command}\n" in read("cli.md")
    assert f"$ okr {command} --help" in read("cli.md")


def test_every_header_alias_is_in_the_workbook_page():
    text = read("workbook.md")
    missing = [(fld, a) for fld, names in headers.ALIASES.items() for a in names if f"`{a}`" not in text]
    assert missing == []


def test_no_document_outside_the_repository_is_cited():
    for page in sorted(DOCS.glob("*.md")):
        assert "SPEC" not in hand_written(page.name), page.name


def _anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_between_pages_resolve():
    pages = {p.name: p.read_text() for p in DOCS.glob("*.md")}
    pages["../README.md"] = (ROOT / "README.md").read_text()
    checked = 0
    for name, text in pages.items():
        for target, anchor in re.findall(r"\]\(([\w./-]+\.md)?(?:#([\w-]+))?\)", text):
            base = Path(name).parent
            path = (DOCS / base / target).resolve() if target else (DOCS / name).resolve()
            assert path.exists(), (name, target)
            if anchor:
                headings = re.findall(r"^#+ (.+)$", path.read_text(), re.M)
                assert anchor in {_anchor(h) for h in headings}, (name, target, anchor)
            checked += 1
    assert checked > 20  # the pattern finds the links


def test_the_readme_links_every_page():
    readme = (ROOT / "README.md").read_text()
    for page in sorted(DOCS.glob("*.md")):
        assert f"(docs/{page.name})" in readme, page.name
