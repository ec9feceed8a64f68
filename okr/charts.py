"""Altair chart builders for the app (no Streamlit here).

- `team_ranking`: teams ranked by lag — bar = progress, tick = expected by
  now, colour + icon/label text = status (never colour alone); a point
  selection on `team` lets the overview open the clicked team.
- `kr_trend`: one key result over time — snapshot values and check-ins, the
  ideal line from start (first day of the quarter) to target (last day), the
  expected-by-now point, and the forecast (okr.forecast) as a dotted
  continuation of the trend from the as-of to the quarter's last day, labelled
  "lands at 78%".

Texts come from the catalogue; colours and icons from `okr.palette`; numbers
and dates on axes and in tooltips are formatted in the user's language by
Vega itself, from `okr.formatting.vega_locale` (the chart's config.locale).
"""

from __future__ import annotations

import datetime as dt

import altair as alt

from . import forecast, formatting
from .close import BANDS, QuarterClose, QuarterGrades, band_label
from .i18n import status_label, t
from .model import STATUSES
from .palette import STATUS_COLORS, STATUS_ICONS
from .parse import quarter_bounds
from .scoring import KRScore, Scorecard

TEAM_SELECTION = "team"  # the selection parameter's name: on_select events arrive under this key
SVG = {"embedOptions": {"renderer": "svg"}}  # crisp on a beamer, and clickable <path> marks for the browser tests
FONT = 18
# Streamlit stretches a chart to the column's width and fits it whole into the height
# it is given: axes and legend then come out of the bars' room, and a chart of two or
# three rows drew its bars 3 px high with their labels on top of each other. Fitting the
# width only keeps `height` for the rows themselves.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
FORECAST_COLOR = "#CC79A7"


def _status_scale(lang: str) -> alt.Scale:
    return alt.Scale(domain=list(STATUSES), range=[STATUS_COLORS[s] for s in STATUSES])


def team_rows(card: Scorecard, lang: str) -> list[dict]:
    """One row per team, furthest behind first (the scorecard's order)."""
    rows = []
    for rank, team in enumerate(card.teams):
        progress = round((team.progress or 0.0) * 100, 1)
        expected = round(team.expected * 100, 1)
        rows.append({
            "rank": rank,
            "team": team.team,
            "progress": progress,
            "expected": expected,
            "status": team.status,
            "label_x": max(min(progress, 100.0), min(expected, 100.0)),
            "label": f"{STATUS_ICONS[team.status]} {status_label(team.status, lang)} · "
                     f"{formatting.percent(team.progress or 0.0, lang)} / {formatting.percent(team.expected, lang)}",
        })
    return rows


def team_ranking(card: Scorecard, lang: str, *, selectable: bool = True, font: int = FONT) -> alt.LayerChart:
    rows = team_rows(card, lang)
    data = alt.Data(values=rows)
    # an explicit order: layered marks would otherwise fall back to alphabetical
    y = alt.Y("team:N", sort=[r["team"] for r in rows], scale=alt.Scale(domain=[r["team"] for r in rows]),
              title=None, axis=alt.Axis(labelFontSize=font, labelLimit=320))
    x_title = t("ui.chart.progress_pct", lang)
    tooltip = [alt.Tooltip("team:N", title=t("ui.col.team", lang)),
               alt.Tooltip("progress:Q", title=t("ui.col.progress", lang), format=",.1~f"),
               alt.Tooltip("expected:Q", title=t("ui.col.expected", lang), format=",.1~f"),
               alt.Tooltip("label:N", title=t("ui.col.status", lang))]
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(cornerRadiusEnd=3, height={"band": 0.7}, cursor="pointer").encode(
        x=alt.X("progress:Q", title=x_title, scale=alt.Scale(domain=[0, 150], clamp=True),
                axis=alt.Axis(values=[0, 25, 50, 75, 100], labelFontSize=font - 2, titleFontSize=font - 2)),
        color=alt.Color("status:N", scale=_status_scale(lang), legend=None),
        tooltip=tooltip,
    )
    if selectable:
        select = alt.selection_point(name=TEAM_SELECTION, fields=["team"], on="click", clear=False)
        bars = bars.add_params(select)
    ticks = base.mark_tick(color="#000000", thickness=4, size={"expr": "bandwidth('y') * 0.95"}).encode(
        x="expected:Q", tooltip=tooltip)
    labels = base.mark_text(align="left", baseline="middle", dx=10, fontSize=font - 2, color="#1a1a1a").encode(
        x=alt.X("label_x:Q"), text="label:N")
    height = max(160, 48 * len(rows))
    return (alt.layer(bars, ticks, labels).properties(height=height, usermeta=SVG, autosize=FIT_WIDTH)
            .configure(locale=formatting.vega_locale(lang)).configure_view(stroke=None))


