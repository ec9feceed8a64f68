"""The import page (AppTest): a good upload through st.file_uploader stores a snapshot,
a broken one lists every error and stores nothing."""

from __future__ import annotations

import copy
import datetime as dt

from okr import service, ui

from .conftest import AS_OF, SPEC_KEY_RESULTS, canonical_sheets, run_page, week2_key_results, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _week3() -> bytes:
    krs = week2_key_results()
    krs[1][6] = 2  # KR-S-2: 0 -> 2 contracts since the latest upload
    return xlsx_bytes(canonical_sheets(key_results=krs))


def open_import(**params):
    return run_page("pages/3_Import.py", **params)


def test_good_upload_previews_then_stores_on_confirm(app_db):
    at = open_import()
    n_before = len(app_db.snapshots())
    at.file_uploader(key="import_upload").set_value(("week3.xlsx", _week3(), XLSX)).run()
    assert not at.exception and not at.error
    # default: 2026-Q1 is over, so its last day (the workbook has no check-ins), and the page says why
    assert at.date_input(key="import_as_of").value == dt.date(2026, 3, 31)
    assert "the last day of 2026-Q1" in " ".join(c.value for c in at.caption).replace("\\", "")
    at.date_input(key="import_as_of").set_value(AS_OF + dt.timedelta(days=7)).run()
    assert "reads cleanly" in at.success[0].value
    assert len(app_db.snapshots()) == n_before  # nothing stored before confirming
    preview = [df.value for df in at.dataframe if "Change" in df.value.columns]
    moved = preview[0][preview[0]["Change"] == "Values moved"]
    assert list(moved["Id"]) == ["KR-S-2"] and list(moved["Before"]) == ["0 · ■ red"]
    at.button(key="import_confirm").click().run()
    assert not at.exception
    snaps = app_db.snapshots()
    assert len(snaps) == n_before + 1 and snaps[0].file_name == "week3.xlsx"
    assert snaps[0].as_of == AS_OF + dt.timedelta(days=7)
    assert "Imported week3.xlsx" in at.success[0].value.replace("\\", "")
    # the overview now shows the new snapshot
    card = service.scorecard(app_db, quarter="2026-Q1")
    assert card.as_of == snaps[0].as_of
    overview = run_page()
    assert overview.metric[0].value == f"{card.company_progress * 100:.0f}%"


def test_broken_upload_lists_errors_and_stores_nothing(app_db):
    krs = copy.deepcopy(SPEC_KEY_RESULTS)
    krs[0][5] = "lots"      # target is not a number
    krs[2][1] = "O-NOPE"    # KR points at an unknown objective
    bad = xlsx_bytes(canonical_sheets(key_results=krs))
    expected = service.check(bad, "bad.xlsx").errors
    assert len(expected) >= 2
    before = app_db.table_contents()
    at = open_import()
    at.file_uploader(key="import_upload").set_value(("bad.xlsx", bad, XLSX)).run()
    assert not at.exception
    assert f"{len(expected)} problem" in at.error[0].value
    table = at.table[0].value  # text that wraps: nothing of a message is cut off; Markdown made inert
    assert list(table["What is wrong"]) == [ui.md(p.message) for p in expected]
    assert list(table["How to fix it"]) == [ui.md(p.fix) for p in expected]
    assert list(table["Row"]) == [str(p.row) for p in expected]
    assert not [b for b in at.button if b.key == "import_confirm"]
    assert app_db.table_contents() == before


def test_hundreds_of_problems_come_as_a_grid(app_db):
    """Past PROBLEMS_AS_TEXT a wrapped table would be pages long: the grid, which scrolls and sorts."""
    krs = [[f"KR-{i}", "O-SALES-1", f"{i} klanten", "Bram", 0, "lots", 1, None, None, None, None, None]
           for i in range(210)]
    bad = xlsx_bytes(canonical_sheets(key_results=krs))
    expected = service.check(bad, "bad.xlsx").errors
    assert len(expected) > 200
    at = open_import()
    at.file_uploader(key="import_upload").set_value(("bad.xlsx", bad, XLSX)).run()
    assert not at.exception and not at.table
    assert list(at.dataframe[0].value["What is wrong"]) == [p.message for p in expected]


