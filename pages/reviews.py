"""Carbon measurement review pilots."""

from dashboard.ui import frame, reviews_view

v = frame.current()
frame.header(v, "reviews.title")
if frame.require_data(v):
    reviews_view.render(v)
