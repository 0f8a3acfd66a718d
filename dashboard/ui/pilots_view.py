"""The standardization pilot registry: funnel, filters, history, and the edit form for the
coordinator's own province."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import enum_label, local_today, t
from dashboard.kinds import KINDS
from dashboard.locations.datums import DATUMS, DEFAULT_DATUM
from dashboard.services.counting_marks import MARK_COLUMN, with_marks
from dashboard.services.editing import (
    EditError,
    LocationWarning,
    set_pilot_location,
    set_pilot_stage,
)
from dashboard.services.locations import pilot_location
from dashboard.services.registries import pilot_funnel, pilot_history, pilots_frame
from dashboard.ui.context import Viewer, session
from dashboard.ui.edit_messages import edit_error_text
from dashboard.ui.location_inputs import (
    confirmation,
    coordinate_input,
    forget_warning,
    warn_and_ask,
)
from dashboard.ui.registry_widgets import (
    count_chart,
    enum_filter,
    held_version,
    pick_table,
    picked,
    record_detail,
    registry_export,
    scope_filters,
)
from dashboard.ui.writes import run_edit, run_write
from dashboard.vocab import INDUSTRIES, PILOT_ALL_STAGES, pilot_move_allowed

COLUMNS = {
    "code": "col.code",
    "name": "col.name",
    "pilot_type": ("col.type", "pilot_type"),
    "province_code": ("col.province", "province"),
    "industry": ("col.industry", "industry"),
    "current_stage": ("col.stage", "stage"),
    "current_stage_date": ("col.stage_date", "date"),
    MARK_COLUMN: ("col.counts_for", "list"),
}
EXPORT_COLUMNS = {
    **COLUMNS,
    "uscc": "col.uscc",
    "standards_adopted": "col.standards_adopted",
    "updated_at": ("col.updated_at", "date"),
}


def render(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        funnel = pilot_funnel(s, actor=v.actor)
    count_chart(
        v,
        funnel,
        category="stage",
        value="pilots",
        group="stage",
        label_key="col.stage",
        title_key="pilots.funnel",
        key="funnel",
        subtitle=scope_filters(v),
        in_order=True,
        province=v.province,
    )
    c1, c2, c3 = st.columns([2, 2, 2])
    stages = enum_filter(c1, "filter.stage", PILOT_ALL_STAGES, "stage", lang)
    industries = enum_filter(c2, "filter.industry", INDUSTRIES, "industry", lang)
    text = c3.text_input(t("filter.search", lang), max_chars=100, key="pilot_search")
    with session() as s:
        df = pilots_frame(
            s, actor=v.actor, stages=tuple(stages), industries=tuple(industries), text=text
        )
        df = with_marks(s, df, "pilot", local_today(), lang)
    event = pick_table(df, lang, COLUMNS, "pilot_table")
    registry_export(
        v,
        key="pilots",
        title_key="pilots.title",
        table=df,
        columns=EXPORT_COLUMNS,
        filters=[
            ("filter.stage", [enum_label("stage", x, lang) for x in stages]),
            ("filter.industry", [enum_label("industry", x, lang) for x in industries]),
            ("filter.search", text.strip()),
        ],
    )
    pilot = picked(event, df, lang, "pilots.select_hint")
    if pilot is not None:
        _detail(v, pilot)


def _detail(v: Viewer, pilot) -> None:
    if record_detail(
        v,
        pilot,
        heading=("code", "name"),
        read_history=lambda s: pilot_history(s, actor=v.actor, pilot_id=int(pilot["id"])),
        columns={
            "stage": ("col.stage", "stage"),
            "stage_date": ("col.stage_date", "date"),
            "corrects_id": "col.corrects",
        },
        action="edit_pilot",
    ):
        _edit_form(v, pilot)
        _location_form(v, pilot)


def _edit_form(v: Viewer, pilot) -> None:
    lang = v.lang
    pid = int(pilot["id"])
    version_key = held_version("pilot", pilot)
    allowed = [s for s in PILOT_ALL_STAGES if pilot_move_allowed(pilot["current_stage"], s)]
    if not allowed:
        st.info(t("pilots.final_stage", lang))
        return
    with st.form(f"pilot_form_{pid}"):
        st.markdown(f"**{t('pilots.move', lang)}**")
        stage = st.selectbox(
            t("col.stage", lang), allowed, format_func=lambda x: enum_label("stage", x, lang)
        )
        day = st.date_input(t("col.stage_date", lang), value=local_today(), max_value=local_today())
        note = st.text_input(t("col.note", lang), max_chars=500)
        submitted = st.form_submit_button(t("form.save", lang), type="primary")
    if submitted:
        run_edit(
            v,
            version_key,
            lambda s, version: set_pilot_stage(
                session=s,
                actor=v.actor,
                pilot_id=pid,
                stage=stage,
                stage_date=day,
                expected_version=version,
                note=note or None,
            ),
        )


def _location_form(v: Viewer, pilot) -> None:
    """Where the pilot is: checked as a report's location is (in China; in another province
    than the pilot's only once confirmed), saved through the same step."""
    lang = v.lang
    pid = int(pilot["id"])
    version_key = held_version("pilot", pilot)
    form_key = f"pilot_location_form_{pid}"
    spec = KINDS["pilot_status"]
    with session() as s:
        lon, lat, datum = pilot_location(s, actor=v.actor, pilot_id=pid)
    with st.form(form_key):
        st.markdown(f"**{t('locs.pilot_location', lang)}**")
        c1, c2, c3 = st.columns(3)
        with c1:
            longitude = coordinate_input(
                "longitude",
                t("locations.col.longitude", lang),
                lon,
                f"{form_key}_longitude",
                spec.column("longitude").help(spec.key, lang),
            )
        with c2:
            latitude = coordinate_input(
                "latitude",
                t("locations.col.latitude", lang),
                lat,
                f"{form_key}_latitude",
                spec.column("latitude").help(spec.key, lang),
            )
        with c3:
            chosen = st.selectbox(
                t("locations.col.datum", lang),
                list(DATUMS),
                index=DATUMS.index(datum or DEFAULT_DATUM),
                format_func=lambda x: enum_label("datum", x, lang),
                help=spec.column("datum").help(spec.key, lang),
                key=f"{form_key}_datum",
            )
        place = (longitude, latitude, chosen, pilot["province_code"])
        confirmed = confirmation(form_key, lang, place)
        submitted = st.form_submit_button(t("form.save", lang), type="primary")
    if not submitted:
        return

    def explain(exc: Exception) -> str:
        return edit_error_text(exc, lang)

    forget_warning(form_key)
    run_write(
        v,
        lambda s: set_pilot_location(
            session=s,
            actor=v.actor,
            pilot_id=pid,
            longitude=longitude,
            latitude=latitude,
            datum=chosen,
            expected_version=st.session_state[version_key],
            confirmed=confirmed,
        ),
        refusals=(EditError,),
        explain=explain,
        forget=(version_key,),
        cautions=(LocationWarning,),
        caution=warn_and_ask(form_key, place, explain),
    )
