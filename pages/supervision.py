"""Supervision of lagging regions: the ranking and the per-province supervision sheet."""

from dashboard.ui import frame, supervision_view

v = frame.current()
frame.header(v, "supervision.title")
if frame.require_data(v):
    supervision_view.render(v, frame.as_of())
