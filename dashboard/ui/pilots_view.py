"""The standardization pilot registry: funnel, filters, history, and the edit form for the
coordinator's own province."""

from __future__ import annotations

import streamlit as st

from dashboard.exports.column_labels import table_columns
from dashboard.i18n import enum_label, local_today, t
from dashboard.kinds import KINDS
from dashboard.locations.datums import DATUMS, DEFAULT_DATUM
from dashboard.services.counting_marks import MARK_COLUMN
from dashboard.services.editing import set_pilot_location, set_pilot_stage
from dashboard.services.locations import pilot_location
from dashboard.services.registries import pilot_funnel, pilot_history, pilots_frame
from dashboard.ui.context import Viewer, session
from dashboard.ui.edit_messages import edit_error_text
from dashboard.ui.forms import edit_form, titled_form
from dashboard.ui.location_inputs import confirmation, coordinate_input, save_located
from dashboard.ui.registry_widgets import (
    count_chart,
    held_version,
    marked_registry,
    record_detail,
    scope_filters,
    search_filters,
)
from dashboard.vocab import INDUSTRIES, PILOT_ALL_STAGES, pilot_move_allowed

COLUMNS = table_columns(
    "code",
    "name",
    "pilot_type",
    "province_code",
    "industry",
    "current_stage",
    "current_stage_date",
    MARK_COLUMN,
)


def render(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        funnel = pilot_funnel(s, actor=v.actor)
    count_chart(
        v,
        funnel,
        category="stage",
        value="pilots",
        label_key="col.stage",
        title_key="pilots.funnel",
        key="funnel",
        subtitle=scope_filters(v),
        in_order=True,
        province=v.province,
    )
    (stages, industries), text, filters = search_filters(
        lang,
        "pilot_search",
        ("filter.stage", PILOT_ALL_STAGES, "stage"),
        ("filter.industry", INDUSTRIES, "industry"),
    )
    pilot = marked_registry(
        v,
        "pilot",
        lambda s: pilots_frame(
            s, actor=v.actor, stages=tuple(stages), industries=tuple(industries), text=text
        ),
        page="pilots",
        table_key="pilot_table",
        export_key="pilots",
        columns=COLUMNS,
        filters=filters,
        export_only=table_columns("uscc", "standards_adopted"),
    )
    if pilot is not None:
        _detail(v, pilot)


def _detail(v: Viewer, pilot) -> None:
    if record_detail(
        v,
        pilot,
        heading=("code", "name"),
        read_history=lambda s: pilot_history(s, actor=v.actor, pilot_id=int(pilot["id"])),
        columns=table_columns("stage", "stage_date", "corrects_id"),
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

    def fields() -> dict:
        stage = st.selectbox(
            t("col.stage", lang), allowed, format_func=lambda x: enum_label("stage", x, lang)
        )
        day = st.date_input(t("col.stage_date", lang), value=local_today(), max_value=local_today())
        return {"pilot_id": pid, "stage": stage, "stage_date": day}

    edit_form(v, f"pilot_form_{pid}", version_key, fields, set_pilot_stage, title_key="pilots.move")


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

    def coordinate(axis: str, value):
        label = t(f"locations.col.{axis}", lang)
        help_text = spec.column(axis).help(spec.key, lang)
        return coordinate_input(axis, label, value, f"{form_key}_{axis}", help_text)

    with titled_form(form_key, "locs.pilot_location", lang):
        c1, c2, c3 = st.columns(3)
        with c1:
            longitude = coordinate("longitude", lon)
        with c2:
            latitude = coordinate("latitude", lat)
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
    save_located(
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
        form_key=form_key,
        version_key=version_key,
        place=place,
        explain=lambda exc: edit_error_text(exc, lang),
    )
