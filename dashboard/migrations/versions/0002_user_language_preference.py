"""user language preference

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:24:08.957861
"""

from collections.abc import Sequence

import sqlalchemy as sa

from dashboard.migrations.blocks import TEXT, add_columns, drop_columns

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_columns("user", sa.Column("language", TEXT(length=2), nullable=True))


def downgrade() -> None:
    drop_columns("user", "language")
