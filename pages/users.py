"""Accounts and roles (administrators)."""

from dashboard.ui import admin_view, frame

v = frame.current()
frame.header(v, "users.title")
admin_view.render_users(v)
