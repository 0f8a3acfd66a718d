"""Accounts and roles (administrators)."""

from dashboard.ui import admin_view, page_chrome

v = page_chrome.current()
page_chrome.header(v, "users.title")
admin_view.render_users(v)
