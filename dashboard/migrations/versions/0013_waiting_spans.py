"""waiting spans: the spans of the stages before each counted set (a pilot applied or
recommended, a review planned), which the forecast reads (docs/FORECAST.md)
"""

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"


def _waiting_sets(conn) -> dict[str, list[str]]:
    from dashboard.progress.spans import SPECS, active_sets, waiting_set

    out = {}
    for record_type in SPECS:
        keys = active_sets(conn, record_type)
        out[record_type] = sorted({w for k in keys if (w := waiting_set(record_type, k))})
    return out


def upgrade() -> None:
    # The application's own derivation (dashboard.progress.spans), on the migration's
    # connection: only the waiting sets, the counted ones are already there.
    from dashboard.progress.spans import rebuild

    conn = op.get_bind()
    for record_type, keys in _waiting_sets(conn).items():
        if keys:
            rebuild(conn, [record_type], only=keys)


def downgrade() -> None:
    # A waiting set that some target also counts keeps its spans.
    from sqlalchemy import delete, select

    from dashboard.progress.spans import DEFAULT_SETS, SETS, SPAN

    conn = op.get_bind()
    registered = {(r[0], r[1]) for r in conn.execute(select(SETS.c.record_type, SETS.c.stage_set))}
    for record_type, keys in _waiting_sets(conn).items():
        for key in keys:
            if key in DEFAULT_SETS[record_type] or (record_type, key) in registered:
                continue
            conn.execute(
                delete(SPAN).where(SPAN.c.record_type == record_type, SPAN.c.stage_set == key)
            )
