"""locations: longitude, latitude and their datum on pilots and CEMS pilots

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa

from dashboard.migrations.blocks import TEXT, add_columns, drop_columns

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("pilot", "cemspilot")


def upgrade() -> None:
    for table in TABLES:
        add_columns(
            table,
            sa.Column("longitude", sa.Float(), nullable=True),
            sa.Column("latitude", sa.Float(), nullable=True),
            sa.Column("location_datum", TEXT(length=8), nullable=True),
        )


def downgrade() -> None:
    for table in TABLES:
        drop_columns(table, "location_datum", "latitude", "longitude")
