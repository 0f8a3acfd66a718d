"""locations: longitude, latitude and their datum on pilots and CEMS pilots"""

from dashboard.migrations.blocks import add_location, drop_location

revision: str = "0011"
down_revision: str | None = "0010"

TABLES = ("pilot", "cemspilot")


def upgrade() -> None:
    for table in TABLES:
        add_location(table)


def downgrade() -> None:
    for table in TABLES:
        drop_location(table)
