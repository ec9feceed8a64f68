"""Import: upload this week's workbook, see every error or what it changes, confirm."""

import datetime as dt

import streamlit as st

from okr import formatting, scoring, service, ui, views

page = ui.setup("ui.import.title")
UPLOAD_KEY = "import_upload"


# up to this many, a table whose text wraps: a grid cuts each message off at its width. Its
# cells are Markdown, so the workbook's text in a message is made inert (ui.md)
PROBLEMS_AS_TEXT = 200
TALL_TABLE_PX = 640


def _problems_table(problems) -> None:
    rows = views.problem_rows(problems, page.lang)
    if len(rows) <= PROBLEMS_AS_TEXT:
        st.table([{k: "" if v is None else ui.md(v) for k, v in row.items()} for row in rows], hide_index=True,
                 height="content" if len(rows) <= 12 else TALL_TABLE_PX)
        return
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={page.t("ui.col.problem"): st.column_config.TextColumn(width="large"),
                                page.t("ui.col.fix"): st.column_config.TextColumn(width="large")})


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
    cols = st.columns(4)
    for i, name in enumerate(views.PREVIEW_COUNTS):
        cols[i % 4].metric(page.t(f"ui.changes.{name}"), counts[name])
    rows = views.preview_rows(ch, page.lang)
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    else:
        st.caption(page.t("ui.changes.empty"))


def upload_section() -> None:
    st.subheader(page.t("ui.import.upload"))
    # any file: an .xls, .csv or .pdf gets our own sentence saying what to upload
    # instead, where a type filter would only say "not allowed"
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
    plan = ui.plan_upload(page, checked)
    if plan.already is not None:
        st.info(page.t("ui.import.already", as_of=formatting.date(plan.already.as_of, page.lang)))
        return
    parsed = checked.parsed
    st.success(page.t("ui.import.clean", objectives=len(parsed.objectives), krs=len(parsed.key_results),
                      teams=len(parsed.team_names), quarters=", ".join(parsed.quarters)))
    if checked.warnings:
        with st.expander(page.t("ui.import.warnings", n=len(checked.warnings)), expanded=True):
            _problems_table(checked.warnings)
    low, high = plan.window
    if st.session_state.get("_okr_as_of_for") != checked.sha256:  # a new file starts from its own default
        for key in ("import_as_of", "import_same_org"):
            st.session_state.pop(key, None)
        st.session_state["_okr_as_of_for"] = checked.sha256
    # the picker offers only the dates an import accepts
    as_of = st.columns([1, 2])[0].date_input(
        page.t("ui.import.as_of"), value=plan.as_of.date, min_value=low, max_value=high, key="import_as_of",
        help=page.t("ui.import.as_of_help"), format="DD-MM-YYYY" if page.lang == "nl" else "YYYY-MM-DD")
    if as_of != plan.as_of.date:
        plan = ui.plan_upload(page, checked, as_of)
    if plan.refused:
        st.error(ui.md(service.as_of_sentence(plan, page.lang)))
        return
    st.caption(ui.md(service.as_of_sentence(plan, page.lang)))
    confirmed_other = True
    if plan.other_organisation is not None:
        other = plan.other_organisation
        st.warning(ui.md(page.t("org.other", id=other.id, file=other.file_name,
                                as_of=formatting.date(other.as_of, page.lang))))
        confirmed_other = st.checkbox(page.t("ui.import.same_organisation"), key="import_same_org")
    _preview(ui.import_preview(page, checked, as_of))
    if st.button(page.t("ui.import.confirm"), type="primary", key="import_confirm", disabled=not confirmed_other):
        outcome = ui.store_upload(page, checked, as_of)
        if outcome.stored:
            quarter = scoring.default_quarter(parsed.objectives, as_of)
            st.session_state["_okr_import_done"] = (uploaded.name, as_of, quarter)
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
    snaps = ui.timeline_of(page.user_store).snapshots
    if not snaps:
        st.caption(page.t("ui.import.history_empty"))
        return
    st.dataframe(views.snapshot_rows(snaps, page.lang), hide_index=True, width="stretch")
    with st.expander(page.t("ui.import.delete")):
        st.caption(page.t("ui.import.delete_help"))
        by_id = {s.id: s for s in snaps}
        sid = st.selectbox(page.t("ui.import.delete_pick"), list(by_id), key="import_delete_pick",
                           format_func=lambda i: page.t("ui.import.delete_option", id=i, file=by_id[i].file_name,
                                                        as_of=formatting.date(by_id[i].as_of, page.lang)))
        sure = st.checkbox(page.t("ui.import.delete_confirm", id=sid, file=ui.md(by_id[sid].file_name)),
                           key=f"import_delete_sure_{sid}")
        if st.button(page.t("ui.import.delete_button"), key="import_delete", disabled=not sure):
            gone = page.user_store.delete_snapshot(sid)
            if gone is not None:
                st.session_state["_okr_deleted"] = (gone.id, gone.file_name)
            st.rerun()


with ui.friendly(page):
    st.title(page.t("ui.import.title"))
    done = st.session_state.pop("_okr_import_done", None)
    deleted = st.session_state.pop("_okr_deleted", None)
    if deleted:
        st.success(page.t("ui.import.deleted", id=deleted[0], file=ui.md(deleted[1])))
    if done:
        file_name, as_of, quarter = done
        st.success(page.t("ui.import.stored", file=ui.md(file_name), as_of=formatting.date(as_of, page.lang),
                          quarter=quarter))
        st.page_link("app.py", label=page.t("ui.import.to_overview"), icon="➡️",
                     query_params=page.params(quarter=quarter))
    else:
        upload_section()
    templates_section()
    history_section()
