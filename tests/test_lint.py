"""`okr lint FILE --json` in a real subprocess (docs/cli.md)."""

from __future__ import annotations

import json

from tests.conftest import SAMPLE_DIR, SPEC_KEY_RESULTS, canonical_sheets, write_xlsx
from tests.test_quality import SAMPLE_FINDINGS

KEYS = {"rule", "severity", "sheet", "row", "id", "message"}


def test_lint_sample_json_shape_and_findings(run_cli):
    res = run_cli("lint", str(SAMPLE_DIR / "okr-2026-11-27.xlsx"), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert isinstance(out, list) and out
    for f in out:
        assert set(f) == KEYS
        assert f["severity"] == "warning"
        assert isinstance(f["row"], int) and f["sheet"] in ("Objectives", "Key Results")
        assert f["message"].endswith(".")
    assert {(f["rule"], f["id"]) for f in out} == SAMPLE_FINDINGS
    crm = next(f for f in out if f["id"] == "KR-SALES-1-4")
    assert crm["rule"] == "activity-not-result" and crm["row"] == 21
    assert "describes an activity" in crm["message"] and "what result should this produce" in crm["message"]


def test_lint_a_workbook_the_import_refuses(run_cli, tmp_path):
    # a KR typed as a sentence with no target, one with text in the target cell
    krs = [list(r) for r in SPEC_KEY_RESULTS]
    krs[0][5] = None
    krs[0][2] = "We gaan meer leads genereren"
    krs[1][5] = "zoveel mogelijk"
    path = write_xlsx(tmp_path / "bad.xlsx", canonical_sheets(key_results=krs))
    imp = run_cli("import", str(path), "--db", str(tmp_path / "x.duckdb"))
    assert imp.returncode == 2
    res = run_cli("lint", str(path), "--json")
    assert res.returncode == 2, res.stderr
    out = json.loads(res.stdout)
    assert all(set(f) == KEYS for f in out)
    errors = [f for f in out if f["severity"] == "error"]
    warnings = [f for f in out if f["severity"] == "warning"]
    assert {(f["rule"], f["id"], f["row"]) for f in errors} >= {("missing_target", "KR-S-1", 2)}
    assert any(f["id"] == "KR-S-2" and f["row"] == 3 for f in errors)  # "zoveel mogelijk" is not a number
    # and the method's rules still ran on every row that could be read
    assert {(f["rule"], f["id"]) for f in warnings} == {
        ("activity-not-result", "KR-S-1"), ("not-measurable", "KR-S-1"), ("not-measurable", "KR-S-2")}
    # errors first
    assert [f["severity"] for f in out] == sorted((f["severity"] for f in out), key=lambda s: s != "error")


def test_lint_a_file_that_is_no_workbook(run_cli, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("id;objective\n1;Groei\n")
    res = run_cli("lint", str(path), "--json")
    assert res.returncode == 2
    out = json.loads(res.stdout)
    assert len(out) == 1 and out[0]["severity"] == "error" and set(out[0]) == KEYS
    assert "Traceback" not in res.stderr + res.stdout


def test_lint_clean_workbook_and_text_output_in_dutch(run_cli, tmp_path):
    path = write_xlsx(tmp_path / "spec.xlsx", canonical_sheets())
    res = run_cli("lint", str(path), "--json")
    assert (res.returncode, json.loads(res.stdout)) == (0, [])
    res = run_cli("lint", str(path), "--lang", "nl")
    assert res.returncode == 0 and "geen bevindingen" in res.stdout
    res = run_cli("lint", str(SAMPLE_DIR / "okr-2026-11-27.xlsx"), "--lang", "nl")
    assert res.returncode == 0
    assert "waarschuwing: Key Results!C21 [activity-not-result]" in res.stdout  # points at the KR text cell
    assert "beschrijft een activiteit" in res.stdout and "10 waarschuwing(en)" in res.stdout


def test_lint_missing_file(run_cli, tmp_path):
    res = run_cli("lint", str(tmp_path / "nope.xlsx"), "--json")
    assert res.returncode == 2 and "not found" in res.stderr


def test_lint_applies_the_caps_import_applies(run_cli, tmp_path):
    path = write_xlsx(tmp_path / "spec.xlsx", canonical_sheets())
    env = {"OKR_MAX_ROWS_PER_SHEET": "3"}
    imp = run_cli("import", str(path), "--db", str(tmp_path / "x.duckdb"), env=env)
    res = run_cli("lint", str(path), "--json", env=env)
    assert imp.returncode == res.returncode == 2
    (finding,) = json.loads(res.stdout)
    assert (finding["rule"], finding["severity"]) == ("too_many_rows", "error")
    assert finding["message"] in imp.stderr


def test_lint_names_the_sheets_it_ignored(run_cli, tmp_path):
    path = write_xlsx(tmp_path / "pivot.xlsx", canonical_sheets(extra={"Pivot": [["Team", "Objective"], ["Sales", "x"]]}))
    out = json.loads(run_cli("lint", str(path), "--json").stdout)
    assert [(f["rule"], f["sheet"], f["severity"]) for f in out] == [("sheet_ignored", "Pivot", "warning")]
