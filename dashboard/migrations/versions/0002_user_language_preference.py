"""user language preference"""

import sqlalchemy as sa

from dashboard.migrations.blocks import TEXT, add_columns, drop_columns

revision: str = "0002"
down_revision: str | None = "0001"


def upgrade() -> None:
    add_columns("user", sa.Column("language", TEXT(length=2), nullable=True))


def downgrade() -> None:
    drop_columns("user", "language")
