"""Load the reference data in data/reference/ (taken from the seed documents) and the
programme files in data/programmes/ into the database. Loading is idempotent: definitions
are refreshed, statuses are kept."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, select

from dashboard.models import Department, PolicyTask, Province, TaskDepartment, TaskGroup
from dashboard.programmes.sync import sync_programmes
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


def _fields(*names: str, **renamed: str):
    """Field mapping: model field -> JSON key (same name unless renamed)."""
    return {**{n: n for n in names}, **renamed}


DATES = {"issued_on", "window_start", "deadline"}  # the JSON fields that hold dates
# (JSON file, model, model fields and the JSON keys they come from), in foreign-key order
TABLES = (
    ("departments", Department, _fields("name_zh", "name_en")),
    (
        "provinces",
        Province,
        _fields("name_zh", "name_en", "short_zh", "kind", "is_standard", "on_map"),
    ),
    ("task_groups", TaskGroup, _fields("number", "name_zh", "name_en", document_code="document")),
    (
        "tasks",
        PolicyTask,
        _fields(
            "number",
            "seq",
            "title_zh",
            "title_en",
            "text_en",
            "clause_zh",
            "clause_en",
            "departments_source",
            document_code="document",
            group_code="group",
        ),
    ),
)


def sync_reference(session: Session) -> dict[str, int]:
    """Insert or refresh every reference record; returns counts per kind. The programmes
    (documents, targets, milestones) come from data/programmes/ before the tasks that
    cite them."""
    counts: dict[str, int] = {}
    for name, model, fields in TABLES:
        if name == "task_groups":
            counts.update(sync_programmes(session))
        records = load_json(name)
        for record in records:
            values = {
                field: _d(record.get(key)) if field in DATES else record.get(key)
                for field, key in fields.items()
            }
            if model is PolicyTask:
                values["departments_source"] = values["departments_source"] or "text"
            _upsert(session, model, {"code": record["code"]}, values)
        session.flush()
        counts[name] = len(records)
    _sync_task_departments(session, load_json("tasks"))
    counts.pop("task_groups")
    return counts


def _sync_task_departments(session: Session, tasks: list[dict]) -> None:
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
    session.flush()


def department_words() -> dict[str, str]:
    """Every way the seeds and officials write a department -> its code: the code, the full
    Chinese name, the official short forms the seeds' headers use (国家发展改革委, 市场监管总局,
    住房城乡建设部, 国家林草局, 中国民航局, 工信部, ...), the English name and its aliases."""
    out: dict[str, str] = {}
    for d in load_json("departments"):
        for word in (d["code"], d["name_zh"], *d.get("short_zh", ()), d["name_en"]):
            out.setdefault(word, d["code"])
        for word in d.get("aliases_en", ()):
            out.setdefault(word, d["code"])
    return out
