"""Carbon measurement review pilots."""

from dashboard.ui import frame, measurement_reviews_view

v = frame.current()
frame.header(v, "measurement_reviews.title")
if frame.require_data(v):
    measurement_reviews_view.render(v)
