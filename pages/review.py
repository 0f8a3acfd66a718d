"""The review queue of staged submissions."""

from dashboard.ui import frame, review_view, submit_view

v = frame.current()
frame.header(v, "review.title")
review_view.render(v)
submit_view.render_history(v)
