"""The benchmark's generated workbook is a real, clean workbook of the size
asked for, and the check-in fast path reads what the generic path reads."""

from __future__ import annotations

import datetime as dt

from benchmarks import generate
from okr import workbook, xlsx


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


def test_checkin_fast_path_matches_generic_path(tmp_path):
    path = generate.write(tmp_path / "bench.xlsx", 90)
    sheets = xlsx.read_workbook(path)
    fast = workbook.interpret(sheets)
    # make every check-in row take the generic path: dates as ISO text
    for sheet in sheets:
        if sheet.name == "Check-ins":
            for _r, values in sheet.rows[1:]:
                if isinstance(values[1], dt.datetime):
                    values[1] = values[1].date().isoformat()
    generic = workbook.interpret(sheets)
    assert fast.errors == generic.errors == []
    assert [(c.key_result, c.date, c.value, c.comment) for c in fast.checkins] == \
        [(c.key_result, c.date, c.value, c.comment) for c in generic.checkins]
    assert any(c.value is not None and 0 < c.value < 100 and c.value != int(c.value) for c in fast.checkins)
