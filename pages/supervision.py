"""Supervision of lagging regions: the ranking and the per-province supervision sheet."""

from dashboard.ui import page_chrome, supervision_view

v = page_chrome.current()
page_chrome.header(v, "supervision.title")
if page_chrome.require_data(v):
    supervision_view.render(v, page_chrome.as_of())
