"""The standardization pilot registry: funnel, filters, history, and the edit form for the
coordinator's own province."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.charts.bars import bar_chart
from dashboard.i18n import enum_label, fmt_int, t
from dashboard.markdown_text import plain
from dashboard.permissions import can
from dashboard.services.editing import EditError, set_pilot_stage
from dashboard.services.registries import pilot_funnel, pilot_history, pilots_frame
from dashboard.ui import charts
from dashboard.ui.context import Viewer, session
from dashboard.ui.edit_messages import edit_error_text
from dashboard.ui.export_widgets import export_panel
from dashboard.ui.tables import labelled
from dashboard.ui.writes import run_write
from dashboard.vocab import INDUSTRIES, PILOT_ALL_STAGES, pilot_move_allowed


def render(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        funnel = pilot_funnel(s, actor=v.actor)
    funnel["label"] = [enum_label("stage", x, lang) for x in funnel["stage"]]
    charts.show(
        bar_chart(
            funnel,
            category="label",
            value="pilots",
            category_title=t("col.stage", lang),
            value_title=t("chart.count", lang),
            title=t("pilots.funnel", lang),
            sort=list(funnel["label"]),
            height=240,
        ),
        width="stretch",
    )
    with st.expander(t("chart.table_alternative", lang)):
        st.dataframe(
            funnel[["label", "pilots"]].rename(
                columns={"label": t("col.stage", lang), "pilots": t("chart.count", lang)}
            ),
            hide_index=True,
        )
    c1, c2, c3 = st.columns([2, 2, 2])
    stages = c1.multiselect(
        t("filter.stage", lang),
        PILOT_ALL_STAGES,
        format_func=lambda x: enum_label("stage", x, lang),
    )
    industries = c2.multiselect(
        t("filter.industry", lang),
        INDUSTRIES,
        format_func=lambda x: enum_label("industry", x, lang),
    )
    text = c3.text_input(t("filter.search", lang), max_chars=100, key="pilot_search")
    with session() as s:
        df = pilots_frame(
            s, actor=v.actor, stages=tuple(stages), industries=tuple(industries), text=text
        )
    st.caption(t("registry.count", lang, n=fmt_int(len(df), lang)))
    event = st.dataframe(
        labelled(
            df,
            lang,
            {
                "code": "col.code",
                "name": "col.name",
                "pilot_type": ("col.type", "pilot_type"),
                "province_code": ("col.province", "province"),
                "industry": ("col.industry", "industry"),
                "current_stage": ("col.stage", "stage"),
                "current_stage_date": ("col.stage_date", "date"),
            },
        ),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="pilot_table",
    )
    export_panel(
        v,
        key="pilots",
        title=t("pilots.title", lang),
        as_of=None,
        table=df.drop(columns=["version", "updated_at"]),
        province=v.province,
    )
    rows = event.selection.rows if event else []
    if not rows:
        st.caption(t("pilots.select_hint", lang))
        return
    pilot = df.iloc[rows[0]]
    _detail(v, pilot)


def _detail(v: Viewer, pilot) -> None:
    lang = v.lang
    st.subheader(f"{plain(pilot['code'])} · {plain(pilot['name'])}")
    with session() as s:
        history = pilot_history(s, actor=v.actor, pilot_id=int(pilot["id"]))
    st.dataframe(
        labelled(
            history,
            lang,
            {
                "stage": ("col.stage", "stage"),
                "stage_date": ("col.stage_date", "date"),
                "corrects_id": "col.corrects",
                "note": "col.note",
                "recorded_by": "col.recorded_by",
            },
        ),
        hide_index=True,
        width="stretch",
    )
    if can(v.role, "edit_pilot") and pilot["province_code"] == v.province:
        _edit_form(v, pilot)


def _edit_form(v: Viewer, pilot) -> None:
    lang = v.lang
    pid = int(pilot["id"])
    version_key = f"pilot_version_{pid}"
    st.session_state.setdefault(version_key, int(pilot["version"]))
    allowed = [s for s in PILOT_ALL_STAGES if pilot_move_allowed(pilot["current_stage"], s)]
    if not allowed:
        st.info(t("pilots.final_stage", lang))
        return
    with st.form(f"pilot_form_{pid}"):
        st.markdown(f"**{t('pilots.move', lang)}**")
        stage = st.selectbox(
            t("col.stage", lang), allowed, format_func=lambda x: enum_label("stage", x, lang)
        )
        day = st.date_input(t("col.stage_date", lang), value=date.today(), max_value=date.today())
        note = st.text_input(t("col.note", lang), max_chars=500)
        submitted = st.form_submit_button(t("form.save", lang), type="primary")
    if submitted:
        run_write(
            v,
            lambda s: set_pilot_stage(
                session=s,
                actor=v.actor,
                pilot_id=pid,
                stage=stage,
                stage_date=day,
                expected_version=st.session_state[version_key],
                note=note or None,
            ),
            refusals=(EditError,),
            explain=lambda exc: edit_error_text(exc, lang),
            forget=(version_key,),
        )
