"""A province's profile: pilots, reviews, submissions, and how complete and timely its
reports are."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.exports.column_labels import table_columns
from dashboard.exports.labels import filters_text
from dashboard.i18n import fmt_int, fmt_pct, t
from dashboard.permissions import PermissionDenied
from dashboard.services.provinces import province_profile
from dashboard.ui import cached
from dashboard.ui.context import Viewer, session
from dashboard.ui.export_widgets import export_panel
from dashboard.ui.map_view import PROFILE_KEY
from dashboard.ui.tables import labelled

PILOT_COLUMNS = table_columns(
    "code",
    "name",
    "current_stage",
    "current_stage_date",
    "industry",
    "longitude",
    "latitude",
    "datum",
)
REVIEW_COLUMNS = table_columns(
    "uscc", "enterprise_name", ("status", "review_status"), "status_date"
)
SUBMISSION_COLUMNS = table_columns(
    "filename",
    ("kind", "report_kind"),
    "submitted_at",
    ("status", "submission_status"),
    "decision_comment",
)


def degrees(value) -> str | None:
    """A coordinate as written (up to six decimals), None when there is none."""
    if value is None or value != value:
        return None
    return format(float(value), ".6f").rstrip("0").rstrip(".")


def render(v: Viewer, as_of: date) -> None:
    lang = v.lang
    provinces = [p for p in cached.provinces()]
    codes = [p["code"] for p in provinces]
    default = st.session_state.get(PROFILE_KEY) or v.province or "110000"
    if v.province:  # a coordinator's profile is their own province
        codes = [v.province]
        default = v.province
    code = st.selectbox(
        t("col.province", lang),
        codes,
        index=codes.index(default) if default in codes else 0,
        format_func=lambda c: cached.province_name(c, lang),
    )
    st.session_state[PROFILE_KEY] = code
    try:
        with session() as s:
            profile = province_profile(s, actor=v.actor, code=code, as_of=as_of)
    except PermissionDenied:
        st.error(t("error.permission", lang))
        return
    if not profile["is_standard"]:
        st.info(t("map.xpcc_note", lang))
    tl = profile["timeliness"]
    c = st.columns(5)
    c[0].metric(
        t("profile.on_time", lang),
        fmt_pct(tl.on_time_share, lang),
        help=t("profile.on_time_help", lang),
    )
    c[1].metric(t("profile.reports_due", lang), fmt_int(tl.due, lang))
    c[2].metric(
        t("profile.accepted_rejected", lang),
        f"{fmt_int(tl.accepted, lang)} / {fmt_int(tl.rejected, lang)}",
    )
    c[3].metric(t("profile.returned", lang), fmt_int(tl.returned, lang))
    c[4].metric(
        t("profile.days_since", lang),
        "—" if tl.days_since_last is None else fmt_int(tl.days_since_last, lang),
    )
    tabs = st.tabs(
        [
            t("pilots.title", lang),
            t("measurement_reviews.title", lang),
            t("submissions.title", lang),
        ]
    )
    name = cached.province_name(code, lang)
    for tab, part, title_key, columns in (
        (tabs[0], "pilots", "pilots.title", PILOT_COLUMNS),
        (tabs[1], "reviews", "measurement_reviews.title", REVIEW_COLUMNS),
    ):
        with tab:
            shown = profile[part]
            if part == "pilots":  # degrees as text: a blank beside a number breaks the column
                shown = shown.assign(
                    longitude=[degrees(x) for x in shown["longitude"]],
                    latitude=[degrees(x) for x in shown["latitude"]],
                )
            st.dataframe(labelled(shown, lang, columns), hide_index=True, width="stretch")
            export_panel(
                v,
                key=f"profile_{part}",
                title=f"{name} · {t(title_key, lang)}",
                as_of=None,
                subtitle=filters_text(lang, [("col.province", name)]),
                table=profile[part].assign(province_code=code),
                columns={**table_columns("province_code"), **columns},
                province=code,
            )
    with tabs[2]:
        subs = profile["submissions"]
        if subs is None:
            st.caption(t("error.permission", lang))
        else:
            st.dataframe(labelled(subs, lang, SUBMISSION_COLUMNS), hide_index=True, width="stretch")
