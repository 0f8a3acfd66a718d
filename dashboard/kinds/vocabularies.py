"""The vocabularies the kinds' columns use (enum group -> allowed values), gathered once from
every kind by the registry. Its own module so that a column can read its values without
importing the registry, which imports every kind (no import cycle)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dashboard.kinds.base import RecordKind


ENUMS: dict[str, tuple[str, ...]] = {}


def gather(kinds: Iterable[RecordKind]) -> dict[str, tuple[str, ...]]:
    """Fill ENUMS from the kinds' vocabularies; two kinds naming one group must agree."""
    for kind in kinds:
        for group, values in kind.enums.items():
            if ENUMS.setdefault(group, values) != values:
                raise ValueError(f"{kind.key}: vocabulary {group} differs from another kind's")
    return ENUMS
