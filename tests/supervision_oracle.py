"""Hand-built supervision records that exercise each clause of the measures, and a small
evaluator written here from the rules as the page states them
(dashboard/i18n/catalog_supervision.json). The evaluator shares no code with
dashboard.supervision: it reads the plain lists the records were built from.
tests/test_supervision.py compares it with the measures computed in SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dashboard.kinds.energy_measurement_review import EnergyMeasurementReview, EnergyReviewEntry
from dashboard.kinds.provincial_plan import ProvincialPlan
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot, ZeroCarbonParkStage
from dashboard.models import MeasurementReview, Pilot, PilotStage, ReviewStatusEntry
from tests import builders as b

SET_UP = {"approved", "under_construction", "midterm_evaluation", "accepted"}
REVIEW_SET_UP = {"in_review", "rectification", "completed"}
PARK_SET_UP = {"approved", "under_construction", "accepted"}
MAINLAND = ["110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000",
            "310000", "320000", "330000", "340000", "350000", "360000", "370000", "410000",
            "420000", "430000", "440000", "450000", "460000", "500000", "510000", "520000",
            "530000", "540000", "610000", "620000", "630000", "640000", "650000"]  # fmt: skip
SUPERVISED = [*MAINLAND, "XPCC"]
D = date


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def history(*entries: tuple) -> list[tuple]:
    """A record's entries, (state, day) or (state, day, key of the entry it corrects), as
    (entry key, state, day, corrects key) with the keys "a", "b", ... in order."""
    keyed = []
    for n, (state, day, *corrects) in enumerate(entries):
        keyed.append((chr(ord("a") + n), state, day, corrects[0] if corrects else None))
    return keyed


# The records, as plain lists: (province, code, [(entry key, state, day, corrects key)])
PILOTS = [
    # set up 2024-03-01; mid-term overdue after 365 days, acceptance overdue after 730
    ("330000", "ZJ-1", history(("approved", D(2024, 3, 1)), ("under_construction", D(2024, 6, 1)))),
    # at mid-term evaluation: only the acceptance limit applies
    ("330000", "ZJ-2", history(("approved", D(2024, 3, 1)),
                               ("midterm_evaluation", D(2024, 12, 1)))),
    # an approval corrected to "applied": never set up, never overdue
    ("330000", "ZJ-3", history(("approved", D(2024, 1, 10)), ("applied", D(2024, 1, 10), "a"))),
    # revoked: an exit, not set up, not overdue
    ("330000", "ZJ-4", history(("approved", D(2024, 1, 1)), ("revoked", D(2024, 5, 1)))),
    # accepted: set up, nothing due
    ("330000", "ZJ-5", history(("approved", D(2024, 1, 1)), ("accepted", D(2024, 9, 1)))),
    # two entries on one day: the later id wins (approved, then under construction)
    ("370000", "SD-1", history(("applied", D(2024, 2, 1)), ("approved", D(2025, 9, 1)),
                               ("under_construction", D(2025, 9, 1)))),
    # Hong Kong is not supervised: its records appear nowhere
    ("810000", "HK-1", history(("approved", D(2024, 1, 1)))),
]  # fmt: skip
REVIEWS = [
    # planned and never moved: stalled after 180 days
    ("330000", "R-ZJ-1", history(("planned", D(2024, 5, 1)))),
    # completed: set up, never stalled
    ("330000", "R-ZJ-2", history(("in_review", D(2024, 5, 1)), ("completed", D(2024, 8, 1)))),
    # in rectification, moved again later: the latest entry's day counts
    ("370000", "R-SD-1", history(("in_review", D(2024, 6, 1)), ("rectification", D(2025, 1, 1)))),
    # a completion corrected away: back in review since 2024-06-01
    ("370000", "R-SD-2", history(("in_review", D(2024, 6, 1)), ("completed", D(2024, 7, 1)),
                                 ("in_review", D(2024, 6, 1), "b"))),
]  # fmt: skip
# zero-carbon park measurement pilots: (province, park name, entries as above)
PARKS = [
    # applied in 2024, approved on 2025-02-01: set up from that day only
    ("330000", "ZJ-Park-1", history(("applied", D(2024, 6, 1)), ("approved", D(2025, 2, 1)))),
    # an approval corrected to "applied": never set up
    ("330000", "ZJ-Park-2", history(("approved", D(2024, 9, 1)), ("applied", D(2024, 9, 1), "a"))),
    # accepted when first reported: set up
    ("370000", "SD-Park-1", history(("accepted", D(2024, 10, 1)))),
    # three entries on one day: the latest id wins (under construction)
    ("370000", "SD-Park-2", history(("applied", D(2025, 3, 2)), ("approved", D(2025, 3, 2)),
                                    ("under_construction", D(2025, 3, 2)))),
    # Hong Kong is not supervised
    ("810000", "HK-Park", history(("approved", D(2024, 1, 1)))),
]  # fmt: skip
# energy measurement reviews: (province, USCC, entries as above)
ENERGY = [
    # planned since 2024-05-01 and never moved: not set up, and not a stalled carbon review
    ("330000", "E-ZJ-1", history(("planned", D(2024, 5, 1)))),
    # in review from 2024-11-01, completed later: set up throughout
    ("330000", "E-ZJ-2", history(("in_review", D(2024, 11, 1)), ("completed", D(2025, 3, 2)))),
    # a start of review corrected to "planned": never set up
    ("370000", "E-SD-1", history(("in_review", D(2025, 2, 1)), ("planned", D(2025, 2, 1), "a"))),
    # in rectification from 2026-03-02: counts from that day, not the day before
    ("650000", "E-XJ-1", history(("rectification", D(2026, 3, 2)))),
    # Macao is not supervised
    ("820000", "E-MO-1", history(("in_review", D(2024, 6, 1)))),
]  # fmt: skip
# (key, province, kind, submitted, status, decided)
SUBMISSIONS = [
    ("s1", "370000", "pilot_status", at(D(2024, 10, 15), 23), "returned", at(D(2025, 1, 20))),
    ("s2", "370000", "standard", at(D(2025, 1, 16)), "returned", at(D(2025, 1, 20))),
    ("s3", "370000", "standard", at(D(2025, 2, 1)), "staged", None),  # resubmits s2
    ("s4", "370000", "measurement_review", at(D(2025, 1, 10)), "returned", at(D(2025, 1, 21))),
    ("s5", "370000", "measurement_review", at(D(2025, 2, 2)), "rejected", None),  # no resubmission
    ("s6", "370000", "task_progress", at(D(2025, 2, 3)), "returned", at(D(2025, 3, 1))),
    ("s7", "330000", "pilot_status", at(D(2024, 9, 20)), "accepted", at(D(2024, 9, 25))),
    ("s8", "330000", "pilot_status", at(D(2025, 4, 1)), "processing", None),
    ("s9", "330000", "standard", at(D(2025, 3, 10)), "accepted", at(D(2025, 3, 12))),
]  # fmt: skip
# the limits' edges: 2024-03-01 + 365 days = 2025-03-01, + 730 = 2026-03-01 (not yet overdue);
# 2024-05-01 + 180 = 2024-10-28
# provincial plans: (province, status, issue date, recorded on)
PLANS = [
    ("330000", "issued", D(2025, 1, 10), D(2024, 11, 1)),  # drafting from 11-01, issued 01-10
    ("370000", "drafting", None, D(2025, 2, 20)),  # none before it was recorded
    ("810000", "issued", D(2024, 12, 1), D(2024, 12, 1)),  # not supervised
]
DAYS = [D(2024, 10, 28), D(2024, 10, 29), D(2025, 1, 25), D(2025, 2, 15), D(2025, 3, 1),
        D(2025, 3, 2), D(2025, 4, 20), D(2026, 3, 1), D(2026, 3, 2)]  # fmt: skip


# each kind of record with a history: its rows above, its model, its columns from its key,
# the column of its current state, and its history's model, owner column and state column
# (each state column has its day in the column of the same name with "_date")
HISTORIES = [
    (PILOTS, Pilot, lambda code: {"code": code, "name": f"试点{code}", "pilot_type": "park",
                                  "industry": "steel"},
     "current_stage", PilotStage, "pilot_id", "stage"),
    (REVIEWS, MeasurementReview, lambda uscc: {"uscc": uscc, "enterprise_name": f"企业{uscc}",
                                               "industry": "power"},
     "status", ReviewStatusEntry, "review_id", "status"),
    (PARKS, ZeroCarbonParkPilot, lambda name: {"park_name": name, "park_type": "industrial"},
     "stage", ZeroCarbonParkStage, "park_id", "stage"),
    (ENERGY, EnergyMeasurementReview, lambda uscc: {"uscc": uscc, "unit_name": f"单位{uscc}",
                                                    "field": "data_center"},
     "status", EnergyReviewEntry, "review_id", "status"),
]  # fmt: skip


def build(session) -> None:
    ids: dict = {}
    for rows, model, columns, current, entry_model, owner, state in HISTORIES:
        for prov, key, entries in rows:
            _k, latest, since, _c = entries[-1]  # the record is at its last entry's state
            now = {current: latest, f"{current}_date": since}
            record = model(**columns(key), province_code=prov, **now)
            session.add(record)
            session.flush()
            for entry_key, value, day, corrects in entries:  # a correction names its target
                e = entry_model(
                    **{owner: record.id, state: value, f"{state}_date": day},
                    recorded_by="t",
                    corrects_id=ids.get((key, corrects)),
                )
                session.add(e)
                session.flush()
                ids[(key, entry_key)] = e.id
    for prov, status, issued, recorded in PLANS:
        session.add(ProvincialPlan(province_code=prov, status=status, issue_date=issued,
                                   created_at=at(recorded)))  # fmt: skip
    for key, prov, kind, when, status, decided in SUBMISSIONS:
        b.submission(
            session,
            filename=f"{key}.csv",
            kind=kind,
            province_code=prov,
            submitted_at=when,
            status=status,
            decided_at=decided,
        )
    session.commit()


# --- the evaluator: the rules as written on the page ----------------------------------


def state_on(entries, day):
    """The latest entry on or before the day that no correction replaces (date, then order)."""
    replaced = {c for *_x, c in entries if c}
    live = [(d, i, s) for i, (k, s, d, _c) in enumerate(entries) if k not in replaced and d <= day]
    return max(live)[2] if live else None, max(live)[0] if live else None, live


def quarters(day):
    """(label, due, window start, window end exclusive) of every quarter due by the day."""
    out, y, q = [], 2024, 3
    while True:
        last_month = 3 * q
        due = D(y + (q == 4), last_month % 12 + 1, 15)
        if due > day:
            return out
        start = D(y, last_month, 1)
        ny, nq = (y + 1, 1) if q == 4 else (y, q + 1)
        end = D(ny, 3 * nq, 1)
        out.append((f"{y}Q{q}", due, start, end))
        y, q = ny, nq


def evaluate(day):
    result = {}
    for prov in SUPERVISED:
        reports = [
            w.date()
            for _k, p, _kind, w, s, _d in SUBMISSIONS
            if p == prov and w.date() <= day and s not in ("rejected", "processing")
        ]
        on_time = late = missing = 0
        for _label, due, start, end in quarters(day):
            inside = [r for r in reports if start <= r < end]
            if not inside:
                missing += 1
            elif min(inside) <= due:
                on_time += 1
            else:
                late += 1
        pilots = reviews = 0
        overdue = []
        for p, code, entries in PILOTS:
            if p != prov:
                continue
            state, _last, live = state_on(entries, day)
            pilots += state in SET_UP
            firsts = [d for d, _i, s in live if s in SET_UP]
            if not firsts:
                continue
            age = (day - min(firsts)).days
            if state in ("approved", "under_construction", "midterm_evaluation") and age > 730:
                overdue.append(("acceptance", code))
            elif state in ("approved", "under_construction") and age > 365:
                overdue.append(("midterm", code))
        for p, uscc, entries in REVIEWS:
            if p != prov:
                continue
            state, last, _live = state_on(entries, day)
            reviews += state in REVIEW_SET_UP
            if state in ("planned", "in_review", "rectification") and (day - last).days > 180:
                overdue.append(("review_stalled", uscc))
        parks = sum(state_on(e, day)[0] in PARK_SET_UP for p, _n, e in PARKS if p == prov)
        energy = sum(state_on(e, day)[0] in REVIEW_SET_UP for p, _u, e in ENERGY if p == prov)
        returns = []
        for key, p, kind, _w, status, decided in SUBMISSIONS:
            if p != prov or status != "returned" or decided.date() > day:
                continue
            again = [
                k
                for k, p2, kind2, w2, s2, _d in SUBMISSIONS
                if p2 == p
                and kind2 == kind
                and k != key
                and decided < w2
                and w2.date() <= day
                and s2 not in ("rejected", "processing")
            ]
            if not again:
                returns.append(f"{key}.csv")
        plan = "none"
        for p, status, issued, recorded in PLANS:
            if p == prov and status == "issued" and issued <= day:
                plan = "issued"
            elif p == prov and recorded <= day:
                plan = "drafting"
        score = {"none": 3, "drafting": 1, "issued": 0}[plan] + (
            late
            + 2 * missing
            + (2 if pilots == 0 else 0)
            + (1 if reviews == 0 else 0)
            + (1 if parks == 0 else 0)
            + (1 if energy == 0 else 0)
            + min(len(overdue), 5)
            + len(returns)
        )
        result[prov] = {
            "timeliness": (on_time, late, missing),
            "set_up": (pilots, reviews, parks, energy),
            "set_up_points": (2 * (pilots == 0), reviews == 0, parks == 0, energy == 0),
            "overdue": sorted(overdue),
            "returns": sorted(returns),
            "plan": plan,
            "score": score,
        }
    ordered = sorted(result, key=lambda c: (-result[c]["score"], c))
    for i, code in enumerate(ordered):
        before = ordered[i - 1] if i else None
        same = before and result[before]["score"] == result[code]["score"]
        result[code]["rank"] = result[before]["rank"] if same else i + 1
    return ordered, result
