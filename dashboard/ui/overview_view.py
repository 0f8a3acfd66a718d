"""Rendering of the overview's parts: target cards, milestones, early warnings."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.i18n import enum_label, fmt_date, fmt_int, fmt_pace, fmt_pct, t
from dashboard.markdown_text import plain
from dashboard.permissions import can
from dashboard.progress.forecast_labels import expected_facts, forecast_facts, forecast_notes
from dashboard.submissions import status_counts
from dashboard.ui import cached
from dashboard.ui.context import Viewer, session

STATUS_COLOURS = {
    "achieved": "green",
    "on_track": "blue",
    "at_risk": "orange",
    "off_track": "red",
    "not_started": "gray",
    "missed": "red",
}
DETAIL_KEY = "target_code"


def _name(obj, lang: str, field: str = "name") -> str:
    return getattr(obj, f"{field}_{lang}")


def target_cards(as_of: date, programme: str | None, lang: str) -> list:
    """The programme's target cards as of `as_of`; when it has none, a note that says so."""
    cards = cached.target_cards(as_of, programme)
    if not cards:
        st.info(t("programme.no_targets", lang))
    return cards


def render_cards(v: Viewer, as_of: date, programme: str | None = None) -> None:
    lang = v.lang
    cards = target_cards(as_of, programme, lang)
    if not cards:
        return
    for row_start in range(0, len(cards), 3):
        cols = st.columns(3)
        for col, card in zip(cols, cards[row_start : row_start + 3], strict=False):
            with col, st.container(border=True):
                _card(card, lang)


def _card(card, lang: str) -> None:
    p = card.progress
    status = p["status"]
    st.markdown(f"**{plain(card.code)} · {plain(_name(card, lang))}**")
    st.badge(enum_label("status", status, lang), color=STATUS_COLOURS[status])
    label = t("overview.actual_vs_target", lang)
    if card.at_deadline:
        deadline = fmt_date(date.fromisoformat(p["deadline"]), lang)
        label += " · " + t("programme.figure_at_deadline", lang, date=deadline)
    st.metric(
        label,
        f"{fmt_int(p['actual'], lang)} / {fmt_int(p['quantity'], lang)}",
        help=t("status_reason." + p["status_reason"], lang),
    )
    st.progress(min(p["percent"] / 100.0, 1.0), text=fmt_pct(p["percent"], lang))
    facts = [
        (t("overview.deadline", lang), fmt_date(date.fromisoformat(p["deadline"]), lang)),
        (t("overview.days_left", lang), fmt_int(p["days_left"], lang)),
        (t("overview.remaining", lang), fmt_int(p["remaining"], lang)),
        *expected_facts(p, lang),
        *forecast_facts(p, lang),
        (t("overview.required_pace", lang), fmt_pace(p["required_monthly_pace"], lang)),
        (t("overview.recent_pace", lang), fmt_pace(p["recent_monthly_pace"], lang)),
    ]
    # a list, not a data grid: a card is a third of the page, and at 1024 px a grid cut the
    # values off; text wraps instead
    colon = "：" if lang == "zh" else ": "
    st.markdown("\n".join(f"- {plain(label)}{colon}**{plain(value)}**" for label, value in facts))
    st.caption(t("fc.rule", lang))
    for note in forecast_notes(p, lang):
        st.caption(note)
    if card.definition_changed:
        st.caption(
            t(
                "programme.definition_changed",
                lang,
                date=fmt_date(date.fromisoformat(p["as_of"]), lang),
                version=card.definition_version,
            )
        )
    with st.expander(t("overview.counting_rule", lang)):
        st.text(_name(card, lang, "counting_rule"))
        why = _name(card, lang, "why")
        if why:
            st.caption(t("programme.why", lang))
            st.text(why)
        st.caption(f"{t('overview.clause', lang)}: {plain(_name(card, lang, 'clause'))}")
    if st.button(t("overview.drill", lang), key=f"drill_{card.code}", type="secondary"):
        st.session_state[DETAIL_KEY] = card.code
        st.switch_page("../pages/target_detail.py")


def pending_note(v: Viewer) -> None:
    """Submissions awaiting review, shown beside the figures that do not count them yet."""
    if not can(v.role, "view_submissions"):
        return
    with session() as s:
        waiting = status_counts(s, actor=v.actor).get("staged", 0)
    if waiting:
        st.info(t("overview.pending", v.lang, n=fmt_int(waiting, v.lang)))


def render_milestones(v: Viewer, programme: str | None = None, as_of: date | None = None) -> None:
    lang = v.lang
    st.subheader(t("overview.milestones", lang))
    df = cached.milestones(programme, as_of)
    if df.empty:
        st.info(t("overview.no_milestones", lang))
        return
    shown = pd.DataFrame(
        {
            t("overview.code", lang): df["code"],
            t("overview.deadline", lang): [fmt_date(d, lang) for d in df["deadline"]],
            t("overview.status", lang): [enum_label("task_status", s, lang) for s in df["status"]],
            t("overview.milestone_figure", lang): [
                "—" if pd.isna(n) else fmt_int(int(n), lang) for n in df["figure"]
            ],
            t("overview.milestone", lang): df[f"name_{lang}"],  # long: last, so the rest show
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    for _, row in df[df[f"rule_{lang}"].notna()].iterrows():  # each figure with its rule
        st.caption(f"{row['code']}: {plain(row[f'rule_{lang}'])}")


def render_warnings(v: Viewer, as_of: date, programme: str | None = None) -> None:
    lang = v.lang
    st.subheader(t("overview.warnings", lang))
    warnings = cached.early_warnings(as_of, programme)
    if not warnings:
        st.success(t("overview.no_warnings", lang))
        return
    rows = []
    for w in warnings:
        if w.kind == "target":
            detail = enum_label("status", w.detail, lang)
        elif w.kind == "task":
            detail = enum_label("task_status", w.detail, lang)
        else:
            detail = (
                t("overview.never_reported", lang)
                if w.detail == "None"
                else t("overview.days_since_report", lang, n=w.detail)
            )
        rows.append(
            {
                t("overview.warning_kind", lang): t("warning." + w.kind, lang),
                t("overview.code", lang): w.code,
                t("overview.detail", lang): detail,
                t("overview.item", lang): w.name_zh if lang == "zh" else w.name_en,  # long: last
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
