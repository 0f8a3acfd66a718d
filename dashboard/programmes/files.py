"""Programme files (docs/PROGRAMMES.md): read and check one policy document's definition.

`parse_programme(raw)` turns the JSON form into plain dataclasses or raises `SpecError`
naming the first wrong field (`targets[2].deadline`) and the reason."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.programmes.spec import CountingSpec, SpecError, one_of, parse_counting
from dashboard.settings import REPO_ROOT

PROGRAMME_DIR = REPO_ROOT / "data" / "programmes"
MAX_FILE_BYTES = 1_000_000
COMPARISONS = ("at_least", "more_than", "about")
_CODE = re.compile(r"[A-Za-z0-9_-]{2,16}")
_MILESTONE_CODE = re.compile(r"[A-Za-z0-9_-]{1,8}")
PROGRAMME_FIELDS = {
    "code",
    "doc_number",
    "title_zh",
    "title_en",
    "issuers",
    "issued_on",
    "clauses",
    "targets",
    "milestones",
    "seed_file",
}
TARGET_FIELDS = {
    "code",
    "name_zh",
    "name_en",
    "quantity",
    "comparison",
    "unit_zh",
    "unit_en",
    "window_start",
    "deadline",
    "clause",
    "quote_zh",
    "quote_en",
    "why_zh",
    "why_en",
    "counting",
    "retired_on",
    "change_note_zh",
    "change_note_en",
}
MILESTONE_FIELDS = {"code", "name_zh", "name_en", "deadline", "clause", "quote_zh", "quote_en"}
MILESTONE_FIELDS |= {"counting", "window_start"}  # optional: what it counts, from when
CLAUSE_FIELDS = {"ref", "zh", "en", "quote_zh", "quote_en"}


@dataclass(frozen=True)
class Clause:
    ref: str
    zh: str
    en: str
    quote_zh: str | None
    quote_en: str | None


@dataclass(frozen=True, kw_only=True)
class Commitment:
    """What a programme commits to by a date, target or milestone: its code and names, the
    deadline, and the clause (with the document's words, when quoted) that sets it."""

    code: str
    name_zh: str
    name_en: str
    deadline: date
    clause: Clause
    quote_zh: str | None = None
    quote_en: str | None = None


@dataclass(frozen=True, kw_only=True)
class TargetDef(Commitment):
    quantity: int
    comparison: str
    unit_zh: str
    unit_en: str
    window_start: date
    counting: CountingSpec
    why_zh: str | None = None
    why_en: str | None = None
    retired_on: date | None = None
    change_note_zh: str | None = None
    change_note_en: str | None = None

    def definition_key(self) -> tuple:
        """What may not change without a change note."""
        return (
            self.quantity,
            self.comparison,
            self.window_start,
            self.deadline,
            self.counting.as_dict(),
        )


@dataclass(frozen=True, kw_only=True)
class MilestoneDef(Commitment):
    # a milestone with no number to meet may still count records: the figure beside its
    # status is computed by this rule over [window_start, deadline]
    counting: CountingSpec | None = None
    window_start: date | None = None


@dataclass(frozen=True)
class Programme:
    code: str
    doc_number: str
    title_zh: str
    title_en: str
    issuers: tuple[str, ...]
    issued_on: date
    clauses: tuple[Clause, ...]
    targets: tuple[TargetDef, ...]
    milestones: tuple[MilestoneDef, ...]
    seed_file: str | None
    raw: dict


def _text(obj: dict, key: str, path: str, *, required: bool = True, limit: int = 4000):
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip() and required):
        if required:
            raise SpecError(f"{path}.{key}", "required")
        return None
    if not isinstance(value, str):
        raise SpecError(f"{path}.{key}", "not_text")
    if len(value) > limit:
        raise SpecError(f"{path}.{key}", "too_long", limit=limit)
    return value.strip()


def _date(obj: dict, key: str, path: str, *, required: bool = True) -> date | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise SpecError(f"{path}.{key}", "required")
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SpecError(f"{path}.{key}", "not_a_date", value=str(value)[:40]) from None


def _check_fields(obj, allowed: set[str], path: str) -> None:
    if not isinstance(obj, dict):
        raise SpecError(path, "not_an_object")
    for key in obj:
        if key not in allowed:
            raise SpecError(f"{path}.{key}", "unknown_field")


def _list(obj: dict, key: str, path: str) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise SpecError(f"{path}.{key}", "not_a_list")
    return value


def _clauses(raw: dict) -> dict[str, Clause]:
    out: dict[str, Clause] = {}
    for i, c in enumerate(_list(raw, "clauses", "programme")):
        path = f"clauses[{i}]"
        _check_fields(c, CLAUSE_FIELDS, path)
        ref = _text(c, "ref", path, limit=40)
        if ref in out:
            raise SpecError(f"{path}.ref", "repeated", value=ref)
        out[ref] = Clause(
            ref,
            _text(c, "zh", path, limit=1000),
            _text(c, "en", path, limit=1000),
            _text(c, "quote_zh", path, required=False),
            _text(c, "quote_en", path, required=False),
        )
    return out


def _clause(obj: dict, path: str, clauses: dict[str, Clause]) -> Clause:
    ref = _text(obj, "clause", path, limit=40)
    if ref not in clauses:
        raise SpecError(f"{path}.clause", "unknown_clause", value=ref)
    return clauses[ref]


