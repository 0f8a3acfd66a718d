"""A province's profile."""

from dashboard.ui import frame, province_view

v = frame.current()
frame.header(v, "profile.title")
if frame.require_data(v):
    province_view.render(v, frame.as_of())
