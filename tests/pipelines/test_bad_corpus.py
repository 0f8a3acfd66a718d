"""The corpus of bad files: one per rule, each with the errors it must produce (row as Excel
shows it, column, code), nothing written, and the file quarantined with its error reports."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from dashboard.models import Deliverable, MeasurementReview, Pilot, TaskUpdate
from tests.pipelines.conftest import BAD, load_json

CASES = sorted(p.name.removesuffix(".expected.json") for p in BAD.glob("*.expected.json"))


def _records(session) -> int:
    session.expire_all()
    models = (Pilot, MeasurementReview, Deliverable, TaskUpdate)
    return sum(session.exec(select(func.count()).select_from(m)).one() for m in models)


def _marks(items: list[dict]) -> list[tuple]:
    return sorted((i["row"] or 0, i["column"] or "", i["code"]) for i in items)


def test_corpus_covers_every_rule():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_bad_file(case, session, ingest, actors, archive):
    expected = load_json(BAD / f"{case}.expected.json")
    if "setup" in expected:
        setup = ingest(
            (BAD / expected["setup"]).read_bytes(), expected["setup"], actors["admin"], accept=True
        )
        assert setup.status == "accepted", setup.errors
    before = _records(session)
    data = (BAD / expected["file"]).read_bytes()
    result = ingest(data, expected["file"], actors[expected["actor"]], kind=expected["kind"])
    assert _marks(result.errors) == _marks(expected["errors"]), result.errors
    assert _marks(result.warnings) == _marks(expected["warnings"])
    assert result.status == expected["status"]
    assert _records(session) == before  # rejected or staged: the records are untouched
    for item in result.errors + result.warnings:
        assert item["message_zh"] and item["message_en"]
        if item["row"] is not None:
            assert item["message_zh"].startswith(f"第 {item['row']} 行")
            assert item["message_en"].startswith(f"Row {item['row']}")
    if result.status == "rejected":
        quarantined = archive / result.quarantine_path
        assert quarantined.read_bytes() == data
        report = quarantined.with_name(quarantined.name + ".errors.csv").read_text("utf-8-sig")
        assert report.count("\n") == len(result.errors) + len(result.warnings) + 1
        assert quarantined.with_name(quarantined.name + ".errors.xlsx").exists()
