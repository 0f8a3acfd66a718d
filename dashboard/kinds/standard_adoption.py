"""Adoption links for standards (action plan (IV), (VIII), (V); work programme tasks 14 and
22): a group standard adopted into the green-product evaluation list or converted to an
industry or national standard; an international standard proposal submitted, and published.

One row is one event of one standard, named by its number in the standards registry: the
standard must be there (`dashboard.submissions.adoption` checks it against the registry when
a report is validated, reviewed and applied, and when a page saves), and of the kind its event
is for (group standards for the first three events, international standards for the last
two). No province: the events are national (the ministry records them)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, col, select

from dashboard.kinds import common
from dashboard.kinds.base import DemoRows, DemoWorld, Link, RecordKind, columns
from dashboard.kinds.common import OPT, REQ
from dashboard.kinds.rules import BlankUnless, Named, RequiredWhen
from dashboard.models import Deliverable
from dashboard.models.common import ReportedRecord
from dashboard.permission_scopes import ALL
from dashboard.synthetic import DEMO_NOTE, day_between

GROUP_EVENTS = (
    "adopted_into_green_product_list",
    "converted_to_industry_standard",
    "converted_to_national_standard",
)
INTERNATIONAL_EVENTS = ("international_proposal_submitted", "international_standard_published")
ADOPTION_EVENTS = GROUP_EVENTS + INTERNATIONAL_EVENTS
CONVERSIONS = ("converted_to_industry_standard", "converted_to_national_standard")
# the deliverable kind each event is for, and the kind its target number must be
SOURCE_KIND = {e: "group_standard" for e in GROUP_EVENTS} | {
    e: "international_standard" for e in INTERNATIONAL_EVENTS
}
TARGET_KIND = {
    "converted_to_industry_standard": "industry_standard",
    "converted_to_national_standard": "national_standard",
    "international_standard_published": "international_standard",
}


class StandardAdoption(ReportedRecord, table=True):
    """One event in a standard's adoption: which standard (its number in the standards
    registry), what happened, when, and the number it was converted to or published as."""

    __table_args__ = (
        UniqueConstraint("standard_number", "event", name="uq_standardadoption_number_event"),
    )

    standard_number: str = Field(max_length=64, index=True)
    event: str = Field(max_length=40)
    event_date: date
    target_number: str | None = Field(default=None, max_length=64)
    evidence: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=500)


def _demo_proposals(rng: random.Random, cutoff: date) -> list[dict]:
    """International standard proposals led from China (standards of the international kind)."""
    rows = []
    for i in range(6):
        rows.append(
            {
                "number": f"ISO/NP {14090 + i}",
                "kind": "international_standard",
                "category": rng.choice(("carbon_accounting", "carbon_footprint", "ccus")),
                "title_zh": f"（示例）国际标准提案 {i + 1}",
                "title_en": f"(Synthetic) international standard proposal {i + 1}",
                "status": "in_progress",
                "started_on": day_between(rng, date(2024, 3, 1), cutoff - timedelta(days=400)),
                "responsible_org": "SAC (synthetic)",
            }
        )
    return rows


def _demo_adoptions(rng: random.Random, world: DemoWorld) -> list[dict]:
    """Issued group standards listed or converted, and the proposals above (written first:
    an event names a standard in the registry) submitted, two of them published."""
    cutoff = world.cutoff
    proposals = _demo_proposals(rng, cutoff)
    world.write("standard", proposals)
    groups = world.session.exec(
        select(Deliverable.number, col(Deliverable.issue_date))
        .where(Deliverable.kind == "group_standard", col(Deliverable.issue_date).is_not(None))
        .order_by(Deliverable.number)
    ).all()
    rows = []
    for i, (number, issued) in enumerate(rng.sample(list(groups), min(16, len(groups)))):
        if issued is None or issued >= cutoff:  # (never None: the query keeps issued ones)
            continue
        listed = day_between(rng, issued, cutoff)
        if i % 2 == 0:
            rows.append(_event(number, "adopted_into_green_product_list", listed, None))
        if i % 3 == 0:
            day = day_between(rng, issued, cutoff)
            if i % 2:
                target = f"GB/T {47100 + i}-{day.year}"
                rows.append(_event(number, "converted_to_national_standard", day, target))
            else:
                target = f"HJ {1500 + i}-{day.year}"
                rows.append(_event(number, "converted_to_industry_standard", day, target))
    for i, proposal in enumerate(proposals):
        submitted = proposal["started_on"] + timedelta(days=rng.randint(10, 90))
        rows.append(_event(proposal["number"], "international_proposal_submitted", submitted))
        if i < 2:
            day = day_between(rng, submitted + timedelta(days=200), cutoff)
            published = f"ISO {14090 + i}:{day.year}"
            rows.append(
                _event(proposal["number"], "international_standard_published", day, published)
            )
    return rows


def _event(number: str, event: str, day: date, target: str | None = None) -> dict:
    return {
        "standard_number": number,
        "event": event,
        "event_date": day,
        "target_number": target,
        "evidence": "（示例）公告",
        "note": DEMO_NOTE,
    }


KIND = RecordKind(
    key="standard_adoption",
    columns=columns(
        (
            "standard_number",
            "标准编号",
            "Standard number",
            "number",
            REQ,
            None,
            ("团体标准编号", "提案编号", "编号"),
        ),
        ("event", "采信事项", "Event", "enum", REQ, "adoption_event", ("事项", "采信类型")),
        ("event_date", "日期", "Event date", "date", REQ, None, ("采信日期", "事项日期")),
        (
            "target_number",
            "转化后编号",
            "Target number",
            "number",
            OPT,
            None,
            ("转化标准编号", "发布编号"),
        ),
        replace(common.EVIDENCE, aliases=("依据", "公告")),
        common.NOTE,
    ),
    unique=("standard_number", "event"),
    enums={"adoption_event": ADOPTION_EVENTS},
    model=StandardAdoption,
    record_key=("standard_number", "event"),
    province_column=None,
    row_rules=(
        Named("adoption_numbers"),
        RequiredWhen("target_number", "event", CONVERSIONS, "adoption_target_required"),
        BlankUnless(
            "target_number",
            "event",
            (*CONVERSIONS, "international_standard_published"),
            "adoption_target_not_allowed",
        ),
    ),
    name_columns=("standard_number", "standard_number", "standard_number"),
    state="event",  # an adoption is named by its standard's number; its state is its event
    editors=(("ministry", ALL),),
    link=Link(
        "standard_number",
        Deliverable,
        "number",
        "kind",
        "event",
        SOURCE_KIND,
        "adoption_standard_unknown",
        "adoption_standard_kind",
    ),
    demo_rows=DemoRows(_demo_adoptions, stream=15),
)
