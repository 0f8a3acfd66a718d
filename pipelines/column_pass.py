"""Cell rules applied a column at a time, for the rows that break none of them.

A report is checked cell by cell in row order (pipelines.validate, with the parsers of
pipelines.cell_rules), which is what the errors must follow. Most cells of a large report
are fine and repeat (dates, provinces, vocabularies), so the validator first parses each
column as a whole: each distinct text of a memoised column once, then a lookup per cell. It
gets the parsed values and the positions of the cells that need the row-by-row path (an
empty required cell, a cell too long, a cell that breaks its rule, a USCC whose check
character fails); those rows are checked again row by row, so their errors and warnings
come out exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


class CellError(Exception):
    """A cell that breaks a rule: `code` and message parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def attempt(parse: Callable[[Any], Any], raw: Any) -> Any:
    """The parsed value, or the CellError that says why not."""
    try:
        return parse(raw)
    except CellError as exc:
        return exc


def parse_column(
    raws: Sequence[Any],
    parse: Callable[[Any], Any],
    *,
    memoised: bool,
    required: bool,
    limit: int,
    is_uscc: bool,
) -> tuple[list[Any], set[int]]:
    """(values, positions to recheck): None for an empty cell or one to recheck."""
    if memoised and not is_uscc and set(map(type, raws)) == {str}:
        return _by_distinct(raws, parse, required, limit)
    values: list[Any] = []
    append = values.append
    recheck: set[int] = set()
    memo: dict[Any, Any] = {}
    for j, raw in enumerate(raws):
        if raw == "":
            append(None)
            if required:
                recheck.add(j)
            continue
        text = raw.__class__ is str
        if text and len(raw) > limit:
            append(None)
            recheck.add(j)
            continue
        if memoised and text:
            value = memo.get(raw, memo)
            if value is memo:
                value = memo[raw] = attempt(parse, raw)
        else:
            value = attempt(parse, raw)
        if value.__class__ is CellError:
            append(None)
            recheck.add(j)
            continue
        if is_uscc:
            value, check_ok = value
            if not check_ok:
                recheck.add(j)
        append(value)
    return values, recheck


def _by_distinct(
    raws: Sequence[str], parse: Callable[[Any], Any], required: bool, limit: int
) -> tuple[list[Any], set[int]]:
    parsed: dict[str, Any] = {}
    failing: set[str] = set()
    for raw in set(raws):
        value = None
        if raw == "":
            if required:
                failing.add(raw)
        elif len(raw) > limit:
            failing.add(raw)
        else:
            value = attempt(parse, raw)
            if value.__class__ is CellError:
                failing.add(raw)
                value = None
        parsed[raw] = value
    values = list(map(parsed.__getitem__, raws))
    recheck = {j for j, raw in enumerate(raws) if raw in failing} if failing else set()
    return values, recheck
