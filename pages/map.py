"""The provincial map with the dash line and the South China Sea islands."""

from dashboard.ui import map_view, page_chrome
from dashboard.ui.programme_view import choose_programme

v = page_chrome.current()
page_chrome.header(v, "map.title")
if page_chrome.require_data(v):
    map_view.render(v, page_chrome.as_of(), choose_programme(v))
