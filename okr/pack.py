"""The meeting pack: this week's meeting (okr.meeting) as a PDF or a
PowerPoint, made offline, to mail to whoever was not in the room.

Streamlit-free. A title page (organisation, quarter, as-of), then one page
per meeting screen in the Meeting page's order, with its texts: the same
titles, lines and "… and N more" counts, every status as icon + label on its
colour (black text), the sparklines rendered from the same Altair specs by
vl-convert (no browser, no network).

One layout serves both formats: each screen becomes boxes (text, status
pill, colour bar, picture) at positions measured with reportlab's own text
wrapping (Helvetica; the pack's PowerPoint text is Arial, which has the same
widths), so a PDF page and its slide show the same lines in the same place.
A page is the shared screen in points: 1920 x 1080 px at 0.75 pt per px
(20 x 11.25 in), so the Meeting page's budgets fit it at its sizes; text is
22 pt, 18 pt when a screen holds more. A screen that does not fit at 18 pt
either (very long titles) never loses text: the PDF page grows taller; the
PowerPoint slide, one size for the whole deck, sets that slide's text
smaller until it fits.

Deterministic: the same meeting gives the same bytes (fixed document dates,
the as-of as the only date, stable zip entries).

Why one long module: the screens' blocks, the layout that measures them and
the two renderers share one contract (a Box is drawn where and as large as
the layout measured it, in both formats); apart, a change to one would
silently break the other.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import astuple, dataclass, field
from functools import lru_cache
from xml.sax.saxutils import escape

from . import charts, forecast, meeting
from .i18n import t
from .model import STATUSES
from .palette import STATUS_COLORS

PAGE_W, PAGE_H = 1440.0, 810.0  # points
MARGIN = 54.0
GAP = 36.0  # between columns
LEADING = 1.22  # line height per font size
INK, MUTED = "#1f1f1f", "#444444"
MIN_PT = 18.0
PDF_MAX_H = 14400.0  # the largest page PDF viewers open (200 in)
CHART_W, CHART_H = 300.0, 96.0  # a sparkline, points
CHART_SCALE = 2  # PNG pixels per point, sharp on a beamer and in print
LEAD_SHARE = 0.26  # the team-name column on "where we stand"
POSITION_W = 240.0  # "Screen 2 of 8", top right
# measured lines must fit with room to spare in PowerPoint, whose Arial may break a line a little earlier
FIT = 0.97
CREATOR = "okr-dashboard"
FORMATS = ("pdf", "pptx")
MIME = {"pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


@dataclass(frozen=True)
class Sizes:
    """Font sizes (pt) of one page's texts."""

    title: float
    sub: float
    h3: float
    body: float
    kr: float
    count: float
    big: float

    def scaled(self, factor: float) -> "Sizes":
        return Sizes(*(v * factor for v in astuple(self)))


NORMAL = Sizes(title=38, sub=22, h3=26, body=22, kr=24, count=44, big=60)
COMPACT = Sizes(title=32, sub=20, h3=22, body=18, kr=20, count=36, big=48)


# --- what a page holds ---------------------------------------------------------------------------


@dataclass
class Span:
    text: str
    bold: bool = False
    muted: bool = False
    italic: bool = False


@dataclass
class Para:
    spans: list[Span]
    role: str = "body"  # a Sizes field
    pill: meeting.Status | None = None  # drawn before the text
    indent: float = 0.0
    lead: Span | None = None  # a first column (a team's name) ...
    link: int | None = None  # ... that opens this screen (0-based in meeting.slides)
    space: float = 0.0  # extra room above, in lines of its size
    align: str = "left"


@dataclass
class Tile:
    label: str
    value: str = ""
    pill: meeting.Status | None = None
    bar: str | None = None  # the colour of the tile's left edge
    role: str = "big"


@dataclass
class Tiles:
    tiles: list[Tile]


@dataclass
class KeyResultBlock:
    paras: list[Para]
    bar: str
    chart: bytes | None  # the sparkline, PNG


@dataclass
class Columns:
    columns: list[list]
    weights: tuple[float, ...] | None = None  # relative widths (default: equal)


