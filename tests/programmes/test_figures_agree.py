"""One spec drives every figure: for every target of every programme, at random as-of
dates, the card's figure equals the drill-down's rows and the sum over provinces plus the
records without a province, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import date, timedelta

from dashboard import demo
from dashboard.progress.service import breakdown, list_targets, progress_for
from dashboard.services.drilldown import records_behind
from dashboard.services.overview import target_cards
from tests import builders as b


def test_card_drilldown_and_provinces_agree(session):
    demo.generate(session)
    session.commit()
    ministry = b.user(session, "min", "ministry")
    rng = random.Random(11)
    days = sorted(
        {date(2023, 12, 31), date(2024, 12, 31), date(2025, 12, 31), date(2026, 12, 2)}
        | {date(2024, 1, 1) + timedelta(days=rng.randrange(1100)) for _ in range(4)}
    )
    checked = 0
    for target in list_targets(session):
        for day in rng.sample(days, 3):
            figure = progress_for(session, target, day).actual
            rows = records_behind(session, actor=ministry, target_code=target.code, as_of=day)
            by_province = breakdown(session, target, day, by="province_code")
            card = next(
                c for c in target_cards(session, day, target.document_code) if c.code == target.code
            )
            assert figure == len(rows) == sum(by_province.values()) == card.progress["actual"], (
                target.code,
                day,
            )
            assert len(set(rows["record_id"])) == len(rows)
            checked += figure
    assert checked > 0  # the demo data make the figures non-trivial


def test_the_cases_the_demo_holds_count_as_the_rules_say(session):
    demo.generate(session)
    session.commit()
    ministry = b.user(session, "min", "ministry")

    def numbers(code, day):
        rows = records_behind(session, actor=ministry, target_code=code, as_of=day)
        return set(rows["identifier"])

    t4 = numbers("T4", date(2025, 12, 31))
    assert "GBW(E) 130900a" in t4 and "GBW(E) 130900b" not in t4  # one material, two batches
    t6 = numbers("T6", date(2025, 12, 31))
    assert t6 and all(n.startswith("JJF ") for n in t6)  # no JJG, no JJF(皖)
    assert "GB/T 45999-2024" in numbers("T1", date(2024, 12, 31))  # in force at the deadline
    pcf = numbers("PCFG-100", date(2026, 12, 2))
    assert any(n.startswith("T/CNCA") for n in pcf) and any(n.startswith("GB/T") for n in pcf)


def test_the_registry_marks_the_records_each_figure_counts(session):
    from dashboard.services.counting_marks import counted_for

    on_time = b.pilot(session, [("applied", date(2025, 1, 5)), ("approved", date(2025, 5, 1))])
    late = b.pilot(session, [("applied", date(2025, 1, 5)), ("approved", date(2026, 3, 1))])
    too_early = b.pilot(session, [("approved", date(2023, 6, 1))])  # before the window
    session.commit()
    today = date(2026, 12, 2)
    marks = counted_for(session, "pilot", today)
    assert marks.get(on_time.id) == [("T2", True)]  # counted, at the deadline
    assert late.id not in marks and too_early.id not in marks
    t2 = next(t for t in list_targets(session, "AP2024") if t.code == "T2")
    assert progress_for(session, t2, today).actual == sum(("T2", True) in m for m in marks.values())
