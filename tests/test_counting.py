"""Counting rules against a real database, on SQLite and PostgreSQL."""

from datetime import date

from sqlmodel import select

from dashboard.models import PilotStage, Target
from dashboard.progress.counting import count_as_of, count_by
from dashboard.progress.service import all_progress, burnup, definition, progress_for
from dashboard.services.editing import set_pilot_stage
from tests import builders as b


def _target(session, code):
    return session.get(Target, code)


def test_2024_standards_boundary_dates(session):
    t = definition(_target(session, "T1"))
    b.standard(session, issued=date(2024, 1, 1))
    b.standard(session, issued=date(2024, 12, 31))
    b.standard(session, issued=date(2025, 1, 1))  # after the deadline: not counted
    b.standard(session, issued=date(2023, 12, 31))  # before the window: not counted
    b.standard(session, issued=date(2024, 6, 1), category="recycling")  # other category
    b.standard(session, issued=date(2024, 6, 1), kind="group_standard", number="T/CNCA 1-2024")
    b.standard(session, issued=None)  # not issued
    assert count_as_of(session, t, date(2026, 1, 1)) == 2
    assert count_as_of(session, t, date(2024, 12, 30)) == 1  # as of a past date
    assert count_as_of(session, t, date(2023, 12, 31)) == 0


def test_pilots_counted_once_and_exits_excluded(session):
    t = definition(_target(session, "T2"))
    b.pilot(
        session,
        [
            ("applied", date(2024, 9, 1)),
            ("recommended", date(2024, 10, 1)),
            ("approved", date(2024, 11, 1)),
            ("under_construction", date(2025, 1, 5)),
            ("midterm_evaluation", date(2025, 6, 1)),
        ],
    )
    b.pilot(
        session,
        [
            ("applied", date(2024, 9, 1)),
            ("approved", date(2024, 12, 1)),
            ("failed", date(2025, 5, 1)),
        ],
    )
    b.pilot(session, [("applied", date(2024, 9, 1)), ("withdrawn", date(2024, 10, 1))])
    b.pilot(session, [("applied", date(2024, 9, 1))], province="370000")
    assert count_as_of(session, t, date(2025, 12, 31)) == 1
    # before it failed, the second pilot counted
    assert count_as_of(session, t, date(2025, 4, 30)) == 2
    assert count_as_of(session, t, date(2024, 10, 31)) == 0
    assert count_by(session, t, date(2025, 4, 30), by="province_code") == {"330000": 2}


def test_correction_replaces_the_corrected_entry(session):
    t = definition(_target(session, "T2"))
    p = b.pilot(session, [("applied", date(2024, 9, 1)), ("approved", date(2024, 11, 1))])
    wrong = session.exec(
        select(PilotStage).where(PilotStage.pilot_id == p.id, PilotStage.stage == "approved")
    ).one()
    assert count_as_of(session, t, date(2025, 1, 1)) == 1
    set_pilot_stage(  # the coordinator's correction on the page
        session=session,
        actor=b.user(session, "zj", "coordinator", "330000"),
        pilot_id=p.id,
        stage="recommended",
        stage_date=date(2024, 11, 1),
        expected_version=p.version,
        corrects_id=wrong.id,
        note="was not approved",
    )
    assert count_as_of(session, t, date(2025, 1, 1)) == 0


def test_measurement_reviews_under_way_or_completed(session):
    t = definition(_target(session, "T3"))
    b.review(session, [("planned", date(2024, 10, 1))])
    b.review(session, [("planned", date(2024, 10, 1)), ("in_review", date(2024, 11, 1))])
    b.review(
        session,
        [
            ("planned", date(2024, 10, 1)),
            ("in_review", date(2024, 11, 1)),
            ("completed", date(2025, 2, 1)),
        ],
        province="330000",
    )
    assert count_as_of(session, t, date(2025, 3, 1)) == 2
    assert count_as_of(session, t, date(2024, 10, 15)) == 0
    assert count_as_of(session, t, date(2025, 3, 1), province="330000") == 1


def test_measurement_metrics(session):
    crm = definition(_target(session, "T4"))
    studies = definition(_target(session, "T5"))
    jjf = definition(_target(session, "T6"))

    def measurement(kind, number, issued=None, **more):
        b.standard(session, issued=issued, kind=kind, category="measurement", number=number, **more)

    measurement("reference_material", "GBW(E) 130113", date(2025, 3, 1))
    measurement("measurement_standard", "MS-1")  # not completed
    measurement("technology_study", "S-1", started=date(2024, 5, 1))
    measurement("measurement_spec", "JJF 2001-2025", date(2025, 4, 1))
    measurement("measurement_spec", "JJF(皖) 218-2025", date(2025, 4, 1), province="340000")
    as_of = date(2025, 12, 31)
    assert count_as_of(session, crm, as_of) == 1
    assert count_as_of(session, studies, as_of) == 1
    assert count_as_of(session, jjf, as_of) == 1  # the provincial JJF does not count


def test_service_progress_and_burnup(session):
    target = _target(session, "T1")
    for month in range(1, 11):
        b.standard(session, issued=date(2024, month, 10))
    p = progress_for(session, target, date(2024, 10, 31))
    assert p.actual == 10
    # the window opened on 2024-01-01, less than twelve months before: 10 issued in the 305
    # days from 2024-01-01 to 2024-10-31
    assert p.recent_monthly_pace == round(10 / (305 / (365.25 / 12)), 2)
    assert p.forecast == round(10 + 10.5 / (305 / (365.25 / 12)) * 61 / (365.25 / 12), 1)
    points = burnup(session, target, date(2024, 3, 15))
    assert [(pt.day, pt.actual) for pt in points] == [
        (date(2024, 1, 31), 1),
        (date(2024, 2, 29), 2),
        (date(2024, 3, 15), 3),
    ]
    assert len(all_progress(session, date(2024, 10, 31), "AP2024")) == 6


def test_empty_database_progress(session):
    rows = all_progress(session, date(2025, 1, 1))
    assert {p.actual for _, p in rows} == {0}
