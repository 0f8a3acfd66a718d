"""audit events name the key of their MAC"""

import sqlalchemy as sa

from dashboard.migrations.blocks import TEXT, add_columns, drop_columns

revision: str = "0005"
down_revision: str | None = "0004"


def upgrade() -> None:
    add_columns("auditevent", sa.Column("key_id", TEXT(length=16), nullable=True))


def downgrade() -> None:
    drop_columns("auditevent", "key_id")
