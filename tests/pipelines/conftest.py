"""Fixtures for the pipeline tests: accounts of each role, an archive directory and the
standards the adoption golden file names."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from dashboard.models import Deliverable
from pipelines.ingest import ingest_bytes
from tests.builders import user
from tests.pipelines.corpus_adoption import LINKED

HERE = Path(__file__).resolve().parent
GOLDEN, BAD = HERE / "golden", HERE / "bad"
TODAY = date(2025, 6, 30)


@pytest.fixture
def actors(session):
    return {
        "admin": user(session, "operator", "admin"),
        "ministry": user(session, "reviewer", "ministry"),
        "coordinator:330000": user(session, "zhejiang", "coordinator", "330000"),
        "coordinator:370000": user(session, "shandong", "coordinator", "370000"),
        "briefing": user(session, "briefing", "briefing"),
    }


@pytest.fixture
def archive(tmp_path) -> Path:
    return tmp_path / "archive-root"


@pytest.fixture
def ingest(engine, archive):
    """ingest(data, filename, actor, **options) with the test's archive directory."""

    def run(data: bytes, filename: str, actor, **options):
        options.setdefault("archive_dir", archive)
        return ingest_bytes(engine, data=data, filename=filename, actor=actor, **options)

    return run


@pytest.fixture
def registry(session):
    """The standards the adoption file names, in the standards registry."""
    for number, kind, category, title, status in LINKED:
        session.add(
            Deliverable(number=number, kind=kind, category=category, title_zh=title, status=status)
        )
    session.commit()


def count_rows(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
