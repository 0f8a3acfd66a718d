"""Fixtures for the pipeline tests: accounts of each role and an archive directory."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipelines.ingest import ingest_bytes
from tests.builders import user

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


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
