"""Import: upload this week's workbook, see every error or what it changes, confirm."""

import datetime as dt

import streamlit as st

from okr import formatting, ui

page = ui.setup("ui.import.title")
UPLOAD_KEY = "import_upload"


def _problems_table(problems) -> None:
    st.dataframe(
        [{page.t("ui.col.sheet"): p.sheet or "", page.t("ui.col.row"): p.row,
          page.t("ui.col.column"): (p.column or "") + (f" ({p.header})" if p.header else ""),
          page.t("ui.col.problem"): p.message, page.t("ui.col.fix"): p.fix} for p in problems],
        hide_index=True, width="stretch",
        column_config={page.t("ui.col.problem"): st.column_config.TextColumn(width="large"),
                       page.t("ui.col.fix"): st.column_config.TextColumn(width="large")},
    )


def _preview(ch) -> None:
    st.subheader(page.t("ui.import.preview"))
    if ch is None:
        st.caption(page.t("ui.import.preview_none"))
        return
    if not ch.has_previous:
        st.info(page.t("ui.import.preview_first", quarter=ch.quarter))
        return
    st.caption(page.t("ui.import.preview_against", quarter=ch.quarter, before=formatting.date(ch.before_as_of, page.lang)))
    counts = ch.counts()
    shown = ["new_objectives", "removed_objectives", "new_key_results", "removed_key_results", "moved",
             "newly_red", "improved", "moved_goalposts"]
    cols = st.columns(4)
    for i, name in enumerate(shown):
        cols[i % 4].metric(page.t(f"ui.changes.{name}"), counts[name])
    rows = []
    for name, items in (("new_objectives", ch.new_objectives), ("removed_objectives", ch.removed_objectives),
                        ("new_key_results", ch.new_key_results), ("removed_key_results", ch.removed_key_results)):
        rows += [{page.t("ui.col.change_kind"): page.t(f"ui.changes.{name}"), page.t("ui.col.team"): i.team,
                  page.t("ui.col.id"): i.id, page.t("ui.col.title"): i.title, page.t("ui.col.before"): "",
                  page.t("ui.col.after"): ""} for i in items]
    for k in ch.krs:
        if k.moved or k.status_changed or k.goalposts_moved:
            kind = "moved_goalposts" if k.goalposts_moved else ("moved" if k.moved else "status_changed")
            rows.append({page.t("ui.col.change_kind"): page.t(f"ui.changes.{kind}"), page.t("ui.col.team"): k.team,
                         page.t("ui.col.id"): k.id, page.t("ui.col.title"): k.title,
                         page.t("ui.col.before"): f"{ui.num(k.before_current, page.lang)} · "
                                                  f"{ui.status_badge(k.before_status, page.lang)}",
                         page.t("ui.col.after"): f"{ui.num(k.current, page.lang)} · "
                                                 f"{ui.status_badge(k.status, page.lang)}"})
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    else:
        st.caption(page.t("ui.changes.empty"))


def upload_section() -> None:
    st.subheader(page.t("ui.import.upload"))
    # any file: an .xls, .csv or .pdf gets our own sentence saying what to upload
    # instead, where a type filter would only say "not allowed" (SPEC §2.3)
    uploaded = st.file_uploader(page.t("ui.import.uploader"), type=None, key=UPLOAD_KEY,
                                help=page.t("ui.import.uploader_help", mb=page.settings.max_upload_mb))
    if uploaded is None:
        return
    data = uploaded.getvalue()
    checked = ui.check_upload(page, data, uploaded.name)
    if checked.file_error:
        st.error(ui.md(checked.file_error))
        return
    if not checked.ok:
        st.error(page.t("ui.import.has_errors", n=len(checked.errors)))
        _problems_table(checked.errors)
        return
    existing = page.store.find_by_sha(checked.sha256)
    if existing is not None:
        info = page.store.snapshot_info(existing)
        st.info(page.t("ui.import.already", as_of=formatting.date(info.as_of if info else None, page.lang)))
        return
    parsed = checked.parsed
    st.success(page.t("ui.import.clean", objectives=len(parsed.objectives), krs=len(parsed.key_results),
                      teams=len(parsed.team_names), quarters=", ".join(parsed.quarters)))
    if checked.warnings:
        with st.expander(page.t("ui.import.warnings", n=len(checked.warnings)), expanded=True):
            _problems_table(checked.warnings)
    as_of = st.date_input(page.t("ui.import.as_of"), value=dt.date.today(), key="import_as_of",
                          help=page.t("ui.import.as_of_help"))
    _preview(ui.import_preview(page, checked, as_of))
    if st.button(page.t("ui.import.confirm"), type="primary", key="import_confirm"):
        outcome = ui.store_upload(page, checked, as_of)
        if outcome.stored:
            st.session_state["_okr_import_done"] = (uploaded.name, as_of)
            st.rerun()
        else:
            st.info(page.t("ui.import.already", as_of=formatting.date(as_of, page.lang)))


def templates_section() -> None:
    st.subheader(page.t("ui.import.templates"))
    c1, c2, _ = st.columns([1, 1, 2])
    for col, lang in ((c1, "nl"), (c2, "en")):
        col.download_button(page.t(f"ui.import.template_{lang}"), data=ui.template_bytes(lang),
                            file_name=f"okr-template-{lang}.xlsx", key=f"import_template_{lang}",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def history_section() -> None:
    st.subheader(page.t("ui.import.history"))
    snaps = page.store.snapshots()
    if not snaps:
        st.caption(page.t("ui.import.history_empty"))
        return
    st.dataframe(
        [{page.t("ui.col.file"): s.file_name, page.t("ui.col.as_of"): formatting.date(s.as_of, page.lang),
          page.t("ui.col.imported_at"): formatting.datetime(s.imported_at, page.lang), page.t("ui.col.objectives"): s.n_objectives,
          page.t("ui.col.krs"): s.n_key_results, page.t("ui.col.teams"): s.n_teams,
          page.t("ui.col.quarters"): s.quarters} for s in snaps],
        hide_index=True, width="stretch")


with ui.friendly(page):
    st.title(page.t("ui.import.title"))
    done = st.session_state.pop("_okr_import_done", None)
    if done:
        st.success(page.t("ui.import.stored", file=ui.md(done[0]), as_of=formatting.date(done[1], page.lang)))
        st.page_link("app.py", label=page.t("ui.import.to_overview"), icon="➡️", query_params=page.params())
    else:
        upload_section()
    templates_section()
    history_section()
