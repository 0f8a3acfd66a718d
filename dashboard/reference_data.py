"""Load the reference data in data/reference/ (taken from the seed documents) into the
database. Loading is idempotent: definitions are refreshed, statuses are kept."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, select

from dashboard.models import (
    Department,
    Document,
    Milestone,
    PolicyTask,
    Province,
    Target,
    TaskDepartment,
    TaskGroup,
)
from dashboard.settings import REPO_ROOT

REFERENCE_DIR = REPO_ROOT / "data" / "reference"


@lru_cache(maxsize=4)
def load_json(name: str, directory: Path = REFERENCE_DIR) -> list[dict[str, Any]]:
    with (directory / f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _upsert(session: Session, model: type[SQLModel], key: dict, values: dict) -> None:
    row = session.get(model, tuple(key.values()) if len(key) > 1 else next(iter(key.values())))
    if row is None:
        session.add(model(**key, **values))
        return
    for name, value in values.items():
        setattr(row, name, value)


def sync_reference(session: Session) -> dict[str, int]:
    """Insert or refresh every reference record; returns counts per kind."""
    counts: dict[str, int] = {}
    for d in load_json("documents"):
        _upsert(
            session,
            Document,
            {"code": d["code"]},
            {
                "doc_number": d["doc_number"],
                "title_zh": d["title_zh"],
                "title_en": d["title_en"],
                "issued_on": _d(d["issued_on"]),
                "seed_file": d.get("seed_file"),
            },
        )
    counts["documents"] = len(load_json("documents"))
    for d in load_json("departments"):
        _upsert(
            session,
            Department,
            {"code": d["code"]},
            {"name_zh": d["name_zh"], "name_en": d["name_en"]},
        )
    counts["departments"] = len(load_json("departments"))
    for p in load_json("provinces"):
        _upsert(
            session,
            Province,
            {"code": p["code"]},
            {
                k: p.get(k)
                for k in ("name_zh", "name_en", "short_zh", "kind", "is_standard", "on_map")
            },
        )
    counts["provinces"] = len(load_json("provinces"))
    session.flush()
    for t in load_json("targets"):
        values = {
            k: t.get(k)
            for k in (
                "metric",
                "name_zh",
                "name_en",
                "quantity",
                "comparison",
                "unit_zh",
                "unit_en",
                "counting_rule_zh",
                "counting_rule_en",
                "clause_zh",
                "clause_en",
                "quote_en",
            )
        }
        values |= {
            "window_start": _d(t["window_start"]),
            "deadline": _d(t["deadline"]),
            "document_code": t["document"],
        }
        _upsert(session, Target, {"code": t["code"]}, values)
    counts["targets"] = len(load_json("targets"))
    for m in load_json("milestones"):
        _upsert(
            session,
            Milestone,
            {"code": m["code"]},
            {
                "document_code": m["document"],
                "name_zh": m["name_zh"],
                "name_en": m["name_en"],
                "deadline": _d(m["deadline"]),
                "clause_zh": m["clause_zh"],
                "clause_en": m["clause_en"],
                "quote_en": m.get("quote_en"),
            },
        )
    counts["milestones"] = len(load_json("milestones"))
    for g in load_json("task_groups"):
        _upsert(
            session,
            TaskGroup,
            {"code": g["code"]},
            {
                "document_code": g["document"],
                "number": g["number"],
                "name_zh": g["name_zh"],
                "name_en": g["name_en"],
            },
        )
    session.flush()
    tasks = load_json("tasks")
    for t in tasks:
        _upsert(
            session,
            PolicyTask,
            {"code": t["code"]},
            {
                "document_code": t["document"],
                "group_code": t["group"],
                "number": t["number"],
                "seq": t["seq"],
                "title_zh": t["title_zh"],
                "title_en": t["title_en"],
                "text_en": t["text_en"],
                "clause_zh": t["clause_zh"],
                "clause_en": t["clause_en"],
                "departments_source": t.get("departments_source", "text"),
            },
        )
    session.flush()
    wanted = {
        (t["code"], dept, role)
        for t in tasks
        for role in ("lead", "participating")
        for dept in t.get(role, [])
    }
    existing = {
        (r.task_code, r.department_code, r.role) for r in session.exec(select(TaskDepartment))
    }
    for task_code, dept, role in sorted(wanted - existing):
        session.add(TaskDepartment(task_code=task_code, department_code=dept, role=role))
    for row in session.exec(select(TaskDepartment)).all():
        if (row.task_code, row.department_code, row.role) not in wanted:
            session.delete(row)
    counts["tasks"] = len(tasks)
    session.flush()
    return counts
