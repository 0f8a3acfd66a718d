"""One target: its burn-up chart, its breakdowns and the records behind the figure."""

from dashboard.ui import page_chrome
from dashboard.ui.programme_view import choose_programme
from dashboard.ui.target_view import render_target

v = page_chrome.current()
page_chrome.header(v, "target.title")
if page_chrome.require_data(v):
    render_target(v, page_chrome.as_of(), choose_programme(v))
