"""The `okr` command line through a real subprocess (docs/cli.md): exit codes, JSON shape, errors naming cells."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import duckdb
import pytest

from okr.i18n import t
from okr.store import Store
from tests.conftest import (EXPECTED_ERRORS, FLAT_HEADER, ROOT, SPEC_KEY_RESULTS, broken_sheets, canonical_sheets,
                            flat_rows)

STATUSES = {"green", "amber", "red", "no update"}
TOP = {"as_of", "quarter", "teams", "objectives", "key_results"}
# docs/scoring.md: the forecast, per key result, objective and team
FORECAST = {"forecast_progress", "forecast_status"}
TEAM = {"team", "progress", "status"} | FORECAST
OBJECTIVE = {"id", "title", "team", "parent", "type", "progress", "status"} | FORECAST
KEY_RESULT = {"id", "objective", "title", "owner", "progress", "progress_raw", "status", "reported_status",
              "forecast", "forecast_progress_raw", "stale", "last_change", "confidence", "confidence_drop"} | FORECAST
# deliberate additions beyond docs/cli.md (additive, never renamed): expected progress, the company line, mismatch flag
EXTRA_TOP, EXTRA_KR = {"expected", "company"}, {"mismatch"}


def contents(db: Path) -> dict:
    s = Store(db)
    try:
        return s.table_contents()
    finally:
        s.close()


def status_json(run_cli, *args, env=None) -> dict:
    res = run_cli("status", "--json", *args, env=env)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    return json.loads(res.stdout)


def check_shape(js: dict) -> None:
    assert set(js) == TOP | EXTRA_TOP
    assert js["teams"] and js["objectives"] and js["key_results"]
    assert all(set(t) == TEAM for t in js["teams"])
    assert all(set(o) == OBJECTIVE for o in js["objectives"])
    assert all(set(k) == KEY_RESULT | EXTRA_KR for k in js["key_results"])
    for item in js["teams"] + js["objectives"] + js["key_results"]:
        assert item["status"] in STATUSES
        assert item["progress"] is None or 0.0 <= item["progress"] <= 1.0
    assert all(k["reported_status"] in STATUSES | {None} for k in js["key_results"])


def test_import_status_reimport_canonical(run_cli, make_workbook, tmp_path):
    path = make_workbook(canonical_sheets(), name="spec.xlsx")
    res = run_cli("import", str(path), "--as-of", "2026-02-15")
    assert res.returncode == 0, res.stderr
    assert "Imported" in res.stdout and "snapshot 1" in res.stdout
    assert "4 objectives, 6 key results, 4 teams, quarters 2026-Q1" in res.stdout
    assert (tmp_path / "okr.duckdb").exists()  # the default database lives in the working directory

    js = status_json(run_cli)
    check_shape(js)
    assert (js["as_of"], js["quarter"]) == ("2026-02-15", "2026-Q1")
    krs = {k["id"]: k for k in js["key_results"]}
    assert krs["KR-S-1"] == {"id": "KR-S-1", "objective": "O-SALES-1",
                             "title": "15 Sales Qualified Leads (SQL's) gerealiseerd in Q1", "owner": "Bram",
                             "progress": 0.6, "progress_raw": 0.6, "status": "green", "reported_status": "green",
                             "mismatch": False,
                             # one dated value (the current, at the as-of): no forecast yet, not stale
                             "forecast": None, "forecast_progress": None, "forecast_progress_raw": None,
                             "forecast_status": None, "stale": False, "last_change": "2026-02-15",
                             "confidence": None, "confidence_drop": False}
    assert (krs["KR-S-2"]["status"], krs["KR-S-2"]["mismatch"]) == ("red", True)      # reported green, numbers red
    assert (krs["KR-S-3"]["progress"], krs["KR-S-3"]["progress_raw"]) == (1.0, 1.3)   # over-achievement
    assert (krs["KR-CS-1"]["progress"], krs["KR-CS-1"]["status"]) == (0.6667, "green")  # decrease 8 -> 5, now 6
    assert (krs["KR-CS-2"]["progress"], krs["KR-CS-2"]["status"]) == (1.0, "green")   # milestone done
    assert (krs["KR-P-1"]["progress"], krs["KR-P-1"]["progress_raw"], krs["KR-P-1"]["status"]) == \
        (0.0, None, "no update")                                                     # missing value
    objs = {o["id"]: o for o in js["objectives"]}
    assert objs["O-SALES-1"] == {"id": "O-SALES-1", "title": "Versterk onze marktpositie in de IT-sector",
                                 "team": "Sales", "parent": "O-CO-1", "type": "committed", "progress": 0.5333,
                                 "status": "green", "forecast_progress": None, "forecast_status": None}
    assert (objs["O-CS-1"]["progress"], objs["O-PROD-1"]["type"], objs["O-PROD-1"]["status"]) == \
        (0.7778, "aspirational", "no update")
    assert (objs["O-CO-1"]["progress"], objs["O-CO-1"]["status"]) == (0.437, "green")
    assert {t["team"]: (t["progress"], t["status"]) for t in js["teams"]} == {
        "Company": (0.437, "green"), "Sales": (0.5333, "green"), "Customer Success": (0.7778, "green"),
        "Product": (0.0, "no update")}

    before = contents(tmp_path / "okr.duckdb")
    again = run_cli("import", str(path), "--as-of", "2026-02-22")
    assert again.returncode == 0 and "already imported" in again.stdout
    assert contents(tmp_path / "okr.duckdb") == before


def test_flat_dutch_layout_reproduces_spec(run_cli, make_workbook):
    rows = [["OKR's Noordwind — K1 2026"], []] + [[h.upper() for h in FLAT_HEADER]] + flat_rows()
    path = make_workbook({"OKR": rows}, name="plat.xlsx")
    res = run_cli("--lang", "nl", "import", str(path), "--as-of", "2026-02-15")
    assert res.returncode == 0, res.stderr
    assert "geïmporteerd" in res.stdout and "4 doelstellingen, 7 kernresultaten" in res.stdout
    js = status_json(run_cli, "--quarter", "K1 2026")
    check_shape(js)
    krs = {k["title"]: k for k in js["key_results"]}
    assert (krs["Omzet naar € 1.000.000"]["progress"], krs["Omzet naar € 1.000.000"]["status"]) == (0.45, "green")
    assert (krs["3 nieuwe contracten"]["status"], krs["3 nieuwe contracten"]["reported_status"],
            krs["3 nieuwe contracten"]["mismatch"]) == ("red", "green", True)
    assert (krs["20% meer volgers"]["progress"], krs["20% meer volgers"]["progress_raw"]) == (1.0, 1.3)
    assert (krs["Churn van 8% naar 5%"]["progress"], krs["Churn van 8% naar 5%"]["reported_status"]) == \
        (0.6667, "amber")
    assert krs["Enquête verstuurd"]["progress"] == 1.0
    assert (krs["NPS van 30 naar 50"]["progress_raw"], krs["NPS van 30 naar 50"]["status"]) == (None, "no update")
    objs = {o["title"]: o for o in js["objectives"]}
    assert objs["Versterk onze marktpositie in de IT-sector"]["progress"] == 0.5333
    assert objs["Versterk onze marktpositie in de IT-sector"]["parent"] == objs["Groei naar een leidende positie"]["id"]
    assert objs["Klanten blijven omdat ze willen"]["progress"] == 0.7778
    assert objs["Het beste product in de markt"]["type"] == "aspirational"
    assert {t["team"]: t["status"] for t in js["teams"]} == {
        "Company": "green", "Sales": "green", "Customer Success": "green", "Product": "no update"}


@pytest.mark.parametrize("lang, words", [("en", ("not imported", "problem(s)", "unchanged", "is not a number")),
                                         ("nl", ("niet geïmporteerd", "probleem", "niet gewijzigd", "is geen getal"))])
def test_bad_workbook_exit_2_lists_every_cell_db_unchanged(run_cli, make_workbook, tmp_path, lang, words):
    db = tmp_path / "okr.duckdb"
    assert run_cli("import", str(make_workbook(canonical_sheets())), "--as-of", "2026-02-08").returncode == 0
    before = contents(db)
    res = run_cli("import", str(make_workbook(broken_sheets(), name="broken.xlsx")), env={"OKR_LANG": lang})
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""
    for word in words:
        assert word in res.stderr
    for _code, cell in EXPECTED_ERRORS:
        assert cell in res.stderr, cell
    assert f" {len(EXPECTED_ERRORS)} " in res.stderr.splitlines()[0]
    assert contents(db) == before


def test_bad_workbook_into_fresh_db_creates_nothing_to_see(run_cli, make_workbook, tmp_path):
    res = run_cli("import", str(make_workbook(broken_sheets())))
    assert res.returncode == 2
    db = tmp_path / "okr.duckdb"
    assert not db.exists() or all(not rows for name, rows in contents(db).items() if name != "meta")


def test_not_xlsx_is_one_sentence(run_cli, tmp_path):
    csv = tmp_path / "okr.xlsx"
    csv.write_text("id;objective;team;quarter\nO-1;Groei;Sales;2026-Q1\n")
    res = run_cli("import", str(csv))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "CSV" in res.stderr
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    res = run_cli("import", str(empty))
    assert res.returncode == 2 and "empty" in res.stderr and "Traceback" not in res.stderr
    res = run_cli("import", str(tmp_path / "missing.xlsx"))
    assert res.returncode == 2 and "not found" in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_template_then_reimport(run_cli, tmp_path, lang):
    out = tmp_path / f"template-{lang}.xlsx"
    res = run_cli("template", str(out), "--lang", lang)
    assert res.returncode == 0 and out.exists(), res.stderr
    res = run_cli("import", str(out), "--as-of", "2026-02-15")
    assert res.returncode == 0, res.stderr
    assert "Imported" in res.stdout
    check_shape(status_json(run_cli))


def test_db_flag_and_env(run_cli, make_workbook, tmp_path):
    path = make_workbook(canonical_sheets())
    env_db, flag_db = tmp_path / "env" / "a.duckdb", tmp_path / "flag.duckdb"
    assert run_cli("import", str(path), "--as-of", "2026-02-15", env={"OKR_DB": str(env_db)}).returncode == 0
    assert env_db.exists() and not (tmp_path / "okr.duckdb").exists()
    assert status_json(run_cli, "--db", str(env_db))["as_of"] == "2026-02-15"
    assert status_json(run_cli, env={"OKR_DB": str(env_db)})["as_of"] == "2026-02-15"
    res = run_cli("import", str(path), "--db", str(flag_db), "--as-of", "2026-02-01", env={"OKR_DB": str(env_db)})
    assert res.returncode == 0 and "snapshot 1" in res.stdout  # --db wins: a new database, not a repeat
    assert status_json(run_cli, "--db", str(flag_db))["as_of"] == "2026-02-01"


def test_quarter_in_any_form(run_cli, make_workbook, tmp_path):
    db = tmp_path / "q.duckdb"
    assert run_cli("import", str(make_workbook()), "--db", str(db), "--as-of", "2026-05-10").returncode == 0
    for quarter in ("2026-Q1", "Q1 2026", "2026 Q1", "Q1-2026", "2026Q1", "K1 2026"):
        js = status_json(run_cli, "--db", str(db), "--quarter", quarter)
        assert js["quarter"] == "2026-Q1" and js["as_of"] == "2026-05-10", quarter
        # after the quarter ended everything is expected to be done
        assert {o["id"]: o["status"] for o in js["objectives"]}["O-SALES-1"] == "red"


def test_status_errors(run_cli, make_workbook, tmp_path):
    res = run_cli("status", "--json")
    assert res.returncode == 2 and "No workbook has been imported" in res.stderr and res.stdout == ""
    assert run_cli("import", str(make_workbook()), "--as-of", "2026-02-15").returncode == 0
    res = run_cli("status", "--json", "--quarter", "Q5 2026")
    assert res.returncode == 2 and "'Q5 2026' is not a quarter." in res.stderr
    res = run_cli("status", "--json", "--quarter", "2025-Q3")
    assert res.returncode == 2 and "no objectives in 2025-Q3" in res.stderr
    res = run_cli("status")  # the human-readable table
    assert res.returncode == 0 and "2026-Q1 as of 15 Feb 2026" in res.stdout and "Customer Success" in res.stdout
    for res in (run_cli("status", "--json", "--quarter", "Q5 2026"), run_cli("import", "--as-of", "gisteren", "x")):
        assert "Traceback" not in res.stderr


def test_future_schema_refused_clearly(run_cli, make_workbook, tmp_path):
    db = tmp_path / "okr.duckdb"
    with Store(db).cursor(write=True) as cur:
        cur.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    for res in (run_cli("status", "--json"), run_cli("import", str(make_workbook())), run_cli("snapshots")):
        assert res.returncode == 3, res.stderr
        assert res.stderr.strip() == t("database.too_new", "en", db=db.resolve(), seconds=10)
        assert "Traceback" not in res.stderr and "went wrong" not in res.stderr


def test_import_shows_at_most_twenty_warnings_and_points_to_lint(make_workbook, run_cli, tmp_path):
    krs = [[f"KR-{i}", "O-SALES-1", f"{i} nieuwe klanten gesloten", None, 0, 10, 5, None, None, None, None, None]
           for i in range(25)]  # 25 KRs without an owner: 26+ warnings
    wb = make_workbook(canonical_sheets(key_results=krs))
    r = run_cli("import", str(wb), "--db", str(tmp_path / "w.duckdb"), "--as-of", "2026-02-15")
    assert r.returncode == 0, r.stderr
    warning_lines = [ln for ln in r.stdout.splitlines() if ln.startswith("  ") and "more warning" not in ln]
    assert len(warning_lines) == 20
    assert f"run `okr lint {wb}`" in r.stdout


def test_a_broken_alignment_module_fails_the_commands_that_need_it_loudly(spec_workbook, tmp_path):
    """`okr import` never needs okr.alignment (it is timed against a bare
    reader); `okr status --tree` does, and says so instead of drawing nothing."""
    import subprocess

    def okr_without_alignment(*args):
        code = ("import sys; sys.modules['okr.alignment'] = None; from okr.cli import main; "
                f"sys.exit(main({list(args)!r}))")
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)

    db = str(tmp_path / "okr.duckdb")
    imported = okr_without_alignment("import", str(spec_workbook), "--db", db, "--as-of", "2026-02-15")
    assert imported.returncode == 0, imported.stderr
    res = okr_without_alignment("status", "--tree", "--db", db)
    assert res.returncode == 1 and "import of okr.alignment halted" in res.stderr, res.stderr
    assert "Traceback" not in res.stderr


def test_an_escape_character_in_a_team_name_never_reaches_the_terminal(run_cli, tmp_path):
    from tests.conftest import package_xlsx

    def row(r, values):
        return f'<row r="{r}">' + "".join(f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                                          for i, v in enumerate(values)) + "</row>"

    objectives = row(1, ["id", "objective", "team", "quarter"]) + row(2, ["O-1", "Groei", "Sales_x001B_]0;pwned_x0007_",
                                                                         "2026-Q1"])
    krs = row(1, ["id", "objective", "key result", "target", "current"]) + row(2, ["KR-1", "O-1", "Leads", "15", "5"])
    path = tmp_path / "esc.xlsx"
    path.write_bytes(package_xlsx({"Objectives": objectives, "Key Results": krs}))
    db = str(tmp_path / "esc.duckdb")
    res = run_cli("import", str(path), "--db", db, "--as-of", "2026-02-15")
    assert res.returncode == 0, res.stderr
    for args in (("status", "--db", db), ("status", "--db", db, "--json"), ("lint", str(path))):
        res = run_cli(*args)
        assert "\x1b" not in res.stdout + res.stderr and "\x07" not in res.stdout + res.stderr
    assert "Sales]0;pwned" in run_cli("status", "--db", db).stdout


def test_a_number_too_large_is_refused_so_status_json_stays_json(run_cli, make_workbook, tmp_path):
    krs = [list(r) for r in SPEC_KEY_RESULTS]
    krs[0][6] = "1" + "0" * 400
    path = make_workbook(canonical_sheets(key_results=krs))
    db = str(tmp_path / "big.duckdb")
    res = run_cli("import", str(path), "--db", db)
    assert res.returncode == 2 and "Key Results!G2" in res.stderr and "too large a number" in res.stderr
    assert not Path(db).exists() or contents(Path(db))["snapshots"] == []


@pytest.mark.parametrize("env", [{"OKR_MAX_CELLS": "abc"}, {"OKR_GREEN_GAP": "-0.1"}, {"OKR_MAX_ROWS_PER_SHEET": "0"}])
def test_a_bad_setting_is_one_sentence(run_cli, spec_workbook, tmp_path, env):
    for args in (("import", str(spec_workbook), "--db", str(tmp_path / "s.duckdb")), ("lint", str(spec_workbook))):
        res = run_cli(*args, env=env)
        assert res.returncode == 2 and "Traceback" not in res.stderr
        (line,) = res.stderr.strip().splitlines()
        name, value = next(iter(env.items()))
        assert line.startswith(f"The setting {name} is '{value}', which is not")
    assert not (tmp_path / "s.duckdb").exists()


def test_progress_shows_on_a_terminal_after_a_while_and_never_on_a_pipe():
    import io
    import time

    from okr.cli import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term = Terminal()
    progress = Progress("en", term, after=0.05)
    progress("reading")
    assert term.getvalue() == ""  # a quick import says nothing
    time.sleep(0.3)
    progress("checking")
    progress.done()
    assert term.getvalue().splitlines() == ["Reading the workbook…", "Checking every cell…"]
    pipe = io.StringIO()
    progress = Progress("nl", pipe, after=0.0)
    progress("reading")
    time.sleep(0.1)
    progress("storing")
    progress.done()
    assert pipe.getvalue() == ""


def test_import_through_a_pipe_prints_no_progress(run_cli, spec_workbook, tmp_path):
    res = run_cli("import", str(spec_workbook), "--db", str(tmp_path / "p.duckdb"))
    assert res.returncode == 0 and "Reading the workbook" not in res.stdout + res.stderr


# --- snapshots, as-of and organisations (issue 11) ---------------------------------------


def _week(make_workbook, current: int, name: str):
    krs = [list(r) for r in SPEC_KEY_RESULTS]
    krs[0][6] = current
    return make_workbook(canonical_sheets(key_results=krs), name=name)


def test_snapshots_lists_them_and_delete_snapshot_asks_first(run_cli, make_workbook, tmp_path):
    db = str(tmp_path / "s.duckdb")
    for i, (current, as_of) in enumerate(((5, "2026-02-08"), (9, "2026-02-15"))):
        assert run_cli("import", str(_week(make_workbook, current, f"w{i}.xlsx")), "--db", db,
                       "--as-of", as_of).returncode == 0
    res = run_cli("snapshots", "--db", db, "--json")
    assert res.returncode == 0, res.stderr
    listed = json.loads(res.stdout)
    assert [(s["id"], s["file"], s["as_of"], s["quarters"], s["now_for"]) for s in listed] == [
        (2, "w1.xlsx", "2026-02-15", ["2026-Q1"], ["2026-Q1"]), (1, "w0.xlsx", "2026-02-08", ["2026-Q1"], [])]
    assert listed[0]["key_results"] == 6 and listed[0]["objectives"] == 4
    text = run_cli("snapshots", "--db", db).stdout
    assert "w1.xlsx" in text and "now for 2026-Q1" in text
    before = contents(Path(db))
    dry = run_cli("delete-snapshot", "2", "--db", db)
    assert dry.returncode == 0 and "okr delete-snapshot 2 --yes" in dry.stdout and "w1.xlsx" in dry.stdout
    assert contents(Path(db)) == before  # without --yes nothing goes
    done = run_cli("delete-snapshot", "2", "--db", db, "--yes")
    assert done.returncode == 0 and "Deleted snapshot 2 (w1.xlsx). Now: 2026-Q1: 1." in done.stdout
    assert [s["id"] for s in json.loads(run_cli("snapshots", "--db", db, "--json").stdout)] == [1]
    assert status_json(run_cli, "--db", db)["as_of"] == "2026-02-08"  # the previous one is now again
    gone = run_cli("delete-snapshot", "2", "--db", db, "--yes")
    assert gone.returncode == 2 and "There is no snapshot 2" in gone.stderr
    nl = run_cli("delete-snapshot", "1", "--db", db, "--lang", "nl")
    assert "Er is niets verwijderd" in nl.stdout


def test_an_as_of_in_the_future_or_before_the_quarter_is_refused(run_cli, make_workbook, tmp_path):
    db = tmp_path / "a.duckdb"
    wb = make_workbook()
    for as_of, words in (("2062-02-15", "lies after today"), ("2025-12-31", "lies before the workbook's first")):
        res = run_cli("import", str(wb), "--db", str(db), "--as-of", as_of)
        assert res.returncode == 2 and words in res.stderr and "Traceback" not in res.stderr
        assert not db.exists()  # nothing was written, not even an empty database
    res = run_cli("import", str(wb), "--db", str(db), "--as-of", "2062-02-15", "--json")
    out = json.loads(res.stdout)
    assert res.returncode == 2 and (out["status"], out["reason"]) == ("refused", "as_of_future")


def test_the_default_as_of_is_said(run_cli, make_workbook, tmp_path):
    res = run_cli("import", str(make_workbook()), "--db", str(tmp_path / "d.duckdb"))
    assert res.returncode == 0, res.stderr
    assert "As of 31 Mar 2026, the last day of 2026-Q1" in res.stdout


def test_another_organisations_workbook_needs_yes(run_cli, make_workbook, tmp_path):
    db = str(tmp_path / "o.duckdb")
    assert run_cli("import", str(make_workbook()), "--db", db, "--as-of", "2026-02-15").returncode == 0
    other = make_workbook(canonical_sheets(
        [["X-1", "Meer brood", "Bakkerij", "2026-Q1", "Iris", None, None]],
        [["XK-1", "X-1", "100 broden per dag", "Iris", 0, 100, 40, None, None, None, None, None]]), name="bakker.xlsx")
    before = contents(Path(db))
    res = run_cli("import", str(other), "--db", db, "--as-of", "2026-02-15", "--json")
    assert res.returncode == 2
    out = json.loads(res.stdout)
    assert (out["status"], out["reason"]) == ("refused", "other_organisation")
    assert out["other_organisation"] == {"snapshot": 1, "file": "workbook-1.xlsx", "as_of": "2026-02-15"}
    assert "shares no objective id and no team with snapshot 1" in res.stderr and "--yes" in res.stderr
    assert contents(Path(db)) == before
    res = run_cli("import", str(other), "--db", db, "--as-of", "2026-02-15", "--yes", "--json")
    assert res.returncode == 0 and json.loads(res.stdout)["status"] == "imported"


def test_status_on_a_missing_database_creates_nothing(run_cli, tmp_path):
    path = tmp_path / "no" / "such" / "okr.duckdb"
    for args in (("status", "--db", str(path)), ("snapshots", "--db", str(path), "--json")):
        res = run_cli(*args)
        assert res.returncode in (0, 2) and "Traceback" not in res.stderr
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("content, reason", [(b"hello world" * 100, "damaged"), (b"", "damaged")])
def test_a_damaged_database_is_exit_3_with_one_sentence(run_cli, make_workbook, tmp_path, content, reason):
    db = tmp_path / "bad.duckdb"
    db.write_bytes(content)
    for args in (("status", "--db", str(db)), ("import", str(make_workbook()), "--db", str(db)),
                 ("snapshots", "--db", str(db))):
        res = run_cli(*args)
        assert res.returncode == 3, res.stderr
        assert res.stderr.strip() == t(f"database.{reason}", "en", db=db.resolve(), seconds=10)
    assert db.read_bytes() == content


def test_the_missing_target_column_is_refused_with_exit_2(run_cli, make_workbook, tmp_path):
    sheets = canonical_sheets()
    header = sheets["Key Results"][0]
    i = header.index("target")
    sheets["Key Results"] = [row[:i] + row[i + 1:] for row in sheets["Key Results"]]
    db = tmp_path / "t.duckdb"
    res = run_cli("import", str(make_workbook(sheets)), "--db", str(db), "--as-of", "2026-02-15")
    assert res.returncode == 2 and "Column 'target' is missing." in res.stderr
    assert not db.exists()


def test_a_read_only_database_can_be_shown_but_not_written(run_cli, make_workbook, tmp_path):
    """An immutable file (chattr +i) stops even root from writing, as a read-only
    mount or a file without write permission stops any other user."""
    import subprocess

    db = tmp_path / "ro.duckdb"
    assert run_cli("import", str(make_workbook()), "--db", str(db), "--as-of", "2026-02-15").returncode == 0
    before = db.read_bytes()
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable files (chattr +i)")
    try:
        shown = run_cli("status", "--db", str(db), "--json")
        assert shown.returncode == 0 and json.loads(shown.stdout)["quarter"] == "2026-Q1"
        krs = [list(r) for r in SPEC_KEY_RESULTS]
        krs[0][6] = 11
        res = run_cli("import", str(make_workbook(canonical_sheets(key_results=krs))), "--db", str(db),
                      "--as-of", "2026-02-16")
        assert res.returncode == 3, res.stderr
        assert res.stderr.strip() == t("database.read_only", "en", db=db.resolve(), seconds=10)
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert db.read_bytes() == before


def test_json_text_is_readable_valid_json_and_never_nan():
    from okr.cli import json_text

    payload = {"as_of": "2026-02-15", "company": {"progress": 0.5, "tree": {"a": [1]}},
               "key_results": [{"id": "K-1", "title": "Churn “8%” → 5%", "progress": 0.25}, {"id": "K-2"}], "none": []}
    text = json_text(payload)
    assert json.loads(text) == payload
    lines = text.splitlines()
    assert '  "company": {' in lines and '    "progress": 0.5,' in lines  # objects indented to the second level
    assert '    {"id": "K-1", "title": "Churn “8%” → 5%", "progress": 0.25},' in lines  # one line per item
    assert json.loads(json_text([{"rule": "x"}])) == [{"rule": "x"}]
    with pytest.raises(ValueError):
        json_text({"key_results": [{"forecast": float("nan")}]})
