"""audit events name the key of their MAC

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 22:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from dashboard.migrations.blocks import TEXT, add_columns, drop_columns

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_columns("auditevent", sa.Column("key_id", TEXT(length=16), nullable=True))


def downgrade() -> None:
    drop_columns("auditevent", "key_id")
