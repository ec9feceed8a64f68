"""The Alignment page in AppTest, on a real DuckDB file built from fixture workbooks."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from okr import service
from okr.store import Store

from .conftest import AS_OF, ROOT, canonical_sheets
from .conftest import CASCADE_KEY_RESULTS as KEY_RESULTS, CASCADE_OBJECTIVES as OBJECTIVES, CASCADE_Q as Q, CASCADE_TEAMS as TEAMS

PAGE = "pages/2_Alignment.py"


@pytest.fixture
def app_db(tmp_path, monkeypatch, make_workbook):
    """make(objectives=..., key_results=...) -> path of a DuckDB with that workbook imported."""

    def make(objectives=OBJECTIVES, key_results=KEY_RESULTS, teams=TEAMS):
        db = tmp_path / "app.duckdb"
        store = Store.open(db)
        path = make_workbook(canonical_sheets(objectives, key_results, {"Teams": teams}))
        assert service.import_bytes(store, path.read_bytes(), path.name, AS_OF).stored
        store.close()
        monkeypatch.setenv("OKR_DB", str(db))
        return db

    monkeypatch.setenv("OKR_SAMPLE", "0")
    monkeypatch.setenv("OKR_LANG", "en")
    monkeypatch.delenv("OKR_PASSWORD", raising=False)
    return make


def open_page(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def dot(at: AppTest) -> str:
    charts = at.get("graphviz_chart")
    assert len(charts) == 1
    return charts[0].proto.spec


def frames(at: AppTest) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


def test_page_shows_the_whole_cascade_and_what_does_not_fit(app_db):
    app_db()
    at = open_page(quarter=Q)
    assert at.title[0].value == "Alignment"
    spec = dot(at)
    for oid in ["O-A", "O-B", "O-S", "O-M", "O-M2", "O-S1", "O-S2", "O-S3", "O-CS", "O-U", "O-X"]:
        assert f'"{oid}" [' in spec  # 11 objectives, depth 4: everything fits on one screen
    assert '"O-OLD" [' not in spec
    text = frames(at)
    assert "Our own thing" in text  # unaligned
    assert "Carry on" in text and "Last quarter's goal" in text and "2025-Q4" in text  # cross-quarter
    assert "Finance" in text  # a team without objectives
    # teams to open, furthest behind first, each with its status icon
    teams = [b.label for b in at.button if b.key.startswith("alignment_team_")]
    assert teams[0] == "■ Sales · 10%" and len(teams) == 7  # furthest behind first


def test_what_drags_names_the_team_with_hand_computed_numbers(app_db):
    app_db()
    at = open_page(quarter=Q)
    picker = at.selectbox(key=f"alignment_drag_{Q}_")
    picker.set_value("O-A").run()
    sentences = [m.value for m in at.markdown if "drags" in m.value]
    # O-S 0.4/3, O-M2 0.15/3, O-M 0.1/3: Sales 0.13 of 0.22
    assert sentences == ["Sales drags *Grow recurring revenue* most: 0.13 of 0.22 shortfall."]
    assert [b.label for b in at.button if b.key == "alignment_open_top"] == ["Open Sales"]


def test_levels_fold_and_one_branch_expands(app_db):
    app_db()
    at = open_page(quarter=Q)
    at.slider(key=f"alignment_levels_{Q}").set_value(1).run()
    spec = dot(at)
    assert '"O-S" [' not in spec and "+6 below: 1■ 1▲ 3● 1○" in spec
    at.selectbox(key=f"alignment_branch_{Q}").set_value("O-S1").run()
    spec = dot(at)
    assert '"O-S3" [' in spec and '"O-M" [' not in spec


def test_pick_a_team_opens_the_team_page(app_db):
    app_db()
    at = open_page(quarter=Q)
    at.button(key="alignment_team_Marketing").click().run()
    assert not at.exception
    assert at.query_params.get("team") == ["Marketing"] or at.query_params.get("team") == "Marketing"
    assert Q in str(at.query_params.get("quarter"))
    assert at.title[0].value == "Marketing"


def test_dutch(app_db):
    app_db()
    at = open_page(quarter=Q, lang="nl")
    assert at.title[0].value == "Samenhang"
    assert "niet verbonden" in dot(at)


def test_titles_are_data_not_markdown(app_db):
    objectives = [list(r) for r in OBJECTIVES]
    objectives[0][1] = "Grow *recurring* revenue $5 [x](http://evil)"
    app_db(objectives=objectives)
    at = open_page(quarter=Q)
    at.selectbox(key=f"alignment_drag_{Q}_").set_value("O-A").run()
    sentence = next(m.value for m in at.markdown if "drags" in m.value)
    assert "\\*recurring\\*" in sentence and "\\$5" in sentence and "\\[x\\]\\(http" in sentence


def test_empty_database(tmp_path, monkeypatch):
    monkeypatch.setenv("OKR_DB", str(tmp_path / "empty.duckdb"))
    monkeypatch.setenv("OKR_SAMPLE", "0")
    at = open_page()
    assert not at.get("graphviz_chart")
