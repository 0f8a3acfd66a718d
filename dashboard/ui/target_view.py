"""Rendering of one target: burn-up chart, breakdowns, drill-down table."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.charts.burnup import burnup_chart
from dashboard.exports.column_labels import table_columns
from dashboard.i18n import enum_label, fmt_date, fmt_int, local_today, t
from dashboard.markdown_text import plain
from dashboard.progress.forecast_labels import (
    fmt_probability,
    fmt_range,
    forecast_facts,
    forecast_notes,
)
from dashboard.services.drilldown import records_behind
from dashboard.ui import cached, charts
from dashboard.ui.context import Viewer, session
from dashboard.ui.export_widgets import export_panel
from dashboard.ui.overview_view import DETAIL_KEY, STATUS_COLOURS, target_cards
from dashboard.ui.tables import labelled, titled_rows


def render_target(v: Viewer, as_of: date, programme: str | None = None) -> None:
    lang = v.lang
    cards = target_cards(as_of, programme, lang)
    if not cards:
        return
    codes = [c.code for c in cards]
    chosen = st.session_state.get(DETAIL_KEY, codes[0])
    code = st.selectbox(
        t("target.choose", lang),
        codes,
        index=codes.index(chosen) if chosen in codes else 0,
        format_func=lambda c: (
            f"{c} · {getattr(next(x for x in cards if x.code == c), 'name_' + lang)}"
        ),
    )
    st.session_state[DETAIL_KEY] = code
    card = next(c for c in cards if c.code == code)
    p = card.progress
    st.badge(enum_label("status", p["status"], lang), color=STATUS_COLOURS[p["status"]])
    if card.at_deadline:
        deadline = fmt_date(date.fromisoformat(p["deadline"]), lang)
        st.caption(
            f"{fmt_int(p['actual'], lang)} / {fmt_int(p['quantity'], lang)} · "
            + t("programme.figure_at_deadline", lang, date=deadline)
        )
    if card.definition_changed:
        st.caption(
            t(
                "programme.definition_changed",
                lang,
                date=fmt_date(as_of, lang),
                version=card.definition_version,
            )
        )
    st.caption(plain(getattr(card, f"counting_rule_{lang}")))
    st.caption(" · ".join(f"{label}: {value}" for label, value in forecast_facts(p, lang)))
    st.caption(t("fc.rule", lang) + " " + t("fc.model", lang))
    for note in forecast_notes(p, lang):
        st.caption(note)
    frame = cached.burnup(code, as_of)
    chart = burnup_chart(
        frame,
        window_start=date.fromisoformat(frame["day"].iloc[0].isoformat()) if len(frame) else as_of,
        deadline=date.fromisoformat(p["deadline"]),
        threshold=p["threshold"],
        as_of=as_of,
        forecast=p["forecast"],
        band=p["forecast_band"],
        title=getattr(card, f"name_{lang}"),
        subtitle=t("chart.subtitle_asof", lang, as_of=fmt_date(as_of, lang)),
        lang=lang,
    )
    charts.show(chart, width="stretch", height=360)
    subtitle = t("chart.subtitle_asof", lang, as_of=fmt_date(as_of, lang))
    export_panel(
        v,
        key=f"burnup_{code}",
        title=getattr(card, f"name_{lang}"),
        as_of=as_of,
        subtitle=subtitle,
        chart=chart,
        table=frame.rename(
            columns={"day": t("chart.date", lang), "actual": t("chart.actual", lang)}
        ),
    )
    with st.expander(t("chart.table_alternative", lang)):
        st.dataframe(
            frame.rename(columns={"day": t("chart.date", lang), "actual": t("chart.actual", lang)}),
            hide_index=True,
        )
    _quarterly_forecasts(code, lang)
    st.subheader(t("target.records", lang))
    with session() as s:
        records = records_behind(s, actor=v.actor, target_code=code, as_of=as_of, lang=lang)
    if v.province:
        st.caption(t("target.scope_note", lang, province=cached.province_name(v.province, lang)))
    st.caption(t("target.records_count", lang, n=fmt_int(len(records), lang)))
    records, columns = _records_table(records, lang)
    shown = labelled(records, lang, columns) if len(records) else None
    st.dataframe(
        pd.DataFrame({t("target.none", lang): []}) if shown is None else shown,
        hide_index=True,
        width="stretch",
    )
    export_panel(
        v,
        key=f"records_{code}",
        title=t("target.records", lang) + " · " + code,
        as_of=as_of,
        subtitle=getattr(card, f"name_{lang}"),
        table=records,
        columns=columns,
        province=v.province,
    )


def _quarterly_forecasts(code: str, lang: str) -> None:
    """After the deadline: each quarter's forecast against the outcome."""
    titled_rows(
        cached.quarterly_forecasts(code, local_today()),
        lang,
        "fc.quarters.title",
        "fc.quarters.caption",
        {
            "fc.quarters.as_of": lambda r: fmt_date(r.made_on, lang),
            "fc.quarters.actual": lambda r: fmt_int(r.actual, lang),
            "fc.quarters.status": lambda r: enum_label("status", r.status, lang),
            "fc.probability": lambda r: (
                t("fc.abstain", lang) if r.probability is None else fmt_probability(r.probability)
            ),
            "fc.quarters.expected": lambda r: (
                "—" if r.expected is None else fmt_int(r.expected, lang)
            ),
            "fc.interval": lambda r: (
                "—" if r.low is None or r.high is None else fmt_range(r.low, r.high, lang)
            ),
            "fc.quarters.outcome": lambda r: fmt_int(r.outcome, lang),
            "fc.quarters.held": lambda r: (
                "—" if r.held is None else t("fc.yes" if r.held else "fc.no", lang)
            ),
        },
    )


def _records_table(df: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """The records with their source in words, and how their columns read (the category is
    a standard's category, or a pilot's or review's industry)."""
    kinds = set(df["record_type"]) if len(df) else set()
    columns = table_columns(
        "identifier",
        "name",
        "province_code",
        ("category", "category" if kinds == {"deliverable"} else "industry"),
        "since",
        "source",
    )
    if df.empty:
        return df.assign(source=[]), columns
    direct = t("target.source_direct", lang)
    labels: dict = {}  # one label per submission: thousands of records share a few files
    source = []
    for sid, f, a, b in zip(
        df["submission_id"], df["source_file"], df["accepted_at"], df["accepted_by"], strict=True
    ):
        if not isinstance(f, str) or not f:  # None, or NaN once in a frame
            source.append(direct)
            continue
        if sid not in labels:
            when = fmt_date(a, lang) if pd.notna(a) else "—"  # not decided (yet)
            labels[sid] = f"{f} · {when} · {b or '—'}"
        source.append(labels[sid])
    return df.assign(source=source), columns
