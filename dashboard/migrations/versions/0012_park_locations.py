"""park locations: longitude, latitude and their datum on zero-carbon park pilots

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

from dashboard.migrations.blocks import add_location, drop_location

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "zerocarbonparkpilot"


def upgrade() -> None:
    add_location(TABLE)


def downgrade() -> None:
    drop_location(TABLE)
