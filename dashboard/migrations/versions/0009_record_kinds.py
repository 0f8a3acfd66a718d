"""record kinds: provincial plans, CEMS pilots, emission factor releases, measurement centres"""

import sqlalchemy as sa

from dashboard.migrations.blocks import (
    TEXT,
    create_history_table,
    create_indexes,
    create_record_table,
    drop_table,
)

revision: str = "0009"
down_revision: str | None = "0008"

PROVINCE = {"province_code": "province.code"}


def upgrade() -> None:
    create_record_table(
        "cemspilot",
        sa.Column("uscc", TEXT(length=18), nullable=False),
        sa.Column("enterprise_name", TEXT(length=500), nullable=False),
        sa.Column("province_code", TEXT(), nullable=False),
        sa.Column("industry", TEXT(length=32), nullable=False),
        sa.Column("install_date", sa.Date(), nullable=True),
        sa.Column("stage", TEXT(length=32), nullable=False),
        sa.Column("stage_date", sa.Date(), nullable=False),
        sa.Column("comparison_result", TEXT(length=500), nullable=True),
        sa.Column("note", TEXT(length=500), nullable=True),
        references=PROVINCE,
        unique=("uscc",),
    )
    create_indexes("cemspilot", "province_code", "stage")

    create_record_table(
        "emissionfactorrelease",
        sa.Column("release_name", TEXT(length=500), nullable=False),
        sa.Column("factor_category", TEXT(length=40), nullable=False),
        sa.Column("scope", TEXT(length=16), nullable=False),
        sa.Column("province_code", TEXT(), nullable=True),
        sa.Column("publication_date", sa.Date(), nullable=False),
        sa.Column("publishing_department", TEXT(), nullable=True),
        sa.Column("factor_count", sa.Integer(), nullable=True),
        sa.Column("note", TEXT(length=500), nullable=True),
        references={**PROVINCE, "publishing_department": "department.code"},
        unique=("release_name",),
    )
    create_indexes("emissionfactorrelease", "province_code")

    create_record_table(
        "measurementcentre",
        sa.Column("centre_name", TEXT(length=500), nullable=False),
        sa.Column("province_code", TEXT(), nullable=False),
        sa.Column("field", TEXT(length=32), nullable=False),
        sa.Column("stage", TEXT(length=32), nullable=False),
        sa.Column("stage_date", sa.Date(), nullable=False),
        sa.Column("approving_department", TEXT(), nullable=True),
        sa.Column("note", TEXT(length=500), nullable=True),
        references={**PROVINCE, "approving_department": "department.code"},
        unique=("centre_name",),
    )
    create_indexes("measurementcentre", "province_code", "stage")

    create_record_table(
        "provincialplan",
        sa.Column("province_code", TEXT(), nullable=False),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("document_number", TEXT(length=500), nullable=True),
        sa.Column("issuing_body", TEXT(length=500), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("scope", TEXT(length=500), nullable=True),
        sa.Column("evidence", TEXT(length=500), nullable=True),
        sa.Column("note", TEXT(length=500), nullable=True),
        references=PROVINCE,
        unique=("province_code",),
    )
    create_history_table(
        "cemspilotstage",
        "cems_pilot_id",
        "cemspilot",
        "stage",
        index="ix_cemspilotstage_pilot_date",
        text_length=(32, 500),
    )
    create_history_table(
        "measurementcentrestage",
        "centre_id",
        "measurementcentre",
        "stage",
        index="ix_centrestage_centre_date",
        text_length=(32, 500),
    )


def downgrade() -> None:
    drop_table("measurementcentrestage", "ix_centrestage_centre_date")
    drop_table("cemspilotstage", "ix_cemspilotstage_pilot_date")
    drop_table("provincialplan")
    drop_table(
        "measurementcentre", "ix_measurementcentre_stage", "ix_measurementcentre_province_code"
    )
    drop_table("emissionfactorrelease", "ix_emissionfactorrelease_province_code")
    drop_table("cemspilot", "ix_cemspilot_stage", "ix_cemspilot_province_code")
