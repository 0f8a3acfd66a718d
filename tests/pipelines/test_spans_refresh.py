"""The pipelines write histories with Core inserts; the counting spans follow."""

from datetime import date

from sqlalchemy import func, select

from dashboard.models import CountingSpan, PilotStage, ReviewStatusEntry
from dashboard.progress.engine import month_ends
from dashboard.progress.spans_check import differences
from tests.pipelines.conftest import GOLDEN

DAYS = month_ends(date(2023, 11, 1), date(2026, 3, 31))


def test_reports_applied_by_the_pipeline_refresh_the_spans(session, ingest, actors):
    """The pipelines write histories with Core inserts; the spans follow in the same
    transaction."""
    admin = actors["admin"]
    for name in ("pilot_status.csv", "measurement_review.xlsx"):
        assert ingest((GOLDEN / name).read_bytes(), name, admin, accept=True).status == ("accepted")
    conn = session.connection()
    history = conn.scalar(select(func.count()).select_from(PilotStage)) + conn.scalar(
        select(func.count()).select_from(ReviewStatusEntry)
    )
    assert history > 0
    assert conn.scalar(select(func.count()).select_from(CountingSpan)) > 0
    assert differences(conn, DAYS) == []
