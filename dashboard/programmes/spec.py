"""The counting rule of a target as a declarative spec (docs/PROGRAMMES.md, "The counting
rule"): parsed from a plain dict, checked field by field. A bad spec raises `SpecError`
naming the field path and the reason (a catalog key, so pages show it in the viewer's
language)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.i18n import t
from dashboard.vocab import (
    DELIVERABLE_CATEGORIES,
    DELIVERABLE_KINDS,
    DELIVERABLE_STATUSES,
    INDUSTRIES,
    PILOT_ALL_STAGES,
    PILOT_TYPES,
    REVIEW_STATUSES,
)

RECORDS = ("deliverable", "pilot", "measurement_review", "standard_adoption")
HISTORY_RECORDS = ("pilot", "measurement_review")
DATE_EVENTS = ("issue_date", "started_on", "implementation_date")
# standards' adoptions (dashboard.kinds.standard_adoption): what happened, and on which day
ADOPTION_EVENTS = (
    "adopted_into_green_product_list",
    "converted_to_industry_standard",
    "converted_to_national_standard",
    "international_proposal_submitted",
    "international_standard_published",
)
RECORD_DATE_EVENTS = {"deliverable": DATE_EVENTS, "standard_adoption": ("event_date",)}
EXIT_DATES = ("withdrawn_on",)
DEDUPES = {
    "deliverable": ("record", "number", "base_number"),
    "pilot": ("record", "uscc"),
    "measurement_review": ("record", "uscc"),
    "standard_adoption": ("record", "number"),
}
PROVINCE_MODES = ("record", "national")
STAGES = {"pilot": PILOT_ALL_STAGES, "measurement_review": REVIEW_STATUSES}
# the values a counting rule's "kinds" may name, per record type
KIND_VALUES = {
    "deliverable": DELIVERABLE_KINDS,
    "pilot": PILOT_TYPES,
    "measurement_review": (),
    "standard_adoption": ADOPTION_EVENTS,
}
CATEGORIES = {
    "deliverable": DELIVERABLE_CATEGORIES,
    "pilot": INDUSTRIES,
    "measurement_review": INDUSTRIES,
    "standard_adoption": (),
}
FIELDS = (
    "records",
    "kinds",
    "categories",
    "number_prefixes",
    "statuses",
    "event",
    "exit",
    "dedupe",
    "province",
)


class SpecError(ValueError):
    """A field of a programme file is wrong: `path` names it, `reason` is a catalog key
    (programme.error.<reason>) and `detail` fills its placeholders."""

    def __init__(self, path: str, reason: str, **detail):
        self.path, self.reason, self.detail = path, reason, detail
        super().__init__(f"{path}: {reason} {detail}" if detail else f"{path}: {reason}")

    def text(self, lang: str) -> str:
        """Where, then why, in the reader's language."""
        values = {k: str(v) for k, v in self.detail.items()}
        return f"{self.path}: {t(f'programme.error.{self.reason}', lang, **values)}"


