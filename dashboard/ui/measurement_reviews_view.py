"""The measurement review registry, its histories and the coordinator's update form."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import enum_label, local_today, t
from dashboard.services.counting_marks import MARK_COLUMN, with_marks
from dashboard.services.editing import set_review_status
from dashboard.services.registries import review_history, reviews_frame
from dashboard.ui.context import Viewer, session
from dashboard.ui.registry_widgets import (
    enum_filter,
    held_version,
    pick_table,
    picked,
    record_detail,
    registry_export,
)
from dashboard.ui.writes import run_edit
from dashboard.vocab import REVIEW_STATUSES, review_move_allowed

COLUMNS = {
    "uscc": "col.uscc",
    "enterprise_name": "col.enterprise",
    "province_code": ("col.province", "province"),
    "industry": ("col.industry", "industry"),
    "status": ("col.status", "review_status"),
    "status_date": ("col.status_date", "date"),
    "instruments_total": "col.instruments_total",
    "instruments_calibrated": "col.instruments_calibrated",
    MARK_COLUMN: ("col.counts_for", "list"),
}


def render(v: Viewer) -> None:
    lang = v.lang
    c1, c2 = st.columns([2, 2])
    statuses = enum_filter(c1, "filter.status", REVIEW_STATUSES, "review_status", lang)
    text = c2.text_input(t("filter.search", lang), max_chars=100, key="review_search")
    with session() as s:
        df = reviews_frame(s, actor=v.actor, statuses=tuple(statuses), text=text)
        df = with_marks(s, df, "measurement_review", local_today(), lang)
    event = pick_table(df, lang, COLUMNS, "review_table")
    registry_export(
        v,
        key="reviews",
        title_key="measurement_reviews.title",
        table=df,
        columns={**COLUMNS, "updated_at": ("col.updated_at", "date")},
        filters=[
            ("filter.status", [enum_label("review_status", x, lang) for x in statuses]),
            ("filter.search", text.strip()),
        ],
    )
    review = picked(event, df, lang, "measurement_reviews.select_hint")
    if review is None:
        return
    if record_detail(
        v,
        review,
        heading=("enterprise_name", "uscc"),
        read_history=lambda s: review_history(s, actor=v.actor, review_id=int(review["id"])),
        columns={
            "status": ("col.status", "review_status"),
            "status_date": ("col.status_date", "date"),
        },
        action="edit_review",
    ):
        _form(v, review)


def _form(v: Viewer, review) -> None:
    lang = v.lang
    rid = int(review["id"])
    version_key = held_version("review", review)
    options = [review["status"]] + [
        s for s in REVIEW_STATUSES if review_move_allowed(review["status"], s)
    ]
    with st.form(f"review_form_{rid}"):
        status = st.selectbox(
            t("col.status", lang),
            options,
            format_func=lambda x: enum_label("review_status", x, lang),
        )
        day = st.date_input(
            t("col.status_date", lang), value=local_today(), max_value=local_today()
        )
        c1, c2 = st.columns(2)
        total = c1.number_input(
            t("col.instruments_total", lang),
            min_value=0,
            value=int(review["instruments_total"] or 0),
            step=1,
        )
        calibrated = c2.number_input(
            t("col.instruments_calibrated", lang),
            min_value=0,
            value=int(review["instruments_calibrated"] or 0),
            step=1,
        )
        note = st.text_input(t("col.note", lang), max_chars=500)
        submitted = st.form_submit_button(t("form.save", lang), type="primary")
    if submitted:
        run_edit(
            v,
            version_key,
            lambda s, version: set_review_status(
                session=s,
                actor=v.actor,
                review_id=rid,
                status=status,
                status_date=day,
                expected_version=version,
                note=note or None,
                instruments_total=int(total),
                instruments_calibrated=int(calibrated),
            ),
            group="review_status",
        )
