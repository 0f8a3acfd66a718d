"""Record kinds: one description per kind of record the tracker keeps (see base.py)."""

from dashboard.kinds.base import Column, History, Link, RecordKind, Stages
from dashboard.kinds.registry import ENUMS, KINDS, by_record_type, get

__all__ = [
    "ENUMS",
    "KINDS",
    "Column",
    "History",
    "Link",
    "RecordKind",
    "Stages",
    "by_record_type",
    "get",
]
