"""programmes as data: targets carry a declarative counting spec instead of a metric name;
every loaded programme definition is kept; counting spans per stage set; the withdrawal
date of a deliverable; JJG verification regulations apart from JJF specifications
"""

import sqlalchemy as sa
from alembic import op

from dashboard.migrations.blocks import TEXT

revision: str = "0004"
down_revision: str | None = "0003"


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as b:
        b.add_column(sa.Column("issuers", TEXT(), nullable=False, server_default="[]"))
        b.add_column(sa.Column("clauses", TEXT(), nullable=False, server_default="[]"))
        b.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "programmeversion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_code", TEXT(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("definition", TEXT(), nullable=False),
        sa.Column("sha256", TEXT(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", TEXT(), nullable=False),
        sa.Column("note", TEXT(), nullable=True),
        sa.ForeignKeyConstraint(["programme_code"], ["document.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("programme_code", "version"),
    )
    with op.batch_alter_table("programmeversion", schema=None) as b:
        b.create_index("ix_programmeversion_programme_code", ["programme_code"])

    # The old rows are re-defined by the programme files at the next init-db; their prose
    # rules go (the sentence shown is rendered from the spec).
    with op.batch_alter_table("target", schema=None, recreate="always") as b:
        b.drop_column("metric")  # and with it its unique constraint
        b.drop_column("counting_rule_zh")
        b.drop_column("counting_rule_en")
        b.alter_column("code", type_=TEXT(length=16), existing_nullable=False)
        b.add_column(sa.Column("counting", TEXT(), nullable=False, server_default="{}"))
        b.add_column(sa.Column("why_zh", TEXT(), nullable=True))
        b.add_column(sa.Column("why_en", TEXT(), nullable=True))
        b.add_column(sa.Column("quote_zh", TEXT(), nullable=True))
        b.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
        b.add_column(sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
        b.create_index("ix_target_document_code", ["document_code"])

    with op.batch_alter_table("deliverable", schema=None) as b:
        b.add_column(sa.Column("withdrawn_on", sa.Date(), nullable=True))
    op.execute(
        "UPDATE deliverable SET kind = 'verification_regulation' "
        "WHERE kind = 'measurement_spec' AND number LIKE 'JJG%'"
    )

    op.create_table(
        "spanset",
        sa.Column("record_type", TEXT(length=24), nullable=False),
        sa.Column("stage_set", TEXT(length=160), nullable=False),
        sa.PrimaryKeyConstraint("record_type", "stage_set"),
    )
    op.execute("DELETE FROM countingspan")
    with op.batch_alter_table("countingspan", schema=None) as b:
        b.add_column(sa.Column("stage_set", TEXT(length=160), nullable=False, server_default=""))
        b.drop_index("ix_countingspan_type_from")
        b.create_index("ix_countingspan_set_from", ["record_type", "stage_set", "valid_from"])
    # Fill the spans from the histories (the application's own derivation, one definition
    # of the rule), on the migration's connection.
    from dashboard.progress.spans import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("0004 cannot be undone: restore the backup taken before it")
