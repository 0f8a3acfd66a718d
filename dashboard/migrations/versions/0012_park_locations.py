"""park locations: longitude, latitude and their datum on zero-carbon park pilots"""

from dashboard.migrations.blocks import add_location, drop_location

revision: str = "0012"
down_revision: str | None = "0011"

TABLE = "zerocarbonparkpilot"


def upgrade() -> None:
    add_location(TABLE)


def downgrade() -> None:
    drop_location(TABLE)
