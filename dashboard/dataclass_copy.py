"""Filling a dataclass from an object whose attributes carry the same names (a table row,
parsed command-line options)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def from_attributes(cls: type[T], source: object, **given: Any) -> T:
    """A `cls` whose fields are `source`'s attributes of the same names, except those
    `given` (computed, or named otherwise on `source`)."""
    taken = {
        f.name: getattr(source, f.name)
        for f in fields(cls)  # type: ignore[arg-type]
        if f.init and f.name not in given
    }
    return cls(**taken, **given)
