"""The real page scripts under Streamlit's AppTest, timed cold, warm and after a write (the
one part of the benchmark that imports Streamlit)."""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from bench.scale.timing import (
    DRILL_TARGET,
    PILOT_INDUSTRIES_FILTER,
    PILOT_STAGES_FILTER,
    ROOT,
    USER,
    Row,
    actor,
    timed,
)

APP = str(ROOT / "dashboard" / "app.py")


def _reset_streamlit() -> None:
    """Empty Streamlit's caches and drop the shared engines: the next run is cold."""
    import streamlit as st

    from dashboard import db

    st.cache_data.clear()
    st.cache_resource.clear()
    for engine in db._engines.values():
        engine.dispose()
    db._engines.clear()


def _login(url: str) -> str:
    from dashboard import accounts, auth
    from dashboard.accounts import DEMO_PASSWORD
    from dashboard.db import shared_engine

    with Session(shared_engine(url)) as s:
        token, _user = auth.login(s, username=USER, password=DEMO_PASSWORD)
        accounts.set_language(s, actor=actor(s), lang="zh")
        s.commit()
    return token


def _new_app(token: str, as_of: date):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=600)
    at.session_state["auth_token"] = token
    at.session_state["as_of"] = as_of
    return at


def _check(at, name: str) -> None:
    if len(at.exception):
        raise RuntimeError(f"{name}: the page raised {at.exception[0].value}")


@dataclass
class PageCase:
    name: str
    page: str | None  # None: the default page (the overview for the ministry)
    prepare: Callable | None = None  # sets widgets after a first run; then the timed runs
    state: dict = field(default_factory=dict)


def _filter_pilots(at) -> None:
    at.multiselect[0].set_value(list(PILOT_STAGES_FILTER))
    at.multiselect[1].set_value(list(PILOT_INDUSTRIES_FILTER))


PAGES = (
    PageCase("overview", None),
    PageCase("map", "../pages/map.py"),
    PageCase("registry (filtered)", "../pages/pilots.py", prepare=_filter_pilots),
    PageCase("registry (all pilots)", "../pages/pilots.py"),
    PageCase("drill-down page", "../pages/target_detail.py", state={"target_code": DRILL_TARGET}),
)


def _page_run(
    token: str, case: PageCase, as_of: date, runs: int
) -> tuple[float, float | None, dict]:
    at = _new_app(token, as_of)
    for key, value in case.state.items():
        at.session_state[key] = value
    if case.page:
        at.switch_page(case.page)
    if case.prepare:
        at.run()
        _check(at, case.name)
        case.prepare(at)
    _reset_streamlit()
    cold = timed(at.run)
    _check(at, case.name)
    warm_runs = []
    for _ in range(runs):
        warm_runs.append(timed(at.run))
        _check(at, case.name)
    captions = [c.value for c in at.caption]
    warm = round(statistics.median(warm_runs), 1) if warm_runs else None
    import streamlit as st

    st.cache_data.clear()  # a saved change clears the caches; the engine stays
    after_write = timed(at.run)
    _check(at, case.name)
    return cold, warm, {"captions": captions[:3], "after_write_ms": after_write}


def time_pages(url: str, as_of: date, runs: int, say) -> tuple[list[Row], float]:
    os.environ["DATABASE_URL"] = url
    os.environ["DASHBOARD_DEMO"] = "1"
    from dashboard.settings import reset_settings_cache

    reset_settings_cache()
    token = _login(url)
    # The very first run of a process also imports the page code and its libraries.
    at = _new_app(token, as_of)
    _reset_streamlit()
    first = timed(at.run)
    _check(at, "first run")
    say(f"  page overview, first run in a new process {first:8.1f} ms")
    for case in PAGES:  # warm the imports of every page once
        _page_run(token, case, as_of, 0)
    rows = []
    for case in PAGES:
        cold, warm, extra = _page_run(token, case, as_of, runs)
        rows.append(Row(case.name, cold, warm, extra=extra, after_write_ms=extra["after_write_ms"]))
        say(
            f"  page {case.name:<27} cold {cold:8.1f} ms  warm {warm:8.1f} ms  "
            f"after a write {extra['after_write_ms']:8.1f} ms"
        )
    _reset_streamlit()
    return rows, first
