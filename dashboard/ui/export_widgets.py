"""Export controls: a popover offering the formats; the file is made (authorised and
audited on the server) only when the user asks for it, then offered for download.

A file made is offered only while what it was made from is still what the popover shows:
the format, the title, the filters, the as-of date and the number of rows. Switching PNG to
SVG, or changing a filter, withdraws the old download (it would hand out the wrong file)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import FunctionType
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.exports.fonts import FontMissingError
from dashboard.exports.labels import Columns, filters_text
from dashboard.exports.service import (
    MIME_TYPES,
    briefing_pack,
    export_chart_for,
    export_meta,
    export_table_for,
    suggested_filename,
)
from dashboard.i18n import t
from dashboard.permissions import ALL, PermissionDenied, scope_for
from dashboard.ui.context import Viewer, session

CHART_FORMATS = ("png", "svg", "pdf")
TABLE_FORMATS = ("csv", "xlsx")


def _allowed(v: Viewer, province: str | None) -> bool:
    """Hide what the server would refuse: a role whose export grant is its own province's
    (a coordinator) exports only that province."""
    scope = scope_for(v.role, "export")
    if scope is None:
        return False
    return scope == ALL or province == v.province


def export_panel(
    v: Viewer,
    *,
    key: str,
    title: str,
    as_of: date | None,
    subtitle: str = "",
    chart=None,
    table: pd.DataFrame | None = None,
    province: str | None = None,
    columns: Columns | None = None,
) -> None:
    """`table` is a service frame exported through `columns` (see `exports.labels`: labelled,
    translated, names beside codes, typed dates), or, without `columns`, a frame already
    labelled. `subtitle` states the filters in force (`exports.labels.filters_text`)."""
    if not _allowed(v, province):
        return
    lang = v.lang
    formats = (CHART_FORMATS if chart is not None else ()) + (
        TABLE_FORMATS if table is not None else ()
    )
    with st.popover(t("export.button", lang), icon=":material/download:"):
        fmt = st.radio(
            t("export.format", lang),
            formats,
            key=f"fmt_{key}",
            horizontal=True,
            format_func=lambda f: t("export.format." + f, lang),
        )
        made_from = (fmt, title, subtitle, as_of, None if table is None else len(table))
        if st.button(t("export.prepare", lang), key=f"prep_{key}"):
            _prepare(v, key, fmt, title, as_of, subtitle, chart, table, province, columns)
            st.session_state[f"export_{key}_from"] = made_from
        _offer(v, key, made_from)


def filtered_export(
    v: Viewer,
    *,
    key: str,
    title_key: str,
    table: pd.DataFrame,
    columns: Columns,
    filters: Sequence[tuple[str, Any]],
    province: str | None = None,
) -> None:
    """The export panel of a page's table as its filters chose it: titled `title_key`, the
    filters in words as its subtitle (`exports.labels.filters_text`), the records as they
    stand (no as-of date)."""
    export_panel(
        v,
        key=key,
        title=t(title_key, v.lang),
        as_of=None,
        subtitle=filters_text(v.lang, filters),
        table=table,
        columns=columns,
        province=province,
    )


def briefing_button(v: Viewer, as_of: date, programme: str | None = None) -> None:
    if not _allowed(v, None):
        return
    lang = v.lang
    with st.popover(t("briefing.button", lang), icon=":material/slideshow:"):
        fmt = st.radio(
            t("export.format", lang),
            ("pptx", "pdf"),
            key="fmt_pack",
            horizontal=True,
            format_func=lambda f: t("export.format." + f, lang),
        )
        made_from = (fmt, as_of)
        if st.button(t("export.prepare", lang), key="prep_pack"):
            st.session_state["export_pack_from"] = made_from
            with st.spinner(t("export.working", lang)):
                _guarded(
                    v,
                    "pack",
                    lambda s: (
                        briefing_pack(
                            s, actor=v.actor, lang=lang, as_of=as_of, fmt=fmt, programme=programme
                        ),
                        f"{t('briefing.title', lang)}_{as_of.isoformat()}.{fmt}".replace(" ", "_"),
                        fmt,
                    ),
                )
        _offer(v, "pack", made_from)


def _prepare(v, key, fmt, title, as_of, subtitle, chart, table, province, columns) -> None:
    if isinstance(chart, FunctionType):  # built on demand: the map's inline geometry is large
        chart = chart()

    def make(s):
        meta = export_meta(s, actor=v.actor, title=title, as_of=as_of, subtitle=subtitle)
        if fmt in CHART_FORMATS:
            data = export_chart_for(
                s, actor=v.actor, chart=chart, fmt=fmt, meta=meta, lang=v.lang, province=province
            )
        else:
            data = export_table_for(
                s,
                actor=v.actor,
                df=table,
                fmt=fmt,
                meta=meta,
                lang=v.lang,
                province=province,
                columns=columns,
            )
        return data, suggested_filename(meta, fmt), fmt

    with st.spinner(t("export.working", v.lang)):
        _guarded(v, key, make)


def _guarded(v: Viewer, key: str, make) -> None:
    try:
        with session() as s:
            result = make(s)
            s.commit()
    except PermissionDenied:
        st.error(t("export.denied", v.lang))
        return
    except FontMissingError:
        st.error(t("export.font_missing", v.lang))
        return
    st.session_state[f"export_{key}"] = result


def _offer(v: Viewer, key: str, made_from: tuple) -> None:
    ready = st.session_state.get(f"export_{key}")
    if ready and st.session_state.get(f"export_{key}_from") != made_from:
        # made for another format, filter or date: never offer it for this one
        st.session_state.pop(f"export_{key}", None)
        st.session_state.pop(f"export_{key}_from", None)
        ready = None
    if ready:
        data, filename, fmt = ready
        st.download_button(
            t("export.download", v.lang),
            data,
            file_name=filename,
            mime=MIME_TYPES[fmt],
            key=f"dl_{key}",
            icon=":material/download:",
        )
