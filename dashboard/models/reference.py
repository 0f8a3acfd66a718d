"""Reference data taken from the seed documents: documents, departments, provinces,
targets, milestones and policy tasks."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from dashboard.models.common import optional_timestamp_field, timestamp_field


class Document(SQLModel, table=True):
    """A policy document the tracker follows: a programme (docs/PROGRAMMES.md). The current
    definition is spread over this row, its targets and milestones; every loaded version is
    kept whole in `ProgrammeVersion`."""

    code: str = Field(primary_key=True, max_length=16)
    doc_number: str
    title_zh: str
    title_en: str
    issued_on: date
    seed_file: str | None = None
    issuers: str = "[]"  # JSON list of department codes
    clauses: str = "[]"  # JSON list of {ref, zh, en, quote_zh, quote_en}
    version: int = 0


class ProgrammeVersion(SQLModel, table=True):
    """One loaded definition of a programme, whole, as loaded; never updated or deleted."""

    __table_args__ = (UniqueConstraint("programme_code", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_code: str = Field(foreign_key="document.code", index=True, max_length=16)
    version: int
    definition: str  # the programme file (JSON)
    sha256: str = Field(max_length=64)
    loaded_at: datetime = timestamp_field()
    loaded_by: str
    note: str | None = None


class Department(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=16)
    name_zh: str
    name_en: str


class Province(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=8)
    name_zh: str
    name_en: str
    short_zh: str | None = None
    kind: str
    is_standard: bool = True
    on_map: bool = True


class Target(SQLModel, table=True):
    """A quantified target of a programme; `counting` is its counting rule as a declarative
    spec (JSON, see dashboard.programmes.spec); the sentence users read is rendered from it."""

    code: str = Field(primary_key=True, max_length=16)
    name_zh: str
    name_en: str
    quantity: int
    comparison: str = "at_least"
    unit_zh: str
    unit_en: str
    window_start: date
    deadline: date
    counting: str  # JSON: the counting spec
    why_zh: str | None = None
    why_en: str | None = None
    clause_zh: str
    clause_en: str
    document_code: str = Field(foreign_key="document.code", index=True)
    quote_zh: str | None = None
    quote_en: str | None = None
    retired_on: date | None = None
    seq: int = 0  # order within its programme

    @property
    def threshold(self) -> int:
        """The smallest count that meets the target ("more than 200" needs 201; "about 50"
        is read as 50)."""
        return self.quantity + 1 if self.comparison == "more_than" else self.quantity


class Milestone(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=8)
    document_code: str = Field(foreign_key="document.code")
    name_zh: str
    name_en: str
    deadline: date
    clause_zh: str
    clause_en: str
    quote_en: str | None = None
    # a milestone the document gives no number for may still count records ("a number of
    # group standards adopted"): its counting rule (JSON, docs/PROGRAMMES.md) and window
    counting: str | None = None
    window_start: date | None = None
    status: str = "not_started"
    status_note: str | None = None
    version: int = 1
    updated_at: datetime | None = optional_timestamp_field()


class TaskGroup(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=16)
    document_code: str = Field(foreign_key="document.code")
    number: str
    name_zh: str
    name_en: str


class PolicyTask(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=16)
    document_code: str = Field(foreign_key="document.code", index=True)
    group_code: str = Field(foreign_key="taskgroup.code")
    number: str
    seq: int
    title_zh: str
    title_en: str
    text_en: str
    clause_zh: str
    clause_en: str
    departments_source: str = "text"
    status: str = "not_started"
    progress_pct: int = 0
    last_update_on: date | None = None
    version: int = 1
    updated_at: datetime | None = optional_timestamp_field()


class TaskDepartment(SQLModel, table=True):
    task_code: str = Field(foreign_key="policytask.code", primary_key=True)
    department_code: str = Field(foreign_key="department.code", primary_key=True, index=True)
    role: str = Field(primary_key=True)  # "lead" | "participating"


class TaskUpdate(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    task_code: str = Field(foreign_key="policytask.code", index=True)
    update_date: date
    status: str
    progress_pct: int
    department_code: str | None = Field(default=None, foreign_key="department.code")
    evidence: str | None = None
    note: str | None = None
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    recorded_by: str
    created_at: datetime = timestamp_field()