def kr_trend_rows(kr: KRScore, quarter: str, as_of: dt.date, history: list[tuple],
                  checkins: list, lang: str) -> list[dict]:
    """Points for `kr_trend`: snapshot values (history rows from `Store.kr_history`:
    (as_of, snapshot_id, start, target, current)), check-ins (`CheckIn`), the
    ideal line and the expected-by-now point."""
    first, nxt = quarter_bounds(quarter)
    last = nxt - dt.timedelta(days=1)
    start = kr.start or 0.0
    target = kr.target if kr.target is not None else (1.0 if kr.kind == "milestone" else None)
    if kr.kind == "milestone":
        start = 0.0
    s_ideal, s_snap, s_check, s_exp = (t("ui.chart.ideal", lang), t("ui.chart.snapshots", lang),
                                       t("ui.chart.checkins", lang), t("ui.chart.expected_now", lang))
    rows: list[dict] = []
    if target is not None:
        rows += [{"date": first.isoformat(), "value": start, "series": s_ideal},
                 {"date": last.isoformat(), "value": target, "series": s_ideal}]
        rows.append({"date": as_of.isoformat(), "value": start + kr.expected * (target - start), "series": s_exp})
    for h_as_of, _sid, _s, _t, current in history:
        if current is not None and first <= h_as_of <= last:
            rows.append({"date": h_as_of.isoformat(), "value": current, "series": s_snap})
    for c in checkins:
        if c.value is not None and c.date is not None and first <= c.date <= last:
            rows.append({"date": c.date.isoformat(), "value": c.value, "series": s_check})
    if kr.forecast is not None and kr.forecast_slope is not None and as_of < last:
        # the fitted line from the as-of on: the trend so far, continued to the quarter's end
        s_fc = t("forecast.chart.series", lang)
        now = kr.forecast - kr.forecast_slope * (last - as_of).days
        label = forecast.lands_at(kr.forecast_progress_raw, lang) if kr.forecast_progress_raw is not None else ""
        rows += [{"date": max(as_of, first).isoformat(), "value": now, "series": s_fc},
                 {"date": last.isoformat(), "value": kr.forecast, "series": s_fc, "label": label}]
    return rows


def kr_trend(kr: KRScore, quarter: str, as_of: dt.date, history: list[tuple], checkins: list,
             lang: str, *, font: int = 14, height: int = 180) -> alt.LayerChart:
    rows = kr_trend_rows(kr, quarter, as_of, history, checkins, lang)
    data = alt.Data(values=rows)
    series = [t("ui.chart.ideal", lang), t("ui.chart.snapshots", lang), t("ui.chart.checkins", lang),
              t("ui.chart.expected_now", lang), t("forecast.chart.series", lang)]
    # the forecast in a colour that is no status's (Okabe-Ito reddish purple): it is a projection, not a verdict
    colors = ["#8C8C8C", STATUS_COLORS[kr.status] if kr.status != "no update" else "#000000", "#0072B2", "#000000",
              FORECAST_COLOR]
    shown = len(series) if any(r["series"] == series[4] for r in rows) else 4  # no legend entry for no forecast
    # legend entries three to a line: five in one line ran past a third of the page and were cut off
    color = alt.Color("series:N", scale=alt.Scale(domain=series[:shown], range=colors[:shown]),
                      legend=alt.Legend(orient="bottom", title=None, labelFontSize=font - 2, columns=3))
    x = alt.X("date:T", title=None, axis=alt.Axis(format=formatting.D3_DAY_MONTH, labelFontSize=font - 2))
    y = alt.Y("value:Q", title=kr.unit or t("ui.chart.value", lang),
              axis=alt.Axis(format=",~r", labelFontSize=font - 2, titleFontSize=font - 2))
    tooltip = [alt.Tooltip("series:N", title=" "),
               alt.Tooltip("date:T", title=t("ui.chart.date", lang), format=formatting.D3_DATE),
               alt.Tooltip("value:Q", title=kr.unit or t("ui.chart.value", lang), format=",.4~f")]
    base = alt.Chart(data).encode(x=x, y=y, color=color, tooltip=tooltip)
    ideal = base.mark_line(strokeDash=[6, 4], strokeWidth=2).transform_filter(
        alt.datum.series == series[0])
    snaps = base.mark_line(point=alt.OverlayMarkDef(size=80, filled=True), strokeWidth=3).transform_filter(
        alt.datum.series == series[1])
    checks = base.mark_point(shape="diamond", size=70, filled=True).transform_filter(
        alt.datum.series == series[2])
    expected = base.mark_point(shape="cross", size=220, filled=True).transform_filter(
        alt.datum.series == series[3])
    layers = [ideal, snaps, checks, expected]
    if shown == len(series):  # the forecast's layers only where there is one: every layer costs time
        layers.append(base.mark_line(strokeDash=[2, 4], strokeWidth=3).transform_filter(alt.datum.series == series[4]))
        layers.append(base.mark_text(align="right", baseline="bottom", dy=-8, fontSize=font - 2).encode(
            text="label:N", color=alt.value("#1a1a1a")).transform_filter(
            (alt.datum.series == series[4]) & alt.datum.label))
    return (alt.layer(*layers).properties(height=height, usermeta=SVG, autosize=FIT_WIDTH)
            .configure(locale=formatting.vega_locale(lang)))


