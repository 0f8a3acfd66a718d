"""Validate every row of a report, collecting every error (lazy), into normalized rows.

File rules (the kind, the header, no rows, duplicate rows) and row rules (standard numbers
against their kind, the rules a kind states, province scope) are here; the cell rules
(types, vocabularies, identifiers, dates, ranges) are in `pipelines/cell_rules.py`, run a
column at a time with memoised parsers (`pipelines/column_pass.py`); located rows are placed
by `pipelines/locations.py`; the history rules (stage moves, records of another province,
unknown tasks) are checked against the database in a few bulk queries by
`pipelines/history_checks.py`, through dashboard.submissions.make_plan, the same plan that
applies the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any, Protocol

from sqlmodel import Session

from dashboard.kinds.rules import Named
from pipelines.cell_rules import MEMO_TYPES, RAW_MAX, RAW_MAX_OTHER, Parser, cell_parser
from pipelines.column_pass import CellError, attempt, parse_column
from pipelines.history_checks import check_history
from pipelines.identifiers import ParseError, parse_standard_number
from pipelines.locations import check_locations
from pipelines.messages import MAX_VALUE_CHARS, issue
from pipelines.safe_read import Table
from pipelines.schemas import (
    REPORT_KINDS,
    ReportKind,
    closest_kind,
    detect_kind,
    duplicate_columns,
    match_header,
)
from pipelines.validation_context import Context, Validation, load_context

__all__ = ["Context", "Validation", "load_context", "validate_table"]

MEMO_LIMIT = 20_000

Row = dict[str, Any]
# (position in the row, column key, required, is a USCC, parser, memo or None, raw limit)
ColumnPlan = tuple[int, str, bool, bool, Parser, dict[Any, Any] | None, int]


# records an error or a warning of a located row (pipelines.locations.check_locations):
# (level, code, row, column, value, message parameters)
IssueFor = Callable[[str, str, Row, str, object, dict[str, Any]], None]


class AddIssue(Protocol):
    """Records an error of the row being checked: its code, the column, the value as
    written and the message's parameters."""

    def __call__(self, code: str, column: str, value: object, **params: Any) -> None: ...


# ------------------------------------------------------------------------------- row rules
def _standard_number(row: Row, failed: Row, add: AddIssue) -> None:
    number = row.get("number")
    if number is not None:
        try:
            parsed = parse_standard_number(number, row.get("kind"))
            # an adoption (GB/T 24067-2024/ISO 14067:2018) keeps the adopted standard apart
            row["number"], row["adopted_standard"] = parsed.canonical, parsed.adopted
        except ParseError as exc:
            inferred = exc.detail.get("inferred")
            extra = {"inferred": ("kind", inferred)} if inferred else {}
            add(exc.code, "number", number, **extra)
            row["number"] = None


def _adoption_numbers(row: Row, failed: Row, add: AddIssue) -> None:
    """A standard's adoption: its number in canonical form, checked against the kind its
    event is for (a group or an international standard), and the number it was converted
    to or published as against the kind of that event (national, industry, international)."""
    from dashboard.kinds.standard_adoption import SOURCE_KIND, TARGET_KIND

    event = row.get("event")
    for column, kinds in (("standard_number", SOURCE_KIND), ("target_number", TARGET_KIND)):
        number = row.get(column)
        if number is None:
            continue
        expected = None if event is None else kinds.get(event)
        try:
            parsed = parse_standard_number(number, expected)
            row[column] = parsed.canonical
        except ParseError as exc:
            inferred = exc.detail.get("inferred")
            if exc.code == "standard_number_kind_mismatch":
                add(
                    "adoption_number_kind",
                    column,
                    number,
                    inferred=("kind", inferred),
                    expected=("kind", expected),
                )
            else:
                add(exc.code, column, number)
            row[column] = None
            failed[column] = number  # the rules after this one do not call it missing


