"""Simple bar charts (pilot funnel, counts by a category). Pure functions.

Every bar keeps its label (one band per category, labels never hidden for overlap or cut
short) and carries its value at its end; the chart grows with the number of bars."""

from __future__ import annotations

import altair as alt
import pandas as pd

BAR_COLOUR = "#1f6f4a"
STEP = 30  # pixels per bar: room for a CJK label at Streamlit's font size
LABEL_LIMIT = 320  # pixels: longer labels wrap on nothing, so allow long ones


def bar_chart(
    data: pd.DataFrame,
    *,
    category: str,
    value: str,
    category_title: str,
    value_title: str,
    title: str,
    subtitle: str | None = None,
    horizontal: bool = True,
    sort: list[str] | None = None,
    height: int | None = None,
) -> alt.LayerChart:
    """`data` has the label column `category` and the number column `value`. `height`
    fixes the plot's height; by default each bar gets STEP pixels."""
    cat = alt.Y if horizontal else alt.X
    num = alt.X if horizontal else alt.Y
    axis = alt.Axis(labelOverlap=False, labelLimit=LABEL_LIMIT)
    if not horizontal:
        axis = alt.Axis(labelOverlap=False, labelLimit=LABEL_LIMIT, labelAngle=0)
    category_enc = cat(
        f"{category}:N",
        title=category_title,
        sort=sort or ("-x" if horizontal else "-y"),
        axis=axis,
    )
    top = float(data[value].max()) if len(data) else 0.0
    # room beyond the longest bar for its value label
    value_enc = num(
        f"{value}:Q", title=value_title, scale=alt.Scale(domainMax=max(top * 1.12, 1), nice=True)
    )
    tooltip = [
        alt.Tooltip(f"{category}:N", title=category_title),
        alt.Tooltip(f"{value}:Q", title=value_title),
    ]
    base = alt.Chart(data).encode(category_enc, value_enc, tooltip=tooltip)
    bars = base.mark_bar(color=BAR_COLOUR)
    labels = base.mark_text(
        align="left" if horizontal else "center",
        baseline="middle" if horizontal else "bottom",
        dx=4 if horizontal else 0,
        dy=0 if horizontal else -4,
        color="#1b1f1d",
    ).encode(text=alt.Text(f"{value}:Q", format=","))
    size = {"height": height} if height else {"height" if horizontal else "width": alt.Step(STEP)}
    if horizontal or height:
        size.setdefault("width", "container")
    return alt.layer(bars, labels).properties(
        title=alt.TitleParams(title, subtitle=subtitle or "", anchor="start"), **size
    )
