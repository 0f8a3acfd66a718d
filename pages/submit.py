"""Report submission: templates, upload, validation, the province's history."""

from dashboard.ui import page_chrome, submit_view

v = page_chrome.current()
page_chrome.header(v, "submit.title")
submit_view.render_templates(v)
submit_view.render_upload(v)
submit_view.render_history(v)
