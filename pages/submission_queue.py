"""The review queue of staged submissions."""

from dashboard.ui import frame, submission_queue_view, submit_view

v = frame.current()
frame.header(v, "review.title")
submission_queue_view.render(v)
submit_view.render_history(v)