RowCheck = Callable[[Row, Row, AddIssue], None]  # (row, failed cells, add)

# The rules a kind names (Named) and the validator implements.
NAMED_RULES: dict[str, RowCheck] = {
    "standard_number": _standard_number,
    "adoption_numbers": _adoption_numbers,
}


def row_checks(spec: ReportKind, ctx: Context) -> list[RowCheck]:
    """The row rules of a kind in order (its own rules, then the submitter's province
    scope), each called with (row, failed cells, add)."""
    checks: list[RowCheck] = [
        NAMED_RULES[rule.name] if rule.__class__ is Named else rule.check for rule in spec.row_rules
    ]
    scope, column = ctx.scope, spec.province_column
    if scope is not None and column is not None:

        def in_scope(row: Row, failed: Row, add: AddIssue) -> None:
            province = row.get(column)
            if province is None and column not in failed:
                add("province_scope_national", column, "", scope=sorted(scope))
            elif province is not None and province not in scope:
                add("province_scope", column, province, scope=sorted(scope))

        checks.append(in_scope)
    return checks


# ------------------------------------------------------------------------------ the file
def _header_issues(
    spec: ReportKind, table: Table, result: Validation, mapping: dict[int, str]
) -> None:
    at = table.header_row_number
    for i, key in duplicate_columns(spec.key, table.header):
        result.errors.append(
            issue("column_duplicate", kind=spec.key, column=key, value=table.header[i])
        )
    found = set(mapping.values())
    for key in spec.required:
        if key not in found:
            result.errors.append(issue("column_missing", kind=spec.key, column=key))
    named = {i for i, _ in duplicate_columns(spec.key, table.header)} | set(mapping)
    for i, cell in enumerate(table.header):
        if cell and i not in named:
            result.warnings.append(issue("column_unknown", kind=spec.key, row=at, value=cell))


def _choose_kind(table: Table, kind: str | None, ctx: Context, result: Validation) -> str | None:
    if kind is not None and kind not in REPORT_KINDS:
        result.errors.append(
            issue("kind_unknown", kind=None, value=kind, params={"kinds": list(REPORT_KINDS)})
        )
        return None
    kind = kind or detect_kind(table.header)
    if kind is None:
        near = REPORT_KINDS[closest_kind(table.header)]
        found = set(match_header(near.key, table.header).values())
        missing = [c for c in near.required if c not in found]
        params = {"closest": ("report_kind", near.key), "missing": missing}
        result.errors.append(issue("kind_undetected", kind=None, params=params))
        return None
    if ctx.scope is not None and REPORT_KINDS[kind].province_column is None:
        params = {"report": ("report_kind", kind)}
        result.errors.append(issue("kind_not_permitted", kind=kind, params=params))
        return None
    return kind


