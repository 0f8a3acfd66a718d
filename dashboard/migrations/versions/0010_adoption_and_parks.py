"""standards' adoptions, zero-carbon park pilots, energy measurement reviews; counted milestones"""

import sqlalchemy as sa

from dashboard.migrations.blocks import (
    TEXT,
    add_columns,
    create_history_table,
    create_indexes,
    create_record_table,
    drop_columns,
    drop_table,
)

revision: str = "0010"
down_revision: str | None = "0009"

PROVINCE = {"province_code": "province.code"}


def upgrade() -> None:
    create_record_table(
        "energymeasurementreview",
        sa.Column("uscc", TEXT(length=18), nullable=False),
        sa.Column("unit_name", TEXT(length=500), nullable=False),
        sa.Column("province_code", TEXT(), nullable=False),
        sa.Column("field", TEXT(length=32), nullable=False),
        sa.Column("status", TEXT(length=32), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=False),
        sa.Column("note", TEXT(length=500), nullable=True),
        references=PROVINCE,
        unique=("uscc",),
    )
    create_indexes("energymeasurementreview", "province_code", "status")

    create_record_table(
        "standardadoption",
        sa.Column("standard_number", TEXT(length=64), nullable=False),
        sa.Column("event", TEXT(length=40), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("target_number", TEXT(length=64), nullable=True),
        sa.Column("evidence", TEXT(length=500), nullable=True),
        sa.Column("note", TEXT(length=500), nullable=True),
        unique=("standard_number", "event"),
        unique_name="uq_standardadoption_number_event",
    )
    create_indexes("standardadoption", "standard_number")

    create_record_table(
        "zerocarbonparkpilot",
        sa.Column("park_name", TEXT(length=500), nullable=False),
        sa.Column("province_code", TEXT(), nullable=False),
        sa.Column("park_type", TEXT(length=32), nullable=False),
        sa.Column("stage", TEXT(length=32), nullable=False),
        sa.Column("stage_date", sa.Date(), nullable=False),
        sa.Column("organiser", TEXT(length=500), nullable=True),
        sa.Column("note", TEXT(length=500), nullable=True),
        references=PROVINCE,
        unique=("park_name",),
    )
    create_indexes("zerocarbonparkpilot", "province_code", "stage")

    create_history_table(
        "energyreviewentry",
        "review_id",
        "energymeasurementreview",
        "status",
        index="ix_energyreviewentry_review_date",
        text_length=(32, 500),
    )
    create_history_table(
        "zerocarbonparkstage",
        "park_id",
        "zerocarbonparkpilot",
        "stage",
        index="ix_zcparkstage_park_date",
        text_length=(32, 500),
    )
    add_columns(
        "milestone",
        sa.Column("counting", TEXT(), nullable=True),
        sa.Column("window_start", sa.Date(), nullable=True),
    )


def downgrade() -> None:
    drop_columns("milestone", "window_start", "counting")
    drop_table("zerocarbonparkstage", "ix_zcparkstage_park_date")
    drop_table("energyreviewentry", "ix_energyreviewentry_review_date")
    drop_table(
        "zerocarbonparkpilot",
        "ix_zerocarbonparkpilot_stage",
        "ix_zerocarbonparkpilot_province_code",
    )
    drop_table("standardadoption", "ix_standardadoption_standard_number")
    drop_table(
        "energymeasurementreview",
        "ix_energymeasurementreview_status",
        "ix_energymeasurementreview_province_code",
    )
