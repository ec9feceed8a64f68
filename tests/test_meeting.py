"""okr/meeting.py: the meeting's screens, in agenda order, worded in the
meeting's language, each list within what fits on one screen."""

from __future__ import annotations

import pytest

from okr import alignment, changes, meeting, quality, service
from okr.store import Store
from tests.conftest import AS_OF, SPEC_KEY_RESULTS, SPEC_OBJECTIVES, canonical_sheets, xlsx_bytes


def build(db, quarter: str, lang: str = "en") -> tuple[meeting.Meeting, object]:
    store = Store(db)
    tl = service.timeline(store)
    card = service.scorecard(store, quarter=quarter)
    prev = tl.previous(quarter, card.snapshot_id)
    before = service.scorecard(store, prev.id, quarter) if prev else None
    snap = store.load(card.snapshot_id)
    report = quality.snapshot_report(store, card.snapshot_id, quarter, lang)
    m = meeting.build(card, lang, changes=changes.compare(before, card), findings=report.findings,
                      tree=alignment.build(card, snap.objectives, snap.teams))
    return m, card


def test_the_agenda_of_the_sample(sample_db):
    m, card = build(sample_db, "2026-Q4")
    kinds = [s.kind for s in m.slides]
    lagging = meeting.lagging_teams(card)
    assert kinds == ["stand", "changed"] + ["team"] * len(lagging) + ["cascade", "decide"]
    assert lagging and [tm.status for tm in lagging] == sorted((tm.status for tm in lagging),
                                                               key=lambda s: s != "red")
    reds = [tm for tm in lagging if tm.status == "red"]
    assert [tm.lag for tm in reds] == sorted((tm.lag for tm in reds), reverse=True)  # biggest gap first
    assert [s.team for s in m.slides if s.kind == "team"] == [tm.team for tm in lagging]
    stand = m.slides[0].stand
    # every team name on the first screen opens its own screen
    for line in stand.teams:
        assert m.slides[line.slide - 1].team == line.team == m.slides[m.team_slide(line.team) - 1].team
    assert set(stand.on_track) == {tm.team for tm in card.teams if tm.status == "green"}
    assert set(stand.no_update) == {tm.team for tm in card.teams if tm.status == "no update"}
    assert [(s.key, n) for s, n in stand.counts] == list(card.status_counts().items())
    assert stand.company_progress == f"{card.company_progress * 100:.0f}%"
    assert m.heading == f"2026-Q4 · numbers as of {card.as_of.day} Nov 2026"


def test_a_team_screen_shows_its_red_then_amber_key_results_within_the_budget(sample_db):
    m, card = build(sample_db, "2026-Q4")
    team = next(s.screen for s in m.slides if s.kind == "team")
    objectives = {o.id for o in card.objectives if o.team == team.team}
    lagging = [k for k in card.key_results if k.objective in objectives and k.status in ("red", "amber")]
    assert len(team.key_results) == min(len(lagging), meeting.KRS_PER_TEAM)
    assert team.more == len(lagging) - len(team.key_results)
    statuses = [kr.status.key for kr in team.key_results]
    assert statuses == sorted(statuses, key=lambda s: s != "red")
    first = team.key_results[0]
    kr = next(k for k in card.key_results if k.id == first.id)
    assert first.status.text.endswith(kr.status) and first.owner == (kr.owner or "no owner")


def test_what_changed_names_before_and_now(spec_db):
    m, _ = build(spec_db, "2026-Q1")
    changed = m.slides[1].changed
    assert changed.compared == "Compared: 1 Feb 2026 → 15 Feb 2026"
    newly_red = next(g for g in changed.groups if g.key == "newly_red")
    assert newly_red.title == "Newly red (1)"
    (line,) = newly_red.lines
    assert (line.team, line.before, line.now) == ("Sales", "9 SQL · ● green", "2 SQL · ■ red")
    assert line.title == SPEC_KEY_RESULTS[0][2] and line.owner == "Bram"


def test_the_first_upload_of_a_quarter_has_nothing_to_compare(store):
    service.import_bytes(store, xlsx_bytes(canonical_sheets()), "w1.xlsx", AS_OF)
    card = service.scorecard(store, quarter="2026-Q1")
    m = meeting.build(card, "en", changes=changes.compare(None, card))
    assert m.slides[1].changed.compared is None and m.slides[1].changed.groups == []


def test_a_team_without_any_value_is_not_called_on_track(store):
    """Product's only key result has no value yet: 'no update', neither lagging nor on track."""
    service.import_bytes(store, xlsx_bytes(canonical_sheets()), "w1.xlsx", AS_OF)
    card = service.scorecard(store, quarter="2026-Q1")
    assert next(tm for tm in card.teams if tm.team == "Product").status == "no update"
    stand = meeting.build(card, "en").slides[0].stand
    assert "Product" not in stand.on_track and stand.no_update == ["Product"]
    assert "Product" not in {line.team for line in stand.teams}


