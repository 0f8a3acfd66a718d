"""Which pages each role sees, in which sections. The services refuse what a role may not
do whatever the navigation shows; this only keeps the interface to what is useful."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from dashboard.permissions import can, is_provincial
from dashboard.ui.context import Viewer

PAGES = "../pages/"
SECTION = "nav.section.registries"
# Pages renamed so that each file says what it is, still served at their first addresses
# (bookmarks and links in e-mails keep working).
KEPT_ADDRESSES = {"submission_queue.py": "review", "measurement_reviews.py": "reviews"}


def url_path(file: str) -> str:
    """The address a page is served at: its file name, unless it kept an older one."""
    return KEPT_ADDRESSES.get(file, file.removesuffix(".py"))


# (file, title key, icon, section key, action the role needs): the pages written for
# themselves, before and after the registries built from the kinds' descriptions.
_PAGES_BEFORE = (
    (
        "overview.py",
        "nav.overview",
        ":material/dashboard:",
        "nav.section.programme",
        "view_aggregates",
    ),
    (
        "target_detail.py",
        "nav.target_detail",
        ":material/insights:",
        "nav.section.programme",
        "view_aggregates",
    ),
    ("map.py", "nav.map", ":material/map:", "nav.section.programme", "view_aggregates"),
    (
        "province.py",
        "nav.province",
        ":material/location_on:",
        "nav.section.programme",
        "view_records",
    ),
    ("tasks.py", "nav.tasks", ":material/task_alt:", "nav.section.programme", "view_aggregates"),
    (
        "supervision.py",
        "nav.supervision",
        ":material/flag:",
        "nav.section.programme",
        "view_supervision",
    ),
    (
        "standards.py",
        "nav.standards",
        ":material/library_books:",
        "nav.section.registries",
        "view_aggregates",
    ),
    ("pilots.py", "nav.pilots", ":material/factory:", "nav.section.registries", "view_records"),
    (
        "measurement_reviews.py",
        "nav.measurement_reviews",
        ":material/rule:",
        "nav.section.registries",
        "view_records",
    ),
)
_PAGES_AFTER = (
    ("submit.py", "nav.submit", ":material/upload_file:", "nav.section.reports", "submit_report"),
    (
        "submission_queue.py",
        "nav.submission_queue",
        ":material/fact_check:",
        "nav.section.reports",
        "review_submission",
    ),
    ("users.py", "nav.users", ":material/group:", "nav.section.admin", "manage_users"),
    (
        "programmes.py",
        "nav.programmes",
        ":material/description:",
        "nav.section.admin",
        "manage_programmes",
    ),
    ("audit.py", "nav.audit", ":material/receipt_long:", "nav.section.admin", "view_audit"),
    (
        "settings.py",
        "nav.settings",
        ":material/settings:",
        "nav.section.account",
        "set_own_digest",
    ),
)


def generic_kinds():
    """The kinds whose registry is the page built from their description: every kind with a
    registry page that is not one of the pages written for themselves."""
    from dashboard.services.kind_records import page_kinds

    own = {row[0] for row in (*_PAGES_BEFORE, *_PAGES_AFTER)}
    return [k for k in page_kinds() if k.registry_page not in own]


PAGE_TABLE = (
    *_PAGES_BEFORE,
    *(
        (k.registry_page, f"kinds.title.{k.key}", ":material/list_alt:", SECTION, "view_records")
        for k in generic_kinds()
    ),
    *_PAGES_AFTER,
)


def pages_for(v: Viewer) -> dict[str, list[st.Page]]:
    """The role's pages by section. A page the role may not use is still known by its
    address, hidden, and says so in the viewer's language (Streamlit's own answer to an
    unknown address is an English "Page not found" toast)."""
    sections: dict[str, list[st.Page]] = {}
    refused: list[st.Page] = []
    for file, title, icon, section, action in PAGE_TABLE:
        if not can(v.role, action):
            refused.append(
                st.Page(
                    not_permitted,
                    title=t(title, v.lang),
                    icon=icon,
                    url_path=url_path(file),
                    visibility="hidden",
                )
            )
            continue
        page = st.Page(
            PAGES + file,
            title=t(title, v.lang),
            icon=icon,
            default=file == default_page(v),
            url_path=url_path(file),
        )
        sections.setdefault(t(section, v.lang), []).append(page)
    if refused:
        next(iter(sections.values())).extend(refused)
    return sections


def not_permitted() -> None:
    """What a hidden page shows: the role may not use it (the services refuse it anyway)."""
    from dashboard.ui import page_chrome

    v = page_chrome.current()
    st.title(t("nav.not_permitted.title", v.lang))
    st.warning(t("nav.not_permitted", v.lang, role=t("role." + v.role, v.lang)))


def default_page(v: Viewer) -> str:
    """A provincial role (a coordinator) lands on its province's profile; everyone else on
    the overview."""
    return "province.py" if is_provincial(v.role) else "overview.py"
