"""audit events name the key of their MAC"""

import sqlalchemy as sa

from dashboard.migrations.blocks import TEXT, columns_added

revision: str = "0005"
down_revision: str | None = "0004"

upgrade, downgrade = columns_added(
    "auditevent", sa.Column("key_id", TEXT(length=16), nullable=True)
)
