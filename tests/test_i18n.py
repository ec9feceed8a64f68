"""The message catalogue (okr/i18n) and the app in both languages (issue #8).

- every key in English and Dutch, non-empty, with the same {placeholders};
- every key the code asks for exists, and no key is left unused;
- no user-visible string literal in app.py, pages/ or okr/ui outside the catalogue (an AST scan);
- every page in Dutch shows no English catalogue text, and in English no Dutch one,
  with Dutch number and date formats (AppTest on the sample organisation).
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from okr import formatting, service, template
from okr.i18n import CATALOGUE, LANGS, t

from .conftest import run_page

ROOT = Path(__file__).resolve().parents[1]
CODE = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "okr").rglob("*.py")])
PAGES = ["app.py", "pages/1_Team.py", "pages/2_Alignment.py", "pages/3_Import.py", "pages/4_Quality.py"]


def placeholders(text: str) -> set[str]:
    """{name:spec} of every placeholder: the same names *and* formats in both languages."""
    return {f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None}


# --- the catalogue -----------------------------------------------------------------


def test_every_key_in_both_languages_and_non_empty():
    bad = [(key, lang) for key, entry in CATALOGUE.items() for lang in LANGS
           if not isinstance(entry.get(lang), str) or not entry[lang].strip()]
    assert not bad, f"missing or empty translations: {bad}"
    extra = [(key, set(entry) - set(LANGS)) for key, entry in CATALOGUE.items() if set(entry) - set(LANGS)]
    assert not extra


def test_same_placeholders_in_both_languages():
    bad = {key: {lang: sorted(placeholders(e[lang])) for lang in LANGS}
           for key, e in CATALOGUE.items() if placeholders(e["en"]) != placeholders(e["nl"])}
    assert not bad


def test_every_message_formats_in_both_languages():
    for key, entry in CATALOGUE.items():
        # a placeholder with a format spec ({size_mb:.0f}: whole MB, the same in both languages) takes a number
        params = {name: (1 if spec else "x") for _, name, spec, _ in string.Formatter().parse(entry["en"])
                  if name is not None}
        for lang in LANGS:
            assert t(key, lang, **params)


# --- keys used by the code ----------------------------------------------------------

KEY_PREFIXES = tuple(sorted({k.split(".")[0] + "." for k in CATALOGUE}))


def _string_parts(tree: ast.AST):
    """(literal strings, f-string literal prefixes) anywhere in the code."""
    literals, prefixes = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            literals.add(node.value)
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            prefixes.add(node.values[0].value)  # f"ui.changes.{name}"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str):
            prefixes.add(node.left.value)  # "file." + code
    return literals, prefixes


def _code_strings():
    literals, prefixes = set(), set()
    for path in CODE:
        if "i18n" in path.parts:
            continue
        lit, pre = _string_parts(ast.parse(path.read_text(), str(path)))
        literals |= lit
        prefixes |= pre
    return literals, prefixes


def _key_calls():
    """Literal first arguments of t(...)/page.t(...)/_t(...) calls: must be keys."""
    out = []
    for path in CODE:
        if "i18n" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("t", "_t") and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                out.append((path.relative_to(ROOT), node.lineno, node.args[0].value))
    return out


def test_every_key_used_in_the_code_exists():
    calls = _key_calls()
    assert len(calls) > 100  # the scan finds them
    missing = [c for c in calls if c[2] not in CATALOGUE]
    assert not missing, missing
    # keys built with f-strings: the literal prefix must name keys that exist
    _, prefixes = _code_strings()
    dynamic = [p for p in prefixes if p.startswith(KEY_PREFIXES) and len(p) >= 4]
    assert dynamic
    assert not [p for p in dynamic if not any(k.startswith(p) for k in CATALOGUE)]


def test_no_unused_keys():
    """A key is used when the code names it, or builds it from an f-string prefix."""
    literals, prefixes = _code_strings()
    dynamic = tuple(p for p in prefixes if p.startswith(KEY_PREFIXES) and len(p) >= 4)
    unused = sorted(k for k in CATALOGUE if k not in literals and not k.startswith(dynamic))
    assert not unused, f"catalogue keys nothing uses: {unused}"


# --- no hard-coded user-visible text in the app -------------------------------------

# Streamlit calls whose positional arguments (and these keywords) are shown to the user
SHOWN_KWARGS = {"label", "help", "placeholder", "body", "caption", "text", "value", "page_title", "title"}
NOT_SHOWN_RECEIVERS = {"session_state", "query_params", "context", "secrets", "column_config"}
NOT_SHOWN_CALLS = {"form", "fragment", "cache_data", "cache_resource", "switch_page", "html"}  # keys, paths, static CSS
ALLOWED = {"OKR"}  # the product's name
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def _is_streamlit_call(node: ast.Call) -> bool:
    f = node.func
    if not isinstance(f, ast.Attribute):
        return False
    chain, base = [f.attr], f.value
    while isinstance(base, ast.Attribute):
        chain.append(base.attr)
        base = base.value
    if NOT_SHOWN_RECEIVERS & set(chain[1:]) or f.attr in NOT_SHOWN_CALLS:
        return False
    # st.title(...), st.sidebar.radio(...), and widget methods on columns/containers: c1.metric(...)
    return (isinstance(base, ast.Name) and base.id == "st") or f.attr in WIDGET_METHODS


WIDGET_METHODS = {"title", "header", "subheader", "caption", "markdown", "write", "text", "info", "warning",
                  "error", "success", "toast", "metric", "button", "download_button", "selectbox", "multiselect",
                  "radio", "toggle", "checkbox", "slider", "text_input", "number_input", "date_input",
                  "file_uploader", "expander", "tabs", "page_link", "form_submit_button", "popover"}


def _visible_literals(node: ast.AST):
    """Literal text in an argument: string constants, the literal parts of
    f-strings, strings inside lists/tuples (st.tabs([...]))."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.Constant):
                yield part.value
    elif isinstance(node, (ast.List, ast.Tuple)):
        for elt in node.elts:
            yield from _visible_literals(elt)


