"""The demo's standards and measurement deliverables: national standards, measurement
specifications, reference materials, technology studies, group standards, and the records the
programmes after 2025 count. Synthetic, and titled so."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard.i18n import t
from dashboard.models import Deliverable
from dashboard.synthetic import day_between as _day
from dashboard.vocab import TARGET_STANDARD_CATEGORIES


@dataclass(frozen=True)
class _Series:
    """A numbered run of issued deliverables of one kind, each issued on a day from `issued`.
    `number` is formatted with `serial` (`first`, then one more for each) and the issue
    `year`; the titles with the deliverable's place `n` in the run (from 1)."""

    count: int
    kind: str
    number: str
    first: int
    title_zh: str
    title_en: str
    issued: tuple[date, date]
    org: str
    category: str | tuple[str, ...] = "measurement"  # a tuple: one drawn for each
    provincial: bool = False  # each in a province drawn from the codes (before its day)


# how many, the kind, the number (from the serial and the issue year), the first serial, the
# titles, the days they are issued between and who issues them
MEASUREMENT_SPECS = _Series(47, "measurement_spec", "JJF {serial}-{year}", 2100,
    "（示例）双碳计量技术规范 {n}", "(Synthetic) dual-carbon measurement specification {n}",
    (date(2024, 3, 1), date(2025, 12, 28)), "SAMR (synthetic)")  # fmt: skip
PROVINCIAL_SPECS = _Series(6, "measurement_spec", "JJF(皖) {serial}-{year}", 200,
    "（示例）地方计量技术规范 {n}", "(Synthetic) provincial measurement specification {n}",
    (date(2024, 6, 1), date(2025, 11, 30)), "Provincial market regulator (synthetic)",
    provincial=True)  # fmt: skip
GROUP_STANDARDS = _Series(30, "group_standard", "T/CNCA {serial}-{year}", 100,
    "（示例）团体标准 {n}", "(Synthetic) group standard {n}",
    (date(2024, 2, 1), date(2025, 12, 1)), "CNCA (synthetic)",
    category=TARGET_STANDARD_CATEGORIES)  # fmt: skip
VERIFICATION_REGULATIONS = _Series(4, "verification_regulation", "JJG {serial}-{year}", 1500,
    "（示例）计量检定规程 {n}", "(Synthetic) verification regulation {n}",
    (date(2024, 3, 1), date(2025, 10, 1)), "SAMR (synthetic)")  # fmt: skip


def _series(rng: random.Random, codes: list[str], series: _Series) -> list[Deliverable]:
    out = []
    for i in range(series.count):
        province = rng.choice(codes) if series.provincial else None
        issued = _day(rng, *series.issued)
        category = series.category
        out.append(
            Deliverable(
                number=series.number.format(serial=series.first + i, year=issued.year),
                kind=series.kind,
                category=category if isinstance(category, str) else rng.choice(category),
                title_zh=series.title_zh.format(n=i + 1),
                title_en=series.title_en.format(n=i + 1),
                status="issued",
                issue_date=issued,
                province_code=province,
                responsible_org=series.org,
            )
        )
    return out


