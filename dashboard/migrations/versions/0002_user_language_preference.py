"""user language preference"""

import sqlalchemy as sa

from dashboard.migrations.blocks import TEXT, columns_added

revision: str = "0002"
down_revision: str | None = "0001"

upgrade, downgrade = columns_added("user", sa.Column("language", TEXT(length=2), nullable=True))
