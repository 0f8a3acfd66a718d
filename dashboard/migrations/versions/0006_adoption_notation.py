"""deliverables keep the international standard they adopt (GB/T 24067-2024/ISO 14067:2018)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from dashboard.migrations.blocks import TEXT, add_columns, drop_columns

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_columns("deliverable", sa.Column("adopted_standard", TEXT(length=64), nullable=True))


def downgrade() -> None:
    drop_columns("deliverable", "adopted_standard")
