"""A province's profile."""

from dashboard.ui import page_chrome, province_view

v = page_chrome.current()
page_chrome.header(v, "profile.title")
if page_chrome.require_data(v):
    province_view.render(v, page_chrome.as_of())
