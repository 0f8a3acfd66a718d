"""Small builders for test records, and the page edits made on them."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from dashboard.accounts import add_user
from dashboard.models import (
    Deliverable,
    MeasurementReview,
    Pilot,
    PilotStage,
    ReviewStatusEntry,
    Submission,
)
from dashboard.permissions import Actor
from dashboard.progress import spans
from dashboard.services.editing import set_pilot_stage, set_review_status

_counter = iter(range(1, 10**9))
PASSWORD = "correct horse battery"  # the test accounts' password


def standard(
    session: Session,
    *,
    issued: date | None,
    category="carbon_accounting",
    kind="national_standard",
    number=None,
    started=None,
    province=None,
) -> Deliverable:
    n = next(_counter)
    d = Deliverable(
        number=number or f"GB/T {90000 + n}-{(issued or date(2024, 1, 1)).year}",
        kind=kind,
        category=category,
        title_zh=f"标准{n}",
        status="issued" if issued else "in_progress",
        issue_date=issued,
        started_on=started,
        province_code=province,
    )
    session.add(d)
    session.flush()
    return d


def pilot(
    session: Session, stages: list[tuple[str, date]], *, province="330000", industry="steel"
) -> Pilot:
    n = next(_counter)
    p = Pilot(
        code=f"P-{n}",
        name=f"试点{n}",
        pilot_type="park",
        province_code=province,
        industry=industry,
        current_stage=stages[-1][0],
        current_stage_date=stages[-1][1],
    )
    session.add(p)
    session.flush()
    for stage, day in stages:
        session.add(PilotStage(pilot_id=p.id, stage=stage, stage_date=day, recorded_by="test"))
    session.flush()
    spans.refresh(session.connection(), "pilot", [p.id])  # a bulk writer keeps them itself
    return p


def review(
    session: Session, statuses: list[tuple[str, date]], *, province="370000", uscc=None
) -> MeasurementReview:
    n = next(_counter)
    r = MeasurementReview(
        uscc=uscc or f"USCC{n:014d}",
        enterprise_name=f"企业{n}",
        province_code=province,
        industry="power",
        status=statuses[-1][0],
        status_date=statuses[-1][1],
    )
    session.add(r)
    session.flush()
    for status, day in statuses:
        session.add(
            ReviewStatusEntry(review_id=r.id, status=status, status_date=day, recorded_by="test")
        )
    session.flush()
    spans.refresh(session.connection(), "measurement_review", [r.id])
    return r


def submission(session: Session, **columns) -> Submission:
    """A submitted report (staged, by "t", with its own digest and file name unless given),
    flushed so that it has its id."""
    n = next(_counter)
    defaults = {"sha256": f"{n:064d}", "filename": f"r{n}.csv", "submitted_by": "t"}
    sub = Submission(**{**defaults, "status": "staged", **columns})
    session.add(sub)
    session.flush()
    return sub


def user(
    session: Session,
    username: str,
    role: str,
    province: str | None = None,
    password: str = PASSWORD,
) -> Actor:
    u = add_user(
        session, actor=None, username=username, password=password, role=role, province_code=province
    )
    session.commit()
    return Actor(id=u.id, username=u.username, role=u.role, province_code=u.province_code)


def _page_edit(service, owner: str, state: str):
    """A record's stage or status set on its page, as its form calls `service`:
    edit(session, actor, record, value, day, version=1, **more)."""

    def edit(session, actor, record, value, day, *, version=1, **more):
        values = {f"{owner}_id": record.id, state: value, f"{state}_date": day}
        return service(session=session, actor=actor, expected_version=version, **values, **more)

    return edit


move_pilot = _page_edit(set_pilot_stage, "pilot", "stage")
update_review = _page_edit(set_review_status, "review", "status")
