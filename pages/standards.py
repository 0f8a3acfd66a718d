"""Standards and measurement deliverables: search and filter."""

from dashboard.ui import page_chrome, standards_view

v = page_chrome.current()
page_chrome.header(v, "standards.title")
if page_chrome.require_data(v):
    standards_view.render(v)
