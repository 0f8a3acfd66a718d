"""The national-scale reports and deliverables: submissions from every province (most
accepted, some returned, rejected or staged) and standards and measurement deliverables of
every kind. Rows as dicts with explicit ids, for executemany."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

from dashboard.synthetic import (
    CUTOFF,
    PROVINCE_WEIGHTS,
    SUBMISSION_KINDS,
    synthetic_rejection,
    weighted_provinces,
)
from dashboard.synthetic import day_between as _day
from dashboard.vocab import TARGET_STANDARD_CATEGORIES

NOW = datetime(2026, 10, 15, tzinfo=UTC)  # when the generated records were made


def reported_columns(submission_id: int | None) -> dict:
    """The columns every reported record carries besides its own (its id apart): the
    submission that wrote it, its version, and when it was made and changed."""
    return {"submission_id": submission_id, "version": 1, "created_at": NOW, "updated_at": NOW}


def work_stamp(day: date, rng: random.Random) -> datetime:
    """A moment in the working hours of the day."""
    return datetime.combine(day, dtime(8 + rng.randint(0, 9), rng.randint(0, 59)), UTC)


def submissions(rng: random.Random, codes: list[str], n: int) -> list[dict]:
    rows = []
    provinces = weighted_provinces(rng, codes, PROVINCE_WEIGHTS, n)
    for i in range(n):
        code = provinces[i]
        day = _day(rng, date(2024, 9, 1), CUTOFF)
        stamp = work_stamp(day, rng)
        status = rng.choices(("accepted", "returned", "rejected", "staged"), weights=(86, 8, 4, 2))[
            0
        ]
        decided = stamp + timedelta(days=rng.randint(1, 9)) if status != "staged" else None
        kind = rng.choice(SUBMISSION_KINDS)
        rows.append(
            {
                "id": i + 1,
                "sha256": f"{rng.getrandbits(256):064x}",
                "filename": f"{code}_{day.isoformat()}_{kind}_{i + 1}.xlsx",
                "kind": kind,
                "province_code": code,
                "submitted_by": f"scale-{code}",
                "submitted_at": stamp,
                "status": status,
                "row_count": rng.randint(5, 200),
                "errors": [synthetic_rejection(kind)] if status == "rejected" else [],
                "warnings": [],
                "payload": [],
                "decided_by": "ministry" if decided else None,
                "decided_at": decided,
                "decision_comment": "(synthetic) add evidence" if status == "returned" else None,
                "archive_path": None,
                "version": 1,
            }
        )
    return rows


def accepted_by_province(subs: list[dict]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for s in subs:
        if s["status"] == "accepted":
            out.setdefault(s["province_code"], []).append(s["id"])
    return out


def source(
    rng: random.Random, accepted: dict[str, list[int]], code: str, share: float = 0.5
) -> int | None:
    """An accepted submission of the province, for `share` of the rows (at national scale
    every pilot and review arrives through a report: share 1)."""
    ids = accepted.get(code)
    return rng.choice(ids) if ids and rng.random() < share else None


# --- deliverables --------------------------------------------------------------------------


def deliverables(rng: random.Random, codes: list[str], n: int) -> list[dict]:
    kinds = (
        ("national_standard", 50),
        ("measurement_spec", 15),
        ("measurement_standard", 4),
        ("reference_material", 6),
        ("technology_study", 5),
        ("group_standard", 10),
        ("local_standard", 10),
    )
    names, weights = zip(*kinds, strict=True)
    rows = []
    for i in range(n):
        kind = rng.choices(names, weights=weights)[0]
        issued: date | None = _day(rng, date(2023, 6, 1), date(2026, 9, 30))
        started = issued - timedelta(days=rng.randint(120, 700))
        province = None
        status = "issued"
        category = "measurement"
        if kind in {"national_standard", "group_standard", "local_standard"}:
            category = rng.choice((*TARGET_STANDARD_CATEGORIES, "recycling", "green_product"))
            prefix = {"national_standard": "GB/T", "group_standard": "T/CNCA"}.get(kind, "DB")
            number = f"{prefix} {100000 + i}-{issued.year}"
            if kind == "local_standard":
                province = rng.choice(codes)
                number = f"DB{province[:2]}/T {100000 + i}-{issued.year}"
        elif kind == "measurement_spec":
            if rng.random() < 0.1:
                province = rng.choice(codes)
                number = f"JJF({province[:2]}) {100000 + i}-{issued.year}"
            else:
                number = f"JJF {100000 + i}-{issued.year}"
        elif kind == "technology_study":
            number = f"STUDY-{100000 + i}"
            status = "completed" if rng.random() < 0.4 else "in_progress"
            issued = None
        else:
            number = f"GBW(E) {100000 + i}" if kind == "reference_material" else f"MS-{i}"
            if rng.random() < 0.15:
                status, issued = "in_progress", None
            else:
                status = "completed"
        rows.append(
            {
                "id": i + 1,
                "number": number,
                "kind": kind,
                "category": category,
                "title_zh": f"（示例）{kind} {i + 1}",
                "title_en": f"(Synthetic) {kind} {i + 1}",
                "status": status,
                "started_on": started,
                "issue_date": issued,
                "implementation_date": issued + timedelta(days=180) if issued else None,
                "responsible_org": "(synthetic)",
                "province_code": province,
                **reported_columns(None),
            }
        )
    return rows