@dataclass
class Box:
    """Something placed on a page: x, y from the top left, in points."""

    kind: str  # text, pill, bar, picture
    x: float
    y: float
    w: float
    h: float
    spans: list[Span] = field(default_factory=list)
    size: float = 0.0
    status: meeting.Status | None = None
    colour: str | None = None
    png: bytes | None = None
    link: int | None = None
    align: str = "left"
    paragraph: object | None = None  # the reportlab Paragraph measured for it, drawn as it is in the PDF


@dataclass
class Page:
    title: str  # for the PDF outline and the PowerPoint slide title
    boxes: list[Box]
    height: float
    shrunk: float = 1.0  # < 1: PowerPoint text set smaller than COMPACT to fit


# --- text: measuring, and what the PDF's built-in fonts can print --------------------------------


def _clean(text: str) -> str:
    """One line of plain text: control characters (never printable, and
    illegal in PowerPoint's XML) become spaces."""
    return "".join(" " if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in str(text))


# No built-in PDF font has the open circle (no update) or the clock (stale):
# ZapfDingbats' open circle stands in for both, the label next to it says
# which; its right half circle stands in for the half circle (forecast: close).
_PDF_STAND_IN = str.maketrans({"○": "❍", "◌": "❍", "◷": "❍", "◐": "◗"})


@lru_cache(maxsize=4096)
def _pdf_char(c: str) -> str:
    from reportlab.pdfbase import pdfmetrics

    def printable(ch: str) -> bool:
        for font in ("Helvetica", "Symbol", "ZapfDingbats"):
            try:
                ch.encode(pdfmetrics.getFont(font).encName)
                return True
            except UnicodeEncodeError:
                continue
        return False

    if printable(c):
        return c
    # a letter with a mark the fonts lack (ő, ł is not decomposable): its plain letter; else a question
    # mark, never reportlab's stand-in (a black square, which reads as the red status icon)
    base = unicodedata.normalize("NFKD", c)[:1]
    return base if base and base != c and printable(base) else "?"


def pdf_text(text: str) -> str:
    """`text` as the PDF prints it with Helvetica, Symbol and ZapfDingbats."""
    text = _clean(text).translate(_PDF_STAND_IN)
    return "".join(_pdf_char(c) for c in text) if not text.isascii() else text


def _markup(spans: list[Span]) -> str:
    out = []
    for s in spans:
        body = escape(pdf_text(s.text))
        if s.bold:
            body = f"<b>{body}</b>"
        if s.italic:
            body = f"<i>{body}</i>"
        if s.muted:
            body = f'<font color="{MUTED}">{body}</font>'
        out.append(body)
    return "".join(out)


@lru_cache(maxsize=64)
def _style(size: float, align: str = "left"):
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"okr-{size}-{align}", fontName="Helvetica", fontSize=size, leading=size * LEADING,
                          textColor=INK, alignment={"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}[align],
                          splitLongWords=1)


def _paragraph(spans: list[Span], size: float, align: str = "left"):
    from reportlab.platypus import Paragraph

    return Paragraph(_markup(spans), _style(size, align))


def wrapped(spans: list[Span], size: float, width: float, align: str = "left"):
    """(height, Paragraph) of `spans` wrapped at `width`, measured a little
    narrower (see FIT)."""
    para = _paragraph(spans, size, align)
    return para.wrap(width * (FIT if align == "left" else 1.0), 1e9)[1], para


def text_box(x: float, y: float, w: float, spans: list[Span], size: float, align: str = "left",
             link: int | None = None) -> Box:
    h, para = wrapped(spans, size, w, align)
    return Box("text", x, y, w, h, spans, size, link=link, align=align, paragraph=para)


