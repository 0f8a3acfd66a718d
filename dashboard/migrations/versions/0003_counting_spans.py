"""counting spans: when each pilot and measurement review counts, as indexed periods;
covering indexes for the reporting aggregates and the pilot funnel
"""

import sqlalchemy as sa
from alembic import op

from dashboard.migrations.blocks import TEXT, drop_table

revision: str = "0003"
down_revision: str | None = "0002"


def upgrade() -> None:
    op.create_table(
        "countingspan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_type", TEXT(length=24), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("countingspan", schema=None) as batch_op:
        batch_op.create_index("ix_countingspan_type_from", ["record_type", "valid_from"])
        batch_op.create_index("ix_countingspan_type_record", ["record_type", "record_id"])
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.create_index(
            "ix_submission_province_status_at", ["province_code", "status", "submitted_at"]
        )
    with op.batch_alter_table("pilotstage", schema=None) as batch_op:
        batch_op.create_index("ix_pilotstage_stage_pilot", ["stage", "pilot_id"])
    # The spans are filled by 0004, once the table has its stage-set column.


def downgrade() -> None:
    with op.batch_alter_table("pilotstage", schema=None) as batch_op:
        batch_op.drop_index("ix_pilotstage_stage_pilot")
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index("ix_submission_province_status_at")
    drop_table("countingspan", "ix_countingspan_type_record", "ix_countingspan_type_from")
