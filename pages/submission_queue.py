"""The review queue of staged submissions."""

from dashboard.ui import page_chrome, submission_queue_view, submit_view

v = page_chrome.current()
page_chrome.header(v, "review.title")
submission_queue_view.render(v)
submit_view.render_history(v)
