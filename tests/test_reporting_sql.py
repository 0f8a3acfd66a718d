"""Reporting timeliness aggregated in SQL equals the rule applied to the plain list."""

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from dashboard.reporting import facts_from_pairs
from dashboard.services.provinces import reporting_facts
from tests import builders as b

STATUSES = ("accepted", "returned", "rejected", "processing", "pending_review")
DAYS = (date(2024, 8, 31), date(2024, 10, 15), date(2024, 11, 30), date(2025, 1, 16))


def test_sql_aggregates_match_the_list_rule(session):
    if session.get_bind().dialect.name == "postgresql":
        # months and days are UTC whatever the connection's time zone
        session.execute(text("SET TIME ZONE 'Asia/Shanghai'"))
    rng = random.Random(5)
    pairs: dict[str, list] = {"330000": [], "370000": [], "110000": []}
    start = datetime(2024, 7, 1, tzinfo=UTC)
    stamps = [
        datetime(2024, 11, 30, 23, 30, tzinfo=UTC),  # late on the last day of a window
        datetime(2024, 12, 1, 0, 10, tzinfo=UTC),  # and just after it
        datetime(2024, 10, 15, 23, 59, tzinfo=UTC),  # late on a due date
    ]
    stamps += [start + timedelta(minutes=rng.randrange(0, 200 * 24 * 60)) for _ in range(80)]
    for n, stamp in enumerate(stamps):
        code = rng.choice(list(pairs))
        status = rng.choice(STATUSES)
        b.submission(session, province_code=code, submitted_at=stamp, status=status)
        if status != "processing":
            pairs[code].append((stamp, status))
    b.submission(session, status="accepted")  # no province
    session.flush()
    for day in DAYS:
        got = reporting_facts(session, day)
        for code, subs in pairs.items():
            expected = facts_from_pairs(subs, day)
            if not any(s.date() <= day for s, _ in subs):
                assert code not in got
                continue
            facts = got[code]
            assert facts.first_by_month == expected.first_by_month, (code, day)
            assert facts.by_status == expected.by_status, (code, day)
            assert facts.last_report == expected.last_report, (code, day)
        one = reporting_facts(session, day, province="330000")
        assert set(one) <= {"330000"}
