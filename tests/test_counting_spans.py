"""Counting spans hold the same rule as the histories: on SQLite and PostgreSQL, through the
one write path of reports and page edits, the migration and a rebuild."""

import random
from datetime import date, timedelta

from alembic import command
from sqlalchemy import func, insert, select, text, update
from sqlmodel import Session

from dashboard.db import make_engine
from dashboard.migrate import alembic_config, upgrade_to_head
from dashboard.models import CountingSpan, Pilot, PilotStage
from dashboard.progress import spans
from dashboard.progress.engine import month_ends
from dashboard.progress.spans import rebuild, set_key, spans_of, waiting_set
from dashboard.progress.spans_check import differences
from dashboard.vocab import (
    PILOT_ALL_STAGES,
    PILOT_SET_UP_STAGES,
    REVIEW_STATUSES,
    pilot_move_allowed,
    review_move_allowed,
)
from tests import builders as b

D = date
COUNTING = frozenset(PILOT_SET_UP_STAGES)
SET_UP = set_key(PILOT_SET_UP_STAGES)  # the stage set the action plan counts
IN_SET_UP = CountingSpan.stage_set == SET_UP


def _set_up_spans(s) -> int:
    """Spans of the counted set (each counted set keeps its waiting set's spans too)."""
    return s.scalar(select(func.count()).select_from(CountingSpan).where(IN_SET_UP))


DAYS = [*month_ends(D(2023, 11, 1), D(2026, 3, 31)), D(2024, 5, 17), D(2025, 2, 3)]


def test_a_record_counts_from_approval_until_it_leaves():
    entries = [
        (1, D(2024, 1, 5), "applied", None),
        (2, D(2024, 3, 1), "approved", None),
        (3, D(2024, 9, 1), "under_construction", None),
        (4, D(2025, 2, 1), "failed", None),
    ]
    assert spans_of(entries, COUNTING) == [(D(2024, 3, 1), D(2024, 3, 1), D(2025, 2, 1))]


def test_a_record_still_counting_has_an_open_span_and_none_never_counted():
    assert spans_of([(1, D(2024, 3, 1), "approved", None)], COUNTING) == [
        (D(2024, 3, 1), D(2024, 3, 1), None)
    ]
    assert spans_of([(1, D(2024, 3, 1), "applied", None)], COUNTING) == []
    assert spans_of([], COUNTING) == []


def test_on_one_day_the_later_entry_wins_and_a_correction_removes_its_target():
    same_day = [(7, D(2024, 4, 1), "approved", None), (8, D(2024, 4, 1), "withdrawn", None)]
    assert spans_of(same_day, COUNTING) == []
    # entry 8 is replaced by entry 9: the pilot did not withdraw after all
    corrected = [*same_day, (9, D(2024, 4, 1), "approved", 8)]
    assert spans_of(corrected, COUNTING) == [(D(2024, 4, 1), D(2024, 4, 1), None)]


def test_leaving_and_coming_back_gives_two_spans_with_the_first_since():
    entries = [
        (1, D(2024, 2, 1), "in_review", None),
        (2, D(2024, 5, 1), "planned", None),
        (3, D(2024, 8, 1), "rectification", None),
    ]
    counting = frozenset({"in_review", "rectification", "completed"})
    assert spans_of(entries, counting) == [
        (D(2024, 2, 1), D(2024, 2, 1), D(2024, 5, 1)),
        (D(2024, 2, 1), D(2024, 8, 1), None),
    ]


def _random_history(rng: random.Random, states, start: date) -> list[tuple[str, date]]:
    day = start
    out = []
    for _ in range(rng.randint(1, 7)):
        day += timedelta(days=rng.choice((0, 0, 1, 17, 45, 120)))
        out.append((rng.choice(states), day))
    return out


def _current(record) -> tuple[str, date]:
    """A pilot's current stage or a review's status, and its day."""
    if isinstance(record, Pilot):
        return record.current_stage, record.current_stage_date
    return record.status, record.status_date


