"""Overview: every quantified target at a glance, the milestones, the early warnings."""

import streamlit as st

from dashboard.ui import frame
from dashboard.ui.export_widgets import briefing_button
from dashboard.ui.overview_view import (
    pending_note,
    render_cards,
    render_milestones,
    render_warnings,
)

v = frame.current()
frame.header(v, "overview.title")
if frame.require_data(v):
    as_of = frame.as_of()
    briefing_button(v, as_of)
    pending_note(v)
    render_cards(v, as_of)
    left, right = st.columns([3, 2])
    with left:
        render_milestones(v)
    with right:
        render_warnings(v, as_of)