def validate_table(
    table: Table, *, kind: str | None, ctx: Context, session: Session | None = None
) -> Validation:
    """Check every row of `table` as report `kind` (detected from the header when None);
    with a session also check the rows against the records' history (check_history)."""
    result = Validation(None, row_count=len(table.rows))
    chosen = _choose_kind(table, kind, ctx, result)
    if chosen is None:
        return result
    kind = result.kind = chosen
    spec = REPORT_KINDS[kind]
    mapping = match_header(kind, table.header)
    _header_issues(spec, table, result, mapping)
    if result.errors:
        return result
    if not table.rows:
        result.errors.append(issue("no_rows", kind=kind))
        return result
    cols: list[ColumnPlan] = []
    for i, key in mapping.items():
        col = spec.column(key)
        memo: dict[Any, Any] | None = {} if col.type in MEMO_TYPES else None
        limit = RAW_MAX.get(col.type, RAW_MAX_OTHER)
        cols.append((i, key, col.required, col.type == "uscc", cell_parser(col, ctx), memo, limit))
    template: Row = {c.key: None for c in spec.columns} | {"_row": None}
    unique_key = itemgetter(*spec.unique)  # a value, or a tuple of values
    checks = row_checks(spec, ctx)
    errors, warnings = result.errors, result.warnings
    rows: list[Row] = []
    first_seen: dict[Any, int] = {}
    at = 0  # the spreadsheet row being checked

    def add(code: str, column: str, value: object, **params: Any) -> None:
        errors.append(issue(code, kind=kind, row=at, column=column, value=value, params=params))

    def check_row(cells: list[Any], number: int) -> Row | None:
        """The row-by-row path: every cell rule in column order (a row the column pass
        could not take as it is)."""
        row = template.copy()
        row["_row"] = number
        failed: Row = {}  # column -> raw value of cells that broke a rule
        before = len(errors)
        for i, key, required, is_uscc, parse, memo, limit in cols:
            raw = cells[i]
            if raw == "":
                if required:
                    add("required_missing", key, "")
                continue
            if raw.__class__ is str and len(raw) > limit:
                add("text_too_long", key, raw[:MAX_VALUE_CHARS], max=limit)
                failed[key] = raw
                continue
            if memo is not None and raw.__class__ is str:
                value = memo.get(raw, memo)
                if value is memo:
                    value = attempt(parse, raw)
                    if len(memo) < MEMO_LIMIT:
                        memo[raw] = value
            else:
                value = attempt(parse, raw)
            if value.__class__ is CellError:
                add(value.code, key, raw, **value.params)
                failed[key] = raw
                continue
            if is_uscc:
                value, check_ok = value
                if not check_ok:
                    warnings.append(
                        issue("uscc_check", kind=kind, row=number, column=key, value=value)
                    )
            row[key] = value
        return finish(row, failed, number, before)

    def finish(row: Row, failed: Row, number: int, before: int) -> Row | None:
        """Row rules, then duplicates within the file; the row, or None when it broke one."""
        for check in checks:
            check(row, failed, add)
        if len(errors) > before:
            return None
        first = first_seen.setdefault(unique_key(row), number)
        if first != number:
            add("duplicate_row", spec.unique[-1], row[spec.unique[-1]], first_row=first)
            return None
        return row

    # every column parsed at once; rows with a cell the pass could not take go row by row
    table_rows = table.rows
    by_column = list(zip(*table_rows, strict=True))  # every row is as wide as the header
    parsed_columns: dict[str, list[Any]] = {}
    recheck: set[int] = set()
    for i, key, required, is_uscc, parse, memo, limit in cols:
        column, positions = parse_column(
            by_column[i],
            parse,
            memoised=memo is not None,
            required=required,
            limit=limit,
            is_uscc=is_uscc,
        )
        parsed_columns[key] = column
        recheck |= positions
    keys = list(parsed_columns)
    numbers = table.row_numbers
    checked = zip(numbers, zip(*parsed_columns.values(), strict=True), strict=True)
    new_row = template.copy  # sized once: a row grown key by key would leave holes behind
    for j, (number, parsed) in enumerate(checked):
        at = number
        if j in recheck:
            kept = check_row(table_rows[j], number)
        else:
            row = new_row()
            row["_row"] = number
            row.update(zip(keys, parsed, strict=False))  # each tuple is as long as keys
            kept = finish(row, {}, number, len(errors))
        if kept is not None:
            rows.append(kept)
    if spec.location is not None:
        rows = check_locations(spec, rows, _issue_for(kind, errors, warnings), ctx.provinces)
    result.rows = rows
    if session is not None:
        check_history(session, result, ctx)
    return result


def _issue_for(kind: str, errors: list[dict[str, Any]], warnings: list[dict[str, Any]]) -> IssueFor:
    def record(
        level: str, code: str, row: Row, column: str, value: object, params: dict[str, Any]
    ) -> None:
        found = issue(code, kind=kind, row=row["_row"], column=column, value=value, params=params)
        (errors if level == "error" else warnings).append(found)

    return record
