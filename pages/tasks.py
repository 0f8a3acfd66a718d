"""Policy tasks of the action plan and the work programme."""

from dashboard.ui import page_chrome, tasks_view

v = page_chrome.current()
page_chrome.header(v, "tasks.title")
tasks_view.render(v)
