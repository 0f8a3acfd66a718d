"""What a record kind is: one description that templates, validation, planning, review,
registries, drill-down, map measures, demo data and the golden tests read.

Plain data (no Streamlit, nothing from `pipelines/`). A kind's module builds one `RecordKind`;
`dashboard.kinds.KINDS` lists them all, in the order the pages and templates show them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from dashboard.i18n import has, t
from dashboard.kinds.rules import BothOrNeither
from dashboard.kinds.vocabularies import ENUMS

if TYPE_CHECKING:
    from sqlmodel import Session

# Column types the validator knows how to read.
TYPES = frozenset(
    {"text", "code", "enum", "date", "int", "pct", "province", "uscc", "number", "task"}
    | {"department", "longitude", "latitude"}
)


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    type: str  # one of TYPES
    required: bool = False
    enum: str | None = None  # i18n group of the values, e.g. "stage"
    aliases: tuple[str, ...] = ()
    future_ok: bool = False  # a date that may lie ahead (an implementation date)

    @property
    def values(self) -> tuple[str, ...]:
        return ENUMS[self.enum] if self.enum else ()

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.key

    def header(self) -> str:
        """The bilingual header the templates write."""
        return f"{self.zh} ({self.key})"

    def help(self, kind: str, lang: str) -> str:
        key = f"pipeline.help.{kind}.{self.key}"
        return t(key, lang) if has(key) else ""


# A column as the kinds write it: Column's first fields in order, (key, Chinese, English,
# type, required) and optionally its enum group and other header words.
ColumnSpec = (
    tuple[str, str, str, str, bool] | tuple[str, str, str, str, bool, str | None, tuple[str, ...]]
)


def columns(*specs: ColumnSpec | Column) -> tuple[Column, ...]:
    """Columns from (key, Chinese, English, type, required, enum group, other header words)
    tuples, or Column objects as they are."""
    return tuple(spec if isinstance(spec, Column) else Column(*spec) for spec in specs)


@dataclass(frozen=True)
class Stages:
    """A stage machine: the report column holding the stage and its date, their vocabulary,
    which moves are allowed ((current or None, new) -> bool) and the order of the stages."""

    column: str
    date_column: str
    group: str
    allowed: Callable[[str | None, str], bool]
    rank: Callable[[str], int]
    model_stage: str  # the record's column with its current stage
    model_stage_date: str


@dataclass(frozen=True)
class History:
    """The append-only history a record's stages are kept in."""

    model: type[Any]  # a table model; its columns are read by name
    owner: str  # the column naming the record
    state: str = "stage"  # the columns holding each entry's state and its date
    day: str = "stage_date"
    span_type: str | None = None  # counting spans kept under this record type
    # stage sets whose spans are always kept, whether or not a loaded target counts them
    # (dashboard.progress.spans); each a tuple of states
    span_sets: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Link:
    """A report column naming a record of another kind, which must already be in its
    registry (`model.model_column`), of the kind (`kind_column`) that the row's `by` column
    asks for (`kinds`: value of `by` -> kind). `unknown_code` and `kind_code` name the two
    refusals (pipeline.error.<code>, review.conflict.<code>)."""

    column: str
    model: type
    model_column: str
    kind_column: str
    by: str
    kinds: dict[str, str]
    unknown_code: str
    kind_code: str


@dataclass(frozen=True)
class Listing:
    """How the kind's registry lists its records (dashboard.services.registries). Column
    names are the record table's (the history table's for `history`).

    `columns`: what a listing holds, in order; None: the id, the key, the stage, the
    report's attributes, version and updated_at (the generic registry page's).
    `order`: the sort, a leading "-" for descending. `search`: the columns the free-text
    filter matches. `history`: the history entries' columns; None: its state and day as
    `stage` and `stage_date`, its note and who recorded it. `read_action`: the permission a
    listing needs; its scope is the listing's ("view_aggregates" is every province's for
    every role that has it: national, public records)."""

    columns: tuple[str, ...] | None = None
    order: tuple[str, ...] = ("-updated_at",)
    search: tuple[str, ...] = ()
    history: tuple[str, ...] | None = None
    read_action: str = "view_records"


