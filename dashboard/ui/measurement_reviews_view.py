"""The measurement review registry, its histories and the coordinator's update form."""

from __future__ import annotations

import streamlit as st

from dashboard.exports.column_labels import table_columns
from dashboard.i18n import enum_label, local_today, t
from dashboard.services.counting_marks import MARK_COLUMN
from dashboard.services.editing import set_review_status
from dashboard.services.registries import review_history, reviews_frame
from dashboard.ui.context import Viewer
from dashboard.ui.forms import edit_form
from dashboard.ui.registry_widgets import (
    held_version,
    marked_registry,
    record_detail,
    search_filters,
)
from dashboard.vocab import REVIEW_STATUSES, review_move_allowed

COLUMNS = table_columns(
    "uscc",
    "enterprise_name",
    "province_code",
    "industry",
    ("status", "review_status"),
    "status_date",
    "instruments_total",
    "instruments_calibrated",
    MARK_COLUMN,
)


def render(v: Viewer) -> None:
    lang = v.lang
    (statuses,), text, filters = search_filters(
        lang, "review_search", ("filter.status", REVIEW_STATUSES, "review_status")
    )
    review = marked_registry(
        v,
        "measurement_review",
        lambda s: reviews_frame(s, actor=v.actor, statuses=tuple(statuses), text=text),
        page="measurement_reviews",
        table_key="review_table",
        export_key="reviews",
        columns=COLUMNS,
        filters=filters,
    )
    if review is None:
        return
    if record_detail(
        v,
        review,
        heading=("enterprise_name", "uscc"),
        read_history=lambda s: review_history(s, actor=v.actor, review_id=int(review["id"])),
        columns=table_columns(("status", "review_status"), "status_date"),
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

    def fields() -> dict:
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
        return {
            "review_id": rid,
            "status": status,
            "status_date": day,
            "instruments_total": int(total),
            "instruments_calibrated": int(calibrated),
        }

    edit_form(
        v, f"review_form_{rid}", version_key, fields, set_review_status, group="review_status"
    )
