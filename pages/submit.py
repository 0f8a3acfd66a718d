"""Report submission: templates, upload, validation, the province's history."""

from dashboard.ui import frame, submit_view

v = frame.current()
frame.header(v, "submit.title")
submit_view.render_templates(v)
submit_view.render_upload(v)
submit_view.render_history(v)