@dataclass(frozen=True)
class CountingSpec:
    records: str
    event_date: str | None = None  # a date field (deliverables) ...
    enters: tuple[str, ...] = ()  # ... or the stages a history enters (pilots, reviews)
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    number_prefixes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    exit_statuses: tuple[str, ...] = ()
    exit_date: str | None = None
    dedupe: str = "record"
    province: str = "record"
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_history(self) -> bool:
        return self.records in HISTORY_RECORDS

    def as_dict(self) -> dict:
        """The JSON form (what `parse_counting` reads), with empty fields left out."""
        out: dict = {"records": self.records}
        for name in ("kinds", "categories", "number_prefixes", "statuses"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        out["event"] = (
            {"date": self.event_date} if self.event_date else {"enters": list(self.enters)}
        )
        if self.exit_statuses:
            out["exit"] = {"statuses": list(self.exit_statuses), "date": self.exit_date}
        out["dedupe"] = self.dedupe
        out["province"] = self.province
        return out


def _str_list(value, path: str, allowed: tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise SpecError(path, "not_a_list")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise SpecError(f"{path}[{i}]", "not_text")
        if allowed is not None:
            one_of(item, allowed, f"{path}[{i}]")
        if item in out:
            raise SpecError(f"{path}[{i}]", "repeated", value=item)
        out.append(item)
    return tuple(out)


def one_of(value, allowed: tuple[str, ...], path: str) -> str:
    if value not in allowed:
        raise SpecError(path, "unknown_value", value=str(value)[:40], allowed=", ".join(allowed))
    return value


def _only(kind: str, value, path: str) -> None:
    if value is not None:
        raise SpecError(path, "not_for_records", records=kind)


def parse_counting(raw, path: str = "counting") -> CountingSpec:
    """A CountingSpec from its JSON form, or SpecError naming the first wrong field."""
    if not isinstance(raw, dict):
        raise SpecError(path, "not_an_object")
    for key in raw:
        if key not in FIELDS:
            raise SpecError(f"{path}.{key}", "unknown_field")
    records = one_of(raw.get("records"), RECORDS, f"{path}.records")
    kinds = KIND_VALUES[records]
    if records == "measurement_review":
        _only(records, raw.get("kinds"), f"{path}.kinds")
    kinds_v = _str_list(raw.get("kinds"), f"{path}.kinds", kinds)
    if records == "standard_adoption":
        _only(records, raw.get("categories"), f"{path}.categories")
    cats = _str_list(raw.get("categories"), f"{path}.categories", CATEGORIES[records])
    prefixes, statuses = (), ()
    if records == "deliverable":
        prefixes = _str_list(raw.get("number_prefixes"), f"{path}.number_prefixes", None)
        statuses = _str_list(raw.get("statuses"), f"{path}.statuses", DELIVERABLE_STATUSES)
        if not statuses:
            raise SpecError(f"{path}.statuses", "required")
    else:
        _only(records, raw.get("number_prefixes"), f"{path}.number_prefixes")
        _only(records, raw.get("statuses"), f"{path}.statuses")

    event = raw.get("event")
    if not isinstance(event, dict) or len(event) != 1:
        raise SpecError(f"{path}.event", "event_shape")
    event_date, enters = None, ()
    if records in RECORD_DATE_EVENTS:
        if "date" not in event:
            raise SpecError(f"{path}.event", "event_needs_date")
        event_date = one_of(event["date"], RECORD_DATE_EVENTS[records], f"{path}.event.date")
    else:
        if "enters" not in event:
            raise SpecError(f"{path}.event", "event_needs_enters")
        enters = _str_list(event["enters"], f"{path}.event.enters", STAGES[records])
        if not enters:
            raise SpecError(f"{path}.event.enters", "required")

    exit_statuses, exit_date = (), None
    exit_ = raw.get("exit")
    if exit_ is not None:
        if records != "deliverable":
            raise SpecError(f"{path}.exit", "exit_history")
        if not isinstance(exit_, dict) or set(exit_) != {"statuses", "date"}:
            raise SpecError(f"{path}.exit", "exit_shape")
        exit_statuses = _str_list(exit_["statuses"], f"{path}.exit.statuses", DELIVERABLE_STATUSES)
        if not exit_statuses:
            raise SpecError(f"{path}.exit.statuses", "required")
        exit_date = one_of(exit_["date"], EXIT_DATES, f"{path}.exit.date")

    dedupe = one_of(raw.get("dedupe", "record"), DEDUPES[records], f"{path}.dedupe")
    province = one_of(raw.get("province", "record"), PROVINCE_MODES, f"{path}.province")
    if records == "standard_adoption" and province != "national":  # adoptions have none
        raise SpecError(f"{path}.province", "national_only", records=records)
    return CountingSpec(
        records=records,
        event_date=event_date,
        enters=enters,
        kinds=kinds_v,
        categories=cats,
        number_prefixes=prefixes,
        statuses=statuses,
        exit_statuses=exit_statuses,
        exit_date=exit_date,
        dedupe=dedupe,
        province=province,
    )
