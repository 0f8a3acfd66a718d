"""One target: its burn-up chart, its breakdowns and the records behind the figure."""

from dashboard.ui import frame
from dashboard.ui.programme_view import choose_programme
from dashboard.ui.target_view import render_target

v = frame.current()
frame.header(v, "target.title")
if frame.require_data(v):
    render_target(v, frame.as_of(), choose_programme(v))
