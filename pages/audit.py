"""The audit trail (administrators)."""

from dashboard.ui import admin_view, frame

v = frame.current()
frame.header(v, "audit.title")
admin_view.render_audit(v)
