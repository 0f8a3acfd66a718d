"""A user's own settings: how often they get the e-mailed digest."""

from dashboard.ui import digest_view, page_chrome

v = page_chrome.current()
page_chrome.header(v, "settings.title")
digest_view.render_own_settings(v)
