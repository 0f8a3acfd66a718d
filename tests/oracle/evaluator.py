"""The counting rule of docs/PROGRAMMES.md ("The counting rule", "What a rule means, exactly"),
evaluated in plain Python over plain records.

Written from the document alone: it imports nothing from the project and shares no code with
the SQL engine, so the two can be held against each other.

Records are plain dicts:

- deliverable: {id, number, kind, category, status, issue_date, started_on,
  implementation_date, withdrawn_on, province_code}
- pilot: {id, code, pilot_type, industry, province_code, uscc (optional),
  history: [(entry_id, date, stage, corrects_id), ...]}
- measurement review: {id, uscc, industry, province_code, history: [...]}
- standard adoption: {id, standard_number, event, event_date} (no province, no status)

`evaluate(...)` returns {key: (since, representative_id, province_code)} for the
de-duplication keys that count on *end* (the earlier of the as-of date and the deadline).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

RECORD_TYPES = ("deliverable", "pilot", "measurement_review", "standard_adoption")
DATE_FIELDS = ("issue_date", "started_on", "implementation_date")

# "em dash, en dash and hyphen are the same"
_DASHES = {"\u2014": "-", "\u2013": "-"}


def number_key(number: str) -> str:
    """A standard number with every em dash and en dash written as a hyphen."""
    return "".join(_DASHES.get(ch, ch) for ch in number)


def base_number_key(number: str) -> str:
    """`number_key` without one trailing batch letter that follows a digit
    (`GBW(E) 130113a` and `GBW(E) 130113b` are one)."""
    key = number_key(number)
    if len(key) >= 2 and key[-1].isascii() and key[-1].isalpha() and key[-2].isdigit():
        return key[:-1]
    return key


def end_of(deadline: date, as_of: date) -> date:
    return min(deadline, as_of)


# ---------------------------------------------------------------- date events (deliverables)


def deliverable_since(spec: Mapping, rec: Mapping, window_start: date, end: date) -> date | None:
    """The record's event date if it counts on `end`, else None."""
    if "kinds" in spec and spec["kinds"] is not None and rec["kind"] not in spec["kinds"]:
        return None
    cats = spec.get("categories")
    if cats is not None and rec["category"] not in cats:
        return None
    prefixes = spec.get("number_prefixes")
    if prefixes is not None and not any(number_key(rec["number"]).startswith(p) for p in prefixes):
        return None
    exit_statuses = (spec.get("exit") or {}).get("statuses", [])
    if rec["status"] not in spec["statuses"] and rec["status"] not in exit_statuses:
        return None  # a status in neither list never counts
    day = rec.get(spec["event"]["date"])
    if day is None or not (window_start <= day <= end):
        return None
    exit_ = spec.get("exit")
    if exit_ and rec["status"] in exit_["statuses"]:
        gone = rec.get(exit_["date"])
        if gone is None or not gone > end:  # counts only while still in force on `end`
            return None
    return day


# ------------------------------------------------------- stage events (pilots, reviews)


def effective_entries(history: Iterable) -> list[tuple]:
    """Entries no later correction replaces, ordered by (date, entry order)."""
    entries = [tuple(e) for e in history]
    replaced = set()
    for entry_id, _day, _stage, corrects in entries:
        if corrects is not None and entry_id > corrects:
            replaced.add(corrects)
    kept = [e for e in entries if e[0] not in replaced]
    return sorted(kept, key=lambda e: (e[1], e[0]))


def state_on(history: Iterable, day: date) -> str | None:
    """The stage of the latest effective entry on or before `day` (None before the first)."""
    state = None
    for _entry_id, d, stage, _c in effective_entries(history):
        if d > day:
            break
        state = stage
    return state


def history_since(history: Iterable, enters: Iterable[str], end: date) -> date | None:
    """The first day on or before `end` whose state (end-of-day) is in `enters`."""
    enters = set(enters)
    eff = effective_entries(history)
    days = sorted({e[1] for e in eff if e[1] <= end})
    for d in days:
        if state_on(eff, d) in enters:
            return d
    return None


