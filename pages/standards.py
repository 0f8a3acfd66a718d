"""Standards and measurement deliverables: search and filter."""

from dashboard.ui import frame, standards_view

v = frame.current()
frame.header(v, "standards.title")
if frame.require_data(v):
    standards_view.render(v)