def test_where_we_stand_shows_what_the_company_is_measured_against(store):
    """An aspirational company objective is expected at 0.7 of the quarter's share:
    the first screen shows that figure beside the company's status, not the plain share."""
    objs = [["O-1", "Groei", "Company", "2026-Q1", "Bram", None, "aspirational"]]
    krs = [["KR-1", "O-1", "30 klanten", "Bram", 0, 100, 30, None, None, None, None, None]]
    service.import_bytes(store, xlsx_bytes(canonical_sheets(objs, krs)), "w.xlsx", AS_OF)
    card = service.scorecard(store, quarter="2026-Q1")
    stand = meeting.build(card, "en").slides[0].stand
    assert card.expected == 0.5 and (stand.expected, stand.company_status.key) == ("35%", "green")


def test_a_confidence_drop_shows_the_confidence_before_and_now(sample_db):
    m, card = build(sample_db, "2026-Q4")
    group = next(g for g in m.slides[1].changed.groups if g.key == "confidence_drops")
    assert group.lines
    krs = {k.title: k for k in card.key_results}
    for line in group.lines:
        kr = krs[line.title]
        assert kr.confidence_drop
        assert line.before == f"confidence {kr.confidence_before * 100:.0f}%"
        assert line.now.startswith(f"confidence {kr.confidence * 100:.0f}% · ")


def test_in_dutch(spec_db):
    m, _ = build(spec_db, "2026-Q1", "nl")
    assert [s.title for s in m.slides][:2] == ["Waar we staan", "Wat er veranderde sinds de vorige upload"]
    assert m.heading == "2026-Q1 · cijfers per 15 feb 2026"
    newly_red = next(g for g in m.slides[1].changed.groups if g.key == "newly_red")
    assert newly_red.title == "Nieuw rood (1)" and newly_red.lines[0].now == "2 SQL · ■ rood"
    team = next(s for s in m.slides if s.kind == "team")
    assert team.title == f"Waarom {team.team} achterloopt"


def test_the_cascade_shows_the_lagging_objectives_with_everything_above_them(spec_db):
    m, card = build(spec_db, "2026-Q1")
    cascade = next(s.cascade for s in m.slides if s.kind == "cascade")
    lagging_teams = {tm.team for tm in meeting.lagging_teams(card)}
    titles = [ln.title for ln in cascade.lines]
    assert titles[0] == SPEC_OBJECTIVES[0][1] and cascade.lines[0].depth == 0  # the company objective on top
    flagged = {ln.title for ln in cascade.lines if ln.lagging}
    expected = {o.title for o in card.objectives if o.team in lagging_teams and o.status in ("red", "amber")}
    assert flagged == expected and flagged


def test_to_decide_lists_the_coach_first_findings_and_the_red_key_results(sample_db):
    m, card = build(sample_db, "2026-Q4")
    decide = m.slides[-1].decide
    red = [k for k in card.key_results if k.status == "red"]
    assert len(decide.lagging) == min(len(red), meeting.LAGGING_TO_DECIDE)
    assert decide.more_lagging == len(red) - len(decide.lagging)
    assert decide.findings and decide.findings[0].rule == quality.rule_name("activity-not-result", "en")


@pytest.mark.parametrize("n_krs", [9])
def test_budgets_count_what_does_not_fit(store, n_krs):
    objs = [["O-1", "Groei", "Sales", "2026-Q1", "Bram", None, None]]
    krs = [[f"KR-{i}", "O-1", f"{i + 10} klanten", "Bram", 0, 100, 1, None, None, None, None, None]
           for i in range(n_krs)]
    service.import_bytes(store, xlsx_bytes(canonical_sheets(objs, krs)), "w.xlsx", AS_OF)
    card = service.scorecard(store, quarter="2026-Q1")
    m = meeting.build(card, "en")
    screen = m.slides[2].screen
    assert len(screen.key_results) == meeting.KRS_PER_TEAM and screen.more == n_krs - meeting.KRS_PER_TEAM


def test_a_finished_quarter_ends_with_its_close(sample_db):
    from okr import close

    store = Store(sample_db)
    card = service.scorecard(store, quarter="2026-Q3")
    qc = close.quarter_close(store, "2026-Q3")
    m = meeting.build(card, "en", close=qc)
    last = m.slides[-1]
    assert last.kind == "close" and last.title == "Closing the quarter"
    c = last.close
    assert c.company_grade == f"{qc.company_grade:.2f}"
    assert [tl.team for tl in c.teams] == [tg.team for tg in qc.teams][:meeting.TEAMS_ON_CLOSE]
    assert c.more_teams == max(0, len(qc.teams) - meeting.TEAMS_ON_CLOSE)
    assert [k.title for k in c.committed_missed] == [k.title for k in qc.committed_missed][:meeting.MISSED_ON_CLOSE]
    assert any("Finance" in f for f in c.flags) and len(c.questions) == 3
    nl = meeting.build(card, "nl", close=qc).slides[-1].close
    assert nl.questions[0] == "Wat ging goed?"
    assert meeting.build(card, "en").slides[-1].kind == "decide"  # no close given: no close screen


def test_what_changed_shares_the_screen_between_its_groups():
    assert meeting._shares([1, 5, 0, 9, 2], budget=6, most=3) == [1, 2, 0, 2, 1]
    assert meeting._shares([20, 20], budget=12, most=3) == [3, 3]
    assert meeting._shares([], budget=12, most=3) == []
