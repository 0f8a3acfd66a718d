"""Validate every row of a report, collecting every error (lazy), into normalized rows.

Cell rules (types, vocabularies, identifiers, dates, ranges) run per cell with memoised
parsers; row rules (USCC for enterprises, instrument counts, issue dates, province scope)
per row; file rules (duplicates) over the file; history rules (stage moves, records of
another province, unknown tasks) against the database in a few bulk queries through
dashboard.submissions.make_plan, the same plan that applies the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from sqlmodel import Session, select

from dashboard.kinds.rules import Named
from dashboard.models import Department, PolicyTask, Province
from dashboard.province_names import (
    ProvinceAmbiguous,
    ProvinceIndex,
    ProvinceUnknown,
    reference_index,
)
from dashboard.reference_data import department_words
from dashboard.submissions import make_plan
from pipelines.column_pass import CellError, attempt, parse_column
from pipelines.dates import DateParseError, check_not_future, parse_date
from pipelines.identifiers import (
    ParseError,
    parse_standard_number,
    parse_uscc,
    uscc_region_ok,
)
from pipelines.locations import (
    DECIMALS,
    RANGES,
    CoordinateError,
    check_locations,
    parse_coordinate,
)
from pipelines.messages import MAX_VALUE_CHARS, issue
from pipelines.safe_read import Table
from pipelines.schemas import (
    REPORT_KINDS,
    Column,
    closest_kind,
    detect_kind,
    duplicate_columns,
    enum_aliases,
    match_header,
    token,
)
from pipelines.text import normalize_spaces, to_halfwidth

MAX_TEXT = 500
MAX_CODE = 64
# raw lengths checked before any normalisation (stripping may shorten a text, nothing else
# shortens a code by much): a longer cell is refused at once, whatever its shape
RAW_MAX = {"text": MAX_TEXT * 2}
RAW_MAX_OTHER = MAX_CODE * 4
MAX_COUNT = 10_000_000
MEMO_LIMIT = 20_000


@dataclass(frozen=True)
class Context:
    """What validation needs from the database, loaded once per file."""

    today: date
    provinces: ProvinceIndex  # a code or name as written -> code
    tasks: frozenset[str]
    departments: dict[str, str]  # token of a code or name -> code
    scope: frozenset[str] | None = None  # provinces the submitter may report; None: all


def load_context(
    session: Session, *, scope: frozenset[str] | None, today: date | None = None
) -> Context:
    provinces = reference_index(session.exec(select(Province.code)).all())
    departments: dict[str, str] = {}
    for d in session.exec(select(Department)).all():
        for word in (d.code, d.name_zh, d.name_en):
            departments.setdefault(token(word), d.code)
    known = set(departments.values())
    for word, code in department_words().items():  # short forms and English aliases
        if code in known:
            departments.setdefault(token(word), code)
    tasks = frozenset(session.exec(select(PolicyTask.code)).all())
    return Context(today or date.today(), provinces, tasks, departments, scope)


@dataclass
class Validation:
    kind: str | None
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    row_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# ------------------------------------------------------------------------------ cell parsers
def _text(raw) -> str:
    if raw.__class__ is str and raw.isascii() and raw.isprintable() and "  " not in raw:
        return raw.strip()  # nothing full-width, no run of spaces, no other whitespace
    return normalize_spaces(to_halfwidth(raw if isinstance(raw, str) else _plain(raw)))


def _plain(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _free_text(raw) -> str:
    text = (raw if isinstance(raw, str) else _plain(raw)).strip()
    if len(text) > MAX_TEXT:
        raise CellError("text_too_long", max=MAX_TEXT)
    return text


def _code(raw) -> str:
    text = _text(raw)
    if len(text) > MAX_CODE:
        raise CellError("text_too_long", max=MAX_CODE)
    return text


def _count(raw, *, low=0, high=MAX_COUNT, percent=False):
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


def _uscc(raw) -> tuple[str, bool]:
    result = parse_uscc(_plain(raw))
    if result.error:
        raise CellError(result.error)
    region = result.region_code
    if not uscc_region_ok(region):
        raise CellError("uscc_region", region=region)
    return result.normalized, result.check_ok


def _parsers(col: Column, ctx: Context) -> Callable:
    kind = col.type
    if kind == "enum":
        aliases = enum_aliases(col.enum)

        def parse(raw):
            value = aliases.get(token(raw))
            if value is None:
                raise CellError("enum_invalid", allowed=[(col.enum, v) for v in col.values])
            return value

        return parse
    if kind == "province":

        def parse(raw):
            try:
                return ctx.provinces.resolve(_plain(raw))
            except ProvinceAmbiguous as exc:
                named = ctx.provinces.named
                zh, en = named(exc.candidates, "zh"), named(exc.candidates, "en")
                raise CellError("province_ambiguous", names_zh=zh, names_en=en) from None
            except ProvinceUnknown:
                raise CellError("province_invalid") from None

        return parse
    if kind == "date":

        def parse(raw):
            try:
                day = parse_date(raw)
                if not col.future_ok:
                    check_not_future(day, today=ctx.today)
            except DateParseError as exc:
                raise CellError(exc.code, today=ctx.today.isoformat()) from None
            return day

        return parse
    if kind == "task":

        def parse(raw):
            code = _text(raw).upper()
            if code not in ctx.tasks:
                raise CellError("task_unknown")
            return code

        return parse
    if kind in ("longitude", "latitude"):
        low, high = RANGES[kind]

        def parse(raw):
            if raw.__class__ is str:  # the common case, fast: a plain number in range
                try:
                    value = float(raw)
                except ValueError:
                    value = None
                if value is not None and low <= value <= high:
                    return round(value, DECIMALS)
            try:
                return parse_coordinate(raw, kind)
            except CoordinateError as exc:
                raise CellError(exc.code, **exc.params) from None

        return parse
    if kind == "department":

        def parse(raw):
            code = ctx.departments.get(token(_plain(raw)))
            if code is None:
                raise CellError("department_unknown")
            return code

        return parse
    simple = {
        "text": _free_text,
        "code": _code,
        "int": _count,
        "pct": lambda raw: _count(raw, high=100, percent=True),
        "uscc": _uscc,
        "number": _code,  # checked against the row's kind by the row rules
    }
    return simple[kind]


MEMO_TYPES = frozenset({"enum", "province", "date", "task", "department", "int", "pct"})


# ------------------------------------------------------------------------------- row rules
def _standard_number(row: dict, failed: dict, ctx: Context, add) -> None:
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


def _adoption_numbers(row: dict, failed: dict, ctx: Context, add) -> None:
    """A standard's adoption: its number in canonical form, checked against the kind its
    event is for (a group or an international standard), and the number it was converted
    to or published as against the kind of that event (national, industry, international)."""
    from dashboard.kinds.standard_adoption import SOURCE_KIND, TARGET_KIND

    event = row.get("event")
    for column, kinds in (("standard_number", SOURCE_KIND), ("target_number", TARGET_KIND)):
        number = row.get(column)
        if number is None:
            continue
        try:
            parsed = parse_standard_number(number, kinds.get(event))
            row[column] = parsed.canonical
        except ParseError as exc:
            inferred = exc.detail.get("inferred")
            if exc.code == "standard_number_kind_mismatch":
                expected = ("kind", kinds[event])
                add(
                    "adoption_number_kind",
                    column,
                    number,
                    inferred=("kind", inferred),
                    expected=expected,
                )
            else:
                add(exc.code, column, number)
            row[column] = None
            failed[column] = number  # the rules after this one do not call it missing


# The rules a kind names (Named) and the validator implements.
NAMED_RULES = {"standard_number": _standard_number, "adoption_numbers": _adoption_numbers}


def _row_rules(spec, row: dict, failed: dict, ctx: Context, add) -> None:
    for rule in spec.row_rules:
        if rule.__class__ is Named:
            NAMED_RULES[rule.name](row, failed, ctx, add)
        else:
            rule.check(row, failed, add)
    if ctx.scope is not None and spec.province_column is not None:
        province = row.get(spec.province_column)
        if province is None and spec.province_column not in failed:
            add("province_scope_national", spec.province_column, "", scope=sorted(ctx.scope))
        elif province is not None and province not in ctx.scope:
            add("province_scope", spec.province_column, province, scope=sorted(ctx.scope))


# ------------------------------------------------------------------------------ the file
def _header_issues(spec, table: Table, result: Validation, mapping: dict[int, str]) -> None:
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
    kind = _choose_kind(table, kind, ctx, result)
    if kind is None:
        return result
    result.kind = kind
    spec = REPORT_KINDS[kind]
    mapping = match_header(kind, table.header)
    _header_issues(spec, table, result, mapping)
    if result.errors:
        return result
    if not table.rows:
        result.errors.append(issue("no_rows", kind=kind))
        return result
    cols = []
    for i, key in mapping.items():
        col = spec.column(key)
        memo = {} if col.type in MEMO_TYPES else None
        limit = RAW_MAX.get(col.type, RAW_MAX_OTHER)
        cols.append((i, key, col.required, col.type == "uscc", _parsers(col, ctx), memo, limit))
    template = {c.key: None for c in spec.columns} | {"_row": None}
    unique_key = itemgetter(*spec.unique)  # a value, or a tuple of values
    errors, warnings, rows, first_seen = result.errors, result.warnings, [], {}

    def check_row(cells, number) -> dict | None:
        """The row-by-row path: every cell rule in column order (a row the column pass
        could not take as it is)."""
        row = template.copy()
        row["_row"] = number
        failed: dict = {}  # column -> raw value of cells that broke a rule
        before = len(errors)

        def add(code, column, value, at=number, **params):
            errors.append(issue(code, kind=kind, row=at, column=column, value=value, params=params))

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

    def finish(row: dict, failed: dict, number: int, before: int) -> dict | None:
        """Row rules, then duplicates within the file; the row, or None when it broke one."""

        def add(code, column, value, at=number, **params):
            errors.append(issue(code, kind=kind, row=at, column=column, value=value, params=params))

        _row_rules(spec, row, failed, ctx, add)
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
    values, recheck = [], set()
    for i, _key, required, is_uscc, parse, memo, limit in cols:
        column, positions = parse_column(
            by_column[i],
            parse,
            memoised=memo is not None,
            required=required,
            limit=limit,
            is_uscc=is_uscc,
        )
        values.append(column)
        recheck |= positions
    keys = [c[1] for c in cols]
    checked = zip(table_rows, table.row_numbers, zip(*values, strict=True), strict=True)
    for j, (cells, number, parsed) in enumerate(checked):
        if j in recheck:
            row = check_row(cells, number)
        else:
            row = template.copy()
            row["_row"] = number
            row.update(zip(keys, parsed, strict=True))
            row = finish(row, {}, number, len(errors))
        if row is not None:
            rows.append(row)
    if spec.location is not None:
        rows = check_locations(spec, rows, _issue_for(kind, errors, warnings), ctx.provinces)
    result.rows = rows
    if session is not None:
        check_history(session, result, ctx)
    return result


def _issue_for(kind: str, errors: list, warnings: list):
    def record(level, code, row, column, value, params):
        found = issue(code, kind=kind, row=row["_row"], column=column, value=value, params=params)
        (errors if level == "error" else warnings).append(found)

    return record


def check_history(session: Session, result: Validation, ctx: Context) -> None:
    """Add the errors of rows whose moves the records' history does not allow, or whose
    records belong to a province outside the submitter's scope."""
    if not result.rows:
        return
    plan = make_plan(
        session, kind=result.kind, rows=result.rows, scope=ctx.scope, conflicts_only=True
    )
    result.errors.extend(conflict_errors(result.kind, result.rows, plan.conflicts))
    result.errors.sort(key=lambda e: e["row"] or 0)


def conflict_errors(kind: str, rows: list[dict], conflicts: list) -> list[dict]:
    """Errors for the conflicts of a plan (dashboard.submissions.Conflict)."""
    stages = REPORT_KINDS[kind].stages
    group = stages.group if stages else REPORT_KINDS[kind].status_group
    link = REPORT_KINDS[kind].link
    errors = []
    for c in conflicts:
        params: dict = {"record": c.key}
        if c.code in ("stage_move", "stage_date_order"):
            params |= {"current": (group, c.current), "new": (group, c.new)}
            params["current_date"] = c.current_date.isoformat() if c.current_date else "—"
        elif c.code == "record_province":
            params["current"] = c.current or "—"
        elif link is not None and c.code == link.kind_code:  # a linked record's kind
            params |= {"current": ("kind", c.current), "new": ("kind", c.new)}
        value = rows[c.index].get(c.column) if c.index < len(rows) else ""
        errors.append(
            issue(c.code, kind=kind, row=c.row, column=c.column, value=value, params=params)
        )
    return errors