def history_record_since(
    spec: Mapping, rec: Mapping, window_start: date, end: date, record_type: str
) -> date | None:
    kinds = spec.get("kinds")
    if kinds is not None:
        if record_type != "pilot":
            raise ValueError("kinds apply to deliverables and pilots only")
        if rec["pilot_type"] not in kinds:
            return None
    cats = spec.get("categories")
    if cats is not None and rec["industry"] not in cats:
        return None
    enters = set(spec["event"]["enters"])
    if state_on(rec["history"], end) not in enters:
        return None
    since = history_since(rec["history"], enters, end)
    if since is None or not (window_start <= since <= end):
        return None
    return since


# --------------------------------------------------------- date events (standards' adoptions)


def adoption_since(spec: Mapping, rec: Mapping, window_start: date, end: date) -> date | None:
    """The adoption's event date if its event is one of `kinds` and the date is in
    [window_start, end]; an adoption has no status and no exit."""
    kinds = spec.get("kinds")
    if kinds is not None and rec["event"] not in kinds:
        return None
    day = rec["event_date"]
    return day if window_start <= day <= end else None


# ------------------------------------------------------------------------------ the figure


def dedupe_key(spec: Mapping, rec: Mapping):
    how = spec.get("dedupe", "record")
    if how == "record":
        return ("record", rec["id"])
    if how == "number":
        # an adoption's number is the number of the standard it is about
        return ("number", number_key(rec["number"] if "number" in rec else rec["standard_number"]))
    if how == "base_number":
        return ("base_number", base_number_key(rec["number"]))
    if how == "uscc":
        if rec.get("uscc") is None:
            # not said by the document: a record without a code is one on its own
            return ("record", rec["id"])
        return ("uscc", rec["uscc"])
    raise ValueError(f"unknown dedupe {how!r}")


def evaluate(
    spec: Mapping,
    *,
    window_start: date,
    deadline: date,
    as_of: date,
    deliverables: Iterable[Mapping] = (),
    pilots: Iterable[Mapping] = (),
    reviews: Iterable[Mapping] = (),
    adoptions: Iterable[Mapping] = (),
) -> dict:
    """{key: (since, representative_id, province_code)} of what counts on *end*."""
    end = end_of(deadline, as_of)
    record_type = spec["records"]
    if record_type == "deliverable":
        pool, since_of = deliverables, lambda r: deliverable_since(spec, r, window_start, end)
    elif record_type == "pilot":
        pool = pilots
        since_of = lambda r: history_record_since(spec, r, window_start, end, "pilot")  # noqa: E731
    elif record_type == "measurement_review":
        pool = reviews
        since_of = lambda r: history_record_since(  # noqa: E731
            spec, r, window_start, end, "measurement_review"
        )
    elif record_type == "standard_adoption":
        if spec.get("province", "record") != "national":
            raise ValueError("standard adoptions are counted nationally only")
        pool = adoptions
        since_of = lambda r: adoption_since(spec, r, window_start, end)  # noqa: E731
    else:
        raise ValueError(f"unknown records {record_type!r}")
    out: dict = {}
    for rec in pool:
        since = since_of(rec)
        if since is None:
            continue
        key = dedupe_key(spec, rec)
        if key not in out:
            out[key] = (since, rec["id"], rec.get("province_code"))
            continue
        old_since, old_id, old_prov = out[key]
        new_since = min(old_since, since)
        if rec["id"] < old_id:
            out[key] = (new_since, rec["id"], rec.get("province_code"))
        else:
            out[key] = (new_since, old_id, old_prov)
    return out


def count(spec: Mapping, *, province: str | None = None, **kwargs) -> int:
    """The figure: distinct keys; with `province`, those whose representative is there."""
    result = evaluate(spec, **kwargs)
    if province is None:
        return len(result)
    return sum(1 for _s, _r, p in result.values() if p == province)


def by_province(spec: Mapping, **kwargs) -> dict:
    """{province_code or None: number of keys}; the values sum to the national figure."""
    out: dict = {}
    for _since, _rep, prov in evaluate(spec, **kwargs).values():
        out[prov] = out.get(prov, 0) + 1
    return out