def _commitment(obj: dict, path: str, clauses: dict[str, Clause], code: str) -> dict:
    """A target's or a milestone's shared fields, checked (`code` checked by the caller)."""
    return {
        "code": code,
        "name_zh": _text(obj, "name_zh", path, limit=400),
        "name_en": _text(obj, "name_en", path, limit=400),
        "deadline": _date(obj, "deadline", path),
        "clause": _clause(obj, path, clauses),
        "quote_zh": _text(obj, "quote_zh", path, required=False),
        "quote_en": _text(obj, "quote_en", path, required=False),
    }


def _target(t, path: str, clauses: dict[str, Clause]) -> TargetDef:
    _check_fields(t, TARGET_FIELDS, path)
    code = _text(t, "code", path, limit=16)
    if not _CODE.fullmatch(code):
        raise SpecError(f"{path}.code", "bad_code", value=code)
    quantity = t.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 0 < quantity < 10**7:
        raise SpecError(f"{path}.quantity", "bad_quantity", value=str(quantity)[:20])
    comparison = one_of(t.get("comparison", "at_least"), COMPARISONS, f"{path}.comparison")
    window_start = _date(t, "window_start", path)
    deadline = _date(t, "deadline", path)
    if window_start > deadline:
        raise SpecError(f"{path}.window_start", "window_after_deadline")
    return TargetDef(
        **_commitment(t, path, clauses, code),
        quantity=quantity,
        comparison=comparison,
        unit_zh=_text(t, "unit_zh", path, limit=40),
        unit_en=_text(t, "unit_en", path, limit=80),
        window_start=window_start,
        counting=parse_counting(t.get("counting"), f"{path}.counting"),
        why_zh=_text(t, "why_zh", path, required=False),
        why_en=_text(t, "why_en", path, required=False),
        retired_on=_date(t, "retired_on", path, required=False),
        change_note_zh=_text(t, "change_note_zh", path, required=False),
        change_note_en=_text(t, "change_note_en", path, required=False),
    )


def _milestone_counting(m: dict, path: str) -> tuple[CountingSpec | None, date | None]:
    """A milestone's optional counting rule and window: both or neither."""
    if "counting" not in m and "window_start" not in m:
        return None, None
    if "counting" not in m:
        raise SpecError(f"{path}.counting", "required")
    window_start = _date(m, "window_start", path)
    if window_start > _date(m, "deadline", path):
        raise SpecError(f"{path}.window_start", "window_after_deadline")
    return parse_counting(m["counting"], f"{path}.counting"), window_start


def parse_programme(raw, *, departments: set[str] | None = None) -> Programme:
    """A checked programme, or SpecError naming the first wrong field."""
    _check_fields(raw, PROGRAMME_FIELDS, "programme")
    code = _text(raw, "code", "programme", limit=16)
    if not _CODE.fullmatch(code):
        raise SpecError("programme.code", "bad_code", value=code)
    issuers = _list(raw, "issuers", "programme")
    for i, dept in enumerate(issuers):
        if not isinstance(dept, str) or (departments is not None and dept not in departments):
            raise SpecError(f"issuers[{i}]", "unknown_department", value=str(dept)[:40])
    clauses = _clauses(raw)
    targets, seen = [], set()
    for i, t in enumerate(_list(raw, "targets", "programme")):
        target = _target(t, f"targets[{i}]", clauses)
        if target.code in seen:
            raise SpecError(f"targets[{i}].code", "repeated", value=target.code)
        seen.add(target.code)
        targets.append(target)
    milestones, seen = [], set()
    for i, m in enumerate(_list(raw, "milestones", "programme")):
        path = f"milestones[{i}]"
        _check_fields(m, MILESTONE_FIELDS, path)
        mcode = _text(m, "code", path, limit=8)
        if not _MILESTONE_CODE.fullmatch(mcode) or mcode in seen:
            raise SpecError(f"{path}.code", "bad_code", value=mcode)
        seen.add(mcode)
        counting, window_start = _milestone_counting(m, path)
        shared = _commitment(m, path, clauses, mcode)
        milestones.append(MilestoneDef(**shared, counting=counting, window_start=window_start))
    return Programme(
        code=code,
        doc_number=_text(raw, "doc_number", "programme", required=False, limit=80) or "",
        title_zh=_text(raw, "title_zh", "programme", limit=200),
        title_en=_text(raw, "title_en", "programme", limit=300),
        issuers=tuple(issuers),
        issued_on=_date(raw, "issued_on", "programme"),
        clauses=tuple(clauses.values()),
        targets=tuple(targets),
        milestones=tuple(milestones),
        seed_file=_text(raw, "seed_file", "programme", required=False, limit=200),
        raw=raw,
    )


def read_programme_bytes(data: bytes):
    """The JSON of an uploaded or read file, bounded in size; SpecError if it is not JSON."""
    if len(data) > MAX_FILE_BYTES:
        raise SpecError("file", "file_too_big", limit=MAX_FILE_BYTES)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SpecError("file", "not_json", detail=str(exc)[:120]) from None


def shipped_files(directory: Path = PROGRAMME_DIR) -> list[Path]:
    return sorted(directory.glob("*.json"))


def canonical_json(raw: dict) -> str:
    return json.dumps(raw, ensure_ascii=False, indent=2, sort_keys=False)
