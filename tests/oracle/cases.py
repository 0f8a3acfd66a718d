"""Hand-built records with hand-computed figures, one group for each clause of the counting
rule in docs/PROGRAMMES.md. Each check names, for one as-of date, the representative record
of every key that counts and the key's *since*: the figure is their number, the provincial
figures follow from the representatives' provinces."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial

W = date(2024, 1, 1)  # window start of most cases
DL = date(2025, 12, 31)  # deadline of most cases

SET_UP = ["approved", "under_construction", "midterm_evaluation", "accepted"]
REVIEWING = ["in_review", "rectification", "completed"]


def D(s: str) -> date:
    return date.fromisoformat(s)


def std(
    id,
    number,
    *,
    kind="national_standard",
    category="carbon_accounting",
    status="issued",
    issue=None,
    started=None,
    impl=None,
    withdrawn_on=None,
    province=None,
):
    return {
        "id": id,
        "number": number,
        "kind": kind,
        "category": category,
        "status": status,
        "issue_date": D(issue) if issue else None,
        "started_on": D(started) if started else None,
        "implementation_date": D(impl) if impl else None,
        "withdrawn_on": D(withdrawn_on) if withdrawn_on else None,
        "province_code": province,
    }


def _hist(entries):
    out = []
    for e in entries:
        eid, day, stage, *rest = e
        out.append((eid, D(day), stage, rest[0] if rest else None))
    return out


def pil(id, history, *, pilot_type="park", industry="steel", province="330000", uscc=None):
    return {
        "id": id,
        "code": None,
        "pilot_type": pilot_type,
        "industry": industry,
        "province_code": province,
        "uscc": uscc,
        "history": _hist(history),
    }


def rev(id, history, *, industry="power", province="370000", uscc=None):
    return {
        "id": id,
        "uscc": uscc or f"91370000{id:09d}X",
        "industry": industry,
        "province_code": province,
        "history": _hist(history),
    }


def approved(id, day, **kw):
    """A pilot whose one entry, numbered as the pilot, approves it on `day`."""
    return pil(id, [(id, day, "approved")], **kw)


def in_review(id, day, **kw):
    """A review whose one entry, numbered as the review, starts it on `day`."""
    return rev(id, [(id, day, "in_review")], **kw)


# deliverables of one kind
material = partial(std, kind="reference_material", category="measurement")
jjf = partial(std, kind="measurement_spec")
study = partial(std, kind="technology_study")

# in review, in rectification from 2024-05-01, back in review from 2024-08-01
BACK_IN_REVIEW = [
    (1, "2024-02-01", "in_review"),
    (2, "2024-05-01", "rectification"),
    (3, "2024-08-01", "in_review"),
]


def _spec(records, defaults, more):
    return {"records": records, **defaults, "dedupe": "record", "province": "record", **more}


def pilot_spec(**kw):
    return _spec("pilot", {"event": {"enters": SET_UP}}, kw)


def review_spec(**kw):
    return _spec("measurement_review", {"event": {"enters": REVIEWING}}, kw)


def deliv_spec(**kw):
    return _spec("deliverable", {"statuses": ["issued"], "event": {"date": "issue_date"}}, kw)


GB_SPEC = {  # the example of the document, word for word
    "records": "deliverable",
    "kinds": ["national_standard"],
    "categories": ["carbon_accounting", "carbon_footprint"],
    "number_prefixes": ["GB ", "GB/T ", "GB/Z "],
    "statuses": ["issued"],
    "event": {"date": "issue_date"},
    "exit": {"statuses": ["withdrawn"], "date": "withdrawn_on"},
    "dedupe": "number",
    "province": "record",
}


@dataclass
class Case:
    """`checks` and the dates may be written as ISO strings: [(as_of, {rep id: since})]."""

    name: str
    clause: str
    spec: dict
    checks: list  # [(as_of, {representative id: since})]
    deliverables: list = field(default_factory=list)
    pilots: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    window_start: date = W
    deadline: date = DL

    def __post_init__(self):
        self.checks = [(_day(a), {r: _day(s) for r, s in reps.items()}) for a, reps in self.checks]
        self.window_start, self.deadline = _day(self.window_start), _day(self.deadline)

    def records(self):
        return {"deliverables": self.deliverables, "pilots": self.pilots, "reviews": self.reviews}

    def by_id(self):
        pool = {
            "deliverable": self.deliverables,
            "pilot": self.pilots,
            "measurement_review": self.reviews,
        }[self.spec["records"]]
        return {r["id"]: r for r in pool}


def _day(d: date | str) -> date:
    return D(d) if isinstance(d, str) else d


# an exit status that counts until its exit date
GB_UNTIL_WITHDRAWN = {**GB_SPEC, "statuses": ["issued", "withdrawn"]}
WITHDRAWN_IN_2025 = std(
    1,
    "GB/T 41-2024",
    status="withdrawn",
    issue="2024-06-01",
    withdrawn_on="2025-03-01",
    province="110000",
)
# the national JJF and a provincial one
JJF_AND_PROVINCIAL_JJF = [
    jjf(1, "JJF 1001-2024", issue="2024-05-01"),
    jjf(2, "JJF(\u7696) 218-2025", issue="2025-03-01", province="340000"),
]
JJF_AND_JJG = [
    jjf(1, "JJF 1002-2024", issue="2024-05-01"),
    std(2, "JJG 1234-2024", kind="verification_regulation", issue="2024-08-01"),
]
ISSUED_AND_IMPLEMENTED = [
    std(1, "GB/T 61-2023", issue="2023-11-01", impl="2024-03-01"),
    std(2, "GB/T 62-2024", issue="2024-02-01"),  # no implementation date
]

CASES = [
    # ------------------------------------------------------------------ window start
    Case(
        "pilot_approved_before_window_never_counts",
        "Stage events: since falls in [window_start, end]",
        pilot_spec(),
        pilots=[
            pil(
                1,
                [
                    (1, "2023-03-01", "applied"),
                    (2, "2023-06-01", "approved"),
                    (3, "2024-05-01", "under_construction"),
                ],
            ),
            pil(
                2, [(4, "2023-11-01", "applied"), (5, "2024-02-01", "approved")], province="110000"
            ),
        ],
        checks=[
            ("2023-12-31", {}),
            ("2024-01-31", {}),
            ("2024-06-30", {2: "2024-02-01"}),
            ("2025-12-31", {2: "2024-02-01"}),
        ],
    ),
    Case(
        "review_started_before_window_never_counts",
        "Stage events: since falls in [window_start, end]",
        review_spec(),
        reviews=[
            rev(1, [(1, "2023-10-01", "in_review"), (2, "2024-03-01", "completed")]),
            rev(
                2, [(3, "2023-12-01", "planned"), (4, "2024-01-01", "in_review")], province="440000"
            ),
        ],
        checks=[
            ("2023-12-31", {}),
            ("2024-01-01", {2: "2024-01-01"}),
            ("2024-12-31", {2: "2024-01-01"}),
        ],
    ),
    Case(
        "standard_issued_before_window_or_on_its_first_day",
        "Date events: event date in [window_start, end]",
        deliv_spec(),
        deliverables=[
            std(1, "GB/T 1-2023", issue="2023-12-31"),
            std(2, "GB/T 2-2024", issue="2024-01-01", province="110000"),
        ],
        checks=[("2023-12-31", {}), ("2024-01-01", {2: "2024-01-01"})],
    ),
    # ------------------------------------------------------------------ deadline and as-of
    Case(
        "nothing_after_the_deadline_counts_pilots",
        "end = the earlier of as-of and deadline",
        pilot_spec(),
        deadline="2024-12-31",
        pilots=[
            approved(1, "2025-06-01"),
            approved(2, "2024-11-30"),
            pil(3, [(3, "2024-10-01", "approved"), (4, "2025-02-01", "failed")]),
        ],
        checks=[
            ("2024-10-15", {3: "2024-10-01"}),
            ("2024-12-31", {2: "2024-11-30", 3: "2024-10-01"}),
            ("2025-12-31", {2: "2024-11-30", 3: "2024-10-01"}),
        ],
    ),
    Case(
        "nothing_after_the_deadline_counts_standards",
        "end = the earlier of as-of and deadline",
        deliv_spec(),
        deadline="2024-12-31",
        deliverables=[
            std(1, "GB/T 10-2024", issue="2024-12-31"),
            std(2, "GB/T 11-2025", issue="2025-01-10"),
        ],
        checks=[
            ("2024-12-30", {}),
            ("2024-12-31", {1: "2024-12-31"}),
            ("2025-06-30", {1: "2024-12-31"}),
        ],
    ),
    # ------------------------------------------------------------------ same day, order
    Case(
        "same_day_the_later_entry_wins",
        "Stage events: latest by date, then by entry order",
        pilot_spec(),
        pilots=[
            pil(
                1,
                [
                    (1, "2024-03-01", "applied"),
                    (2, "2024-04-01", "approved"),
                    (3, "2024-04-01", "withdrawn"),
                ],
            ),
            pil(2, [(4, "2024-04-01", "applied"), (5, "2024-04-01", "approved")]),
            # recorded in another order than dated: the date decides
            pil(3, [(6, "2024-05-01", "approved"), (7, "2024-02-01", "applied")]),
            pil(4, [(8, "2024-05-01", "withdrawn"), (9, "2024-02-01", "approved")]),
        ],
        checks=[
            ("2024-03-31", {4: "2024-02-01"}),
            ("2024-04-01", {2: "2024-04-01", 4: "2024-02-01"}),
            ("2024-12-31", {2: "2024-04-01", 3: "2024-05-01"}),
        ],
    ),
    Case(
        "since_is_the_first_day_the_state_was_in_the_set",
        "Stage events: since = first day whose state is in enters (not an entry overridden "
        "the same day)",
        pilot_spec(),
        window_start="2024-03-15",
        pilots=[
            pil(
                1,
                [
                    (1, "2024-03-01", "approved"),
                    (2, "2024-03-01", "withdrawn"),
                    (3, "2024-06-01", "approved"),
                ],
            ),
        ],
        checks=[("2024-05-31", {}), ("2024-06-30", {1: "2024-06-01"})],
    ),
    # ------------------------------------------------------------------ exits and returns
    Case(
        "pilot_exits_stop_counting_from_that_day",
        "Stage events: leaving the set stops it counting from that day",
        pilot_spec(),
        pilots=[
            pil(1, [(1, "2024-03-01", "approved"), (2, "2024-09-01", "revoked")]),
            pil(
                2,
                [
                    (3, "2024-03-01", "approved"),
                    (4, "2024-06-01", "under_construction"),
                    (5, "2024-10-01", "failed"),
                ],
                province="110000",
            ),
            pil(
                3,
                [(6, "2024-04-01", "approved"), (7, "2024-07-01", "withdrawn")],
                province="320000",
            ),
        ],
        checks=[
            ("2024-06-30", {1: "2024-03-01", 2: "2024-03-01", 3: "2024-04-01"}),
            ("2024-08-31", {1: "2024-03-01", 2: "2024-03-01"}),
            ("2024-09-01", {2: "2024-03-01"}),
            ("2024-10-01", {}),
        ],
    ),
    Case(
        "review_rectification_back_to_in_review_counts_again_with_the_same_since",
        "Stage events: coming back counts again, with the same since",
        review_spec(event={"enters": ["in_review", "completed"]}),
        reviews=[
            rev(1, BACK_IN_REVIEW),
            rev(
                2,
                [
                    (4, "2024-02-01", "in_review"),
                    (5, "2024-05-01", "planned"),
                    (6, "2024-08-01", "in_review"),
                ],
                province="110000",
            ),
        ],
        checks=[
            ("2024-04-30", {1: "2024-02-01", 2: "2024-02-01"}),
            ("2024-06-30", {}),
            ("2024-08-01", {1: "2024-02-01", 2: "2024-02-01"}),
        ],
    ),
    Case(
        "a_return_keeps_a_since_before_the_window",
        "Stage events: coming back counts again, with the same since",
        review_spec(event={"enters": ["in_review", "completed"]}),
        window_start="2024-03-01",
        reviews=[rev(1, BACK_IN_REVIEW)],
        checks=[("2024-04-30", {}), ("2024-08-31", {})],
    ),
    # ------------------------------------------------------------------ corrections
    Case(
        "a_correction_replaces_the_entry_it_corrects",
        "Stage events: an entry that a later correction replaces is ignored",
        pilot_spec(),
        pilots=[
            # the withdrawal was a mistake
            pil(
                1,
                [
                    (1, "2024-03-01", "approved"),
                    (2, "2024-06-01", "withdrawn"),
                    (3, "2024-06-01", "approved", 2),
                ],
            ),
            # the approval was a mistake
            pil(
                2,
                [
                    (4, "2024-03-01", "applied"),
                    (5, "2024-04-01", "approved"),
                    (6, "2024-04-01", "applied", 5),
                ],
                province="110000",
            ),
            # the approval was dated wrongly: 2024, not 2023
            pil(
                3,
                [(7, "2023-12-01", "approved"), (8, "2024-02-01", "approved", 7)],
                province="320000",
            ),
            # a correction of a correction
            pil(
                4,
                [
                    (9, "2024-03-01", "approved"),
                    (10, "2024-03-01", "failed", 9),
                    (11, "2024-03-01", "recommended", 10),
                ],
                province="440000",
            ),
        ],
        checks=[
            ("2024-01-15", {}),
            ("2024-12-31", {1: "2024-03-01", 3: "2024-02-01"}),
        ],
    ),
    Case(
        "a_review_correction",
        "Stage events: an entry that a later correction replaces is ignored",
        review_spec(),
        reviews=[
            rev(
                1,
                [
                    (1, "2024-02-01", "planned"),
                    (2, "2024-03-01", "in_review"),
                    (3, "2024-05-01", "in_review", 2),
                ],
            ),
        ],
        checks=[("2024-04-01", {}), ("2024-05-01", {1: "2024-05-01"})],
    ),
    # ------------------------------------------------------------------ de-duplication
    Case(
        "reference_material_batches_count_once_under_base_number",
        "De-duplication: base_number drops one trailing batch letter after a digit",
        deliv_spec(
            kinds=["reference_material"],
            number_prefixes=["GBW"],
            dedupe="base_number",
            statuses=["issued", "completed"],
            categories=["measurement"],
        ),
        deliverables=[
            material(1, "GBW(E) 130113a", issue="2024-05-01", province="110000"),
            material(2, "GBW(E) 130113b", issue="2024-03-01", province="320000"),
            material(3, "GBW(E) 130114", issue="2024-06-01"),
            material(4, "GBW 08123", status="completed", issue="2024-07-01", province="110000"),
        ],
        checks=[
            ("2024-04-01", {2: "2024-03-01"}),
            ("2024-12-31", {1: "2024-03-01", 3: "2024-06-01", 4: "2024-07-01"}),
        ],
    ),
    Case(
        "reference_material_batches_are_two_under_number",
        "De-duplication: number keeps the batch letter",
        deliv_spec(kinds=["reference_material"], number_prefixes=["GBW"], dedupe="number"),
        deliverables=[
            std(1, "GBW(E) 130113a", kind="reference_material", issue="2024-05-01"),
            std(2, "GBW(E) 130113b", kind="reference_material", issue="2024-03-01"),
        ],
        checks=[("2024-12-31", {1: "2024-05-01", 2: "2024-03-01"})],
    ),
    Case(
        "em_dash_en_dash_and_hyphen_numbers_count_once",
        "De-duplication: number keys ignore the dash style; earliest since, lowest id",
        deliv_spec(
            kinds=["measurement_spec"],
            number_prefixes=["JJF "],
            dedupe="number",
            categories=["measurement"],
        ),
        deliverables=[
            jjf(
                1,
                "JJF 1207\u20142008",
                category="measurement",
                issue="2024-05-10",
                province="340000",
            ),
            jjf(2, "JJF 1207-2008", category="measurement", issue="2024-05-01"),
            jjf(
                3,
                "JJF 1207\u20132008",
                category="measurement",
                issue="2024-06-01",
                province="110000",
            ),
        ],
        checks=[
            ("2024-05-05", {2: "2024-05-01"}),
            ("2024-12-31", {1: "2024-05-01"}),
        ],
    ),
    Case(
        "dashes_are_three_records_under_record",
        "De-duplication: record counts each record",
        deliv_spec(kinds=["measurement_spec"], dedupe="record"),
        deliverables=[
            jjf(1, "JJF 1207\u20142008", issue="2024-05-10"),
            jjf(2, "JJF 1207-2008", issue="2024-05-01"),
        ],
        checks=[("2024-12-31", {1: "2024-05-10", 2: "2024-05-01"})],
    ),
    Case(
        "pilots_of_one_enterprise_count_once_under_uscc",
        "De-duplication: uscc; the representative's province",
        pilot_spec(dedupe="uscc"),
        pilots=[
            approved(1, "2024-05-01", pilot_type="enterprise", uscc="91330000MA00000001"),
            approved(
                2,
                "2024-03-01",
                pilot_type="enterprise",
                uscc="91330000MA00000001",
                province="110000",
            ),
            approved(
                3,
                "2024-03-01",
                pilot_type="enterprise",
                uscc="91330000MA00000002",
                province="110000",
            ),
        ],
        checks=[
            ("2024-04-01", {2: "2024-03-01", 3: "2024-03-01"}),
            ("2024-12-31", {1: "2024-03-01", 3: "2024-03-01"}),
        ],
    ),
    # ------------------------------------------------------------------ filters
    Case(
        "jjf_prefix_excludes_provincial_jjf",
        "number_prefixes: the number starts with one of them",
        deliv_spec(kinds=["measurement_spec"], number_prefixes=["JJF "]),
        deliverables=JJF_AND_PROVINCIAL_JJF,
        checks=[("2025-12-31", {1: "2024-05-01"})],
    ),
    Case(
        "no_prefix_counts_provincial_jjf",
        "number_prefixes: optional",
        deliv_spec(kinds=["measurement_spec"]),
        deliverables=JJF_AND_PROVINCIAL_JJF,
        checks=[("2025-12-31", {1: "2024-05-01", 2: "2025-03-01"})],
    ),
    Case(
        "verification_regulation_is_not_a_measurement_spec",
        "kinds: only these",
        deliv_spec(kinds=["measurement_spec"]),
        deliverables=JJF_AND_JJG,
        checks=[("2024-12-31", {1: "2024-05-01"})],
    ),
    Case(
        "industry_standard_is_not_a_national_standard",
        "kinds: only these; number_prefixes",
        GB_SPEC,
        deliverables=[
            std(1, "GB/T 31-2024", issue="2024-05-01"),
            std(2, "HJ 1357-2024", kind="industry_standard", issue="2024-03-01"),
            std(3, "HJ/T 353-2024", kind="industry_standard", issue="2024-04-01"),
            # declared national by mistake: the number prefixes still keep it out
            std(4, "HJ 1358-2024", kind="national_standard", issue="2024-06-01"),
        ],
        checks=[("2024-12-31", {1: "2024-05-01"})],
    ),
    Case(
        "verification_regulation_counts_when_listed",
        "kinds: only these",
        deliv_spec(kinds=["measurement_spec", "verification_regulation"]),
        deliverables=JJF_AND_JJG,
        checks=[("2024-12-31", {1: "2024-05-01", 2: "2024-08-01"})],
    ),
    Case(
        "category_filter_on_deliverables",
        "categories: only these",
        deliv_spec(categories=["carbon_accounting", "carbon_footprint"]),
        deliverables=[
            std(1, "GB/T 21-2024", category="carbon_accounting", issue="2024-02-01"),
            std(2, "GB/T 22-2024", category="ccus", issue="2024-02-01"),
            std(3, "GB/T 23-2024", category="carbon_footprint", issue="2024-03-01"),
        ],
        checks=[("2024-12-31", {1: "2024-02-01", 3: "2024-03-01"})],
    ),
    Case(
        "category_and_kind_filters_on_pilots",
        "categories are industries, kinds are pilot types",
        pilot_spec(categories=["power"], kinds=["enterprise"]),
        pilots=[
            approved(1, "2024-03-01", industry="power", pilot_type="enterprise"),
            approved(2, "2024-03-01", industry="steel", pilot_type="enterprise"),
            approved(3, "2024-03-01", industry="power", pilot_type="park"),
        ],
        checks=[("2024-12-31", {1: "2024-03-01"})],
    ),
    Case(
        "category_filter_on_reviews",
        "categories are industries",
        review_spec(categories=["steel"]),
        reviews=[
            in_review(1, "2024-03-01", industry="power"),
            in_review(2, "2024-03-01", industry="steel"),
        ],
        checks=[("2024-12-31", {2: "2024-03-01"})],
    ),
    # ------------------------------------------------------------------ statuses
    Case(
        "measurement_standard_in_progress_with_a_date_does_not_count",
        "statuses: the record's status must be one of these",
        deliv_spec(kinds=["measurement_standard"], statuses=["issued", "completed"]),
        deliverables=[
            std(1, "MS-1", kind="measurement_standard", status="in_progress", issue="2024-05-01"),
            std(2, "MS-2", kind="measurement_standard", status="completed", issue="2024-06-01"),
        ],
        checks=[("2024-12-31", {2: "2024-06-01"})],
    ),
    Case(
        "withdrawn_or_planned_study_with_a_start_date_does_not_count",
        "statuses; event date started_on",
        deliv_spec(
            kinds=["technology_study"],
            statuses=["in_progress", "completed"],
            event={"date": "started_on"},
        ),
        deliverables=[
            study(1, "TS-1", status="withdrawn", started="2024-03-01"),
            study(2, "TS-2", status="planned", started="2024-04-01"),
            study(3, "TS-3", status="in_progress", started="2024-05-01"),
            study(4, "TS-4", status="completed", started="2024-02-01", issue="2023-06-01"),
            study(5, "TS-5", status="in_progress"),
        ],
        checks=[("2024-12-31", {3: "2024-05-01", 4: "2024-02-01"})],
    ),
    Case(
        "planned_or_withdrawn_standard_with_an_issue_date_does_not_count",
        "statuses; a status in neither list never counts; an exit status counts until its "
        "exit date",
        GB_SPEC,
        deliverables=[
            std(1, "GB/T 31-2024", status="planned", issue="2024-03-01"),
            std(
                2, "GB/T 32-2024", status="withdrawn", issue="2024-03-01", withdrawn_on="2025-03-01"
            ),
            std(3, "GB/T 33-2024", status="issued", issue="2024-05-01"),
        ],
        checks=[
            ("2024-12-31", {2: "2024-03-01", 3: "2024-05-01"}),
            ("2025-01-31", {2: "2024-03-01", 3: "2024-05-01"}),
        ],
    ),
    Case(
        "withdrawn_standard_counts_until_its_withdrawal",
        "exit: counts only if the exit date is set and later than end",
        GB_UNTIL_WITHDRAWN,
        deliverables=[
            WITHDRAWN_IN_2025,
            std(2, "GB/T 42-2024", status="withdrawn", issue="2024-04-01"),  # no exit date
            std(3, "GB/T 43-2024", status="issued", issue="2024-02-01"),
        ],
        checks=[
            ("2024-12-31", {1: "2024-06-01", 3: "2024-02-01"}),
            ("2025-02-28", {1: "2024-06-01", 3: "2024-02-01"}),
            ("2025-03-01", {3: "2024-02-01"}),
            ("2025-06-30", {3: "2024-02-01"}),
        ],
    ),
    Case(
        "withdrawn_after_the_deadline_counts_at_the_deadline",
        "exit date later than end, end = deadline",
        GB_UNTIL_WITHDRAWN,
        deadline="2024-12-31",
        deliverables=[WITHDRAWN_IN_2025],
        checks=[("2025-06-30", {1: "2024-06-01"})],
    ),
    Case(
        "without_an_exit_withdrawn_is_just_a_listed_status",
        "exit: optional",
        deliv_spec(statuses=["issued", "withdrawn"]),
        deliverables=[
            std(
                1, "GB/T 41-2024", status="withdrawn", issue="2024-06-01", withdrawn_on="2025-03-01"
            ),
            std(2, "GB/T 42-2024", status="withdrawn", issue="2024-04-01"),
        ],
        checks=[("2025-06-30", {1: "2024-06-01", 2: "2024-04-01"})],
    ),
    Case(
        "an_issued_record_with_a_withdrawal_date_still_counts",
        "exit applies to records whose status is an exit status",
        GB_UNTIL_WITHDRAWN,
        deliverables=[
            std(1, "GB/T 51-2024", status="issued", issue="2024-06-01", withdrawn_on="2025-03-01"),
        ],
        checks=[("2025-06-30", {1: "2024-06-01"})],
    ),
    # ------------------------------------------------------------------ event date field
    Case(
        "implementation_date_as_the_event",
        "event: {date: implementation_date}",
        deliv_spec(event={"date": "implementation_date"}),
        deliverables=ISSUED_AND_IMPLEMENTED,
        checks=[("2024-02-29", {}), ("2024-12-31", {1: "2024-03-01"})],
    ),
    Case(
        "issue_date_as_the_event_of_the_same_records",
        "event: {date: issue_date}",
        deliv_spec(),
        deliverables=ISSUED_AND_IMPLEMENTED,
        checks=[("2024-12-31", {2: "2024-02-01"})],
    ),
    # ------------------------------------------------------------------ province
    Case(
        "provinces_plus_no_province_equal_the_national_figure",
        "Province: record; the representative's province",
        {k: v for k, v in GB_SPEC.items() if k != "exit"},
        deliverables=[
            std(1, "GB/T 71-2024", issue="2024-02-01"),  # no province
            std(2, "GB/T 71\u20142024", issue="2024-01-15", province="110000"),  # same key
            std(3, "GB/T 72-2024", issue="2024-03-01", province="110000"),
            std(4, "GB/T 73-2024", issue="2024-03-01", province="110000"),
            std(5, "GB/T 74-2024", issue="2024-03-01", province="320000"),
            std(6, "GB 75-2024", issue="2024-04-01"),
            std(
                7,
                "GB/Z 76-2024",
                issue="2024-04-01",
                province="440000",
                category="carbon_footprint",
            ),
        ],
        checks=[
            ("2024-01-31", {2: "2024-01-15"}),
            (
                "2024-12-31",
                {
                    1: "2024-01-15",
                    3: "2024-03-01",
                    4: "2024-03-01",
                    5: "2024-03-01",
                    6: "2024-04-01",
                    7: "2024-04-01",
                },
            ),
        ],
    ),
    Case(
        "pilots_by_province",
        "Province: record",
        pilot_spec(),
        pilots=[
            approved(1, "2024-03-01", province="110000"),
            approved(2, "2024-03-01", province="110000"),
            approved(3, "2024-03-01", province="650000"),
            pil(4, [(4, "2024-03-01", "applied")], province="650000"),
        ],
        checks=[("2024-12-31", {1: "2024-03-01", 2: "2024-03-01", 3: "2024-03-01"})],
    ),
    Case(
        "national_rule_counts_the_whole_country",
        "Province: national",
        pilot_spec(province="national"),
        pilots=[
            approved(1, "2024-03-01", province="110000"),
            approved(2, "2024-03-01", province="650000"),
        ],
        checks=[("2024-12-31", {1: "2024-03-01", 2: "2024-03-01"})],
    ),
]
