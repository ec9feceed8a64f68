"""The Alignment page in AppTest, on a real DuckDB file built from fixture workbooks."""

from __future__ import annotations

from .conftest import AS_OF, CASCADE_OBJECTIVES, CASCADE_Q as Q, build_db, cascade_sheets, run_page, xlsx_bytes

PAGE = "pages/2_Alignment.py"


def dot(at) -> str:
    charts = at.get("graphviz_chart")
    assert len(charts) == 1
    return charts[0].proto.spec


def frames(at) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


def test_page_shows_the_whole_cascade_and_what_does_not_fit(cascade_db, serve):
    serve(cascade_db)
    at = run_page(PAGE, quarter=Q)
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


def test_what_drags_names_the_team_with_hand_computed_numbers(cascade_db, serve):
    serve(cascade_db)
    at = run_page(PAGE, quarter=Q)
    picker = at.selectbox(key=f"alignment_drag_{Q}_")
    picker.set_value("O-A").run()
    sentences = [m.value for m in at.markdown if "drags" in m.value]
    # O-S 0.4/3, O-M2 0.15/3, O-M 0.1/3: Sales 0.13 of 0.22
    assert sentences == ["Sales drags *Grow recurring revenue* most: 0.13 of 0.22 shortfall."]
    assert [b.label for b in at.button if b.key == "alignment_open_top"] == ["Open Sales"]


def test_levels_fold_and_one_branch_expands(cascade_db, serve):
    serve(cascade_db)
    at = run_page(PAGE, quarter=Q)
    at.slider(key=f"alignment_levels_{Q}").set_value(1).run()
    spec = dot(at)
    assert '"O-S" [' not in spec and "+6 below: 1■ 1▲ 3● 1○" in spec
    at.selectbox(key=f"alignment_branch_{Q}").set_value("O-S1").run()
    spec = dot(at)
    assert '"O-S3" [' in spec and '"O-M" [' not in spec


def test_pick_a_team_opens_the_team_page(cascade_db, serve):
    serve(cascade_db)
    at = run_page(PAGE, quarter=Q)
    at.button(key="alignment_team_Marketing").click().run()
    assert not at.exception
    assert at.query_params.get("team") == ["Marketing"] or at.query_params.get("team") == "Marketing"
    assert Q in str(at.query_params.get("quarter"))
    assert at.title[0].value == "Marketing"


def test_dutch(cascade_db, serve):
    serve(cascade_db)
    at = run_page(PAGE, quarter=Q, lang="nl")
    assert at.title[0].value == "Samenhang"
    assert "niet verbonden" in dot(at)


def test_titles_are_data_not_markdown(serve, tmp_path):
    objectives = [list(r) for r in CASCADE_OBJECTIVES]
    objectives[0][1] = "Grow *recurring* revenue $5 [x](http://evil)"
    serve(build_db(tmp_path / "titles.duckdb", (xlsx_bytes(cascade_sheets(objectives)), "titles.xlsx", AS_OF)))
    at = run_page(PAGE, quarter=Q)
    at.selectbox(key=f"alignment_drag_{Q}_").set_value("O-A").run()
    sentence = next(m.value for m in at.markdown if "drags" in m.value)
    assert "\\*recurring\\*" in sentence and "\\$5" in sentence and "\\[x\\]\\(http" in sentence


def test_empty_database(serve):
    at = run_page(PAGE)
    assert not at.get("graphviz_chart")
