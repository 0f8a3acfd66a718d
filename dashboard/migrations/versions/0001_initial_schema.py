"""initial schema"""

import sqlalchemy as sa
from alembic import op

from dashboard.migrations.blocks import (
    TEXT,
    create_history_table,
    create_indexes,
    create_record_table,
    drop_table,
)

revision: str = "0001"
down_revision: str | None = None

PROVINCE = {"province_code": "province.code"}


def upgrade() -> None:
    op.create_table(
        "auditevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", TEXT(), nullable=False),
        sa.Column("action", TEXT(), nullable=False),
        sa.Column("entity_type", TEXT(), nullable=True),
        sa.Column("entity_id", TEXT(), nullable=True),
        sa.Column("outcome", TEXT(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", TEXT(), nullable=False),
        sa.Column("hash", TEXT(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("hash"),
    )
    create_indexes("auditevent", "action", "actor", "occurred_at")

    op.create_table(
        "datasetfact",
        sa.Column("key", TEXT(length=64), nullable=False),
        sa.Column("value", TEXT(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "department",
        sa.Column("code", TEXT(length=16), nullable=False),
        sa.Column("name_zh", TEXT(), nullable=False),
        sa.Column("name_en", TEXT(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "document",
        sa.Column("code", TEXT(length=16), nullable=False),
        sa.Column("doc_number", TEXT(), nullable=False),
        sa.Column("title_zh", TEXT(), nullable=False),
        sa.Column("title_en", TEXT(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("seed_file", TEXT(), nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "province",
        sa.Column("code", TEXT(length=8), nullable=False),
        sa.Column("name_zh", TEXT(), nullable=False),
        sa.Column("name_en", TEXT(), nullable=False),
        sa.Column("short_zh", TEXT(), nullable=True),
        sa.Column("kind", TEXT(), nullable=False),
        sa.Column("is_standard", sa.Boolean(), nullable=False),
        sa.Column("on_map", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "milestone",
        sa.Column("code", TEXT(length=8), nullable=False),
        sa.Column("document_code", TEXT(), nullable=False),
        sa.Column("name_zh", TEXT(), nullable=False),
        sa.Column("name_en", TEXT(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("clause_zh", TEXT(), nullable=False),
        sa.Column("clause_en", TEXT(), nullable=False),
        sa.Column("quote_en", TEXT(), nullable=True),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("status_note", TEXT(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["document_code"], ["document.code"]),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", TEXT(length=64), nullable=False),
        sa.Column("filename", TEXT(), nullable=False),
        sa.Column("kind", TEXT(), nullable=True),
        sa.Column("province_code", TEXT(), nullable=True),
        sa.Column("submitted_by", TEXT(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("decided_by", TEXT(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_comment", TEXT(), nullable=True),
        sa.Column("archive_path", TEXT(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["province_code"], ["province.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sha256"),
    )
    create_indexes("submission", "province_code", "status", "submitted_at")

    op.create_table(
        "target",
        sa.Column("code", TEXT(length=8), nullable=False),
        sa.Column("metric", TEXT(), nullable=False),
        sa.Column("name_zh", TEXT(), nullable=False),
        sa.Column("name_en", TEXT(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("comparison", TEXT(), nullable=False),
        sa.Column("unit_zh", TEXT(), nullable=False),
        sa.Column("unit_en", TEXT(), nullable=False),
        sa.Column("window_start", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("counting_rule_zh", TEXT(), nullable=False),
        sa.Column("counting_rule_en", TEXT(), nullable=False),
        sa.Column("clause_zh", TEXT(), nullable=False),
        sa.Column("clause_en", TEXT(), nullable=False),
        sa.Column("document_code", TEXT(), nullable=False),
        sa.Column("quote_en", TEXT(), nullable=True),
        sa.ForeignKeyConstraint(["document_code"], ["document.code"]),
        sa.PrimaryKeyConstraint("code"),
        sa.UniqueConstraint("metric"),
    )
    op.create_table(
        "taskgroup",
        sa.Column("code", TEXT(length=16), nullable=False),
        sa.Column("document_code", TEXT(), nullable=False),
        sa.Column("number", TEXT(), nullable=False),
        sa.Column("name_zh", TEXT(), nullable=False),
        sa.Column("name_en", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["document_code"], ["document.code"]),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", TEXT(length=64), nullable=False),
        sa.Column("display_name", TEXT(), nullable=True),
        sa.Column("password_hash", TEXT(), nullable=False),
        sa.Column("role", TEXT(), nullable=False),
        sa.Column("province_code", TEXT(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["province_code"], ["province.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "authsession",
        sa.Column("jti", TEXT(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("jti"),
    )
    create_indexes("authsession", "user_id")

    create_record_table(
        "deliverable",
        sa.Column("number", TEXT(), nullable=False),
        sa.Column("kind", TEXT(), nullable=False),
        sa.Column("category", TEXT(), nullable=False),
        sa.Column("title_zh", TEXT(), nullable=False),
        sa.Column("title_en", TEXT(), nullable=True),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("implementation_date", sa.Date(), nullable=True),
        sa.Column("responsible_org", TEXT(), nullable=True),
        sa.Column("province_code", TEXT(), nullable=True),
        references=PROVINCE,
        unique=("kind", "number"),
        unique_name="uq_deliverable_kind_number",
    )
    create_indexes("deliverable", "category")
    with op.batch_alter_table("deliverable", schema=None) as batch_op:
        batch_op.create_index("ix_deliverable_kind_issue", ["kind", "issue_date"], unique=False)
    create_indexes("deliverable", "province_code")

    create_record_table(
        "measurementreview",
        sa.Column("uscc", TEXT(), nullable=False),
        sa.Column("enterprise_name", TEXT(), nullable=False),
        sa.Column("province_code", TEXT(), nullable=False),
        sa.Column("industry", TEXT(), nullable=False),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=False),
        sa.Column("instruments_total", sa.Integer(), nullable=True),
        sa.Column("instruments_calibrated", sa.Integer(), nullable=True),
        sa.Column("note", TEXT(), nullable=True),
        references=PROVINCE,
        unique=("uscc",),
    )
    create_indexes("measurementreview", "province_code", "status")

    create_record_table(
        "pilot",
        sa.Column("code", TEXT(), nullable=False),
        sa.Column("name", TEXT(), nullable=False),
        sa.Column("pilot_type", TEXT(), nullable=False),
        sa.Column("uscc", TEXT(), nullable=True),
        sa.Column("province_code", TEXT(), nullable=False),
        sa.Column("industry", TEXT(), nullable=False),
        sa.Column("standards_adopted", sa.Integer(), nullable=False),
        sa.Column("current_stage", TEXT(), nullable=False),
        sa.Column("current_stage_date", sa.Date(), nullable=False),
        sa.Column("note", TEXT(), nullable=True),
        references=PROVINCE,
        unique=("code",),
    )
    create_indexes("pilot", "current_stage", "province_code", "uscc")

    op.create_table(
        "policytask",
        sa.Column("code", TEXT(length=16), nullable=False),
        sa.Column("document_code", TEXT(), nullable=False),
        sa.Column("group_code", TEXT(), nullable=False),
        sa.Column("number", TEXT(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("title_zh", TEXT(), nullable=False),
        sa.Column("title_en", TEXT(), nullable=False),
        sa.Column("text_en", TEXT(), nullable=False),
        sa.Column("clause_zh", TEXT(), nullable=False),
        sa.Column("clause_en", TEXT(), nullable=False),
        sa.Column("departments_source", TEXT(), nullable=False),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("progress_pct", sa.Integer(), nullable=False),
        sa.Column("last_update_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["document_code"], ["document.code"]),
        sa.ForeignKeyConstraint(["group_code"], ["taskgroup.code"]),
        sa.PrimaryKeyConstraint("code"),
    )
    create_indexes("policytask", "document_code")

    create_history_table(
        "pilotstage",
        "pilot_id",
        "pilot",
        "stage",
        index="ix_pilotstage_pilot_date",
        date_index=True,
    )
    create_history_table(
        "reviewstatusentry",
        "review_id",
        "measurementreview",
        "status",
        index="ix_reviewstatus_review_date",
        date_index=True,
    )

    op.create_table(
        "taskdepartment",
        sa.Column("task_code", TEXT(), nullable=False),
        sa.Column("department_code", TEXT(), nullable=False),
        sa.Column("role", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["department_code"], ["department.code"]),
        sa.ForeignKeyConstraint(["task_code"], ["policytask.code"]),
        sa.PrimaryKeyConstraint("task_code", "department_code", "role"),
    )
    create_indexes("taskdepartment", "department_code")

    op.create_table(
        "taskupdate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_code", TEXT(), nullable=False),
        sa.Column("update_date", sa.Date(), nullable=False),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("progress_pct", sa.Integer(), nullable=False),
        sa.Column("department_code", TEXT(), nullable=True),
        sa.Column("evidence", TEXT(), nullable=True),
        sa.Column("note", TEXT(), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", TEXT(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["department_code"], ["department.code"]),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
        sa.ForeignKeyConstraint(["task_code"], ["policytask.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("taskupdate", "task_code")


def downgrade() -> None:
    drop_table("taskupdate", "ix_taskupdate_task_code")
    drop_table("taskdepartment", "ix_taskdepartment_department_code")
    drop_table(
        "reviewstatusentry", "ix_reviewstatusentry_status_date", "ix_reviewstatus_review_date"
    )
    drop_table("pilotstage", "ix_pilotstage_stage_date", "ix_pilotstage_pilot_date")
    drop_table("policytask", "ix_policytask_document_code")
    drop_table("pilot", "ix_pilot_uscc", "ix_pilot_province_code", "ix_pilot_current_stage")
    drop_table(
        "measurementreview", "ix_measurementreview_status", "ix_measurementreview_province_code"
    )
    drop_table(
        "deliverable",
        "ix_deliverable_province_code",
        "ix_deliverable_kind_issue",
        "ix_deliverable_category",
    )
    drop_table("authsession", "ix_authsession_user_id")
    drop_table("user")
    drop_table("taskgroup")
    drop_table("target")
    drop_table(
        "submission",
        "ix_submission_submitted_at",
        "ix_submission_status",
        "ix_submission_province_code",
    )
    drop_table("milestone")
    drop_table("province")
    drop_table("document")
    drop_table("department")
    drop_table("datasetfact")
    drop_table(
        "auditevent", "ix_auditevent_occurred_at", "ix_auditevent_actor", "ix_auditevent_action"
    )