def _pill_width(lang: str, size: float) -> float:
    """One width for every status pill at this size (the widest label), so the
    text after the pills lines up."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return max(stringWidth(pdf_text(meeting.status(s, lang).text), "Helvetica-Bold", size)
               for s in STATUSES) + size * 0.9


# --- layout ---------------------------------------------------------------------------------------


class Layout:
    """Places blocks top-down into boxes at one set of sizes."""

    def __init__(self, sizes: Sizes, lang: str):
        self.s = sizes
        self.lang = lang
        self.boxes: list[Box] = []

    def size(self, role: str) -> float:
        return getattr(self.s, role)

    def flow(self, blocks: list, x: float, y: float, w: float) -> float:
        for block in blocks:
            y = self.block(block, x, y, w)
        return y

    def block(self, b, x: float, y: float, w: float) -> float:
        if isinstance(b, Para):
            return self.para(b, x, y, w)
        if isinstance(b, Tiles):
            return self.tiles(b, x, y, w)
        if isinstance(b, KeyResultBlock):
            return self.key_result(b, x, y, w)
        if isinstance(b, Columns):
            weights = b.weights or (1.0,) * len(b.columns)
            free = w - GAP * (len(b.columns) - 1)
            bottom, cx = y, x
            for col, weight in zip(b.columns, weights):
                width = free * weight / sum(weights)
                bottom = max(bottom, self.flow(col, cx, y, width))
                cx += width + GAP
            return bottom
        raise TypeError(type(b))

    def para(self, p: Para, x: float, y: float, w: float) -> float:
        size = self.size(p.role)
        line = size * LEADING
        y += p.space * line
        x, w = x + p.indent, w - p.indent
        height = line
        if p.lead is not None:
            lead_w = w * LEAD_SHARE
            box = text_box(x, y, lead_w - 12, [p.lead], size, link=p.link)
            self.boxes.append(box)
            x, w, height = x + lead_w, w - lead_w, max(height, box.h)
        if p.pill is not None:
            pw = _pill_width(self.lang, size)
            self.boxes.append(Box("pill", x, y, pw, line, size=size, status=p.pill))
            x, w = x + pw + size * 0.5, w - pw - size * 0.5
        if p.spans:
            box = text_box(x, y, w, p.spans, size, p.align)
            self.boxes.append(box)
            height = max(height, box.h)
        return y + height + size * 0.25

    def tiles(self, b: Tiles, x: float, y: float, w: float) -> float:
        width = (w - GAP * (len(b.tiles) - 1)) / len(b.tiles)
        bottom = y
        label_size = self.s.body
        for i, tile in enumerate(b.tiles):
            tx = x + i * (width + GAP)
            inner = tx + (18 if tile.bar else 0)
            iw = width - (inner - tx)
            label = text_box(inner, y, iw, [Span(tile.label, bold=True, muted=True)], label_size)
            self.boxes.append(label)
            size = self.size(tile.role)
            vy = y + label.h + 4
            if tile.pill is not None:
                pw = min(_pill_width(self.lang, size), iw)
                self.boxes.append(Box("pill", inner, vy, pw, size * LEADING, size=size, status=tile.pill))
                vh = size * LEADING
            else:
                value = text_box(inner, vy, iw, [Span(tile.value, bold=True)], size)
                self.boxes.append(value)
                vh = value.h
            if tile.bar:
                self.boxes.append(Box("bar", tx, y, 8, vy + vh - y, colour=tile.bar))
            bottom = max(bottom, vy + vh)
        return bottom + self.s.body * 0.6

    def key_result(self, b: KeyResultBlock, x: float, y: float, w: float) -> float:
        text_w = w - 20 - ((CHART_W + GAP) if b.chart else 0)
        bottom = self.flow(b.paras, x + 20, y, text_w)
        if b.chart:
            self.boxes.append(Box("picture", x + w - CHART_W, y, CHART_W, CHART_H, png=b.chart))
            bottom = max(bottom, y + CHART_H + 4)
        self.boxes.append(Box("bar", x, y, 7, bottom - y - 4, colour=STATUS_COLORS[b.bar]))
        return bottom + self.s.body * 0.5


def measure(blocks: list, sizes: Sizes, lang: str, w: float) -> float:
    return Layout(sizes, lang).flow(blocks, 0, 0, w)


# --- the screens as blocks (the Meeting page's texts, okr/ui/screens.py) --------------------------


def _more(text: str) -> Para:
    return Para([Span(text, muted=True, italic=True)])


def _stand(m: meeting.Meeting, s: meeting.Standing) -> list:
    lang = m.lang
    blocks: list = [Tiles([Tile(t("ui.overview.company_progress", lang), s.company_progress),
                           Tile(t("ui.overview.expected", lang), s.expected),
                           Tile(t("ui.overview.company_status", lang), pill=s.company_status, role="count")])]
    counts = [Tile(st.text, str(n), bar=STATUS_COLORS[st.key], role="count") for st, n in s.counts]
    if s.will_miss is not None:
        counts.append(Tile(t("meeting.will_miss", lang), str(s.will_miss), bar="#555555", role="count"))
    blocks.append(Tiles(counts))
    blocks.append(Para([Span(t("meeting.lagging_teams", lang), bold=True)], role="h3"))
    if not s.teams:
        blocks.append(Para([Span(t("meeting.no_lagging", lang))]))
    for line in s.teams:
        blocks.append(Para([Span(t("meeting.team_line", lang, progress=line.progress, expected=line.expected))],
                           pill=line.status, lead=Span(line.team, bold=True),
                           link=None if line.slide is None else line.slide - 1))
    if s.more_teams:
        blocks.append(_more(t("meeting.more_teams", lang, n=s.more_teams)))
    if s.on_track:
        blocks.append(Para([Span(t("meeting.on_track", lang, teams=", ".join(s.on_track)), muted=True)]))
    if s.no_update:
        blocks.append(Para([Span(t("meeting.no_update_teams", lang, teams=", ".join(s.no_update)), muted=True)]))
    return blocks


def _change_group(g: meeting.ChangeGroup, lang: str) -> list:
    blocks: list = [Para([Span(g.title, bold=True)], role="h3", space=0.3)]
    for ln in g.lines:
        blocks.append(Para([Span(ln.team, bold=True), Span(f" · {ln.title} "), Span(f"({ln.owner})", muted=True)]))
        blocks.append(Para([Span(f"{ln.before} → {ln.now}")], indent=24))
    if g.more:
        blocks.append(_more(t("meeting.more", lang, n=g.more)))
    return blocks


def _changed(m: meeting.Meeting, c: meeting.WhatChanged, sizes: Sizes) -> list:
    lang = m.lang
    if c.compared is None:
        return [Para([Span(t("meeting.first_upload", lang))])]
    width = (PAGE_W - 2 * MARGIN - GAP) / 2
    # each group goes to the shorter column, in agenda order (as on the page)
    columns: list[list] = [[], []]
    heights = [0.0, 0.0]
    for g in (g for g in c.groups if g.lines or g.more):
        blocks = _change_group(g, lang)
        i = heights.index(min(heights))
        columns[i] += blocks
        heights[i] += measure(blocks, sizes, lang, width)
    out: list = [Columns(columns)]
    empty = [g.title for g in c.groups if not g.lines and not g.more]
    if empty:
        out.append(Para([Span(t("meeting.no_change", lang, groups=", ".join(empty)), muted=True)], space=0.3))
    return out


def _team(m: meeting.Meeting, s: meeting.TeamScreen, pictures: dict[str, bytes]) -> list:
    lang = m.lang
    blocks: list = [Para([Span(t("meeting.team_line", lang, progress=s.progress, expected=s.expected))],
                         pill=s.status)]
    if not s.key_results:
        blocks.append(Para([Span(t("meeting.no_lagging_krs", lang))]))
    for kr in s.key_results:
        facts = [Span(" · ".join([kr.owner, kr.current, kr.expected] + ([kr.forecast] if kr.forecast else [])))]
        if kr.reported:
            facts += [Span(" · "), Span(kr.reported, bold=True)]
        if kr.stale:
            facts.append(Span(" · " + forecast.stale_label(lang)))
        paras = [Para([Span(kr.title, bold=True)], role="kr"), Para(facts, pill=kr.status)]
        if kr.comment:
            paras.append(Para([Span(f"“{kr.comment}”", muted=True)]))
        blocks.append(KeyResultBlock(paras, kr.status.key, pictures.get(kr.id)))
    if s.more:
        blocks.append(_more(t("meeting.more_krs", lang, n=s.more)))
    return blocks


def _cascade(m: meeting.Meeting, c: meeting.Cascade) -> list:
    lang = m.lang
    if not c.lines:
        return [Para([Span(t("meeting.cascade.none", lang))])]
    blocks: list = [Para([Span(ln.title, bold=ln.lagging),
                          Span(" · " + t("meeting.cascade.line", lang, team=ln.team, progress=ln.progress,
                                         expected=ln.expected), muted=True)],
                         pill=ln.status, indent=ln.depth * 36) for ln in c.lines]
    if c.more:
        blocks.append(_more(t("meeting.more_nodes", lang, n=c.more)))
    return blocks


def _decide(m: meeting.Meeting, d: meeting.ToDecide) -> list:
    lang = m.lang
    left: list = [Para([Span(t("meeting.decide.findings", lang), bold=True)], role="h3")]
    for f in d.findings:
        left.append(Para([Span(f.rule, bold=True), Span(f" · {f.team}")], space=0.2))
        left.append(Para([Span(f.item)]))
    if not d.findings:
        left.append(Para([Span(t("meeting.decide.no_findings", lang))]))
    if d.more_findings:
        left.append(_more(t("meeting.more_findings", lang, n=d.more_findings)))
    right: list = [Para([Span(t("meeting.decide.lagging", lang), bold=True)], role="h3")]
    for ln in d.lagging:
        right.append(Para([Span(ln.team, bold=True), Span(f" · {ln.title}")], space=0.2))
        right.append(Para([Span(f"{ln.owner} · {ln.now}")], indent=24))
    if not d.lagging:
        right.append(Para([Span(t("meeting.decide.no_lagging", lang))]))
    if d.more_lagging:
        right.append(_more(t("meeting.more_red", lang, n=d.more_lagging)))
    return [Columns([left, right])]


def _close(m: meeting.Meeting, c: meeting.CloseScreen) -> list:
    lang = m.lang
    left: list = [Tiles([Tile(t("close.ui.company_grade", lang), f"{c.company_grade} {c.company_band}")]),
                  Para([Span(t("close.ui.distribution", lang), bold=True)], role="h3")]
    left += [Para([Span(tl.team, bold=True), Span(f" · {tl.grade} · {tl.bands}")]) for tl in c.teams]
    if c.more_teams:
        left.append(_more(t("meeting.more", lang, n=c.more_teams)))
    left.append(Para([Span(t("close.ui.committed_missed", lang), bold=True)], role="h3", space=0.3))
    for k in c.committed_missed:
        left.append(Para([Span(k.team, bold=True), Span(f" · {k.title} "), Span(f"({k.owner})", muted=True)]))
        left.append(Para([Span(k.grade)], indent=24))
    if not c.committed_missed:
        left.append(Para([Span(t("close.ui.none_missed", lang))]))
    elif c.more_missed:
        left.append(_more(t("meeting.more", lang, n=c.more_missed)))
    right: list = [Para([Span(t("close.ui.flags", lang), bold=True)], role="h3")]
    right += [Para([Span(f)]) for f in c.flags] or [Para([Span(t("close.ui.no_flags", lang))])]
    right.append(Para([Span(t("close.ui.retro", lang), bold=True)], role="h3", space=0.3))
    right += [Para([Span(q, bold=True)]) for q in c.questions]
    return [Columns([left, right], (3, 2))]


def screen_blocks(m: meeting.Meeting, slide: meeting.Slide, sizes: Sizes, pictures: dict[str, bytes]) -> list:
    if slide.kind == "stand":
        return _stand(m, slide.stand)
    if slide.kind == "changed":
        return _changed(m, slide.changed, sizes)
    if slide.kind == "team":
        return _team(m, slide.screen, pictures)
    if slide.kind == "cascade":
        return _cascade(m, slide.cascade)
    if slide.kind == "decide":
        return _decide(m, slide.decide)
    if slide.kind == "close":
        return _close(m, slide.close)
    return []


# --- pages ----------------------------------------------------------------------------------------


def _subtitle(m: meeting.Meeting, slide: meeting.Slide) -> str:
    sub = m.heading
    if slide.changed is not None and slide.changed.compared:
        sub += " · " + slide.changed.compared
    return sub


def _screen_page(m: meeting.Meeting, n: int, sizes: Sizes, pictures: dict[str, bytes]) -> Page:
    slide = m.slides[n]
    lay = Layout(sizes, m.lang)
    w = PAGE_W - 2 * MARGIN
    top = MARGIN * 0.7
    # "Screen 2 of 8" top right, as on the page (between Previous and Next): the bottom is the screen's
    y = lay.flow([Para([Span(slide.title, bold=True)], role="title")], MARGIN, top, w - POSITION_W - GAP)
    position = [Span(t("meeting.position", m.lang, n=n + 1, total=len(m.slides)), muted=True)]
    lay.boxes.append(text_box(MARGIN + w - POSITION_W, top + (sizes.title - MIN_PT) * LEADING / 2, POSITION_W,
                              position, MIN_PT, "right"))
    y = lay.flow([Para([Span(_subtitle(m, slide), muted=True)], role="sub")], MARGIN, y, w)
    y = lay.flow(screen_blocks(m, slide, sizes, pictures), MARGIN, y + sizes.body * 0.4, w)
    return Page(slide.title, lay.boxes, max(PAGE_H, y + MARGIN * 0.5))


def _fitted(m: meeting.Meeting, n: int, pictures: dict[str, bytes], grow: bool) -> Page:
    page = _screen_page(m, n, NORMAL, pictures)
    if page.height <= PAGE_H:
        return page
    page = _screen_page(m, n, COMPACT, pictures)
    if page.height <= PAGE_H or grow:
        page.height = min(page.height, PDF_MAX_H)
        return page
    # one slide size for the whole deck: this slide's text gets smaller until it fits
    factor = PAGE_H / page.height
    for _ in range(12):
        page = _screen_page(m, n, COMPACT.scaled(factor), pictures)
        page.shrunk = factor
        if page.height <= PAGE_H:
            break
        factor *= 0.93
    page.height = PAGE_H
    return page


def title_page(m: meeting.Meeting) -> Page:
    lay = Layout(NORMAL, m.lang)
    w = PAGE_W - 2 * MARGIN
    blocks = []
    if m.organisation:
        blocks.append(Para([Span(m.organisation, bold=True)], role="big", align="center"))
    blocks += [Para([Span(t("meeting.title", m.lang), bold=True)], role="title", align="center", space=0.3),
               Para([Span(m.heading, muted=True)], role="h3", align="center", space=0.3)]
    height = measure(blocks, NORMAL, m.lang, w)
    lay.flow(blocks, MARGIN, max(MARGIN, (PAGE_H - height) / 2), w)
    return Page(m.organisation or t("meeting.title", m.lang), lay.boxes, PAGE_H)


class Sparklines:
    """The Meeting page's sparklines (okr.charts.sparkline) as PNGs, drawn by
    vl-convert: Vega runs embedded, nothing is fetched. Within one meeting only
    a sparkline's rows differ per key result (charts.sparkline_rows), so the
    Altair spec is built once and each key result's rows are put in its place:
    building and validating it per key result took three times the drawing
    (1,224 sparklines at 10k key results: 57 s of 75 s)."""

    def __init__(self, m: meeting.Meeting):
        self.m = m
        self.spec: dict | None = None
        self.rows: list[dict] | None = None

    def spec_for(self, kr: meeting.KRLine) -> dict:
        rows = charts.sparkline_rows(kr.points, kr.start, kr.target, self.m.quarter)
        if self.spec is None:
            spec = charts.sparkline(kr.points, kr.start, kr.target, self.m.quarter, self.m.as_of,
                                    height=round(CHART_H / 0.75)).to_dict()
            # exactly the box: no padding, marks at the edges kept inside
            spec.update(width=round(CHART_W / 0.75), padding=0, autosize={"type": "fit", "contains": "padding"})
            self.spec, self.rows = spec, rows
            return spec
        return {**self.spec, "layer": [{**layer, "data": {"values": rows}}
                                       if layer.get("data", {}).get("values") == self.rows else layer
                                       for layer in self.spec["layer"]]}

    def png(self, kr: meeting.KRLine) -> bytes:
        import vl_convert

        # the spec in CSS pixels (as on the page), drawn at CHART_SCALE pixels per point
        return vl_convert.vegalite_to_png(self.spec_for(kr), scale=CHART_SCALE * 0.75)


def pictures_of(m: meeting.Meeting) -> dict[str, bytes]:
    sparklines = Sparklines(m)
    return {kr.id: sparklines.png(kr) for s in m.slides if s.screen for kr in s.screen.key_results if kr.points}


def pages(m: meeting.Meeting, grow: bool) -> list[Page]:
    pictures = pictures_of(m)
    return [title_page(m)] + [_fitted(m, n, pictures, grow) for n in range(len(m.slides))]


def _doc_title(m: meeting.Meeting) -> str:
    return " · ".join(filter(None, [m.organisation, t("meeting.title", m.lang), m.heading]))


def file_name(m: meeting.Meeting, fmt: str) -> str:
    return f"okr-meeting-{m.quarter}-{m.as_of.isoformat()}-{m.lang}.{fmt}"


# --- PDF (reportlab) ------------------------------------------------------------------------------


def pack_pdf(m: meeting.Meeting) -> bytes:
    """The pack as a PDF: one page per screen, a page taller than the screen
    when its text does not fit at 18 pt; an outline entry per page."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from reportlab import rl_config

    # binary streams: reportlab's ASCII85 text encoding runs in pure Python here (11 s for the
    # 1,224 sparklines at 10k key results) and only makes the file larger
    rl_config.useA85 = 0
    buf = io.BytesIO()
    # invariant: a fixed creation date and document id, so the same meeting gives the same bytes
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    c.setTitle(_doc_title(m))
    c.setAuthor(m.organisation or "")
    c.setSubject(m.heading)
    c.setCreator(CREATOR)
    for i, page in enumerate(pages(m, grow=True)):
        h = page.height
        c.setPageSize((PAGE_W, h))
        c.bookmarkPage(f"p{i}")
        c.addOutlineEntry(page.title, f"p{i}", level=0)
        for b in page.boxes:
            top = h - b.y
            if b.kind == "text":
                ph = b.h
                b.paragraph.drawOn(c, b.x, top - ph)
                if b.link is not None:
                    c.linkRect("", f"p{b.link + 1}", (b.x, top - ph, b.x + b.w, top), relative=0, thickness=0)
            elif b.kind == "pill":
                c.setFillColor(HexColor(STATUS_COLORS[b.status.key]))
                c.roundRect(b.x, top - b.h, b.w, b.h, b.size * 0.3, stroke=0, fill=1)
                c.setFillColor(HexColor("#000000"))
                c.setFont("Helvetica-Bold", b.size)
                c.drawCentredString(b.x + b.w / 2, top - b.h * 0.78, pdf_text(b.status.text))
            elif b.kind == "bar":
                c.setFillColor(HexColor(b.colour))
                c.rect(b.x, top - b.h, b.w, b.h, stroke=0, fill=1)
            elif b.kind == "picture":
                c.drawImage(ImageReader(io.BytesIO(b.png)), b.x, top - b.h, b.w, b.h, mask="auto",
                            preserveAspectRatio=True, anchor="nw")
        c.showPage()
    c.save()
    return buf.getvalue()


