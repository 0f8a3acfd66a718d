"""Writing many rows of one table fast (the report pipelines, the counting spans)."""

from __future__ import annotations

from sqlalchemy import insert


def insert_many(conn, table, rows: list[dict], constants: dict | None = None) -> None:
    """Insert many rows of one table, fast (see `insert_columns`). `constants`: values that
    every row gets (a stamp), added without copying each row."""
    if not rows:
        return
    columns = {key: [row[key] for row in rows] for key in rows[0]}
    n = len(rows)
    for key, value in (constants or {}).items():
        columns[key] = [value] * n
    insert_columns(conn, table, columns)


def insert_columns(conn, table, columns: dict[str, list]) -> None:
    """Insert the rows given column by column (every list the same length): on SQLite the
    driver's executemany gets the values converted by the columns' own bind processors, once
    per distinct value (SQLAlchemy's per-row parameter handling costs more than the insert
    itself); on PostgreSQL a COPY; elsewhere an executemany."""
    if not columns or not next(iter(columns.values())):
        return
    dialect = conn.dialect
    keys = list(columns)
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        _copy_rows(conn, table, keys, zip(*columns.values(), strict=True))
        return
    if dialect.name != "sqlite":
        lines = zip(*columns.values(), strict=True)
        rows = [dict(zip(keys, values, strict=True)) for values in lines]
        conn.execute(insert(table), rows)
        return
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    ordered = []
    for name in compiled.positiontup:
        values = columns[name]
        convert = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            values = _converted(values, convert)
        ordered.append(values)
    conn.exec_driver_sql(str(compiled), list(zip(*ordered, strict=True)))


def _copy_rows(conn, table, keys: list[str], rows) -> None:
    """PostgreSQL: COPY ... FROM STDIN on the connection's own transaction (psycopg adapts
    dates, timestamps and None; executemany would make a round trip per row)."""
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, keys))
    )
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _converted(values: list, convert) -> list:
    """Convert each distinct value once (dates and timestamps repeat across rows)."""
    try:
        done = {v: convert(v) for v in set(values)}
    except TypeError:  # unhashable values
        return [convert(v) for v in values]
    return [done[v] for v in values]
