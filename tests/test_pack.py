"""okr/pack.py and `okr pack`: the meeting as a PDF and a PowerPoint, read back
with pypdf and python-pptx from real databases: a title page and one page per
Meeting screen, with the screen's texts (team names, the lagging key results'
titles, owners and figures as okr.meeting words them), in Dutch and English;
status pills as icon + label on the palette colour; text >= 18 pt and never
cut off; the same database gives the same bytes; refusals write nothing."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest
import vl_convert
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from okr import charts, close, forecast, meeting, pack, service
from okr.i18n import t
from okr.palette import STATUS_COLORS
from okr.store import Store
from tests.conftest import AS_OF, canonical_sheets, xlsx_bytes


def norm(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=8)
def built(db: Path, quarter: str, lang: str) -> tuple[meeting.Meeting, bytes, bytes]:
    m = service.quarter_meeting(Store.open(db), quarter, lang)
    return m, pack.pack_pdf(m), pack.pack_pptx(m)


def pdf_pages(data: bytes) -> list[str]:
    return [norm(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def slide_texts(data: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(data))
    return [norm(" ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)) for slide in prs.slides]


def screen_texts(m: meeting.Meeting, n: int) -> list[str]:
    """What the Meeting page shows on screen n (0-based), as okr.meeting words it."""
    s, lang = m.slides[n], m.lang
    out = [s.title, m.heading, t("meeting.position", lang, n=n + 1, total=len(m.slides))]
    if s.stand:
        st = s.stand
        out += [st.company_progress, st.expected, st.company_status.text]
        out += [x for status, count in st.counts for x in (status.text, str(count))]
        for line in st.teams:
            out += [line.team, line.status.text, t("meeting.team_line", lang, progress=line.progress,
                                                   expected=line.expected)]
        if st.on_track:
            out.append(t("meeting.on_track", lang, teams=", ".join(st.on_track)))
        if st.no_update:
            out.append(t("meeting.no_update_teams", lang, teams=", ".join(st.no_update)))
        if st.more_teams:
            out.append(t("meeting.more_teams", lang, n=st.more_teams))
    if s.changed:
        out += [s.changed.compared or t("meeting.first_upload", lang)]
        for g in s.changed.groups:
            out += [g.title] + [x for ln in g.lines for x in (ln.team, ln.title, f"({ln.owner})", ln.before, ln.now)]
            if g.more:
                out.append(t("meeting.more", lang, n=g.more))
    if s.screen:
        out += [s.screen.status.text]
        for kr in s.screen.key_results:
            out += [kr.title, kr.owner, kr.current, kr.expected, kr.status.text]
            out += [x for x in (kr.forecast, kr.reported, kr.comment) if x]
            if kr.stale:
                out.append(forecast.stale_label(lang))
        if s.screen.more:
            out.append(t("meeting.more_krs", lang, n=s.screen.more))
    if s.cascade:
        for ln in s.cascade.lines:
            out += [ln.title, ln.status.text, t("meeting.cascade.line", lang, team=ln.team, progress=ln.progress,
                                                expected=ln.expected)]
        if s.cascade.more:
            out.append(t("meeting.more_nodes", lang, n=s.cascade.more))
    if s.decide:
        out += [x for f in s.decide.findings for x in (f.rule, f.team, f.item)]
        out += [x for ln in s.decide.lagging for x in (ln.team, ln.title, ln.owner, ln.now)]
        if s.decide.more_findings:
            out.append(t("meeting.more_findings", lang, n=s.decide.more_findings))
        if s.decide.more_lagging:
            out.append(t("meeting.more_red", lang, n=s.decide.more_lagging))
    if s.close:
        c = s.close
        out += [c.company_grade, c.company_band] + [x for tl in c.teams for x in (tl.team, tl.grade, tl.bands)]
        out += [x for k in c.committed_missed for x in (k.team, k.title, f"({k.owner})", k.grade)]
        out += c.flags + c.questions
        if c.more_teams:
            out.append(t("meeting.more", lang, n=c.more_teams))
    return [norm(x) for x in out if x]


CASES = [("sample_db", "2026-Q4", "en"), ("spec_db", "2026-Q1", "nl"), ("sample_db", "2026-Q4", "nl"),
         ("sample_db", "2026-Q3", "en")]  # a finished quarter: the meeting ends with the close


@pytest.mark.parametrize("db, quarter, lang", CASES)
def test_every_screen_with_its_texts_in_both_formats(request, db, quarter, lang):
    m, pdf, pptx = built(request.getfixturevalue(db), quarter, lang)
    kinds = [s.kind for s in m.slides]
    assert kinds[:2] == ["stand", "changed"] and "team" in kinds
    # a finished quarter (as the Meeting page decides it) ends with the close
    tail = ["cascade", "decide"] + (["close"] if close.finished(quarter, m.as_of) else [])
    assert kinds[-len(tail):] == tail
    for pages, as_printed in ((pdf_pages(pdf), pack.pdf_text), (slide_texts(pptx), str)):
        assert len(pages) == 1 + len(m.slides)
        assert pages[0] == norm(f"{m.organisation} {t('meeting.title', lang)} {m.heading}")
        for n in range(len(m.slides)):
            missing = [x for x in screen_texts(m, n) if norm(as_printed(x)) not in pages[n + 1]]
            assert not missing, (n, m.slides[n].kind, missing, pages[n + 1][:300])
    # what the tests above compare with is real: team screens name the lagging teams' red and amber key results
    teams = [s.screen for s in m.slides if s.screen]
    assert all(kr.status.key in ("red", "amber") and kr.owner and kr.current for tm in teams for kr in tm.key_results)
    assert {tm.team for tm in teams} == {tm.team for tm in meeting.lagging_teams(service.scorecard(
        Store.open(request.getfixturevalue(db)), quarter=quarter))}


def test_dutch_pack_speaks_dutch(spec_db):
    m, pdf, pptx = built(spec_db, "2026-Q1", "nl")
    for pages in (pdf_pages(pdf), slide_texts(pptx)):
        text = " ".join(pages)
        assert "Waar we staan" in pages[1] and "cijfers per 15 feb 2026" in pages[1]
        assert "Nieuw rood (1)" in pages[2] and "Vergeleken" in pages[2]
        assert "Scherm 1 van" in pages[1]
        for english in ("Where we stand", "Screen ", "expected", "numbers as of", "Newly red"):
            assert english not in text


def test_a_status_is_an_icon_and_a_label_on_its_colour(sample_db):
    m, pdf, pptx = built(sample_db, "2026-Q4", "en")
    n = next(i for i, s in enumerate(m.slides) if s.kind == "team")
    slide = Presentation(io.BytesIO(pptx)).slides[n + 1]
    pills = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and sh.has_text_frame
             and sh.text_frame.text]
    by_text = {meeting.status(k, "en").text: k for k in STATUS_COLORS}
    screen = m.slides[n].screen
    assert [p.text_frame.text for p in pills] == [screen.status.text] + [kr.status.text for kr in screen.key_results]
    for p in pills:
        key = by_text[p.text_frame.text]  # "■ red": icon and label
        assert str(p.fill.fore_color.rgb) == STATUS_COLORS[key].lstrip("#").upper()
        assert all(str(r.font.color.rgb) == "000000" and r.font.bold for r in p.text_frame.paragraphs[0].runs)
    # the PDF draws the same icons (ZapfDingbats) and labels
    assert "■ red" in pdf_pages(pdf)[n + 1]


@pytest.mark.parametrize("db, quarter, lang", CASES[:2])
def test_text_is_18_pt_or_more_and_stays_on_the_slide(request, db, quarter, lang):
    _m, pdf, pptx = built(request.getfixturevalue(db), quarter, lang)
    prs = Presentation(io.BytesIO(pptx))
    sizes = [r.font.size.pt for slide in prs.slides for sh in slide.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs if r.text.strip()]
    assert sizes and min(sizes) >= 18
    for slide in prs.slides:
        for sh in slide.shapes:
            assert 0 <= sh.left and sh.left + sh.width <= prs.slide_width, sh.name
            assert 0 <= sh.top and sh.top + sh.height <= prs.slide_height, sh.name
    seen: set[float] = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            seen.add(round(size * tm[3] * cm[3], 1))

    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        assert float(page.mediabox.height) == pack.PAGE_H  # everything fits at 18 pt and more
        page.extract_text(visitor_text=visit)
    assert seen and min(seen) >= 18


def long_titles_store(store):
    title = "Verhoog het aantal terugkerende klanten in alle regio's " * 12  # ~680 characters
    objs = [["O-1", "Groei", "Sales", "2026-Q1", "Bram", None, None]]
    krs = [[f"KR-{i}", "O-1", f"{i}. {title}".strip(), "Łukasz Żółć", 0, 100, 1, "klanten", None, None, None,
            "<b>vet</b> & <font size=1>klein</font>"] for i in range(4)]
    out = service.import_bytes(store, xlsx_bytes(canonical_sheets(objs, krs)), "w.xlsx", AS_OF)
    assert out.stored
    return service.quarter_meeting(store, "2026-Q1", "en")


def test_text_that_does_not_fit_is_never_cut_off(store):
    m = long_titles_store(store)
    n = next(i for i, s in enumerate(m.slides) if s.kind == "team")
    titles = [norm(kr.title) for kr in m.slides[n].screen.key_results]
    assert len(titles) == 4 and all(len(x) > 600 for x in titles)
    reader = pypdf.PdfReader(io.BytesIO(pack.pack_pdf(m)))
    page = reader.pages[n + 1]
    assert float(page.mediabox.height) > pack.PAGE_H  # the page grew instead of cutting the text
    assert all(x in norm(page.extract_text()) for x in titles)
    prs = Presentation(io.BytesIO(pack.pack_pptx(m)))
    slide = prs.slides[n + 1]
    assert all(x in norm(" ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)) for x in titles)
    for sh in slide.shapes:  # one slide size for the deck: the text got smaller, and all of it is on the slide
        assert sh.top + sh.height <= prs.slide_height and sh.left + sh.width <= prs.slide_width, sh.name
    # the first upload of a quarter: nothing to compare with, said in words
    assert t("meeting.first_upload", "en") in norm(reader.pages[2].extract_text())


def test_workbook_text_stays_text_and_unprintable_letters_are_not_status_icons(store):
    m = long_titles_store(store)
    n = next(i for i, s in enumerate(m.slides) if s.kind == "team")
    page = norm(pypdf.PdfReader(io.BytesIO(pack.pack_pdf(m))).pages[n + 1].extract_text())
    assert "“<b>vet</b> & <font size=1>klein</font>”" in page  # markup in a comment is printed, not applied
    # Helvetica has no Ł, ł: a question mark, never reportlab's black square (it reads as "red"); ż, ć: their letter
    assert "?ukasz Zó?c" in page and page.count("■") == 1 + 4  # the team's and its key results' red pills
    slide = Presentation(io.BytesIO(pack.pack_pptx(m))).slides[n + 1]
    text = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "Łukasz Żółć" in text and "<b>vet</b> & <font size=1>klein</font>" in text
    # no built-in font has these: stand-ins, never a black square
    assert pack.pdf_text("○ no update · ◷ stale · ◐ close") == "❍ no update · ❍ stale · ◗ close"


def test_sparklines_are_the_meeting_page_s_chart(sample_db):
    m, pdf, pptx = built(sample_db, "2026-Q4", "en")
    krs = [kr for s in m.slides if s.screen for kr in s.screen.key_results if kr.points]
    assert len(krs) >= 2
    sparklines = pack.Sparklines(m)
    sparklines.png(krs[0])  # builds the spec from the first key result
    for kr in krs[1:3]:  # later ones get their rows put in: the same picture as their own spec
        own = charts.sparkline(kr.points, kr.start, kr.target, m.quarter, m.as_of,
                               height=round(pack.CHART_H / 0.75)).to_dict()
        own.update(width=round(pack.CHART_W / 0.75), padding=0, autosize={"type": "fit", "contains": "padding"})
        assert sparklines.png(kr) == vl_convert.vegalite_to_png(own, scale=pack.CHART_SCALE * 0.75)
        assert sparklines.png(kr) != sparklines.png(krs[0])
    n = next(i for i, s in enumerate(m.slides) if s.screen and any(kr.points for kr in s.screen.key_results))
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages[n + 1].images) == sum(
        1 for kr in m.slides[n].screen.key_results if kr.points)
    slide = Presentation(io.BytesIO(pptx)).slides[n + 1]
    assert any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in slide.shapes)


def test_a_finished_quarter_ends_with_the_close(sample_db):
    m, pdf, pptx = built(sample_db, "2026-Q3", "nl")
    screen = m.slides[-1].close
    assert screen.teams and screen.questions
    for pages, as_printed in ((pdf_pages(pdf), pack.pdf_text), (slide_texts(pptx), str)):
        assert pages[-1].startswith(t("meeting.close.title", "nl"))
        assert t("close.ui.company_grade", "nl") in pages[-1] and t("close.ui.retro", "nl") in pages[-1]
        assert all(norm(as_printed(x)) in pages[-1] for x in screen_texts(m, len(m.slides) - 1))


def test_document_properties_carry_no_time_of_making(sample_db):
    m, pdf, pptx = built(sample_db, "2026-Q4", "en")
    prs = Presentation(io.BytesIO(pptx))
    # each slide's title placeholder holds the screen's title (PowerPoint's outline, screen readers)
    assert [s.shapes.title.text_frame.text for s in list(prs.slides)[1:]] == [s.title for s in m.slides]
    props = prs.core_properties
    assert props.created.date() == props.modified.date() == m.as_of
    assert props.title == f"Company · Meeting · {m.heading}"
    info = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert info.title == props.title and info.author == "Company"
    assert pack.pack_pdf(m) == pdf and pack.pack_pptx(m) == pptx


# --- okr pack -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["pdf", "pptx"])
def test_okr_pack_writes_the_same_bytes_every_time(run_cli, spec_db, tmp_path, suffix):
    outs = []
    for name in ("a", "b"):
        r = run_cli("pack", f"{name}.{suffix}", "--quarter", "Q1 2026", "--db", str(spec_db), "--lang", "nl")
        assert r.returncode == 0, r.stderr
        pages = 1 + len(built(spec_db, "2026-Q1", "nl")[0].slides)
        assert r.stdout.strip() == (f"Overlegstukken geschreven naar {name}.{suffix}: {pages} pagina's, 2026-Q1, "
                                    "cijfers per 15 feb 2026.")
        outs.append((tmp_path / f"{name}.{suffix}").read_bytes())
    assert outs[0] == outs[1]
    texts = pdf_pages(outs[0]) if suffix == "pdf" else slide_texts(outs[0])
    assert texts == (pdf_pages if suffix == "pdf" else slide_texts)(built(spec_db, "2026-Q1", "nl")[1 if suffix == "pdf" else 2])


def refusal(run_cli, tmp_path, *args):
    before = sorted(p.name for p in tmp_path.rglob("*"))
    r = run_cli("pack", *args)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("."), r.stderr
    assert "Traceback" not in r.stderr and not r.stdout
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written
    return lines[0]


def test_okr_pack_refuses_with_one_sentence_and_writes_nothing(run_cli, spec_db, tmp_path):
    db = str(spec_db)
    assert "OUT.pdf or OUT.pptx" in refusal(run_cli, tmp_path, "meeting.docx", "--db", db)
    assert "OUT.pdf or OUT.pptx" in refusal(run_cli, tmp_path, "meeting", "--db", db)
    assert "the folder does not exist" in refusal(run_cli, tmp_path, "missing/meeting.pdf", "--db", db)
    (tmp_path / "a-folder.pdf").mkdir()
    assert "it is a folder" in refusal(run_cli, tmp_path, "a-folder.pdf", "--db", db)
    sentence = refusal(run_cli, tmp_path, "meeting.pptx", "--quarter", "2025-Q3", "--db", db)
    assert sentence == f"{db} holds no objectives in 2025-Q3 (quarters there: 2026-Q1); choose one with --quarter."
    empty = str(tmp_path / "none.duckdb")
    assert refusal(run_cli, tmp_path, "meeting.pdf", "--db", empty) == (
        f"{empty} holds no snapshot yet: import a workbook first (okr import FILE.xlsx).")
    assert "is not a quarter" in refusal(run_cli, tmp_path, "meeting.pdf", "--quarter", "Q5", "--db", db)



# --- the Meeting page's downloads -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_meeting_page_offers_both_downloads(serve, spec_db, lang):
    from tests.conftest import run_page

    serve(spec_db)
    at = run_page("pages/5_Meeting.py", quarter="2026-Q1", lang=lang, slide="3")
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert set(buttons) == {t("pack.pdf", lang), t("pack.pptx", lang)}
    for fmt in pack.FORMATS:
        button = buttons[t(f"pack.{fmt}", lang)]
        assert button.deferred_file_id  # built when clicked, not on every rerun
        assert button.help == t("pack.help", lang)
    # presentation mode keeps the shared screen clean
    at = run_page("pages/5_Meeting.py", quarter="2026-Q1", lang=lang, present="1")
    assert not at.get("download_button")
    assert t("meeting.position", lang, n=1, total=len(built(spec_db, "2026-Q1", lang)[0].slides)) in str(
        [e.proto for e in at.get("html")])
