"""Writing many rows of one table fast (the report pipelines, the counting spans)."""

from __future__ import annotations

from sqlalchemy import insert


def insert_many(conn, table, rows: list[dict]) -> None:
    """Insert many rows of one table, fast: on SQLite the driver's executemany gets the values
    converted by the columns' own bind processors (SQLAlchemy's per-row parameter handling
    costs more than the insert itself); on PostgreSQL a COPY; elsewhere an executemany."""
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        _copy_rows(conn, table, rows)
        return
    if dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    columns = []
    for name in compiled.positiontup:
        values = [row[name] for row in rows]
        convert = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            values = _converted(values, convert)
        columns.append(values)
    params = list(zip(*columns, strict=True))
    conn.exec_driver_sql(str(compiled), params)


def _copy_rows(conn, table, rows: list[dict]) -> None:
    """PostgreSQL: COPY ... FROM STDIN on the connection's own transaction (psycopg adapts
    dates, timestamps and None; executemany would make a round trip per row)."""
    from psycopg import sql

    keys = list(rows[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, keys))
    )
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[k] for k in keys])


def _converted(values: list, convert) -> list:
    """Convert each distinct value once (dates and timestamps repeat across rows)."""
    try:
        done = {v: convert(v) for v in set(values)}
    except TypeError:  # unhashable values
        return [convert(v) for v in values]
    return [done[v] for v in values]
