"""A scratch PostgreSQL schema for a benchmark's own data, removed afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import create_engine, text


def scratch_schema(url: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """A new, empty schema `<prefix>_<random>` in the PostgreSQL database of `url`. Returns
    a URL whose connections use it (search_path), and a function that drops it."""
    from dashboard.settings import normalise_database_url

    base = normalise_database_url(url)
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return scoped, drop
