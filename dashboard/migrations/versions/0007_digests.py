"""digests: a user's e-mail address and digest frequency; the record of deliveries"""

import sqlalchemy as sa
from alembic import op

from dashboard.migrations.blocks import TEXT, add_columns, drop_columns, drop_table

revision: str = "0007"
down_revision: str | None = "0006"


def upgrade() -> None:
    add_columns(
        "user",
        sa.Column("email", TEXT(length=254), nullable=True),
        sa.Column("digest", TEXT(length=8), nullable=False, server_default="none"),
    )
    op.create_table(
        "digestdelivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("period", TEXT(length=24), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("kind", TEXT(length=16), nullable=False),
        sa.Column("recipient", TEXT(length=254), nullable=False),
        sa.Column("status", TEXT(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", TEXT(length=500), nullable=True),
        sa.Column("message_id", TEXT(length=255), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "period", name="uq_digestdelivery_user_period"),
    )
    with op.batch_alter_table("digestdelivery", schema=None) as batch_op:
        batch_op.create_index("ix_digestdelivery_user_id", ["user_id"])
        batch_op.create_index("ix_digestdelivery_status", ["status"])


def downgrade() -> None:
    drop_table("digestdelivery", "ix_digestdelivery_status", "ix_digestdelivery_user_id")
    drop_columns("user", "digest", "email")