def sparkline_rows(points: list[tuple[dt.date, float]], start: float | None, target: float | None,
                   quarter: str) -> list[dict]:
    """A sparkline's data: the dated values within the quarter and the ideal
    line's two ends (everything in `sparkline` that differs per key result)."""
    first, nxt = quarter_bounds(quarter)
    last = nxt - dt.timedelta(days=1)
    rows = [{"date": d.isoformat(), "value": v, "series": "value"} for d, v in points if first <= d <= last]
    if target is not None:
        rows += [{"date": first.isoformat(), "value": start or 0.0, "series": "ideal"},
                 {"date": last.isoformat(), "value": target, "series": "ideal"}]
    return rows


def sparkline(points: list[tuple[dt.date, float]], start: float | None, target: float | None, quarter: str,
              as_of: dt.date, *, height: int = 110) -> alt.LayerChart:
    """A key result's trend for the meeting screen, without any text (nothing to
    read at 3 m): its dated values as a dark line, the ideal line from start to
    target as a dashed grey line over the whole quarter, and a vertical rule at
    the as-of date. Neutral colours: the status is said next to it."""
    first, nxt = quarter_bounds(quarter)
    last = nxt - dt.timedelta(days=1)
    data = alt.Data(values=sparkline_rows(points, start, target, quarter))
    x = alt.X("date:T", axis=None, scale=alt.Scale(domain=[first.isoformat(), last.isoformat()]))
    y = alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False))
    base = alt.Chart(data).encode(x=x, y=y)
    ideal = base.mark_line(strokeDash=[6, 4], strokeWidth=2, color="#8C8C8C").transform_filter(
        alt.datum.series == "ideal")
    values = base.mark_line(point=alt.OverlayMarkDef(size=40, filled=True, color="#1f1f1f"), strokeWidth=3,
                            color="#1f1f1f").transform_filter(alt.datum.series == "value")
    now = alt.Chart(alt.Data(values=[{"date": as_of.isoformat()}])).mark_rule(
        color="#0072B2", strokeWidth=2).encode(x=alt.X("date:T", axis=None))
    return (alt.layer(ideal, values, now).properties(height=height, usermeta=SVG)
            .configure_view(strokeWidth=0))


# --- quarter close ----------------------------------------------------------------------

# neutral blues from light to dark, one per band (okr.close.BANDS): never the status palette
BAND_COLORS = {"missed": "#C6D3E3", "progress": "#6F8FB8", "achieved": "#1F3A5F"}


def grade_distribution_rows(qc: QuarterClose, lang: str) -> list[dict]:
    """One row per team and band with key results in it, lowest team grade first."""
    rows = []
    for rank, tg in enumerate(qc.teams):
        for order, b in enumerate(BANDS):
            if tg.bands[b]:
                rows.append({"rank": rank, "team": tg.team, "band": band_label(b, lang), "order": order,
                             "key_results": tg.bands[b]})
    return rows


