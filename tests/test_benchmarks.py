"""The benchmark: its generated workbook is read exactly, and the harness
runs end to end at a small size (a smoke run, not a measurement)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from benchmarks import generate
from okr import workbook
from tests.conftest import ROOT


def test_generated_workbook_reads_clean_with_exact_counts(tmp_path):
    path = generate.write(tmp_path / "bench.xlsx", 300)
    parsed = workbook.read(path)
    assert parsed.errors == []
    assert len(parsed.key_results) == 300
    assert len(parsed.objectives) == 100
    assert len(parsed.checkins) == 300 * generate.CHECKINS_PER_KR
    assert parsed.quarters == [generate.QUARTER]
    # a cascade: every non-company objective has a parent, and there are four team levels
    assert sum(1 for o in parsed.objectives if o.parent) > 80
    parent = {t.team: t.parent_team for t in parsed.teams}
    depth = max(len(list(_chain(parent, t))) for t in parent)
    assert depth == 4
    # mixed formats arrived: percent cells, text numbers, milestones
    assert any(k.unit == "%" for k in parsed.key_results)
    assert any(k.kind == "milestone" for k in parsed.key_results)


def _chain(parent, team):
    while team:
        yield team
        team = parent.get(team)


def test_every_check_in_is_the_value_and_date_the_generator_wrote(tmp_path):
    """Real date cells and percent-formatted cells, compared value by value
    with what the generator put in: one added to every value, a date a day
    off or a percent cell left unscaled fails here."""
    n = 240
    path = generate.write(tmp_path / "bench.xlsx", n)
    (_o, _), (_k, _), (rows, styles), _t = generate.workbook_rows(n)
    parsed = workbook.read(path)
    got = list(zip(parsed.checkins.key_result, parsed.checkins.date, parsed.checkins.value))
    assert len(got) == len(rows) - 1
    epoch = dt.date(1899, 12, 30)
    checked = 0
    for (kid, serial, value, _c), style, (g_kid, g_day, g_value) in zip(rows[1:], styles[1:], got):
        assert (g_kid, g_day) == (kid, epoch + dt.timedelta(days=serial))
        if isinstance(value, float) or isinstance(value, int):
            want = round(value * 100, 10) if style.get(2) == generate.S_PCT else float(value)
            assert g_value == want, (kid, serial, value)
            checked += 1
        elif value is None:
            assert g_value is None
    assert checked > len(got) // 2


def test_benchmark_script_runs_end_to_end_at_a_small_size(tmp_path):
    out = tmp_path / "results.json"
    res = subprocess.run([sys.executable, "-m", "benchmarks", "--sizes", "150", "--repeat", "1", "--no-pages",
                          "--no-browser", "--out", str(out), "--workbooks", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    results = json.loads(out.read_text())
    (size,) = results["sizes"]
    assert size["krs"] == 150 and size["import_s"] > 0 and size["import_rss_mb"] > 0 and size["status_s"] > 0
    assert size["reference"] and size["ratio"] > 0  # at least one reference reader ran
    assert size["floor"]["s"] > 0 and size["floor"]["rss_mb"] > 0
    assert size["import_over_floor"] == pytest.approx(size["import_s"] / size["floor"]["s"])
    row = next(line for line in res.stdout.splitlines() if line.startswith("| 150 | 1,950 |"))  # the table it prints
    assert f"| {size['floor']['s']:.2f} s | {size['floor']['rss_mb']:.0f} MB | {size['import_over_floor']:.2f}× |" in row
    bench = results["backtest"]["benchmark 150 KRs"]
    assert sorted(bench["weeks"]) == ["4", "6", "8"] and all(w["n"] > 100 for w in bench["weeks"].values())
    assert results["backtest"]["cost"]["krs"] == 150 and results["backtest"]["cost"]["fit_s"] > 0
    assert "| benchmark 150 KRs | 4 | 2026-07-28 |" in res.stdout


def test_backtest_measures_the_forecast_against_the_final_value(store):
    """Straight lines are forecast without error; a key result that stops
    growing after week 4 is forecast too high from week 4 (its error is known)."""
    from benchmarks import backtest

    from .conftest import checkins_on, history_kr, history_workbook, q1_day, store_history

    weekly = range(0, 71, 7)  # days 0 .. 70: the last value on 12 March (day 70)
    straight = checkins_on("LINE", {d: d for d in weekly})
    stops = checkins_on("STOP", {d: min(d, 21) for d in weekly})
    store_history(store, history_workbook([history_kr("LINE", target=100), history_kr("STOP", target=100),
                                           history_kr("M", start=None, target=None, kind="milestone")],
                                          straight + stops + checkins_on("M", {d: 0 for d in weekly})),
                  as_of=q1_day(70))
    result = backtest.backtest(store)
    assert (result["quarter"], result["end"], result["krs"]) == ("2026-Q1", "2026-03-12", 2)  # the milestone: none
    week4 = result["weeks"][4]  # values up to day 27: STOP has 0, 7, 14, 21 -> 1 a day, 70 on day 70; it ends at 21
    assert week4["cutoff"] == "2026-01-28" and week4["n"] == 2
    assert week4["mae"] == pytest.approx((0 + (70 - 21)) / 2)  # in progress points of a target of 100
    assert week4["status_match"] == 1.0  # both will miss (70% and 21%, and 70% and 70%)
    assert result["weeks"][8]["mae"] > 0 and set(result["weeks"]) == {4, 6, 8}


def test_floor_reads_every_row_and_its_scan_mode_runs_okrs_scan(tmp_path):
    """The floor hands over every row of every sheet; in `scan` mode it first
    runs okr's byte scan, which refuses a worksheet declaring a DTD."""
    from tests.hostile.make_corpus import rezip, with_doctype, xxe

    path = generate.write(tmp_path / "bench.xlsx", 120)
    parsed = workbook.read(path)
    rows = len(parsed.objectives) + len(parsed.key_results) + len(parsed.checkins) + len(parsed.teams) + 4

    def floor(mode: str, p) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "benchmarks.floor", mode, str(p)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)

    for mode in ("read", "scan"):
        res = floor(mode, path)
        assert res.returncode == 0, res.stderr
        assert int(res.stdout) == rows
    hostile = tmp_path / "doctype.xlsx"
    hostile.write_bytes(rezip(path.read_bytes(), {"xl/worksheets/sheet3.xml": with_doctype(xxe("worksheet"))}))
    assert floor("read", hostile).returncode == 0  # calamine alone reads it
    res = floor("scan", hostile)
    assert res.returncode != 0 and "XlsxError" in res.stderr
