"""Carbon emission management standardization pilots."""

from dashboard.ui import frame, pilots_view

v = frame.current()
frame.header(v, "pilots.title")
if frame.require_data(v):
    pilots_view.render(v)
