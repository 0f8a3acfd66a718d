"""Row rules a kind states about its rows, checked by the report validator and by the page
edit forms alike. Each rule calls `add(code, column, value, **params)` for a broken row;
`failed` holds the columns whose cells already broke a cell rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, Protocol, TypeVar


class Add(Protocol):
    """What a rule calls for a broken row: the refusal's code, the column, its value and
    the message's parameters."""

    def __call__(self, code: str, column: str, value: object, **params: object) -> None: ...


T = TypeVar("T")


@dataclass(frozen=True)
class _When:
    """A rule on `column` that depends on whether the `when` column holds one of `values`."""

    column: str
    when: str
    values: tuple[str, ...]
    code: str


@dataclass(frozen=True)
class RequiredWhen(_When):
    """`column` must be filled when `when` holds one of `values`."""

    def check(self, row: dict, failed: dict, add: Add) -> None:
        blank = row.get(self.column) is None and self.column not in failed
        if blank and row.get(self.when) in self.values:
            add(self.code, self.column, "")


@dataclass(frozen=True)
class BlankUnless(_When):
    """`column` stays blank unless `when` holds one of `values`."""

    def check(self, row: dict, failed: dict, add: Add) -> None:
        value = row.get(self.column)
        if value is not None and row.get(self.when) not in self.values:
            add(self.code, self.column, value)


@dataclass(frozen=True)
class BothOrNeither:
    """`first` and `second` are filled together or not at all (the blank one is named)."""

    first: str
    second: str
    code: str

    def check(self, row: dict, failed: dict, add: Add) -> None:
        if (row.get(self.first) is None) == (row.get(self.second) is None):
            return  # both or neither: the common case, checked once
        for this, other in ((self.first, self.second), (self.second, self.first)):
            lone = row.get(this) is None and this not in failed
            if lone and row.get(other) is not None:
                add(self.code, this, "", other=other)


@dataclass(frozen=True)
class _Bounded(Generic[T]):
    """`column` is bounded by the value of `other` (the message names that value `param`):
    a row with both filled breaks it when `beyond(value, bound)`."""

    column: str
    other: str
    code: str
    param: str

    def beyond(self, value: T, bound: T) -> bool:
        raise NotImplementedError

    def check(self, row: dict, failed: dict, add: Add) -> None:
        value, bound = row.get(self.column), row.get(self.other)
        if value is not None and bound is not None and self.beyond(value, bound):
            add(self.code, self.column, value, **{self.param: bound})


@dataclass(frozen=True)
class NotMore(_Bounded[float]):
    """`column` is at most `other`."""

    def beyond(self, value: float, bound: float) -> bool:
        return value > bound


@dataclass(frozen=True)
class NotBefore(_Bounded[date]):
    """The date `column` is not before the date `other`; with `when`, only for rows whose
    (column, values) holds and which no earlier rule of the same column refused."""

    when: tuple[str, tuple[str, ...]] | None = None

    def beyond(self, value: date, bound: date) -> bool:
        return value < bound

    def check(self, row: dict, failed: dict, add: Add) -> None:
        if self.when and row.get(self.when[0]) not in self.when[1]:
            return
        super().check(row, failed, add)


@dataclass(frozen=True)
class Named:
    """A rule the validator implements itself (it needs the identifier parsers)."""

    name: str

    def check(self, row: dict, failed: dict, add: Add) -> None:  # the validator runs it
        return None


def violations(rules: tuple, row: dict) -> list[tuple[str, str, object, dict]]:
    """(code, column, value, params) of each rule the row breaks (Named rules skipped)."""
    out: list = []
    for rule in rules:
        rule.check(
            row, {}, lambda code, column, value, **params: out.append((code, column, value, params))
        )
    return out