# --- PowerPoint (python-pptx) ---------------------------------------------------------------------


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _runs(paragraph, spans: list[Span], size: float) -> None:
    from pptx.util import Pt

    for s in spans:
        run = paragraph.add_run()
        run.text = _clean(s.text)
        f = run.font
        f.name = "Arial"
        f.size = Pt(round(size, 1))
        f.bold = s.bold
        f.italic = s.italic
        f.color.rgb = _rgb(MUTED if s.muted else INK)


def _frame(shape, size: float, align: str = "left", wrap: bool = True):
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    tf = shape.text_frame
    tf.word_wrap = wrap
    tf.auto_size = MSO_AUTO_SIZE.NONE  # the box is measured to its text
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    tf.vertical_anchor = MSO_ANCHOR.TOP
    p = tf.paragraphs[0]
    p.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[align]
    p.line_spacing = Pt(size * LEADING)
    return p


def pack_pptx(m: meeting.Meeting) -> bytes:
    """The pack as a PowerPoint: one 16:9 slide per screen, each text in a
    box measured to its lines; status pills as shapes; slide titles set."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(PAGE_W), Pt(PAGE_H)
    layout = prs.slide_layouts[5]  # title only: the slide's title is its first text (outline, screen readers)
    laid = pages(m, grow=False)
    slides = [prs.slides.add_slide(layout) for _ in laid]
    for slide, page in zip(slides, laid):
        title_shape = slide.shapes.title
        first = True
        for b in _one_picture(page.boxes):
            if b.kind == "text":
                if first and title_shape is not None:
                    shape = title_shape
                    shape.left, shape.top, shape.width, shape.height = Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h)
                else:
                    shape = slide.shapes.add_textbox(Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
                first = False
                _runs(_frame(shape, b.size, b.align), b.spans, b.size)
                if b.link is not None:
                    shape.click_action.target_slide = slides[b.link + 1]
            elif b.kind == "pill":
                shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
                shape.fill.solid()
                shape.fill.fore_color.rgb = _rgb(STATUS_COLORS[b.status.key])
                shape.line.fill.background()
                shape.shadow.inherit = False
                p = _frame(shape, b.size, "center", wrap=False)
                shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
                _runs(p, [Span(b.status.text, bold=True)], b.size)
                for r in p.runs:
                    r.font.color.rgb = _rgb("#000000")
            elif b.kind == "bar":
                shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
                shape.fill.solid()
                shape.fill.fore_color.rgb = _rgb(b.colour)
                shape.line.fill.background()
                shape.shadow.inherit = False
            elif b.kind == "picture":
                slide.shapes.add_picture(io.BytesIO(b.png), Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
        if title_shape is not None and first:  # a page without text: no empty title box
            title_shape.element.getparent().remove(title_shape.element)
    props = prs.core_properties
    when = dt.datetime.combine(m.as_of, dt.time())
    props.title, props.subject, props.author = _doc_title(m), m.heading, m.organisation or ""
    props.last_modified_by, props.revision, props.language = CREATOR, 1, m.lang
    props.created = props.modified = when
    props.last_printed = when
    buf = io.BytesIO()
    prs.save(buf)
    return _stable_zip(buf.getvalue(), when)


def _one_picture(boxes: list[Box]) -> list[Box]:
    """A page's pictures as one: python-pptx looks through every image in the
    deck for each picture added (20 s for 1,224 sparklines at 10k key results);
    one picture per slide, transparent between the sparklines, looks the same."""
    pictures = [b for b in boxes if b.kind == "picture"]
    if len(pictures) < 2:
        return boxes
    from PIL import Image

    x0, y0 = min(b.x for b in pictures), min(b.y for b in pictures)
    x1, y1 = max(b.x + b.w for b in pictures), max(b.y + b.h for b in pictures)
    canvas = Image.new("RGBA", (round((x1 - x0) * CHART_SCALE), round((y1 - y0) * CHART_SCALE)), (255, 255, 255, 0))
    for b in pictures:
        img = Image.open(io.BytesIO(b.png)).convert("RGBA")
        size = (round(b.w * CHART_SCALE), round(b.h * CHART_SCALE))
        img = img if img.size == size else img.resize(size)
        canvas.paste(img, (round((b.x - x0) * CHART_SCALE), round((b.y - y0) * CHART_SCALE)), img)
    out = io.BytesIO()
    canvas.save(out, "PNG", compress_level=1)  # mostly transparent: little to gain from harder work
    return [b for b in boxes if b.kind != "picture"] + [Box("picture", x0, y0, x1 - x0, y1 - y0, png=out.getvalue())]


def _stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry dated `when`: python-pptx stamps entries
    with the time of saving, which would make every pack's bytes differ."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info))
    return out.getvalue()


def pack(m: meeting.Meeting, fmt: str) -> bytes:
    if fmt == "pdf":
        return pack_pdf(m)
    if fmt == "pptx":
        return pack_pptx(m)
    raise ValueError(fmt)
