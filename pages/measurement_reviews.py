"""Carbon measurement review pilots."""

from dashboard.ui import measurement_reviews_view, page_chrome

v = page_chrome.current()
page_chrome.header(v, "measurement_reviews.title")
if page_chrome.require_data(v):
    measurement_reviews_view.render(v)
