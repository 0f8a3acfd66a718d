"""The burn-up chart of a target: cumulative actual, the target at its deadline, the straight
path required, the forecast and its 80% interval as a band (or, when there is no forecast
yet, a line of text in the plot saying so). A pure function returning an Altair chart."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from dashboard.i18n import t


def burnup_chart(
    actual: pd.DataFrame,
    *,
    window_start: date,
    deadline: date,
    threshold: int,
    as_of: date,
    forecast: float | None,
    title: str,
    lang: str,
    band: list[dict] | None = None,
    subtitle: str | None = None,
    width: int | str = "container",
    height: int = 280,
) -> alt.Chart:
    """`actual` has columns day (date) and actual (int); `band` is the forecast's interval,
    rows {"day": ISO date, "low", "high"} from the as-of date to the deadline. `forecast`
    None: no forecast yet (docs/FORECAST.md), said in the plot, with no line or band."""
    series_actual = t("chart.actual", lang)
    series_path = t("chart.required_path", lang)
    series_forecast = t("chart.forecast", lang)
    series_target = t("chart.target", lang)
    series_band = t("chart.band", lang)
    rows = [
        {"day": pd.Timestamp(r.day), "value": int(r.actual), "series": series_actual}
        for r in actual.itertuples()
    ]
    rows += [
        {"day": pd.Timestamp(window_start), "value": 0, "series": series_path},
        {"day": pd.Timestamp(deadline), "value": threshold, "series": series_path},
    ]
    last = int(actual["actual"].iloc[-1]) if len(actual) else 0
    series = [series_actual, series_path]
    hues = ["#1f6f4a", "#8a949a"]
    abstain = forecast is None and as_of < deadline
    if forecast is not None and as_of < deadline:
        # after the deadline there is no forecast line, nor a legend entry
        series.append(series_forecast)
        hues.append("#d08a12")
        rows += [
            {"day": pd.Timestamp(as_of), "value": last, "series": series_forecast},
            {"day": pd.Timestamp(deadline), "value": round(forecast, 1), "series": series_forecast},
        ]
    show_band = bool(band) and as_of < deadline and not abstain
    if show_band:
        series.append(series_band)
        hues.append("#f2c879")
        rows += [
            {
                "day": pd.Timestamp(r["day"]),
                "low": int(r["low"]),
                "high": int(r["high"]),
                "series": series_band,
            }
            for r in band
        ]
    data = pd.DataFrame(rows)
    colours = alt.Scale(domain=series, range=hues)
    day_title = t("chart.date", lang)
    value_title = t("chart.count", lang)
    base = alt.Chart(data).encode(
        x=alt.X(
            "day:T",
            title=day_title,
            axis=alt.Axis(format="%Y-%m", tickCount="month", labelAngle=-40),
        ),
        y=alt.Y("value:Q", title=value_title),
        color=alt.Color("series:N", scale=colours, title=None, legend=alt.Legend(orient="bottom")),
        strokeDash=alt.condition(
            alt.datum.series == series_actual, alt.value([1, 0]), alt.value([5, 4])
        ),
        tooltip=[
            alt.Tooltip("series:N", title=t("chart.series", lang)),
            alt.Tooltip("day:T", title=day_title, format="%Y-%m-%d"),
            alt.Tooltip("value:Q", title=value_title),
        ],
    )
    lines = base.mark_line(point=True, interpolate="step-after").transform_filter(
        alt.datum.series == series_actual
    ) + base.mark_line().transform_filter(
        (alt.datum.series == series_path) | (alt.datum.series == series_forecast)
    )
    if show_band:  # drawn first, under the lines
        area = (
            alt.Chart(data)
            .mark_area(opacity=0.45)
            .encode(
                x="day:T",
                y="low:Q",
                y2="high:Q",
                color=alt.Color("series:N", scale=colours, title=None),
                tooltip=[
                    alt.Tooltip("series:N", title=t("chart.series", lang)),
                    alt.Tooltip("day:T", title=day_title, format="%Y-%m-%d"),
                    alt.Tooltip("low:Q", title=t("chart.band_low", lang)),
                    alt.Tooltip("high:Q", title=t("chart.band_high", lang)),
                ],
            )
            .transform_filter(alt.datum.series == series_band)
        )
        lines = area + lines
    target_point = (
        alt.Chart(
            pd.DataFrame(
                [{"day": pd.Timestamp(deadline), "value": threshold, "label": series_target}]
            )
        )
        .mark_point(shape="diamond", size=140, filled=True, color="#b3261e")
        .encode(
            x="day:T",
            y="value:Q",
            tooltip=[
                alt.Tooltip("label:N", title=t("chart.series", lang)),
                alt.Tooltip("day:T", title=day_title, format="%Y-%m-%d"),
                alt.Tooltip("value:Q", title=value_title),
            ],
        )
    )
    layers = lines + target_point
    if abstain:  # written in the plot, which every export keeps (the pack drops the title)
        layers += _note(t("fc.abstain", lang), window_start, threshold)
    return layers.properties(
        title=alt.TitleParams(title, subtitle=subtitle or "", anchor="start"),
        width=width,
        height=height,
    )


def _note(text: str, window_start: date, threshold: int) -> alt.Chart:
    """A line of text in the plot's top left corner (the window's opening, the target's
    height), where the required path is still low."""
    frame = pd.DataFrame([{"day": pd.Timestamp(window_start), "value": threshold, "note": text}])
    return (
        alt.Chart(frame)
        .mark_text(align="left", baseline="top", dx=6, dy=2, fontSize=12, color="#4a5550")
        .encode(x="day:T", y="value:Q", text="note:N")
    )
