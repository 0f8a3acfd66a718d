"""What the record registries (pilots, measurement reviews, standards, tasks) draw alike: a
filter of vocabulary values, a chart of counts, the table a person picks one record from (with
each record's counting marks, and its export), the picked record and its history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboard.charts.bars import bar_chart
from dashboard.exports.column_labels import table_columns
from dashboard.exports.labels import filters_text
from dashboard.i18n import enum_label, fmt_int, local_today, t
from dashboard.markdown_text import plain
from dashboard.permissions import can
from dashboard.services.counting_marks import with_marks
from dashboard.ui import cached, charts
from dashboard.ui.context import Viewer, session
from dashboard.ui.export_widgets import export_panel, filtered_export
from dashboard.ui.tables import labelled


def enum_filter(
    place: Any, label_key: str, choices: Sequence[str], group: str, lang: str
) -> list[str]:
    """A multiselect of vocabulary values, shown by their labels; none chosen means all."""
    return place.multiselect(
        t(label_key, lang),
        choices,
        format_func=lambda x: enum_label(group, x, lang),
        placeholder=t("filter.choose", lang),
        select_all=False,
    )


VocabularyFilter = tuple[str, Sequence[str], str]  # label key, choices, vocabulary group


def search_filters(
    lang: str, search_key: str, *vocabularies: VocabularyFilter
) -> tuple[list[list[str]], str, list[tuple[str, Any]]]:
    """A row of vocabulary filters (`enum_filter`) and, last, a search box (`search_key`):
    the values chosen in each filter, the text searched, and the filters as an export states
    them (`registry_export`)."""
    places = st.columns([2] * (len(vocabularies) + 1))
    chosen = [
        enum_filter(place, label_key, choices, group, lang)
        for place, (label_key, choices, group) in zip(places, vocabularies, strict=False)
    ]
    text = places[-1].text_input(t("filter.search", lang), max_chars=100, key=search_key)
    stated: list[tuple[str, Any]] = [
        (label_key, [enum_label(group, x, lang) for x in values])
        for (label_key, _, group), values in zip(vocabularies, chosen, strict=True)
    ]
    return chosen, text, [*stated, ("filter.search", text.strip())]


def scope_filters(v: Viewer, *filters: tuple[str, Any]) -> str:
    """The subtitle of a registry's export: the viewer's own province (a coordinator's) and
    the filters chosen on the page (see `exports.labels.filters_text`)."""
    return filters_text(v.lang, [_scope(v), *filters])


def _scope(v: Viewer) -> tuple[str, str | None]:
    """The viewer's own province as a filter (a coordinator's; none for the others)."""
    return ("col.province", v.province and cached.province_name(v.province, v.lang))


def registry_export(
    v: Viewer,
    *,
    key: str,
    title_key: str,
    table: pd.DataFrame,
    columns: dict,
    filters: Sequence[tuple[str, Any]] = (),
) -> None:
    """The export panel of a registry's table as the page filtered it."""
    filtered_export(
        v,
        key=key,
        title_key=title_key,
        table=table,
        columns=columns,
        filters=[_scope(v), *filters],
        province=v.province,
    )


def count_chart(
    v: Viewer,
    counts: pd.DataFrame,
    *,
    category: str,
    value: str,
    label_key: str,
    title_key: str,
    key: str,
    subtitle: str,
    in_order: bool = False,
    province: str | None = None,
) -> None:
    """A bar chart of `counts` (how many records for each value of `category`, labelled from
    the vocabulary of the same name), its export panel (`key`), and the same figures as a
    table for those who do not read the chart. `in_order` keeps the rows' order (a funnel's
    stages); otherwise the longest bar comes first."""
    lang = v.lang
    counts["label"] = [enum_label(category, x, lang) for x in counts[category]]
    chart = bar_chart(
        counts,
        category="label",
        value=value,
        category_title=t(label_key, lang),
        value_title=t("chart.count", lang),
        title=t(title_key, lang),
        sort=list(counts["label"]) if in_order else None,
    )
    charts.show(chart, width="stretch")
    export_panel(
        v,
        key=key,
        title=t(title_key, lang),
        as_of=None,
        subtitle=subtitle,
        chart=chart,
        table=counts,
        columns={category: (label_key, category), value: "chart.count"},
        province=province,
    )
    with st.expander(t("chart.table_alternative", lang)):
        st.dataframe(
            counts[["label", value]].rename(
                columns={"label": t(label_key, lang), value: t("chart.count", lang)}
            ),
            hide_index=True,
        )