def test_a_warning_without_a_row_shows_an_empty_cell(app_db):
    sheets = canonical_sheets()
    sheets["Notes"] = [["Afspraken MT"], ["Elke maandag om 9:00"]]
    data = xlsx_bytes(sheets)
    at = open_import()
    at.file_uploader(key="import_upload").set_value(("notes.xlsx", data, XLSX)).run()
    assert not at.exception
    table = at.table[0].value
    ignored = table[table["Sheet"] == "Notes"]
    assert list(ignored["Row"]) == [""] and "'Notes'" in ignored["What is wrong"].iloc[0]


def test_not_a_workbook_is_one_sentence(app_db):
    before = app_db.table_contents()
    at = open_import(lang="nl")
    at.file_uploader(key="import_upload").set_value(("okr.xlsx", b"id,objective\n1,2\n", XLSX)).run()
    assert not at.exception
    assert len(at.error) == 1 and not at.dataframe[:-1] and not at.table
    assert app_db.table_contents() == before


def test_templates_and_history(app_db):
    at = open_import()
    assert {b.key for b in at.get("download_button")} >= {"import_template_nl", "import_template_en"}
    history = at.dataframe[-1].value
    assert list(history["File"]) == ["week2.xlsx", "week1.xlsx"]
    assert list(history["Key results"]) == [len(SPEC_KEY_RESULTS)] * 2


def test_hostile_files_get_one_sentence_in_the_app_and_store_nothing(app_db, tmp_path):
    """The Import page gives the same one sentence the CLI gives, for every file
    of the hostile corpus that the CLI refuses (tests/hostile)."""
    import re

    from okr.i18n import t

    from .hostile.make_corpus import CASES, build

    refused = [c for c in CASES if c.code]
    paths = build(tmp_path / "corpus", {c.name for c in refused})
    before = app_db.table_contents()
    at = open_import()
    for case in refused:
        data = paths[case.name].read_bytes()
        at.file_uploader(key="import_upload").set_value((case.file, data, XLSX)).run()
        assert not at.exception, case.name
        assert len(at.error) == 1, (case.name, [e.value for e in at.error])
        # the catalogue sentence for this refusal, up to its first parameter
        lead = re.split(r"\{", t(f"file.{case.code}", "en"))[0].strip()[:40]
        shown = at.error[0].value.replace("\\", "")  # the page escapes markdown; the screen shows plain text
        assert lead in shown, (case.name, shown)
        assert not [b for b in at.button if b.key == "import_confirm"], case.name
    assert app_db.table_contents() == before


def test_another_organisations_workbook_must_be_confirmed(app_db):
    other = xlsx_bytes(canonical_sheets(
        [["X-1", "Meer brood", "Bakkerij", "2026-Q1", "Iris", None, None]],
        [["XK-1", "X-1", "100 broden per dag", "Iris", 0, 100, 40, None, None, None, None, None]]))
    before = app_db.table_contents()
    at = open_import()
    at.file_uploader(key="import_upload").set_value(("bakker.xlsx", other, XLSX)).run()
    assert not at.exception
    assert any("shares no objective id and no team" in w.value.replace("\\", "") for w in at.warning)
    assert at.button(key="import_confirm").disabled
    at.checkbox(key="import_same_org").check().run()
    assert not at.button(key="import_confirm").disabled
    assert app_db.table_contents() == before  # nothing stored until confirmed
    at.button(key="import_confirm").click().run()
    assert app_db.snapshots()[0].file_name == "bakker.xlsx"


def test_the_as_of_picker_offers_only_acceptable_dates(app_db):
    at = open_import()
    at.file_uploader(key="import_upload").set_value(("week3.xlsx", _week3(), XLSX)).run()
    picker = at.date_input(key="import_as_of")
    assert picker.proto.min == "2026-01-01" and picker.proto.max == dt.date.today().isoformat()
