"""Ingestion: identity and duplicates, all or nothing, archive and quarantine, crash
safety, and concurrent ingests of one file applying it once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

from sqlmodel import func, select

from dashboard.models import AuditEvent, Pilot, PilotStage, Submission
from pipelines.benchmark import pilot_rows
from pipelines.ingest import ingest_bytes
from pipelines.plain_files import PILOT_HEADER, csv_bytes
from pipelines.refresh import pipeline_actor
from tests.pipelines.conftest import GOLDEN

ROOT = Path(__file__).resolve().parents[2]


def _count(session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def test_the_same_file_again_is_a_duplicate_and_changes_nothing(session, ingest, actors, archive):
    data = (GOLDEN / "pilot_status.csv").read_bytes()
    first = ingest(data, "pilot_status.csv", actors["admin"], accept=True)
    events = _count(session, AuditEvent)
    again = ingest(data, "renamed.csv", actors["admin"], accept=True)
    assert (first.status, again.status) == ("accepted", "duplicate")
    assert again.submission_id == first.submission_id and again.sha256 == first.sha256
    assert _count(session, Submission) == 1 and _count(session, PilotStage) == 4
    assert _count(session, AuditEvent) == events
    stored = archive / first.archive_path
    assert stored.read_bytes() == data and stored.name == f"{first.sha256}.csv"
    stored.unlink()  # lost after the commit (a crash): the next run writes it again
    assert ingest(data, "pilot_status.csv", actors["admin"]).status == "duplicate"
    assert stored.read_bytes() == data


def test_one_bad_row_writes_nothing_and_quarantines_the_file(session, ingest, actors, archive):
    rows = pilot_rows(60)
    rows[30][3] = "33000"  # spreadsheet row 32 (header = row 1)
    data = csv_bytes(PILOT_HEADER, rows)
    result = ingest(data, "../../pilots 2024.csv", actors["admin"], accept=True)
    assert result.status == "rejected" and result.rows == 60
    assert [(e["row"], e["column"], e["code"]) for e in result.errors] == [
        (32, "province_code", "province_invalid")
    ]
    assert _count(session, Pilot) == 0 and _count(session, PilotStage) == 0
    sub = session.get(Submission, result.submission_id)
    assert sub.status == "rejected" and sub.payload == [] and len(sub.errors) == 1
    quarantined = archive / result.quarantine_path
    assert quarantined.parent == archive / "quarantine" and quarantined.name.endswith(
        "pilots_2024.csv"
    )
    report = (
        quarantined.with_name(quarantined.name + ".errors.csv").read_text("utf-8-sig").splitlines()
    )
    assert report[0].startswith("类型 kind,行 row,列 column,值 value")
    assert report[1].split(",")[1:4] == ["32", "省份代码 (province_code)", "33000"]
    from openpyxl import load_workbook

    sheet = load_workbook(quarantined.with_name(quarantined.name + ".errors.xlsx")).active
    assert [c.value for c in sheet[2]][1:4] == [32, "省份代码 (province_code)", "33000"]


def test_concurrent_ingests_of_one_file_apply_it_once(session, engine, actors, archive):
    data = csv_bytes(PILOT_HEADER, pilot_rows(3000))
    results, failures = [], []

    def run():
        try:
            results.append(
                ingest_bytes(
                    engine,
                    data=data,
                    filename="same.csv",
                    actor=actors["admin"],
                    accept=True,
                    archive_dir=archive,
                )
            )
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(r.status for r in results) == ["accepted", "duplicate", "duplicate"]
    assert _count(session, Pilot) == 3000 and _count(session, Submission) == 1


def _env() -> dict:
    return os.environ | {"PYTHONPATH": str(ROOT), "DASHBOARD_DEMO": "1"}


def test_two_refresh_commands_at_once_apply_a_file_once(session, engine, db_url, tmp_path):
    data = csv_bytes(PILOT_HEADER, pilot_rows(4000))
    pipeline_actor(engine)
    commands = []
    for name in ("one", "two"):
        inbox = tmp_path / name
        inbox.mkdir()
        (inbox / "pilots.csv").write_bytes(data)
        commands.append(
            [
                sys.executable,
                "-m",
                "pipelines",
                "refresh",
                "--inbox",
                str(inbox),
                "--accept",
                "--json",
                "--database-url",
                db_url,
                "--archive-dir",
                str(tmp_path / "archive"),
            ]
        )
    runs = [
        subprocess.Popen(
            c, cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for c in commands
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    statuses = sorted(o.split('"status": "')[1].split('"')[0] for o, _ in outputs)
    assert statuses == ["accepted", "duplicate"]
    assert _count(session, Pilot) == 4000 and _count(session, PilotStage) == 4000


def test_a_refresh_killed_midway_leaves_nothing_and_the_next_run_applies_once(
    session, engine, db_url, tmp_path
):
    n = 12_000
    source = tmp_path / "big.csv"
    source.write_bytes(csv_bytes(PILOT_HEADER, pilot_rows(n)))
    marker, archive = tmp_path / "halfway", tmp_path / "archive"
    pipeline_actor(engine)
    worker = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("crash_worker.py")),
            db_url,
            str(source),
            str(marker),
            str(archive),
        ],
        cwd=ROOT,
        env=_env(),
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 240
    while not marker.exists():
        assert worker.poll() is None, worker.stderr.read()
        assert time.monotonic() < deadline, "the worker never got halfway"
        time.sleep(0.05)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    done, total = map(int, marker.read_text().split("/"))
    assert 0 < done < total  # rows had been written inside the transaction when it died

    assert _count(session, Submission) == 0
    assert _count(session, Pilot) == 0 and _count(session, PilotStage) == 0
    assert not (archive / "archive").exists()

    resend = partial(
        ingest_bytes,
        engine,
        data=source.read_bytes(),
        filename=source.name,
        actor=pipeline_actor(engine),
        accept=True,
        archive_dir=archive,
    )
    assert resend().status == "accepted"
    assert _count(session, Pilot) == n and _count(session, PilotStage) == n
    assert resend().status == "duplicate"
    assert _count(session, Pilot) == n and _count(session, Submission) == 1


def test_a_later_report_updates_records_keeps_blank_cells_and_appends_history(
    session, ingest, actors
):
    from dashboard.models import Deliverable, MeasurementReview, ReviewStatusEntry
    from tests.pipelines.make_corpus import REVIEW, STANDARD, USCC_SD

    admin = actors["admin"]
    assert ingest((GOLDEN / "standard.csv").read_bytes(), "s.csv", admin, accept=True).status == (
        "accepted"
    )
    later = [
        [
            "GB/T 24067-2024",
            "national_standard",
            "carbon_footprint",
            "新标题",
            "",
            "completed",
            "2024-08-23",
            "",
            "",
            "",
            "",
        ]
    ]
    result = ingest(csv_bytes(STANDARD, later), "s2.csv", admin, accept=True)
    assert result.counts["records_updated"] == 1 and result.counts["records_new"] == 0
    session.expire_all()
    item = session.exec(select(Deliverable).where(Deliverable.number == "GB/T 24067-2024")).one()
    assert (item.title_zh, item.status, item.version) == ("新标题", "completed", 2)
    assert item.title_en == "Greenhouse gases - Carbon footprint of products"  # blank kept
    assert item.implementation_date.isoformat() == "2025-03-01"

    name = "measurement_review.xlsx"
    assert ingest((GOLDEN / name).read_bytes(), name, admin, accept=True).status == "accepted"
    moved = [[USCC_SD, "济南某热电有限公司", "370000", "电力", "已完成", "2024-09-01", "", "", ""]]
    result = ingest(csv_bytes(REVIEW, moved), "r2.csv", admin, accept=True)
    assert result.counts["history_new"] == 1 and result.counts["records_updated"] == 1
    session.expire_all()
    review = session.exec(select(MeasurementReview).where(MeasurementReview.uscc == USCC_SD)).one()
    assert (review.status, review.version, review.instruments_total) == ("completed", 2, 120)
    entries = session.exec(
        select(ReviewStatusEntry.status).where(ReviewStatusEntry.review_id == review.id)
    ).all()
    assert sorted(entries) == ["completed", "in_review"]