@dataclass(frozen=True)
class DemoWorld:
    """What a kind's demo rows are made from (dashboard.demo_kinds): the database with its
    reference data and the records written before, the mainland provinces, the day the
    synthetic histories end, `write(kind, rows)`, which writes rows of another kind that
    the kind's rows name (as a report would be applied), and the featured provinces."""

    session: Session
    codes: list[str]
    cutoff: date
    write: Callable[[str, list[dict]], None]
    # the provinces of the demo's coordinator accounts: a kind that draws provinces gives
    # each of them a record, so that a coordinator trying the demo finds their own
    featured: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoRows:
    """A kind's synthetic demo records: `make(rng, world)` gives them as report rows, which
    the demo writes through the same apply step as a report's. The kinds of one `stream`
    draw from one seeded random sequence, in the order of KINDS; a new kind takes a stream
    of its own, so that the other kinds' demo records stay as they were."""

    make: Callable[[random.Random, DemoWorld], list[dict]]
    stream: int


@dataclass(frozen=True)
class RecordKind:
    key: str  # the report kind (template file name, submission kind)
    columns: tuple[Column, ...]
    unique: tuple[str, ...]  # columns that identify a row within one file
    enums: dict[str, tuple[str, ...]]  # the vocabularies its enum columns use
    model: type[Any]  # the record table; its columns are read by name
    record_key: tuple[str, ...]  # report columns naming one record
    # their columns on the record table (default, left empty: the same names)
    model_key: tuple[str, ...] = ()
    # staged | keyed | task (dashboard.submissions); default, left empty: staged for a kind
    # with a history of its stages, keyed otherwise
    planner: str = ""
    province_column: str | None = "province_code"
    defaults: dict = field(default_factory=dict)
    stages: Stages | None = None
    history: History | None = None
    # vocabulary of the status a reviewer sees moving (default: its stages' vocabulary)
    status_group: str | None = None
    row_rules: tuple = ()
    name_columns: tuple[str, str, str] | None = None  # key, Chinese name, English name
    # what counting rules and drill-downs call its records (default: the key)
    record_type: str | None = None
    # the page listing the records, pages/<file> (default: the key's plural, "<key>s.py")
    registry_page: str | None = None
    # permission needed to edit a record on its page (default, for a kind with editors:
    # "edit_<key>")
    edit_action: str | None = None
    # the roles granted edit_action, each with its scope: (role, ALL or OWN) pairs
    # (dashboard.permission_scopes); dashboard.permissions grants them
    editors: tuple[tuple[str, str], ...] = ()
    map_measure: str | None = None  # the map's measure for this kind (catalog key part)
    # the demo database holds synthetic records of this kind: made by `demo_rows`, or (the
    # first four kinds, built with their histories) by dashboard/demo.py itself
    demo: bool = True
    demo_rows: DemoRows | None = None
    link: Link | None = None  # a column naming a record that must exist (see Link)
    # (longitude, latitude, datum) report columns of a location (dashboard.locations): the
    # record keeps the datum as location_datum (dashboard.models.common.Located) and a row
    # gives both coordinates or neither, a rule that follows the kind's own `row_rules`
    location: tuple[str, str, str] | None = None
    listing: Listing = Listing()  # how its registry lists the records
    # the report column a drill-down shows as a record's state (default: the stage column)
    state: str | None = None
    # a coordinator's template comes with their province's records as rows to update
    # (pipelines.prefill): for provincial kinds whose rows move records through their stages
    prefill: bool = False
    # report column -> record column, for the columns the record keeps under another name
    renamed: dict[str, str] = field(default_factory=dict)
    # record columns a row rule fills beside the report's (the standards' adopted standard)
    derived: tuple[str, ...] = ()
    # report column -> record column of every value a row writes besides its key and the
    # stage its history keeps: `derived`, then each column under its `renamed` name or its own
    attrs: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        if self.location is not None:
            self._locate(*self.location)
        keys = {c.key for c in self.columns}
        if not set(self.renamed) <= keys:
            raise ValueError(f"{self.key}: renames columns it lacks: {set(self.renamed) - keys}")
        for name, default in self._defaults().items():
            if getattr(self, name) in (None, "", ()):
                object.__setattr__(self, name, default)
        object.__setattr__(self, "attrs", self._attrs())

    def _locate(self, longitude: str, latitude: str, datum: str) -> None:
        """What a location brings: the datum's record column and the pair rule (once: a
        `dataclasses.replace` of a located kind passes both back in)."""
        object.__setattr__(self, "renamed", self.renamed | {datum: "location_datum"})
        pair = BothOrNeither(longitude, latitude, "location_pair")
        if pair not in self.row_rules:
            object.__setattr__(self, "row_rules", (*self.row_rules, pair))

    def _defaults(self) -> dict[str, str | tuple[str, ...] | None]:
        """The values of the names a kind leaves out (None, or empty): those that follow
        from its key, its record key, its stages, its history and its editors."""
        return {
            "model_key": self.record_key,
            "planner": "staged" if self.history else "keyed",
            "record_type": self.key,
            "registry_page": f"{self.key}s.py",
            "edit_action": f"edit_{self.key}" if self.editors else None,
            "status_group": self.stages.group if self.stages else None,
        }

    def _attrs(self) -> dict[str, str]:
        if self.planner == "task":
            return {}  # the task planner writes a task's update and status itself
        kept = set(self.record_key)
        if self.stages and self.history:
            kept |= {self.stages.column, self.stages.date_column}
        attrs = {c: c for c in self.derived}
        return attrs | {
            c.key: self.renamed.get(c.key, c.key) for c in self.columns if c.key not in kept
        }

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.required)

    @property
    def date_fields(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.type == "date")

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def model_column(self, key: str) -> str:
        """The record table's column that a report column is kept in."""
        if key in self.record_key:
            return self.model_key[self.record_key.index(key)]
        if self.stages and key == self.stages.column:
            return self.stages.model_stage
        if self.stages and key == self.stages.date_column:
            return self.stages.model_stage_date
        return self.attrs.get(key, key)

    @property
    def model_state(self) -> str | None:
        """The record's column holding its state (its stage, status or event), if any."""
        column = self.state or (self.stages.column if self.stages else None)
        return None if column is None else self.model_column(column)

    @property
    def model_names(self) -> tuple[str, str, str] | None:
        """The record's (key, Chinese name, English name) columns (from `name_columns`)."""
        if self.name_columns is None:
            return None
        key, zh, en = (self.model_column(c) for c in self.name_columns)
        return key, zh, en

    def label(self, lang: str) -> str:
        return t(f"report_kind.{self.key}", lang)

    @property
    def label_keys(self) -> list[str]:
        """Every catalog key the kind needs: its name, its page title and its enum values."""
        keys = [f"report_kind.{self.key}"]
        for group, values in self.enums.items():
            keys += [f"{group}.{v}" for v in values]
        return keys


def forward_only(
    group: str, values: tuple[str, ...], column: str = "stage", date_column: str = "stage_date"
) -> Stages:
    """A stage machine whose stages (`values`, vocabulary `group`) only move forward, kept in
    the record's columns of the report columns' names; a new record may start at any stage
    (it is often first reported part way)."""

    def rank(stage: str) -> int:
        return values.index(stage)

    def allowed(current: str | None, new: str) -> bool:
        return new in values and (current is None or rank(new) > rank(current))

    return Stages(column, date_column, group, allowed, rank, column, date_column)
