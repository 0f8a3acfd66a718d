"""Every page, for every role, in both languages, at 1440 px and 1024 px wide: nothing runs
off the side, and a screenshot of each is kept under artifacts/screenshots/pages/ (CI keeps
artifacts/) for a person to look at. Plus the two texts Streamlit draws in English by
default: the uploader's and the answer to an address the role may not use."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from dashboard.i18n import t
from dashboard.permissions import can
from dashboard.ui.navigation import PAGE_TABLE, default_page, url_path
from tests.browser.conftest import SHOTS, login, wait_idle

ROLES = {
    "admin": "admin",
    "ministry": "ministry",
    "coordinator": "zhejiang",
    "briefing": "briefing",
}
WIDTHS = (1440, 1024)

OVERFLOW = """() => {
  const main = document.querySelector('[data-testid=stMain]') || document.documentElement;
  return {page: document.documentElement.scrollWidth, main: main.scrollWidth,
          width: main.clientWidth};
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_fits_at_two_widths(page, server, role, lang):
    base = server["base"]
    login(page, base, ROLES[role], lang=lang)
    viewer = SimpleNamespace(role=role)
    out = SHOTS / "pages"
    out.mkdir(parents=True, exist_ok=True)
    cut = []
    for file, _title, _icon, _section, action in PAGE_TABLE:
        if not can(role, action):
            continue
        path = url_path(file)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 1400})
            # the default page is served at "/" (its url_path is not an address of its own)
            page.goto(f"{base}/" if file == default_page(viewer) else f"{base}/{path}")
            wait_idle(page)
            assert page.locator("[data-testid=stException]").count() == 0, (path, width)
            assert "Page not found" not in page.locator("body").inner_text(), (path, width)
            page.screenshot(path=str(out / f"{role}-{lang}-{path}-{width}.png"), full_page=True)
            nav = page.locator("[data-testid=stSidebarNav]").inner_text()
            assert "more" not in nav and "less" not in nav, nav  # no folded list in English
            if path == "map":  # the map has a fixed size: never squeezed into a column
                box = page.locator("[data-testid=stVegaLiteChart]").first.bounding_box()
                assert box and box["width"] >= 540, (width, box)
            size = page.evaluate(OVERFLOW)
            if size["page"] > width or size["main"] > size["width"] + 1:
                cut.append((path, width, size))
    assert not cut, cut


def test_the_uploader_speaks_chinese(page, server):
    login(page, server["base"], "zhejiang", lang="zh")
    page.goto(server["base"] + "/submit")
    wait_idle(page)
    uploader = page.locator("[data-testid=stFileUploader]").first
    text = uploader.inner_text()
    assert "per file" not in text and "Drag" not in text, text
    button = uploader.locator("button").first
    label = button.locator("[data-testid=stMarkdownContainer]").bounding_box()
    assert label["width"] <= 1 and label["height"] <= 1  # "Upload": out of sight
    after = button.evaluate("b => getComputedStyle(b, '::after').content")
    assert after == f'"{t("submit.upload_button", "zh")}"'
    page.get_by_text("每个文件不超过 25 MB").wait_for()


def test_an_address_the_role_may_not_use_answers_in_chinese(page, server):
    login(page, server["base"], "briefing", lang="zh")
    page.goto(server["base"] + "/users")
    wait_idle(page)
    page.get_by_role("heading", name=t("nav.not_permitted.title", "zh")).wait_for()
    assert "Page not found" not in page.locator("body").inner_text()