def deliverables(rng: random.Random, codes: list[str]) -> list[Deliverable]:
    out: list[Deliverable] = []
    # National standards: most issued through 2024 (the 70 target), more in 2025.
    for i in range(118):
        issued = _day(rng, date(2024, 1, 10), date(2025, 12, 20))
        if i < 8:
            issued = _day(rng, date(2023, 6, 1), date(2023, 12, 28))
        category = rng.choice((*TARGET_STANDARD_CATEGORIES, "recycling", "green_product"))
        prefix = rng.choice(("GB/T", "GB/T", "GB/T", "GB"))
        out.append(
            Deliverable(
                number=f"{prefix} {40000 + i * 7}-{issued.year}",
                kind="national_standard",
                category=category,
                title_zh=f"（示例）{t('category.' + category, 'zh')}国家标准 {i + 1}",
                title_en=f"(Synthetic) national standard {i + 1}, "
                f"{t('category.' + category, 'en').lower()}",
                status="issued",
                issue_date=issued,
                implementation_date=issued + timedelta(days=rng.choice((90, 180, 365))),
                responsible_org="SAMR/SAC (synthetic)",
            )
        )
    # National measurement technical specifications (JJF): 50 by end of 2025 is tight.
    out += _series(rng, codes, MEASUREMENT_SPECS)
    out += _series(rng, codes, PROVINCIAL_SPECS)  # these do not count for the national target
    for i in range(24):  # measurement standards and certified reference materials
        kind = "reference_material" if i % 3 else "measurement_standard"
        done = i < 21
        issued = _day(rng, date(2024, 4, 1), date(2025, 12, 15)) if done else None
        number = f"GBW(E) {130500 + i}" if kind == "reference_material" else f"MS-DC-{i + 1:03d}"
        out.append(
            Deliverable(
                number=number,
                kind=kind,
                category="measurement",
                title_zh=f"（示例）碳计量标准物质 {i + 1}",
                title_en=f"(Synthetic) carbon measurement standard or CRM {i + 1}",
                status="completed" if done else "in_progress",
                started_on=_day(rng, date(2024, 1, 15), date(2024, 9, 30)),
                issue_date=issued,
                responsible_org="NIM (synthetic)",
            )
        )
    for i in range(23):  # key measurement technology studies: 25 needed, 23 started
        out.append(
            Deliverable(
                number=f"STUDY-{2024 + i // 12}-{i + 1:02d}",
                kind="technology_study",
                category="measurement",
                title_zh=f"（示例）碳计量关键技术研究 {i + 1}",
                title_en=f"(Synthetic) key carbon measurement technology study {i + 1}",
                status="completed" if i < 9 else "in_progress",
                started_on=_day(rng, date(2024, 2, 1), date(2025, 11, 30)),
                responsible_org="NIM (synthetic)",
            )
        )
    out += _series(rng, codes, GROUP_STANDARDS)  # adopted: a milestone, not a target
    out += _after_2025(rng, codes)
    return out


def _after_2025(rng: random.Random, codes: list[str]) -> list[Deliverable]:
    """Records the programmes after 2025 count (product carbon footprint standards), and the
    cases the counting rules must get right: verification regulations (JJG) apart from JJF
    specifications, two batches of one reference material, a standard withdrawn later."""
    out = []
    for i in range(40):  # product carbon footprint accounting standards, national and group
        issued = _day(rng, date(2025, 1, 10), date(2026, 11, 20))
        group = i % 3 == 0
        out.append(
            Deliverable(
                number=f"T/CNCA {300 + i}-{issued.year}"
                if group
                else f"GB/T {46000 + i}-{issued.year}",
                kind="group_standard" if group else "national_standard",
                category="carbon_footprint",
                title_zh=f"（示例）产品碳足迹核算 {i + 1}",
                title_en=f"(Synthetic) product carbon footprint accounting {i + 1}",
                status="issued",
                issue_date=issued,
                responsible_org="SAMR/SAC (synthetic)",
            )
        )
    out += _series(rng, codes, VERIFICATION_REGULATIONS)  # not specifications
    for batch in ("a", "b"):  # one reference material in two batches: counts once
        out.append(
            Deliverable(
                number=f"GBW(E) 130900{batch}",
                kind="reference_material",
                category="measurement",
                title_zh=f"（示例）烟气二氧化碳标准物质 批次{batch}",
                title_en=f"(Synthetic) flue-gas CO2 reference material, batch {batch}",
                status="completed",
                issue_date=date(2025, 3, 1) if batch == "a" else date(2025, 9, 1),
                province_code=rng.choice(codes),
                responsible_org="NIM (synthetic)",
            )
        )
    out.append(  # issued in 2024, withdrawn in 2025: in the 2024 figure, not after
        Deliverable(
            number="GB/T 45999-2024",
            kind="national_standard",
            category="carbon_accounting",
            title_zh="（示例）已废止的碳核算国家标准",
            title_en="(Synthetic) carbon accounting national standard, since withdrawn",
            status="withdrawn",
            issue_date=date(2024, 5, 20),
            withdrawn_on=date(2025, 8, 1),
            responsible_org="SAMR/SAC (synthetic)",
        )
    )
    return out
