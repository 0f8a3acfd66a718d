"""deliverables keep the international standard they adopt (GB/T 24067-2024/ISO 14067:2018)"""

import sqlalchemy as sa

from dashboard.migrations.blocks import TEXT, columns_added

revision: str = "0006"
down_revision: str | None = "0005"

upgrade, downgrade = columns_added(
    "deliverable", sa.Column("adopted_standard", TEXT(length=64), nullable=True)
)
