"""The national-scale generator at a tiny size, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from bench.scale.generate import Size, generate, history_rows
from dashboard import models
from dashboard.cli import init_database
from dashboard.db import make_engine
from dashboard.progress.service import all_progress
from dashboard.services.dataset import dataset_status

SIZE = Size(pilots=200, reviews=150, standards=100, history=5_000)


def _count(session: Session, model) -> int:
    return int(session.scalar(select(func.count()).select_from(model)))


def test_generate_small(db_url):
    engine = make_engine(db_url)
    try:
        init_database(engine)
        counts = generate(engine, SIZE, say=lambda _line: None)
        assert history_rows(counts) == SIZE.history
        split = SIZE.split()
        with Session(engine) as s:
            assert _count(s, models.Pilot) == 200
            assert _count(s, models.MeasurementReview) == 150
            assert _count(s, models.Deliverable) == 100
            assert _count(s, models.PilotStage) == split["pilotstage"]
            assert _count(s, models.ReviewStatusEntry) == split["reviewstatusentry"]
            assert _count(s, models.Submission) == split["submission"]
            assert _count(s, models.TaskUpdate) == split["taskupdate"]
            assert _count(s, models.User) == 5  # the demo accounts
            assert s.get(models.DatasetFact, "synthetic").value == "true"
            assert dataset_status(s).synthetic
            # corrections name an earlier entry of the same pilot
            corrections = s.execute(
                select(models.PilotStage.pilot_id, models.PilotStage.corrects_id).where(
                    models.PilotStage.corrects_id.is_not(None)
                )
            ).all()
            assert corrections
            for pilot_id, corrects in corrections[:20]:
                assert s.get(models.PilotStage, corrects).pilot_id == pilot_id
                assert corrects < s.scalar(
                    select(func.max(models.PilotStage.id)).where(
                        models.PilotStage.corrects_id == corrects
                    )
                )
            # current stage on the pilot row agrees with its history's last path entry
            progress = all_progress(s, date(2025, 6, 30), "AP2024")
            assert len(progress) == 6
            by_code = {p.code: p for _, p in progress}
            assert by_code["T2"].actual > 0
            assert by_code["T3"].actual > 0
            # the app can still add rows after the explicit ids (sequences moved on)
            s.add(
                models.PilotStage(
                    pilot_id=1, stage="applied", stage_date=date(2026, 1, 1), recorded_by="t"
                )
            )
            s.commit()
    finally:
        engine.dispose()


def test_same_seed_same_figures(tmp_path):
    figures = []
    for name in ("a", "b"):
        engine = make_engine(f"sqlite:///{tmp_path / name}.sqlite3")
        init_database(engine)
        generate(engine, SIZE, say=lambda _line: None, do_analyze=False)
        with Session(engine) as s:
            figures.append([p.as_dict() for _, p in all_progress(s, date(2025, 6, 30))])
        engine.dispose()
    assert figures[0] == figures[1]


def test_no_national_scale_submission_is_rejected_without_errors():
    import random

    from bench.scale.records import submissions as _submissions

    subs = _submissions(random.Random(7), ["330000", "370000"], 400)
    rejected = [s for s in subs if s["status"] == "rejected"]
    assert rejected and all(s["errors"] for s in rejected)
