"""The SQL engine against the plain-Python evaluator on random records: seeded histories with
same-day entries, exits and returns, corrections; standards with duplicate numbers written
with an em dash, an en dash or a hyphen; reference material batches; random rules and as-of
dates. On SQLite and PostgreSQL.

The stage sets of the random rules reach the spans as a programme load brings them
(`ensure_sets`), before the records are written (the writer refreshes them) or after (the
load builds them from the histories). An unregistered set is refused (test_truth_cases)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

import dashboard.models  # noqa: F401  (the models before the spans module)
from dashboard.progress.spans import ensure_sets, set_key
from dashboard.vocab import DELIVERABLE_STATUSES, PILOT_ALL_STAGES, REVIEW_STATUSES
from tests.oracle import evaluator as ev
from tests.oracle.store import engine_api, insert

SEEDS = range(30)
PROVINCES = ("110000", "320000", "330000", "340000", "440000")
INDUSTRIES = ("power", "steel", "chemical", "building_materials")
CATEGORIES = ("carbon_accounting", "carbon_footprint", "ccus", "measurement")
DASHES = ("-", "\u2014", "\u2013")
KIND_NUMBERS = {
    "national_standard": lambda r, n: f"GB/T {3000 + n}{r.choice(DASHES)}2024",
    "measurement_spec": lambda r, n: (
        f"JJF {1200 + n}{r.choice(DASHES)}2024"
        if r.random() < 0.7
        else f"JJF(\u7696) {200 + n}{r.choice(DASHES)}2025"
    ),
    "verification_regulation": lambda r, n: f"JJG {1200 + n}{r.choice(DASHES)}2024",
    "reference_material": lambda r, n: f"GBW(E) {130110 + n}{r.choice(['', 'a', 'b', 'c'])}",
    "technology_study": lambda r, n: f"KJ-{n}",
    "group_standard": lambda r, n: f"T/CAS {n}{r.choice(DASHES)}2024",
    "industry_standard": lambda r, n: f"{r.choice(['HJ', 'HJ/T', 'NB/T'])} {1300 + n}-2024",
}
COMMON_KINDS = (*KIND_NUMBERS, "national_standard", "measurement_spec", "reference_material")
NUMBER_PREFIXES = (["GB/T ", "GB "], ["JJF "], ["GBW"], ["JJF ", "JJG "], ["T/"])
FIRST, LAST = date(2023, 6, 1), date(2026, 6, 30)
NEAR = (date(2023, 10, 1), date(2026, 3, 31))  # deliverables' dates


def _day(r: random.Random, lo=FIRST, hi=LAST) -> date:
    return lo + timedelta(days=r.randrange((hi - lo).days + 1))


def _maybe(r: random.Random, p: float, value):
    return value if r.random() < p else None


# ------------------------------------------------------------------------------- records


def _restyle(r: random.Random, number: str) -> str:
    dash = r.choice(DASHES)
    number = "".join(dash if ch in DASHES else ch for ch in number)
    if number[-1].isalpha():
        number = number[:-1]
    if number.startswith("GBW"):
        number += r.choice(("", "a", "b", "c", "d"))
    return number


def random_deliverables(r: random.Random, n: int) -> list[dict]:
    out, used = [], set()
    while len(out) < n:
        twin = r.choice(out) if out and r.random() < 0.35 else None
        if twin:  # the same standard again: another dash, another batch, same kind
            kind, category = twin["kind"], twin["category"]
            number = _restyle(r, twin["number"])
        else:
            kind, category = r.choice(COMMON_KINDS), r.choice(CATEGORIES)
            number = KIND_NUMBERS[kind](r, r.randrange(4))  # few numbers: many duplicates
        if (kind, number) in used:
            continue
        used.add((kind, number))
        status = r.choice((*DELIVERABLE_STATUSES, "issued", "issued", "withdrawn"))
        if twin and r.random() < 0.6:
            status = twin["status"]
        out.append(
            {
                "id": len(out) + 1,
                "number": number,
                "kind": kind,
                "category": category,
                "status": status,
                "issue_date": _maybe(r, 0.85, _day(r, *NEAR)),
                "started_on": _maybe(r, 0.6, _day(r, *NEAR)),
                "implementation_date": _maybe(r, 0.5, _day(r, *NEAR)),
                "withdrawn_on": _maybe(r, 0.7 if status == "withdrawn" else 0.15, _day(r, *NEAR)),
                "province_code": _maybe(r, 0.8, r.choice(PROVINCES)),
            }
        )
        if twin:  # near the first one's dates: both may count on one day
            for f in ev.DATE_FIELDS:
                if twin[f] and r.random() < 0.7:
                    out[-1][f] = twin[f] + timedelta(days=r.choice((0, -20, 20, 90)))
    return out


def random_history(r: random.Random, stages, next_id) -> list[tuple]:
    """Entries in the order written: some on the same day, some dated before earlier ones,
    some correcting an earlier entry (possibly a correction)."""
    day = _day(r, date(2023, 9, 1), date(2025, 9, 1))
    entries = []
    for _ in range(r.randint(1, 6)):
        if entries and r.random() < 0.2:
            target = r.choice(entries)
            when = target[1] + timedelta(days=r.choice((0, 0, 0, 9, -9, 40)))
            entries.append((next_id(), when, r.choice(stages), target[0]))
            continue
        day += timedelta(days=r.choice((0, 0, 1, 20, 60, 150, -30)))
        entries.append((next_id(), day, r.choice(stages), None))
    return entries


def random_records(seed: int) -> dict:
    r = random.Random(seed)
    counter = iter(range(1, 10**6))
    nxt = lambda: next(counter)  # noqa: E731
    usccs = [f"91{seed:02d}0000MA0000{i:04d}" for i in range(5)]
    pilots = [
        {
            "id": i + 1,
            "code": None,
            "pilot_type": r.choice(("enterprise", "park")),
            "industry": r.choice(INDUSTRIES),
            "province_code": r.choice(PROVINCES),
            "uscc": r.choice(usccs),  # shared: pilots of one enterprise
            "history": random_history(r, PILOT_ALL_STAGES, nxt),
        }
        for i in range(10)
    ]
    reviews = [
        {
            "id": i + 1,
            "uscc": f"91{seed:02d}1111MA0000{i:04d}",
            "industry": r.choice(INDUSTRIES),
            "province_code": r.choice(PROVINCES),
            "history": random_history(r, REVIEW_STATUSES, nxt),
        }
        for i in range(10)
    ]
    return {"deliverables": random_deliverables(r, 36), "pilots": pilots, "reviews": reviews}


# ------------------------------------------------------------------------------- rules


def _subset(r: random.Random, values, p_absent=0.4):
    if r.random() < p_absent:
        return None
    return r.sample(list(values), r.randint(1, len(values)))


def random_spec(r: random.Random) -> dict:
    records = r.choice(("deliverable", "deliverable", "pilot", "measurement_review"))
    spec: dict = {"records": records}
    if records == "deliverable":
        if r.random() < 0.6:
            spec["kinds"] = r.sample(list(KIND_NUMBERS), r.randint(1, 3))
        cats = _subset(r, CATEGORIES, 0.7)
        if cats:
            spec["categories"] = cats
        if r.random() < 0.3:
            spec["number_prefixes"] = r.choice(NUMBER_PREFIXES)
        spec["statuses"] = r.sample(DELIVERABLE_STATUSES, r.randint(1, 3))
        if r.random() < 0.7 and "issued" not in spec["statuses"]:
            spec["statuses"].append("issued")
        if r.random() < 0.4 and "withdrawn" not in spec["statuses"]:
            spec["statuses"].append("withdrawn")
        spec["event"] = {"date": r.choice(ev.DATE_FIELDS)}
        if "withdrawn" in spec["statuses"] and r.random() < 0.7:
            spec["exit"] = {"statuses": ["withdrawn"], "date": "withdrawn_on"}
        spec["dedupe"] = r.choice(("record", "number", "base_number"))
    else:
        stages = PILOT_ALL_STAGES if records == "pilot" else REVIEW_STATUSES
        if records == "pilot" and r.random() < 0.3:
            spec["kinds"] = [r.choice(("enterprise", "park"))]
        cats = _subset(r, INDUSTRIES, 0.7)
        if cats:
            spec["categories"] = cats
        spec["event"] = {"enters": r.sample(stages, r.randint(1, 4))}
        spec["dedupe"] = r.choice(("record", "uscc"))
    spec["province"] = "national" if r.random() < 0.15 else "record"
    return spec


def random_window(r: random.Random) -> tuple[date, date]:
    start = r.choice((date(2023, 7, 1), date(2024, 1, 1), date(2024, 6, 15), date(2025, 1, 1)))
    deadline = r.choice((date(2024, 12, 31), date(2025, 6, 30), date(2025, 12, 31)))
    return start, max(start, deadline)


def as_of_dates(r: random.Random, start: date, deadline: date, records: dict) -> list[date]:
    days = {d for rec in records["pilots"] + records["reviews"] for _i, d, _s, _c in rec["history"]}
    days |= {
        rec[f]
        for rec in records["deliverables"]
        for f in (*ev.DATE_FIELDS, "withdrawn_on")
        if rec[f]
    }
    picks = [
        r.choice(sorted(days)),
        r.choice(sorted(days)),
        r.choice(
            (start - timedelta(days=1), start, deadline, deadline + timedelta(days=1), _day(r))
        ),
    ]
    return sorted(set(picks))


# ------------------------------------------------------------------------------- the test


def _category(record_type: str, rec: dict):
    return rec["category"] if record_type == "deliverable" else rec["industry"]


def _show(rec: dict) -> str:
    return repr({k: v for k, v in rec.items() if v is not None and k != "code"})


@pytest.mark.parametrize("seed", SEEDS)
def test_engine_agrees_with_the_evaluator(osession, seed):
    parse_counting, count_records, records_counted = engine_api()
    r = random.Random(10_000 + seed)
    plain = random_records(seed)
    specs = [random_spec(r) for _ in range(5)]
    sets = [(s["records"], set_key(s["event"]["enters"])) for s in specs if "enters" in s["event"]]
    # when the rules' stage sets are registered: before the records are written (the flush
    # hook keeps their spans) or after (registering builds them from the histories)
    mode = ("before", "after")[seed % 2]
    if mode == "before":
        ensure_sets(osession.connection(), sets)
    stored = insert(osession, **plain)
    if mode == "after":
        ensure_sets(osession.connection(), sets)
    pools = {
        "deliverable": stored["deliverables"],
        "pilot": stored["pilots"],
        "measurement_review": stored["reviews"],
    }
    problems = []
    for spec in specs:
        start, deadline = random_window(r)
        parsed = parse_counting(spec)
        pool = {rec["id"]: rec for rec in pools[spec["records"]]}
        national = spec["province"] == "national"
        for as_of in as_of_dates(r, start, deadline, plain):
            kw = dict(window_start=start, deadline=deadline, as_of=as_of)
            want = ev.evaluate(spec, **kw, **stored)
            want_rows = {
                (spec["records"], rep, None if national else prov, since)
                for since, rep, prov in want.values()
            }
            rows = records_counted(osession, parsed, **kw)
            got_rows = {(x[0], x[1], None if national else x[2], x[4]) for x in rows}
            total = count_records(osession, parsed, **kw)
            where = f"seed {seed} (sets registered: {mode}) spec {spec} {kw}"
            if total != len(want):
                problems.append(f"{where}: count {total}, evaluator {len(want)}")
            if got_rows != want_rows or len(rows) != len(want):
                diff = got_rows ^ want_rows
                shown = "\n      ".join(
                    _show(pool[i]) for i in sorted({x[1] for x in diff}) if i in pool
                )
                problems.append(
                    f"{where}: rows only in engine {sorted(got_rows - want_rows, key=repr)}, "
                    f"only in evaluator {sorted(want_rows - got_rows, key=repr)}"
                    f" (n={len(rows)})\n      {shown}"
                )
            for x in rows:
                if x[1] in pool and x[3] != _category(spec["records"], pool[x[1]]):
                    problems.append(
                        f"{where}: row {x} category, record has "
                        f"{_category(spec['records'], pool[x[1]])}"
                    )
            if not national:
                per = {}
                for _s, _rep, prov in want.values():
                    per[prov] = per.get(prov, 0) + 1
                for prov in r.sample(PROVINCES, 1):
                    n = count_records(osession, parsed, **kw, province=prov)
                    if n != per.get(prov, 0):
                        problems.append(
                            f"{where}: province {prov} count {n}, evaluator {per.get(prov, 0)}"
                        )
    assert not problems, f"{len(problems)} disagreements\n" + "\n".join(problems[:8])