def marked_registry(
    v: Viewer,
    kind: str,
    read: Callable[[Session], pd.DataFrame],
    *,
    page: str,
    table_key: str,
    export_key: str,
    columns: dict,
    filters: Sequence[tuple[str, Any]],
    export_only: dict | None = None,
) -> pd.Series | None:
    """The records of `kind` as `read` finds them, each with the targets it counts for today
    (`with_marks`): the table a person picks one from (`pick_table`), its export as the page
    filtered it (`registry_export`, under `<page>.title`: the columns shown, `export_only`,
    and when each record last changed), and the record picked, or None with the hint
    `<page>.select_hint`."""
    with session() as s:
        df = with_marks(s, read(s), kind, local_today(), v.lang)
    event = pick_table(df, v.lang, columns, table_key)
    registry_export(
        v,
        key=export_key,
        title_key=f"{page}.title",
        table=df,
        columns={**columns, **(export_only or {}), **table_columns("updated_at")},
        filters=filters,
    )
    return picked(event, df, v.lang, f"{page}.select_hint")


def pick_table(df: pd.DataFrame, lang: str, columns: dict, key: str) -> Any:
    """How many records, that the counting marks are as of today, and the table (labelled)
    a person picks one record from; returns the table's selection event."""
    st.caption(t("registry.count", lang, n=fmt_int(len(df), lang)))
    st.caption(t("registry.today_note", lang))
    return st.dataframe(
        labelled(df, lang, columns),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )


def picked(event: Any, df: pd.DataFrame, lang: str, hint_key: str) -> pd.Series | None:
    """The record picked in the table, or None (and a hint to pick one)."""
    record = followed_row(event, df, f"{hint_key}_picked")
    if record is None:
        st.caption(t(hint_key, lang))
    return record


def followed_row(event: Any, df: pd.DataFrame, key: str, id_column: str = "id") -> Any:
    """The row a person picked, followed by its identifier. A table keeps its selection as
    a row position; when another person's save reorders the rows (newest change first), the
    position would point at another record and the open form would switch to it. The id
    picked is kept beside the position: None when that record is no longer listed."""
    rows = event.selection.rows if event else []
    if not rows:
        st.session_state.pop(key, None)
        return None
    position = rows[0]
    held = st.session_state.get(key)
    if held is not None and held[0] == position:
        same = df[df[id_column] == held[1]]
        return same.iloc[0] if len(same) else None
    if position >= len(df):
        return None
    record = df.iloc[position]
    st.session_state[key] = (position, record[id_column])
    return record


def history_table(history: pd.DataFrame, lang: str, columns: dict) -> None:
    """A record's history entries, labelled: the entry's own `columns`, then its note and who
    recorded it."""
    columns = {**columns, "note": "col.note", "recorded_by": "col.recorded_by"}
    st.dataframe(labelled(history, lang, columns), hide_index=True, width="stretch")


def record_detail(
    v: Viewer,
    record: pd.Series,
    *,
    heading: tuple[str, str],
    read_history: Callable[[Session], pd.DataFrame],
    columns: dict,
    action: str,
) -> bool:
    """The picked record under its heading (two of its fields) with its history; True when
    the viewer may edit it (`may_edit_own`)."""
    st.subheader(" · ".join(plain(record[field]) for field in heading))
    with session() as s:
        history = read_history(s)
    history_table(history, v.lang, columns)
    return may_edit_own(v, action, record)


def may_edit_own(v: Viewer, action: str, record: pd.Series) -> bool:
    """The viewer's role may take the action, and the record is of their own province."""
    return can(v.role, action) and record["province_code"] == v.province


def held_version(prefix: str, record: pd.Series) -> str:
    """The session-state key that holds the version of the record the form was opened on
    (a save over a newer version is refused by the service)."""
    key = f"{prefix}_version_{int(record['id'])}"
    st.session_state.setdefault(key, int(record["version"]))
    return key
