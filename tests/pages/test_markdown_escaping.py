"""User-written text reaching a Markdown element renders as text: a pilot's and an
enterprise's name, a return comment and a display name holding an image, a javascript:
link and bold show no image, link or emphasis (every ASCII punctuation character of the
text is backslash-escaped, which CommonMark renders literally)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
import streamlit as st
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from dashboard.db import shared_engine
from dashboard.markdown_text import plain
from dashboard.models import MeasurementReview, Pilot, Submission, User
from dashboard.settings import reset_settings_cache
from tests.pages.conftest import app_as

PAYLOAD = "![x](http://127.0.0.2/t.png) [a](javascript:alert(1)) **b**"
SPECIALS = set("[]()!*_`<>#~$:")


def inert(markdown: str) -> bool:
    """No Markdown syntax character outside a backslash escape."""
    escaped = False
    for c in markdown:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c in SPECIALS:
            return False
    return True


def test_plain_escapes_every_markdown_construct():
    assert inert(plain(PAYLOAD)) and not inert(PAYLOAD)
    assert plain("a\n# b") == "a \\# b"  # no heading from a new line
    assert plain("&lt;b&gt; :red[x] $x$") == "\\&lt\\;b\\&gt\\; \\:red\\[x\\] \\$x\\$"


@pytest.fixture
def hostile_db(demo_url, tmp_path, monkeypatch) -> Iterator[str]:
    path = tmp_path / "hostile.sqlite3"
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as src, sqlite3.connect(path) as dst:
        src.backup(dst)  # the demo database is in WAL mode: copy through SQLite
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DASHBOARD_DEMO", "1")
    reset_settings_cache()
    with Session(shared_engine(url)) as s:
        s.exec(select(User).where(User.username == "zhejiang")).one().display_name = PAYLOAD
        s.exec(select(Pilot).where(Pilot.province_code == "330000")).first().name = PAYLOAD
        review = s.exec(
            select(MeasurementReview).where(MeasurementReview.province_code == "330000")
        )
        review.first().enterprise_name = PAYLOAD
        sub = s.exec(select(Submission).where(Submission.province_code == "330000")).first()
        sub.status, sub.decided_by, sub.decision_comment = "returned", "ministry", PAYLOAD
        s.commit()
    st.cache_resource.clear()  # the app's engine and figures are cached per process
    st.cache_data.clear()
    yield url
    st.cache_resource.clear()
    st.cache_data.clear()


def _markdown_values(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "warning", "error", "info", "success", "subheader")
    return [e.value for kind in kinds for e in getattr(at, kind)]


def _check(values: list[str], expected: int) -> None:
    # the payload's own marker (demo names may hold "127" too)
    holding = [v for v in values if "javascript" in v]
    assert len(holding) >= expected, values
    for value in holding:
        assert PAYLOAD not in value and plain(PAYLOAD) in value


def test_display_name_and_return_comment(hostile_db):
    at = app_as(hostile_db, "zhejiang", "en").run()
    assert not at.exception
    sidebar = [c.value for c in at.sidebar.caption]
    _check(sidebar, 1)
    at.switch_page("../pages/submit.py").run()
    assert not at.exception
    _check(_markdown_values(at), 1)


DETAIL = """
import streamlit as st
from dashboard.permissions import Actor
from dashboard.ui.context import Viewer, session
from dashboard.services.registries import pilots_frame, reviews_frame
from dashboard.ui import pilots_view, measurement_reviews_view
from dashboard.markdown_text import plain

from sqlmodel import select
from dashboard.models import User

with session() as s:
    uid = s.exec(select(User.id).where(User.username == "ministry")).one()
v = Viewer(actor=Actor(id=uid, username="ministry", role="ministry"), lang="en", display_name="m")
with session() as s:
    pilots = pilots_frame(s, actor=v.actor)
    reviews = reviews_frame(s, actor=v.actor)
pilot = pilots[pilots["name"].str.contains("javascript")].iloc[0]
pilots_view._detail(v, pilot)
review = reviews[reviews["enterprise_name"].str.contains("javascript")].iloc[0]
st.subheader(f"{plain(review['enterprise_name'])} · {plain(review['uscc'])}")
"""


def test_pilot_and_enterprise_names(hostile_db, tmp_path):
    script = tmp_path / "detail.py"
    script.write_text(DETAIL)
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    _check([s.value for s in at.subheader], 2)
