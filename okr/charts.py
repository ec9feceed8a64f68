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
from .i18n import status_label, t
from .model import STATUSES
from .palette import STATUS_COLORS, STATUS_ICONS
from .parse import quarter_bounds
from .scoring import KRScore, Scorecard

TEAM_SELECTION = "team"  # the selection parameter's name: on_select events arrive under this key
SVG = {"embedOptions": {"renderer": "svg"}}  # crisp on a beamer, and clickable <path> marks for the browser tests
FONT = 18
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
    return (alt.layer(bars, ticks, labels).properties(height=height, usermeta=SVG)
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
             lang: str, *, font: int = 14, height: int = 220) -> alt.LayerChart:
    rows = kr_trend_rows(kr, quarter, as_of, history, checkins, lang)
    data = alt.Data(values=rows)
    series = [t("ui.chart.ideal", lang), t("ui.chart.snapshots", lang), t("ui.chart.checkins", lang),
              t("ui.chart.expected_now", lang), t("forecast.chart.series", lang)]
    # the forecast in a colour that is no status's (Okabe-Ito reddish purple): it is a projection, not a verdict
    colors = ["#8C8C8C", STATUS_COLORS[kr.status] if kr.status != "no update" else "#000000", "#0072B2", "#000000",
              FORECAST_COLOR]
    shown = len(series) if any(r["series"] == series[4] for r in rows) else 4  # no legend entry for no forecast
    color = alt.Color("series:N", scale=alt.Scale(domain=series[:shown], range=colors[:shown]),
                      legend=alt.Legend(orient="bottom", title=None, labelFontSize=font - 2))
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
    return (alt.layer(*layers).properties(height=height, usermeta=SVG)
            .configure(locale=formatting.vega_locale(lang)))
