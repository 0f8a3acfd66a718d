"""Simple bar charts (pilot funnel, counts by a category). Pure functions."""

from __future__ import annotations

import altair as alt
import pandas as pd


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
    height: int = 260,
) -> alt.Chart:
    """`data` has the label column `category` and the number column `value`."""
    cat = alt.Y if horizontal else alt.X
    num = alt.X if horizontal else alt.Y
    return (
        alt.Chart(data)
        .mark_bar(color="#1f6f4a")
        .encode(
            cat(f"{category}:N", title=category_title, sort=sort or "-x"),
            num(f"{value}:Q", title=value_title),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=category_title),
                alt.Tooltip(f"{value}:Q", title=value_title),
            ],
        )
        .properties(
            title=alt.TitleParams(title, subtitle=subtitle or "", anchor="start"),
            width="container",
            height=height,
        )
    )
