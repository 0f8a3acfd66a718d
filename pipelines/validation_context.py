"""What validating a report starts from and what it gives back: the `Context` read from the
database once per file (provinces, policy tasks, departments, the submitter's scope, today),
and the `Validation` the checks fill in (normalized rows, errors, warnings).

Shared by the cell rules (`pipelines/cell_rules.py`), the file and row rules
(`pipelines/validate.py`) and the checks against the records' history
(`pipelines/history_checks.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, select

from dashboard.models import Department, PolicyTask, Province
from dashboard.province_names import ProvinceIndex, reference_index
from dashboard.reference_data import department_words
from pipelines.schemas import token


@dataclass(frozen=True)
class Context:
    """What validation needs from the database, loaded once per file."""

    today: date
    provinces: ProvinceIndex  # a code or name as written -> code
    tasks: frozenset[str]
    departments: dict[str, str]  # token of a code or name -> code
    scope: frozenset[str] | None = None  # provinces the submitter may report; None: all


def load_context(
    session: Session, *, scope: frozenset[str] | None, today: date | None = None
) -> Context:
    provinces = reference_index(session.exec(select(Province.code)).all())
    departments: dict[str, str] = {}
    for d in session.exec(select(Department)).all():
        for word in (d.code, d.name_zh, d.name_en):
            departments.setdefault(token(word), d.code)
    known = set(departments.values())
    for word, code in department_words().items():  # short forms and English aliases
        if code in known:
            departments.setdefault(token(word), code)
    tasks = frozenset(session.exec(select(PolicyTask.code)).all())
    return Context(today or date.today(), provinces, tasks, departments, scope)


@dataclass
class Validation:
    """The outcome of checking a file: its kind, the rows that broke no rule (normalized,
    each with its spreadsheet row number under "_row"), and every error and warning
    (pipelines.messages.issue)."""

    kind: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    row_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors
