"""Reference data taken from the seed documents: documents, departments, provinces,
targets, milestones and policy tasks."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from dashboard.models.common import optional_timestamp_field, timestamp_field


class Document(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=16)
    doc_number: str
    title_zh: str
    title_en: str
    issued_on: date
    seed_file: str | None = None


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
    code: str = Field(primary_key=True, max_length=8)
    metric: str = Field(unique=True)
    name_zh: str
    name_en: str
    quantity: int
    comparison: str = "at_least"
    unit_zh: str
    unit_en: str
    window_start: date
    deadline: date
    counting_rule_zh: str
    counting_rule_en: str
    clause_zh: str
    clause_en: str
    document_code: str = Field(foreign_key="document.code")
    quote_en: str | None = None

    @property
    def threshold(self) -> int:
        """The smallest count that meets the target ("more than 200" needs 201)."""
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