def test_spans_agree_with_the_history_rule_on_random_histories(session):
    """Random stage paths (same-day entries, exits and returns) written in bulk, then page
    edits through the one write path: corrections and forward moves of pilots, status moves
    of reviews. The spans give the same records and dates as the rule evaluated straight
    from the histories, on every month-end from 2023 to 2026."""
    zj = b.user(session, "zj", "coordinator", "330000")
    sd = b.user(session, "sd", "coordinator", "370000")
    rng = random.Random(11)
    pilots = []
    for _ in range(60):
        pilots.append(b.pilot(session, _random_history(rng, PILOT_ALL_STAGES, D(2023, 12, 1))))
    reviews = []
    for _ in range(40):
        history = _random_history(rng, REVIEW_STATUSES, D(2023, 12, 1))
        reviews.append(b.review(session, history, uscc=f"R{rng.getrandbits(48):014d}"))
    session.commit()
    conn = session.connection()
    assert differences(conn, DAYS) == []
    # corrections on the page: a later entry that replaces an earlier one of the same pilot
    for p in rng.sample(pilots, 15):
        target = session.exec(
            select(PilotStage).where(PilotStage.pilot_id == p.id).order_by(PilotStage.id)
        ).first()[0]
        session.refresh(p)
        b.move_pilot(
            session,
            zj,
            p,
            rng.choice(PILOT_ALL_STAGES),
            target.stage_date,
            version=p.version,
            corrects_id=target.id,
            note="correction",
        )
    # forward moves on the page, some on the day of the current stage
    moved = 0
    for records, n, user, states, may_move, move, gaps, extra in (
        (
            pilots,
            30,
            zj,
            PILOT_ALL_STAGES,
            pilot_move_allowed,
            b.move_pilot,
            (0, 3, 40),
            {"note": "moved on the page"},
        ),
        (reviews, 25, sd, REVIEW_STATUSES, review_move_allowed, b.update_review, (0, 9, 60), {}),
    ):
        for record in rng.sample(records, n):
            session.refresh(record)
            state, since = _current(record)
            allowed = [s for s in states if may_move(state, s)]
            if not allowed:
                continue
            to = rng.choice(allowed)
            day = since + timedelta(days=rng.choice(gaps))
            move(session, user, record, to, day, version=record.version, **extra)
            moved += 1
    session.commit()
    assert moved > 20
    conn = session.connection()
    assert conn.scalar(select(func.count()).select_from(CountingSpan)) > 0
    assert differences(conn, DAYS) == []


def test_the_check_notices_a_span_out_of_step(session):
    p = b.pilot(session, [("applied", D(2024, 1, 2)), ("approved", D(2024, 3, 1))])
    conn = session.connection()
    assert differences(conn, [D(2024, 6, 30)]) == []
    conn.execute(
        update(CountingSpan)
        .where(CountingSpan.record_id == p.id, IN_SET_UP)
        .values(valid_from=D(2024, 7, 1))
    )
    found = differences(conn, [D(2024, 6, 30)])
    assert [(d.record_type, d.only_in_history) for d in found] == [
        ("pilot", frozenset({(p.id, D(2024, 3, 1))}))
    ]
    # its set-up span and its waiting span (applied, from 2 January to 1 March)
    assert rebuild(conn) == {"pilot": 2, "measurement_review": 0}
    assert differences(conn, [D(2024, 6, 30)]) == []


def test_a_rolled_back_entry_leaves_no_span(engine):
    with Session(engine) as s:
        zj = b.user(s, "zj", "coordinator", "330000")
        p = b.pilot(s, [("applied", D(2024, 1, 2))])
        s.commit()
        b.move_pilot(s, zj, p, "approved", D(2024, 2, 1))
        assert _set_up_spans(s) == 1
        s.rollback()
        assert _set_up_spans(s) == 0


