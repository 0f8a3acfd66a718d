"""Carbon emission management standardization pilots."""

from dashboard.ui import page_chrome, pilots_view

v = page_chrome.current()
page_chrome.header(v, "pilots.title")
if page_chrome.require_data(v):
    pilots_view.render(v)
