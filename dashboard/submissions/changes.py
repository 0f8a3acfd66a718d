"""The pieces a plan is made of: conflicts, the plan itself, and small helpers that read
the records a report touches in a few bulk queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from dashboard.kinds import KINDS as RECORD_KINDS

REPORT_KINDS = tuple(RECORD_KINDS)
# A row a page saves (never in a report) carries PAGE_SAVE: the save makes a new version of
# its record even when nothing else changes, and an update the history already holds is
# written again, as a page's save always was.
PAGE_SAVE = "_page_save"


class _DateFields(Mapping[str, tuple[str, ...]]):
    """Report kind -> its date columns, read from its description when asked (so a kind is
    known however late it joins KINDS)."""

    def __getitem__(self, kind: str) -> tuple[str, ...]:
        return RECORD_KINDS[kind].date_fields

    def __iter__(self) -> Iterator[str]:
        return iter(RECORD_KINDS)

    def __len__(self) -> int:
        return len(RECORD_KINDS)


DATE_FIELDS: Mapping[str, tuple[str, ...]] = _DateFields()
CHUNK = 5000


@dataclass(frozen=True)
class Conflict:
    index: int  # position in the rows
    row: int | None  # spreadsheet row (header = 1)
    column: str
    code: str  # stage_move | stage_date_order | record_province | task_unknown
    key: str
    current: str | None
    new: str
    current_date: date | None = None

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "key": self.key,
            "current": self.current,
            "new": self.new,
            "current_date": self.current_date.isoformat() if self.current_date else None,
        }


@dataclass
class Plan:
    kind: str
    table: str
    history_table: str | None = None
    inserts: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)  # each with "id" and full values
    unchanged: int = 0
    history: list[tuple[str, dict]] = field(default_factory=list)  # (record key, entry)
    moves: list[dict] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # existing records' ids by key

    def counts(self) -> dict[str, dict[str, int]]:
        out = {
            self.table: {
                "new": len(self.inserts),
                "updated": len(self.updates),
                "unchanged": self.unchanged,
            }
        }
        if self.history_table:
            out[self.history_table] = {"new": len(self.history)}
        return out


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def as_dates(kind: str, rows: Iterable[dict]) -> list[dict]:
    """Rows with ISO date strings (as stored in a submission's payload) turned into dates."""
    fields = DATE_FIELDS[kind]
    out = []
    for row in rows:
        fixed = dict(row)
        for name in fields:
            value = fixed.get(name)
            if isinstance(value, str) and value:
                fixed[name] = date.fromisoformat(value)
        out.append(fixed)
    return out


def fetch(session: Session, columns: list[Any], key_column: Any, keys: Iterable[Any]) -> list[Any]:
    """Rows whose key is one of `keys`: IN lists of CHUNK keys, or one scan of the table
    when the keys are many and the table is not much larger."""
    keys = set(keys)
    if not keys:
        return []
    if len(keys) > CHUNK:
        size = session.execute(select(func.count()).select_from(key_column.table)).scalar_one()
        if size <= 4 * len(keys):
            name = key_column.key
            return [r for r in session.execute(select(*columns)) if getattr(r, name) in keys]
    found: list[Any] = []
    for part in chunks(sorted(keys)):
        found.extend(session.execute(select(*columns).where(key_column.in_(part))).all())
    return found


def group_rows(rows: list[dict], key: str, order: Callable[[dict], Any]) -> dict[str, list[int]]:
    keys = [row[key] for row in rows]
    groups = {k: [i] for i, k in enumerate(keys)}
    if len(groups) == len(keys):  # every record in one row: nothing to sort
        return groups
    groups = defaultdict(list)
    for i, k in enumerate(keys):
        groups[k].append(i)
    for idxs in groups.values():
        if len(idxs) > 1:
            idxs.sort(key=lambda i: order(rows[i]))
    return groups


def latest(rows: list[dict], idxs: list[int], attrs: Iterable[tuple[str, str]]) -> dict:
    """A record's attributes from its rows: the latest row's, where blank the one before."""
    last = rows[idxs[-1]]
    values = {col: last.get(report) for report, col in attrs}
    if len(idxs) > 1:
        for report, col in attrs:
            if values[col] is None:
                for i in reversed(idxs[:-1]):
                    if rows[i].get(report) is not None:
                        values[col] = rows[i][report]
                        break
    return values


def changed(current: object, values: dict) -> bool:
    return any(getattr(current, name) != value for name, value in values.items())


def kept(current: object | None, values: dict) -> dict:
    """Blank optional cells keep what the record has."""
    if current is None:
        return values
    return {k: (getattr(current, k) if v is None else v) for k, v in values.items()}
