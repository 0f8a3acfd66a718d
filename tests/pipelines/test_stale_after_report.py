"""A page save made on a version that an accepted report has since replaced is refused, and
the message names that report's submitter and when it was accepted (not "?")."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from dashboard.models import Pilot
from dashboard.services.editing import StaleVersion
from dashboard.submissions import accept
from dashboard.ui.edit_messages import edit_error_text
from tests import builders as b
from tests.pipelines.make_corpus import PILOT, csv_bytes

ZJ = "coordinator:330000"


def _pilot_file(stage: str, day: str) -> bytes:
    row = ["ZJ-P-901", "园区", "园区", "330000", "", "钢铁", stage, day, "", ""]
    return csv_bytes(PILOT, [row])


def _pilot(session) -> Pilot:
    session.expire_all()
    return session.exec(select(Pilot).where(Pilot.code == "ZJ-P-901")).one()


def test_a_save_over_an_accepted_report_names_its_submitter(session, ingest, actors):
    first = ingest(_pilot_file("applied", "2024-01-01"), "a.csv", actors["admin"], accept=True)
    assert first.status == "accepted"
    read = _pilot(session).version  # what the page showed the coordinator
    report = ingest(_pilot_file("recommended", "2024-03-01"), "b.csv", actors[ZJ])
    accept(
        session, actor=actors["ministry"], submission_id=report.submission_id, expected_version=1
    )
    session.commit()
    pilot = _pilot(session)
    with pytest.raises(StaleVersion) as caught:
        b.move_pilot(session, actors[ZJ], pilot, "approved", date(2024, 4, 1), version=read)
    session.rollback()
    assert caught.value.key == "edit.stale_report"
    assert caught.value.values["who"] == "zhejiang"
    assert caught.value.values["when"] is not None
    assert "zhejiang" in edit_error_text(caught.value, "en")
    assert "报告" in edit_error_text(caught.value, "zh")
    assert _pilot(session).current_stage == "recommended"  # nothing written


def test_a_page_save_after_the_report_is_the_change_named(session, ingest, actors):
    ingest(_pilot_file("applied", "2024-01-01"), "a.csv", actors["admin"], accept=True)
    read = _pilot(session).version
    other = b.user(session, "zj2", "coordinator", "330000")
    session.commit()
    b.move_pilot(session, other, _pilot(session), "recommended", date(2024, 3, 1), version=read)
    session.commit()
    with pytest.raises(StaleVersion) as caught:
        b.move_pilot(
            session, actors[ZJ], _pilot(session), "approved", date(2024, 4, 1), version=read
        )
    session.rollback()
    assert (caught.value.key, caught.value.values["who"]) == ("edit.stale", "zj2")
