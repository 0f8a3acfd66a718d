"""Query parameters of the API, checked before anything reaches the database.

Every parameter is bounded: an unknown parameter, a repeated one, a value longer than
MAX_VALUE_CHARS, a date that is not YYYY-MM-DD (or outside 2000-2099), a value outside its
vocabulary or a page size over MAX_PAGE_SIZE is a `BadParameter`, which the API answers with
400 and a message naming the parameter, in the caller's language (`lang`).
"""

from __future__ import annotations

import re
from datetime import date

from starlette.datastructures import QueryParams

from dashboard import vocab
from dashboard.i18n import LANGS

MAX_VALUE_CHARS = 200
MAX_PAGE = 1_000_000
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
PROVINCE_CODE = re.compile(r"[0-9]{6}")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
COMMON = ("lang",)
PAGING = ("page", "page_size", "format")
FORMATS = ("json", "csv")
# The values of each list parameter (comma-separated), by its name in the OpenAPI document,
# where a registry's `status` is a standard's or a review's: the routes check these, the
# document lists these.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "kind": vocab.DELIVERABLE_KINDS,
    "category": vocab.DELIVERABLE_CATEGORIES,
    "standard_status": vocab.DELIVERABLE_STATUSES,
    "review_status": vocab.REVIEW_STATUSES,
    "stage": vocab.PILOT_ALL_STAGES,
    "industry": vocab.INDUSTRIES,
}


class BadParameter(ValueError):
    """`key` names the message (`api.param.<key>` in the catalog)."""

    def __init__(self, name: str, key: str, **values):
        super().__init__(f"{name}: {key}")
        self.name, self.key, self.values = name, key, values


def lang_of(params: QueryParams, accept_language: str = "") -> str:
    """`lang` when it is zh or en, else the first of Accept-Language that is, else zh."""
    if params.get("lang") in LANGS:
        return params["lang"]
    for part in accept_language.split(",")[:10]:
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGS:
            return code
    return "zh"


class Query:
    """The request's query parameters, limited to `allowed` (plus `lang`)."""

    def __init__(self, params: QueryParams, allowed: tuple[str, ...]):
        self.allowed = set(allowed) | set(COMMON)
        self.values: dict[str, str] = {}
        for name in params:
            if name not in self.allowed:
                raise BadParameter(name[:40], "unknown", allowed=", ".join(sorted(self.allowed)))
            given = params.getlist(name)
            if len(given) > 1:
                raise BadParameter(name, "repeated")
            if len(given[0]) > MAX_VALUE_CHARS:
                raise BadParameter(name, "too_long", max=MAX_VALUE_CHARS)
            if CONTROL.search(given[0]):
                raise BadParameter(name, "control")
            self.values[name] = given[0]
        if "lang" in self.values and self.values["lang"] not in LANGS:
            raise BadParameter("lang", "choice", choices=", ".join(LANGS))

    def text(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def day(self, name: str, default: date) -> date:
        raw = self.text(name)
        if not raw:
            return default
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
                raise ValueError(raw)
            value = date.fromisoformat(raw)
        except ValueError:
            raise BadParameter(name, "date") from None
        if not EARLIEST <= value <= LATEST:
            raise BadParameter(name, "date_range", first=EARLIEST, last=LATEST)
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: str | None) -> str | None:
        raw = self.text(name)
        if not raw:
            return default
        if raw not in choices:
            raise BadParameter(name, "choice", choices=", ".join(choices))
        return raw

    def choices(self, name: str, vocabulary: tuple[str, ...]) -> tuple[str, ...]:
        """A comma-separated list of values from `vocabulary` (each at most once)."""
        raw = self.text(name)
        if not raw:
            return ()
        picked = tuple(dict.fromkeys(v.strip() for v in raw.split(",") if v.strip()))
        if not picked or any(v not in vocabulary for v in picked):
            raise BadParameter(name, "choice", choices=", ".join(vocabulary))
        return picked

    def integer(self, name: str, default: int | None, low: int, high: int) -> int | None:
        raw = self.text(name)
        if not raw:
            return default
        if not re.fullmatch(r"[0-9]{1,9}", raw) or not low <= int(raw) <= high:
            raise BadParameter(name, "integer", low=low, high=high)
        return int(raw)

    def province(self, name: str = "province") -> str | None:
        raw = self.text(name)
        if not raw:
            return None
        if not PROVINCE_CODE.fullmatch(raw):
            raise BadParameter(name, "province")
        return raw

    def paging(self) -> tuple[int, int, str]:
        """(page, page_size, format)."""
        page = self.integer("page", 1, 1, MAX_PAGE)
        size = self.integer("page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
        return page, size, self.choice("format", FORMATS, "json")