def grade_distribution(qc: QuarterClose, lang: str, *, font: int = FONT) -> alt.Chart:
    rows = grade_distribution_rows(qc, lang)
    teams = [tg.team for tg in qc.teams]
    labels = [band_label(b, lang) for b in BANDS]
    count = t("close.chart.key_results", lang)
    return (alt.Chart(alt.Data(values=rows)).mark_bar(height={"band": 0.7}).encode(
        y=alt.Y("team:N", sort=teams, scale=alt.Scale(domain=teams), title=None,
                axis=alt.Axis(labelFontSize=font, labelLimit=320)),
        x=alt.X("key_results:Q", stack="zero", title=count,
                axis=alt.Axis(tickMinStep=1, format="d", labelFontSize=font - 2, titleFontSize=font - 2)),
        color=alt.Color("band:N", scale=alt.Scale(domain=labels, range=[BAND_COLORS[b] for b in BANDS]),
                        legend=alt.Legend(orient="bottom", title=None, labelFontSize=font - 2)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("team:N", title=t("ui.col.team", lang)),
                 alt.Tooltip("band:N", title=t("close.ui.col.band", lang)),
                 alt.Tooltip("key_results:Q", title=count)],
    ).properties(height=max(160, 44 * len(teams)), usermeta=SVG, autosize=FIT_WIDTH)
        .configure(locale=formatting.vega_locale(lang)).configure_view(stroke=None))


def quarter_grade_rows(history: list[QuarterGrades], lang: str) -> list[dict]:
    """One cell per (company or team, closed quarter) that has a grade; the
    company first, then the teams of the latest quarter, lowest grade first."""
    company = t("close.ui.company_grade", lang)
    rows = []
    for g in history:
        cells = [(company, g.company)] + list(g.teams.items())
        for name, grade in cells:
            if grade is not None:
                rows.append({"quarter": g.quarter, "row": name, "grade": round(grade, 4),
                             "label": formatting.grade(grade, lang), "dark": grade >= 0.6})
    return rows


def quarter_grade_order(history: list[QuarterGrades], lang: str) -> list[str]:
    names = [t("close.ui.company_grade", lang)]
    for g in reversed(history):  # the latest quarter's order first, older teams after it
        names += [n for n in g.teams if n not in names]
    return names


def quarter_grades(history: list[QuarterGrades], lang: str, *, font: int = FONT) -> alt.LayerChart:
    rows = quarter_grade_rows(history, lang)
    order = quarter_grade_order(history, lang)
    quarters = [g.quarter for g in history]
    grade = t("close.ui.col.grade", lang)
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("quarter:N", sort=quarters, title=None, axis=alt.Axis(orient="top", labelFontSize=font, labelAngle=0)),
        y=alt.Y("row:N", sort=order, scale=alt.Scale(domain=order), title=None,
                axis=alt.Axis(labelFontSize=font, labelLimit=320)),
        tooltip=[alt.Tooltip("row:N", title=t("ui.col.team", lang)),
                 alt.Tooltip("quarter:N", title=t("close.ui.col.quarter", lang)),
                 alt.Tooltip("label:N", title=grade)])
    cells = base.mark_rect(stroke="#FFFFFF", strokeWidth=2).encode(
        color=alt.Color("grade:Q", scale=alt.Scale(domain=[0, 1], range=[BAND_COLORS["missed"],
                                                                      BAND_COLORS["achieved"]]),
                        legend=alt.Legend(title=grade, format=".1f", labelFontSize=font - 4, titleFontSize=font - 4,
                                          gradientLength=max(60, min(200, (2 * font + 4) * len(order) - 2 * font)))))
    text = base.mark_text(fontSize=font - 2).encode(
        text="label:N", color=alt.condition(alt.datum.dark, alt.value("#FFFFFF"), alt.value("#1A1A1A")))
    return (alt.layer(cells, text).properties(height=max(120, (2 * font + 4) * len(order)),
                                              width=max(160, 110 * len(quarters)),
                                              usermeta=SVG, autosize=FIT_WIDTH)
            .configure(locale=formatting.vega_locale(lang)).configure_view(stroke=None))
