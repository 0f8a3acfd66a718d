"""A registry page built from its record kind's description (dashboard/kinds)."""

from dashboard.ui import kind_registry_view, page_chrome

v = page_chrome.current()
page_chrome.header(v, "kinds.title.provincial_plan")
if page_chrome.require_data(v):
    kind_registry_view.render(v, "provincial_plan")
