"""okr/ui: the shared page setup never lets a database problem reach the user as a traceback."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from okr.i18n import t
from okr.store import Store

from .conftest import ROOT, import_without, run_page


@pytest.mark.parametrize("part", ["okr.quality", "okr.export"])
def test_a_broken_part_of_okr_fails_loudly_instead_of_vanishing(part):
    """The pages' helpers import our own modules directly: a broken okr.quality
    stops the app at start instead of silently dropping every team's health."""
    res = import_without("okr.ui", part)
    assert res.returncode != 0 and f"import of {part} halted" in res.stderr, res.stderr


def test_database_of_a_newer_version_gets_a_sentence_not_a_traceback(tmp_path, serve):
    db = tmp_path / "future.duckdb"
    store = Store.open(db)
    with store.cursor() as cur:
        cur.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    store.close()

    serve(db)
    at = run_page()  # fails on an exception: the page must not raise
    assert [e.value for e in at.error] == [t("database.too_new", "en", db=db, seconds=10)]
    assert not at.metric  # nothing from the database is shown


def test_database_held_by_another_process_gets_a_sentence(tmp_path, serve, monkeypatch):
    db = tmp_path / "held.duckdb"
    Store.open(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from okr.store import Store; c = Store.open(sys.argv[1]).cursor(True); "
         "c.__enter__(); print('held', flush=True); time.sleep(60)", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        serve(db)
        monkeypatch.setenv("OKR_DB_WAIT", "0")
        at = run_page()
        assert [e.value for e in at.error] == [t("database.busy", "en", db=db, seconds=0)]
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    # once the other process is gone, the same database opens normally
    Store.open(db).close()


# --- the demo, quarters and "now" (issue 11) ------------------------------------------------


def _links(at) -> dict[str, str]:
    """The sidebar's page links: label -> query string."""
    return {el.proto.label: el.proto.query_string for el in at.sidebar.get("page_link")}


def _text(at) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


@pytest.fixture
def demo(serve, monkeypatch, sample_db):
    """The user's database is empty; the demo is the sample organisation in its own file."""
    monkeypatch.setenv("OKR_SAMPLE", "1")
    monkeypatch.setenv("OKR_DEMO_DB", str(sample_db))
    return sample_db


def test_an_empty_database_shows_the_demo_under_a_banner_and_creates_nothing(demo, tmp_path):
    at = run_page()
    assert t("demo.banner", "en") in _text(at)
    assert "2026-Q4" in at.caption[0].value and at.metric  # the demo's numbers are on screen
    assert _links(at)["Import"].endswith("quarter=2026-Q4")
    assert not (tmp_path / "empty.duckdb").exists()  # the user's database is not created by looking
    team = run_page("pages/1_Team.py", quarter="2026-Q4", team="Sales")
    assert t("demo.banner", "en") in _text(team)


def test_the_first_import_replaces_the_demo_with_the_users_quarter(demo, spec_db, serve, tmp_path):
    import shutil

    user = serve(shutil.copy(spec_db, tmp_path / "user.duckdb"))  # their 2026-Q1 uploads
    at = run_page()
    assert t("demo.banner", "en") not in _text(at)
    assert at.selectbox(key="_okr_quarter_widget").value == "2026-Q1"
    assert "2026-Q1" in at.caption[0].value
    from okr import service

    card = service.scorecard(Store.open(user), quarter="2026-Q1")
    assert at.metric[0].value == f"{card.company_progress * 100:.0f}%"
    sample_teams = {"Mobile", "Platform", "Marketing"}
    shown = " ".join(str(v) for df in at.dataframe for v in df.value.to_numpy().ravel())
    assert not sample_teams & set(shown.split())


def _two_quarter_db(tmp_path):
    from tests.conftest import AS_OF, build_db, canonical_sheets, xlsx_bytes

    q4 = [["O-Q4", "Groei in Q4", "Sales", "2026-Q4", "Bram", None, None]]
    q4_krs = [["KR-Q4", "O-Q4", "20 nieuwe klanten", "Bram", 0, 20, 4, None, None, None, None, None]]
    return build_db(tmp_path / "two.duckdb", (xlsx_bytes(canonical_sheets()), "q1.xlsx", AS_OF),
                    (xlsx_bytes(canonical_sheets(q4, q4_krs)), "q4.xlsx", __import__("datetime").date.today()))


def test_every_quarter_is_offered_and_the_link_quarter_is_kept(serve, tmp_path):
    serve(_two_quarter_db(tmp_path))
    at = run_page()
    picker = at.selectbox(key="_okr_quarter_widget")
    assert picker.options == ["2026-Q1", "2026-Q4"] and picker.value == "2026-Q4"  # today's quarter first
    q1 = run_page(quarter="2026-Q1")  # a deep link is honoured, not rewritten
    assert q1.selectbox(key="_okr_quarter_widget").value == "2026-Q1" and "2026-Q1" in q1.caption[0].value
    assert all(qs.endswith("quarter=2026-Q1") for qs in _links(q1).values())
    # switching the quarter carries the new one on every page link in the same run
    q1.selectbox(key="_okr_quarter_widget").select("2026-Q4").run()
    assert all(qs.endswith("quarter=2026-Q4") for qs in _links(q1).values())
    assert run_page(quarter="Q1 2026").selectbox(key="_okr_quarter_widget").value == "2026-Q1"  # any spelling
    team = run_page("pages/1_Team.py", quarter="2026-Q1")
    assert team.selectbox(key="_okr_quarter_widget").value == "2026-Q1"


def test_since_last_upload_compares_snapshots_of_the_same_quarter(serve, tmp_path):
    """The Q4 upload is the latest snapshot overall; Q1's 'since last upload' still has nothing to compare."""
    serve(_two_quarter_db(tmp_path))
    at = run_page(quarter="2026-Q1")
    assert t("ui.changes.none_before", "en") in [i.value for i in at.info]


def test_a_snapshot_deleted_on_the_import_page_is_gone_and_the_previous_is_now(app_db):
    before = [s.id for s in app_db.snapshots()]
    at = run_page("pages/3_Import.py", quarter="2026-Q1")
    at.selectbox(key="import_delete_pick").select(before[0]).run()
    assert at.button(key="import_delete").disabled  # not without the confirmation
    at.checkbox(key=f"import_delete_sure_{before[0]}").check().run()
    at.button(key="import_delete").click().run()
    assert not at.exception
    assert [s.id for s in app_db.snapshots()] == before[1:]
    assert any(f"Deleted snapshot {before[0]}" in s.value for s in at.success)


def test_the_themes_primary_colour_is_no_status_colour():
    """Buttons, toggles and progress bars take the theme's primary colour: a red
    one would paint good news red."""
    import tomllib

    from okr.palette import STATUS_COLORS

    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    primary = theme["primaryColor"].lower()
    assert primary not in {c.lower() for c in STATUS_COLORS.values()}
    assert primary not in {"#ff4b4b", "#ff0000", "#e69f00", "#009e73"}  # Streamlit's red, or any status hue