def hard_coded_texts(source: str, filename: str = "<src>") -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or not _is_streamlit_call(node):
            continue
        args = list(node.args) + [kw.value for kw in node.keywords if kw.arg in SHOWN_KWARGS]
        for arg in args:
            for text in _visible_literals(arg):
                if text.endswith(".py"):  # a page path (st.page_link / st.switch_page)
                    continue
                words = [w for w in WORD.findall(text) if w not in ALLOWED]
                if words:
                    found.append((node.lineno, text))
    return found


def test_the_scan_catches_a_hard_coded_label():
    assert hard_coded_texts('st.title("Overview")') == [(1, "Overview")]
    assert hard_coded_texts('c1.metric("Company progress", ui.pct(x, lang))')
    assert hard_coded_texts('st.caption(f"Numbers as of {day}")')
    assert hard_coded_texts('st.tabs(["Cascade", page.t("ui.alignment.tab_teams")])')
    assert hard_coded_texts('st.sidebar.radio("Language", LANGS)')
    assert hard_coded_texts('st.button(page.t("ui.x"), help="Click me")')
    # not user-visible: keys, paths, query params, session state, separators
    assert not hard_coded_texts('st.button(page.t("ui.x"), key="overview_open_team", type="primary")')
    assert not hard_coded_texts('st.page_link("pages/3_Import.py", label=page.t("ui.x"))')
    assert not hard_coded_texts('st.query_params.get("lang"); st.session_state.get("_okr_open_team")')
    assert not hard_coded_texts('st.markdown(f"**{ui.md(a)}** · {ui.md(b)}")')
    assert not hard_coded_texts('st.set_page_config(page_title=f"{t(k, lang)} · OKR")')


@pytest.mark.parametrize("path", [*PAGES, "okr/ui/__init__.py"])
def test_no_user_visible_literal_outside_the_catalogue(path):
    assert hard_coded_texts((ROOT / path).read_text(), path) == []


