"""The counting rules agree with themselves on a generated dataset with corrections and
restated stages: the burn-up series (counts_at) equals count_as_of at each date, the
breakdowns add up to the count, and the drill-down lists exactly the counted records. These
hold for any implementation of dashboard/progress/counting.py, so they guard a faster one
(see docs/BENCHMARKS.md, "National scale")."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from bench.scale.generate import Size, generate
from dashboard.cli import init_database
from dashboard.db import make_engine
from dashboard.models import User
from dashboard.permissions import Actor
from dashboard.progress.counting import count_as_of, count_by, counts_at
from dashboard.progress.engine import month_ends
from dashboard.progress.service import definition, list_targets
from dashboard.services.drilldown import records_behind

SIZE = Size(pilots=150, reviews=120, standards=200, history=4_000)
DATES = (date(2024, 6, 30), date(2025, 3, 31), date(2025, 6, 30), date(2026, 3, 1))


@pytest.fixture
def scale_session(db_url):
    engine = make_engine(db_url)
    init_database(engine)
    generate(engine, SIZE, say=lambda _line: None)
    with Session(engine, expire_on_commit=False) as s:
        yield s
    engine.dispose()


def test_counts_agree(scale_session):
    s = scale_session
    ministry = s.exec(select(User).where(User.username == "ministry")).one()
    actor = Actor(id=ministry.id, username=ministry.username)
    for target in list_targets(s):
        d = definition(target)
        days = month_ends(d.window_start, min(date(2026, 3, 1), d.deadline))
        assert counts_at(s, d, days) == [count_as_of(s, d, day) for day in days], target.code
        assert counts_at(s, d, list(reversed(DATES))) == [
            count_as_of(s, d, day) for day in reversed(DATES)
        ]
        for day in DATES:
            n = count_as_of(s, d, day)
            assert sum(count_by(s, d, day, by="province_code").values()) == n
            assert sum(count_by(s, d, day, by="category").values()) == n
            records = records_behind(s, actor=actor, target_code=target.code, as_of=day)
            assert len(records) == n
            assert records["record_id"].is_unique
            if n:
                assert records["since"].notna().all()
                assert max(records["since"]) <= min(day, d.deadline)
    pilots = next(t for t in list_targets(s) if t.code == "T2")
    assert count_as_of(s, definition(pilots), date(2025, 6, 30)) > 0
