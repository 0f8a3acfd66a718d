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
    sort: list[str] | None = None,
) -> alt.LayerChart:
    """Horizontal bars: `data` has the label column `category` and the number column
    `value`; `sort` fixes the bars' order (default: the longest first). Each bar gets STEP
    pixels of height."""
    category_enc = alt.Y(
        f"{category}:N",
        title=category_title,
        sort=sort or "-x",
        axis=alt.Axis(labelOverlap=False, labelLimit=LABEL_LIMIT),
    )
    top = float(data[value].max()) if len(data) else 0.0
    # room beyond the longest bar for its value label
    value_enc = alt.X(
        f"{value}:Q", title=value_title, scale=alt.Scale(domainMax=max(top * 1.12, 1), nice=True)
    )
    tooltip = [
        alt.Tooltip(f"{category}:N", title=category_title),
        alt.Tooltip(f"{value}:Q", title=value_title),
    ]
    base = alt.Chart(data).encode(category_enc, value_enc, tooltip=tooltip)
    bars = base.mark_bar(color=BAR_COLOUR)
    labels = base.mark_text(align="left", baseline="middle", dx=4, dy=0, color="#1b1f1d").encode(
        text=alt.Text(f"{value}:Q", format=",")
    )
    return alt.layer(bars, labels).properties(
        title=alt.TitleParams(title, subtitle="", anchor="start"),
        height=alt.Step(STEP),
        width="container",
    )