# --- templates: every text from the catalogue; both header languages import -----------


@pytest.mark.parametrize("lang", LANGS)
def test_template_texts_come_from_the_catalogue(tmp_path, lang):
    """Every text cell of the template is a catalogue message of that language
    (placeholders filled in), a sheet name or column header of that language
    from okr.headers (the one vocabulary the importer matches), or example data
    (ids, names, quarters, the catalogue's example titles)."""
    from openpyxl import load_workbook

    from okr.headers import CANONICAL, SHEET_NAMES

    path = tmp_path / f"t-{lang}.xlsx"
    template.write_template(path, lang)
    patterns = [p for p in (_pattern(e[lang]) for e in CATALOGUE.values()) if p is not None]
    own_short = {e[lang] for e in CATALOGUE.values()}
    vocabulary = {names[lang] for names in SHEET_NAMES.values()}
    vocabulary |= {names[lang] for fields in CANONICAL.values() for names in fields.values()}
    data = template.example_data(lang)
    data_texts = {v for rows in data.values() for row in rows for v in row.values() if isinstance(v, str)}
    wb = load_workbook(path)
    texts = {c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    texts |= {ws.title for ws in wb}
    assert len(texts) > 30
    unexplained = sorted(x for x in texts - data_texts - vocabulary - own_short
                         if not any(p.fullmatch(x) for p in patterns))
    assert not unexplained, f"{lang} template texts not from the catalogue: {unexplained}"
    # and nothing of the other language (texts that differ between the languages)
    other = next(x for x in LANGS if x != lang)
    foreign = {e[other] for e in CATALOGUE.values()} - own_short
    foreign |= {n[other] for n in SHEET_NAMES.values()} - vocabulary
    assert not sorted(texts & foreign - data_texts)


@pytest.mark.parametrize(("template_lang", "ui_lang"), [("nl", "en"), ("en", "nl")])
def test_importer_reads_either_header_language_whatever_the_ui_language(tmp_path, template_lang, ui_lang):
    path = tmp_path / f"t-{template_lang}.xlsx"
    template.write_template(path, template_lang)
    checked = service.check(path.read_bytes(), path.name, ui_lang)
    assert checked.ok, [str(p) for p in checked.errors]
    parsed = checked.parsed
    assert len(parsed.objectives) == 3 and len(parsed.key_results) == 5
    assert {k.id: k.target for k in parsed.key_results}["KR-SALES-1-1"] == 15


# --- every page in both languages (AppTest, sample organisation) ------------------------

SAMPLE = ROOT / "sample_data"


@pytest.fixture
def sample_app(sample_db, serve):
    """The app on the sample organisation."""
    serve(sample_db)


def visible_texts(at) -> list[str]:
    """What the user reads: titles, headers, captions, messages, markdown,
    metric labels and values, widget labels, tab/expander labels, table headers."""
    out = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success"):
        out += [e.value for e in getattr(at, kind)]
    out += [m.label for m in at.metric] + [m.value for m in at.metric]
    for kind in ("button", "selectbox", "multiselect", "radio", "toggle", "slider", "date_input"):
        out += [w.label for w in getattr(at, kind)]
    out += [tab.label for tab in at.tabs] + [e.label for e in at.expander]
    out += [str(c) for df in at.dataframe for c in df.value.columns]
    for df in at.dataframe:  # status badges and other catalogue texts inside tables
        out += [v for col in df.value.columns for v in df.value[col].tolist() if isinstance(v, str)]
    return [re.sub(r"\\(.)", r"\1", str(x)) for x in out if x]  # markdown escapes off


def _pattern(text: str) -> re.Pattern | None:
    """A catalogue text as a regex (placeholders match anything); None when
    its literal part is too short to tell the languages apart."""
    parts = list(string.Formatter().parse(text))
    literal = "".join(p[0] for p in parts)
    # only short words between the placeholders ("{a} of {b}", "{a} van {b}"):
    # such a pattern matches any sentence, in either language
    has_placeholders = any(name is not None for _, name, _, _ in parts)
    if len(literal.strip()) < 3 or not WORD.findall(literal) or (
            has_placeholders and not any(len(w) >= 4 for w in WORD.findall(literal))):
        return None
    regex = "".join(re.escape(lit) + (".+?" if name is not None else "") for lit, name, _, _ in parts)
    return re.compile(regex, re.S)


def foreign_texts(texts: list[str], lang: str) -> list[tuple[str, str]]:
    """(key, visible text) where a text is the *other* language's version of a message."""
    other = next(x for x in LANGS if x != lang)
    hits = []
    for key, entry in CATALOGUE.items():
        if entry[other] == entry[lang] or key.startswith(("ui.lang.", "template.example.")):  # example data
            continue
        pat = _pattern(entry[other])
        if pat is None:
            continue
        # a catalogue message is one line: a block of several (a Markdown list of
        # findings) is judged line by line, so a pattern never spans two messages
        for line in (ln for text in texts for ln in text.splitlines()):
            stripped = line.lstrip("■▲●○◆◇□△•✓✗⚠ ").strip()
            if pat.fullmatch(stripped) or (len(pat.pattern) >= 25 and pat.search(line)):
                hits.append((key, line))
    return hits


# a few labels per page that must show in each language
EXPECTED = {
    "app.py": ["ui.overview.title", "ui.overview.company_progress", "ui.overview.expected", "ui.overview.teams",
               "ui.changes.title", "ui.changes.newly_red"],
    "pages/1_Team.py": ["ui.team.progress", "ui.team.objectives", "ui.team.trends", "ui.col.kr", "ui.col.owner"],
    "pages/2_Alignment.py": ["ui.alignment.title", "ui.alignment.what_drags", "ui.alignment.tab_cascade"],
    "pages/3_Import.py": ["ui.import.title", "ui.import.upload", "ui.import.history", "ui.import.templates"],
    "pages/4_Quality.py": ["quality.ui.overall", "quality.ui.health", "quality.ui.by_team"],
}
PARAMS = {"pages/1_Team.py": {"team": "Mobile"}}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_speaks_one_language(sample_app, page, lang):
    at = run_page(page, lang=lang, **PARAMS.get(page, {}))
    texts = visible_texts(at)
    assert len(texts) > 10
    joined = "\n".join(texts)
    for key in EXPECTED[page]:
        assert t(key, lang) in joined, (key, lang)
    assert foreign_texts(texts, lang) == []
    # status names inside badges are in this language
    statuses = {t(f"status.{s}", lang) for s in ("green", "amber", "red")}
    if page in ("app.py", "pages/1_Team.py", "pages/2_Alignment.py"):  # the pages that show statuses
        assert any(s in joined for s in statuses)
    other = next(x for x in LANGS if x != lang)
    assert not any(re.search(rf"[■▲●] {t(f'status.{s}', other)}\b", joined) for s in ("green", "amber", "red"))


def test_the_language_check_would_catch_english_on_a_dutch_page():
    assert foreign_texts(["Company progress", "■ red", "Quarter 2026-Q4, numbers as of 27 Nov 2026"], "nl") \
        and len(foreign_texts(["Company progress", "■ red", "Quarter 2026-Q4, numbers as of 27 Nov 2026"],
                              "nl")) == 3
    assert foreign_texts(["Voortgang bedrijf"], "en") == [("ui.overview.company_progress", "Voortgang bedrijf")]


def test_dutch_numbers_and_dates_on_the_pages(sample_app):
    nl = run_page("app.py", lang="nl")
    caption = nl.caption[0].value
    assert "27 nov 2026" in caption and "2026-11-27" not in caption
    en = run_page("app.py", lang="en")
    assert "27 Nov 2026" in en.caption[0].value
    # the Team page: KR-MOB-1-1's target moved 50000 -> 35000, shown with the locale's grouping
    team_nl = "\n".join(visible_texts(run_page("pages/1_Team.py", lang="nl", team="Mobile")))
    team_en = "\n".join(visible_texts(run_page("pages/1_Team.py", lang="en", team="Mobile")))
    assert "35.000" in team_nl and "35,000" not in team_nl
    assert "35,000" in team_en and "35.000" not in team_en
    # decimals: the alignment page's drag sentence and table ('0,13' / '0.13')
    al_nl = "\n".join(visible_texts(run_page("pages/2_Alignment.py", lang="nl")))
    al_en = "\n".join(visible_texts(run_page("pages/2_Alignment.py", lang="en")))
    assert re.search(r"\b0,\d+\b", al_nl) and not re.search(r"\b0\.\d+\b", al_nl)
    assert re.search(r"\b0\.\d+\b", al_en) and not re.search(r"\b0,\d+\b", al_en)
    # import history: dates as people read them
    imp = "\n".join(visible_texts(run_page("pages/3_Import.py", lang="nl")))
    assert formatting.date(__import__("datetime").date(2026, 11, 27), "nl") in imp


def test_switching_language_keeps_the_other_query_params(sample_app):
    at = run_page("pages/1_Team.py", lang="nl", team="Sales", quarter="2026-Q4")
    assert at.title[0].value == "Sales" and t("ui.team.progress", "nl") in [m.label for m in at.metric]
    at.radio(key="_okr_lang_widget").set_value("en").run()
    assert not at.exception
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"
    assert at.query_params["team"] in (["Sales"], "Sales") and at.query_params["quarter"] in (["2026-Q4"], "2026-Q4")
    assert t("ui.team.progress", "en") in [m.label for m in at.metric]
    assert at.title[0].value == "Sales"



# --- the command line: --lang (before or after the command) and OKR_LANG, every command ---

LANG_WAYS = [  # (args before the command, args after it, environment)
    (["--lang", "nl"], [], {}),
    ([], ["--lang", "nl"], {}),
    ([], [], {"OKR_LANG": "nl"}),
]


@pytest.mark.parametrize(("before", "after", "env"), LANG_WAYS)
def test_every_command_speaks_dutch(run_cli, tmp_path, before, after, env):
    db = str(tmp_path / "cli.duckdb")
    out = tmp_path / "template.xlsx"
    res = run_cli(*before, "template", str(out), *after, env=env)
    assert res.returncode == 0 and res.stdout.strip() == t("cli.template", "nl", file=str(out))
    from openpyxl import load_workbook

    assert t("template.example.o_company", "nl") in [c.value for row in load_workbook(out)["Doelstellingen"]
                                                     .iter_rows() for c in row]

    res = run_cli(*before, "lint", str(out), *after, env=env)
    last = res.stdout.strip().splitlines()[-1]
    assert res.returncode == 0 and (last == t("quality.lint.clean", "nl", file=str(out))
                                    or _pattern(CATALOGUE["quality.lint.summary"]["nl"]).fullmatch(last)), last

    res = run_cli(*before, "import", str(SAMPLE / "okr-2026-11-27.xlsx"), "--db", db, "--as-of", "2026-11-27",
                  *after, env=env)
    assert res.returncode == 0 and "geïmporteerd" in res.stdout and "27 nov 2026" in res.stdout, res.stdout

    res = run_cli(*before, "status", "--db", db, *after, env=env)
    assert res.returncode == 0, res.stderr
    head = res.stdout.splitlines()[0]
    assert head.startswith("2026-Q4 per 27 nov 2026: bedrijf ") and "verwacht" in head, head
    assert any(t(f"status.{s}", "nl") in res.stdout for s in ("green", "amber", "red"))

    res = run_cli(*before, "status", "--db", db, "--quarter", "nonsense", *after, env=env)
    assert res.returncode == 2 and t("fix.quarter", "nl") in res.stderr


def test_the_command_line_stays_english_without_a_choice(run_cli, tmp_path):
    res = run_cli("template", str(tmp_path / "t.xlsx"))
    assert res.stdout.strip() == t("cli.template", "en", file=str(tmp_path / "t.xlsx"))
