"""Cached reads for the pages. The cache is shared by every user, so each function that
returns scoped data takes the scope (role, province) as an argument. Writes call clear()."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlmodel import select

from dashboard.models import Province
from dashboard.services import overview
from dashboard.services.dataset import dataset_status as _dataset_status
from dashboard.ui.context import session

TTL = 120
# Reads that depend on the programmes' definitions: a programme loaded on one server reaches
# the pages of every other server (replica) within a minute.
DEFINITIONS_TTL = 60
MAX_ENTRIES = 64  # per function: as-of dates and targets people look at; bounds the memory


@st.cache_data(ttl=TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def dataset_status():
    with session() as s:
        return _dataset_status(s)


@st.cache_data(ttl=3600, show_spinner=False)
def provinces() -> list[dict]:
    with session() as s:
        return [p.model_dump() for p in s.exec(select(Province).order_by(Province.code))]


def province_names(lang: str) -> dict[str, str]:
    """Code to name in one language; for labelling many rows with one cache read."""
    return {p["code"]: p["name_zh"] if lang == "zh" else p["name_en"] for p in provinces()}


def province_name(code: str | None, lang: str) -> str:
    return province_names(lang).get(code, code or "—")


@st.cache_data(ttl=DEFINITIONS_TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def programme_choices(today: date):
    with session() as s:
        return overview.programme_choices(s, today)


@st.cache_data(ttl=DEFINITIONS_TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def target_cards(as_of: date, programme: str | None = None):
    with session() as s:
        return overview.target_cards(s, as_of, programme)


@st.cache_data(ttl=DEFINITIONS_TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def closing_assessment(programme: str, today: date):
    with session() as s:
        return overview.closing_assessment(s, programme, today)


@st.cache_data(ttl=DEFINITIONS_TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def quarterly_forecasts(code: str, today: date):
    from dashboard.progress.service import list_targets
    from dashboard.services.forecast_history import quarterly_forecasts as compute

    with session() as s:
        target = next((t for t in list_targets(s) if t.code == code), None)
        return compute(s, target, today) if target is not None else []


@st.cache_data(ttl=DEFINITIONS_TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def burnup(code: str, as_of: date):
    with session() as s:
        return overview.burnup_frame(s, code, as_of)


@st.cache_data(ttl=DEFINITIONS_TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def milestones(programme: str | None = None, as_of: date | None = None):
    with session() as s:
        return overview.milestones(s, programme, as_of)


@st.cache_data(ttl=DEFINITIONS_TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def early_warnings(as_of: date, programme: str | None = None):
    cards = target_cards(as_of, programme)  # the cached cards, not a second computation
    with session() as s:
        return overview.early_warnings(s, as_of, cards)


@st.cache_data(ttl=TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def province_measures(as_of: date):
    """National aggregates by province: the same for every viewer."""
    from dashboard.services.provinces import province_measures as measures

    with session() as s:
        return measures(s, as_of)


@st.cache_data(ttl=DEFINITIONS_TTL, max_entries=MAX_ENTRIES, show_spinner=False)
def target_measures(as_of: date, programme: str):
    from dashboard.services.provinces import target_measures as measures

    with session() as s:
        return measures(s, as_of, programme)


@st.cache_data(ttl=TTL, show_spinner=False)
def target_deadlines() -> list[date]:
    """The targets' deadlines, for picking an as-of date in one click."""
    from dashboard.progress.service import list_targets

    with session() as s:
        return sorted({t.deadline for t in list_targets(s)})


def clear() -> None:
    """After a write: every cached read may be stale."""
    st.cache_data.clear()