def test_no_orm_hook_keeps_spans_any_more(session):
    """The write path keeps the spans; an entry added through the ORM alone gets none (the
    global flush hook is gone: a writer outside the path refreshes them itself)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session as OrmSession

    assert not event.contains(OrmSession, "after_flush", getattr(spans, "_after_flush", None))
    p = b.pilot(session, [("applied", D(2024, 1, 2))])
    session.add(
        PilotStage(pilot_id=p.id, stage="approved", stage_date=D(2024, 2, 1), recorded_by="t")
    )
    session.flush()
    assert _set_up_spans(session) == 0
    spans.refresh(session.connection(), "pilot", [p.id])
    assert _set_up_spans(session) == 1


def test_the_migration_fills_spans_from_histories_already_there(db_url):
    engine = make_engine(db_url)
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    with engine.begin() as conn:
        # the one province the pilot needs, written as the schema stood at 0002 (the
        # reference loader of today writes today's schema)
        conn.execute(
            text(
                "INSERT INTO province (code, name_zh, name_en, short_zh, kind, is_standard, "
                "on_map) VALUES ('330000', '浙江省', 'Zhejiang', '浙', 'province', true, true)"
            )
        )
        now = D(2024, 1, 1)
        pilot = {
            "code": "P-1",
            "name": "试点",
            "pilot_type": "park",
            "province_code": "330000",
            "industry": "steel",
            "standards_adopted": 0,
            "current_stage": "approved",
            "current_stage_date": D(2024, 4, 1),
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        pid = conn.execute(insert(Pilot.__table__).returning(Pilot.__table__.c.id), pilot).scalar()
        conn.execute(
            insert(PilotStage.__table__),
            [
                {
                    "pilot_id": pid,
                    "stage": s,
                    "stage_date": d,
                    "recorded_by": "t",
                    "recorded_at": now,
                }
                for s, d in (("applied", D(2024, 1, 2)), ("approved", D(2024, 4, 1)))
            ],
        )
    upgrade_to_head(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                CountingSpan.stage_set,
                CountingSpan.record_id,
                CountingSpan.since,
                CountingSpan.valid_to,
            ).order_by(CountingSpan.stage_set)
        ).all()
        # counted from its approval; waiting (applied) from 2 January until then
        assert rows == [
            (SET_UP, pid, D(2024, 4, 1), None),
            ("applied+recommended", pid, D(2024, 1, 2), D(2024, 4, 1)),
        ]
        assert differences(conn, DAYS) == []
    engine.dispose()


def test_the_spans_command_reports_and_repairs(db_url, capsys):
    from dashboard.cli import init_database, main

    engine = make_engine(db_url)
    init_database(engine)
    with Session(engine) as s:
        p = b.pilot(s, [("applied", D(2024, 1, 2)), ("approved", D(2024, 3, 1))])
        s.commit()
        pid = p.id
    assert main(["--database-url", db_url, "spans"]) == 0
    assert "agree" in capsys.readouterr().out
    with engine.begin() as conn:
        conn.execute(
            update(CountingSpan)
            .where(CountingSpan.record_id == pid, IN_SET_UP)
            .values(valid_to=D(2024, 4, 1))
        )
    assert main(["--database-url", db_url, "spans"]) == 1
    assert "spans --rebuild" in capsys.readouterr().err
    assert main(["--database-url", db_url, "spans", "--rebuild"]) == 0
    assert "rebuilt: pilot 2" in capsys.readouterr().out  # set up, and waiting before it
    engine.dispose()


def test_each_counted_set_keeps_its_waiting_set():
    assert waiting_set("pilot", SET_UP) == "applied+recommended"
    assert waiting_set("pilot", "accepted") == set_key(
        ["applied", "recommended", "approved", "under_construction", "midterm_evaluation"]
    )
    assert waiting_set("pilot", "applied+approved") is None  # nothing comes before applied
    assert waiting_set("pilot", "failed+withdrawn") is None  # exits have no stage before them
    assert waiting_set("measurement_review", "completed+in_review+rectification") == "planned"
    assert waiting_set("measurement_review", "completed") == "in_review+planned+rectification"


def test_a_new_counted_set_builds_its_waiting_spans(session):
    p = b.pilot(session, [("applied", D(2024, 1, 2)), ("accepted", D(2025, 3, 1))])
    conn = session.connection()
    built = spans.ensure_sets(conn, [("pilot", "accepted")])
    waiting = waiting_set("pilot", "accepted")
    assert built == [("pilot", "accepted"), ("pilot", waiting)]
    rows = conn.execute(
        select(CountingSpan.since, CountingSpan.valid_to).where(
            CountingSpan.record_id == p.id, CountingSpan.stage_set == waiting
        )
    ).all()
    assert rows == [(D(2024, 1, 2), D(2025, 3, 1))]
    assert differences(conn, DAYS) == []
