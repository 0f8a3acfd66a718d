"""The audit trail (administrators)."""

from dashboard.ui import admin_view, page_chrome

v = page_chrome.current()
page_chrome.header(v, "audit.title")
admin_view.render_audit(v)
