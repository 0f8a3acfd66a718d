"""Overview: every quantified target at a glance, the milestones, the early warnings."""

import streamlit as st

from dashboard.ui import page_chrome
from dashboard.ui.export_widgets import briefing_button
from dashboard.ui.overview_view import (
    pending_note,
    render_cards,
    render_milestones,
    render_warnings,
)
from dashboard.ui.programme_view import all_passed, choose_programme, render_closing

v = page_chrome.current()
page_chrome.header(v, "overview.title")
if page_chrome.require_data(v):
    as_of = page_chrome.as_of()
    programme = choose_programme(v)
    briefing_button(v, as_of, programme)
    pending_note(v)
    if programme and all_passed(programme):
        render_closing(v, programme)
    render_cards(v, as_of, programme)
    left, right = st.columns([3, 2])
    with left:
        render_milestones(v, programme, as_of)
    with right:
        render_warnings(v, as_of, programme)
