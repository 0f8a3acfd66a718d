"""Cell rules: how each column type of a report reads one cell (types, vocabularies,
identifiers, dates, coordinates, ranges), raising `CellError` for a cell that breaks its
rule. `cell_parser(column, ctx)` gives the parser of a column; `pipelines/validate.py` runs
it on every cell (a column at a time through `pipelines/column_pass.py`, memoised for the
types in `MEMO_TYPES`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from dashboard.province_names import ProvinceAmbiguous, ProvinceUnknown
from pipelines.column_pass import CellError
from pipelines.dates import DateParseError, check_not_future, parse_date
from pipelines.identifiers import normal_uscc, parse_uscc, uscc_region_ok
from pipelines.locations import DECIMALS, RANGES, CoordinateError, parse_coordinate
from pipelines.schemas import Column, enum_aliases, token
from pipelines.text import normalize_spaces, to_halfwidth
from pipelines.validation_context import Context

MAX_TEXT = 500
MAX_CODE = 64
# raw lengths checked before any normalisation (stripping may shorten a text, nothing else
# shortens a code by much): a longer cell is refused at once, whatever its shape
RAW_MAX = {"text": MAX_TEXT * 2}
RAW_MAX_OTHER = MAX_CODE * 4
MAX_COUNT = 10_000_000
# the column types whose parse is remembered per distinct text (values that repeat)
MEMO_TYPES = frozenset({"enum", "province", "date", "task", "department", "int", "pct"})

# A cell as read (str from a CSV; str, int, float, bool, date, datetime... from an XLSX)
# -> the column's value (str, int, float, date, or (USCC, check character ok) for "uscc").
Parser = Callable[[Any], Any]


def _text(raw: object) -> str:
    if type(raw) is str and raw.isascii() and raw.isprintable() and "  " not in raw:
        return raw.strip()  # nothing full-width, no run of spaces, no other whitespace
    return normalize_spaces(to_halfwidth(raw if isinstance(raw, str) else _plain(raw)))


def _plain(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _free_text(raw: object) -> str:
    text = (raw if isinstance(raw, str) else _plain(raw)).strip()
    if len(text) > MAX_TEXT:
        raise CellError("text_too_long", max=MAX_TEXT)
    return text


def _code(raw: object) -> str:
    text = _text(raw)
    if len(text) > MAX_CODE:
        raise CellError("text_too_long", max=MAX_CODE)
    return text


def _count(raw: object, *, low: int = 0, high: int = MAX_COUNT, percent: bool = False) -> int:
    if isinstance(raw, bool):
        raise CellError("number_format")
    if isinstance(raw, str):
        text = to_halfwidth(raw).strip().replace(",", "")
        if percent:
            text = text.removesuffix("%").strip()
        try:
            number = float(text)
        except ValueError:
            raise CellError("number_format") from None
    elif isinstance(raw, int | float):
        number = float(raw)
    else:
        raise CellError("number_format")
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError("number_format")
    if not percent and not number.is_integer():
        raise CellError("number_whole")
    if not low <= number <= high:
        raise CellError("number_range", min=low, max=high)
    return int(number + 0.5) if percent else int(number)


def _percent(raw: object) -> int:
    return _count(raw, high=100, percent=True)


def _uscc(raw: object) -> tuple[str, bool]:
    quick = normal_uscc(raw) if type(raw) is str else None
    if quick is not None:
        code, check_ok = quick
    else:
        result = parse_uscc(_plain(raw))
        if result.error:
            raise CellError(result.error)
        assert result.normalized is not None  # parse_uscc normalizes what it does not refuse
        code, check_ok = result.normalized, result.check_ok
    region = code[2:8]  # the registering authority's area code
    if not uscc_region_ok(region):
        raise CellError("uscc_region", region=region)
    return code, check_ok


SIMPLE: dict[str, Parser] = {
    "text": _free_text,
    "code": _code,
    "int": _count,
    "pct": _percent,
    "uscc": _uscc,
    "number": _code,  # checked against the row's kind by the row rules
}


def cell_parser(col: Column, ctx: Context) -> Parser:
    """The parser of a column's cells: its value, or CellError."""
    kind = col.type
    if kind == "enum":
        return _enum_parser(col)
    if kind == "province":
        return _province_parser(ctx)
    if kind == "date":
        return _date_parser(col, ctx)
    if kind == "task":

        def task(raw: object) -> str:
            code = _text(raw).upper()
            if code not in ctx.tasks:
                raise CellError("task_unknown")
            return code

        return task
    if kind in ("longitude", "latitude"):
        return _coordinate_parser(kind)
    if kind == "department":

        def department(raw: object) -> str:
            code = ctx.departments.get(token(_plain(raw)))
            if code is None:
                raise CellError("department_unknown")
            return code

        return department
    return SIMPLE[kind]


def _enum_parser(col: Column) -> Parser:
    group = col.enum
    assert group is not None, f"enum column {col.key} names no vocabulary"
    aliases = enum_aliases(group)

    def enum(raw: object) -> str:
        value = aliases.get(token(raw))
        if value is None:
            raise CellError("enum_invalid", allowed=[(group, v) for v in col.values])
        return value

    return enum


def _province_parser(ctx: Context) -> Parser:
    def province(raw: object) -> str:
        try:
            return ctx.provinces.resolve(_plain(raw))
        except ProvinceAmbiguous as exc:
            named = ctx.provinces.named
            zh, en = named(exc.candidates, "zh"), named(exc.candidates, "en")
            raise CellError("province_ambiguous", names_zh=zh, names_en=en) from None
        except ProvinceUnknown:
            raise CellError("province_invalid") from None

    return province


def _date_parser(col: Column, ctx: Context) -> Parser:
    future_ok, today = col.future_ok, ctx.today

    def day(raw: object) -> date:
        try:
            parsed = parse_date(raw)
            if not future_ok:
                check_not_future(parsed, today=today)
        except DateParseError as exc:
            raise CellError(exc.code, today=today.isoformat()) from None
        return parsed

    return day


def _coordinate_parser(kind: str) -> Parser:
    low, high = RANGES[kind]

    def coordinate(raw: object) -> float:
        if type(raw) is str:  # the common case, fast: a plain number in range
            try:
                value: float | None = float(raw)
            except ValueError:
                value = None
            if value is not None and low <= value <= high:
                return round(value, DECIMALS)
        try:
            return parse_coordinate(raw, kind)
        except CoordinateError as exc:
            raise CellError(exc.code, **exc.params) from None

    return coordinate
