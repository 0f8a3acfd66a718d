"""Two coordinators of different provinces in one server process (one shared cache) never
see each other's records."""

from sqlmodel import Session, func, select

from dashboard.db import shared_engine
from dashboard.models import Pilot
from tests.pages.conftest import app_as


def _count(url, province):
    with Session(shared_engine(url)) as s:
        return s.scalar(
            select(func.count()).select_from(Pilot).where(Pilot.province_code == province)
        )


def test_coordinators_do_not_share_cached_records(demo_env):
    seen = {}
    for user, province in (("zhejiang", "330000"), ("shandong", "370000"), ("zhejiang", "330000")):
        at = app_as(demo_env, user, "en").run()
        at.switch_page("../pages/pilots.py").run()
        assert not at.exception
        caption = next(c.value for c in at.caption if c.value.endswith("records"))
        seen.setdefault(user, set()).add(caption)
        assert caption == f"{_count(demo_env, province)} records"
    assert seen["zhejiang"] != seen["shandong"]
    assert len(seen["zhejiang"]) == 1
