"""Build the pipeline test files: golden/ (one good file per report kind, with the expected
normalized rows beside it, written out by hand here, not computed by the validator) and
bad/ (one file per rule, with the errors expected for it).

    PYTHONPATH=. .venv/bin/python tests/pipelines/make_corpus.py

The golden cases are in corpus_golden.py.

The generated files are committed; rerun this after changing a case.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

from pipelines import plain_files
from pipelines.plain_files import PILOT_HEADER as PILOT
from pipelines.plain_files import REVIEW_HEADER as REVIEW
from pipelines.plain_files import csv_bytes

HERE = Path(__file__).resolve().parent
GOLDEN, BAD = HERE / "golden", HERE / "bad"
FIXED_TIME = datetime(2025, 1, 1)

USCC_OK = "91110000600037341L"  # the product brief's valid example
USCC_ZJ = "91330106MA2B3C4D5D"
USCC_ZJ2 = "91330200MA2H1J2K3U"
USCC_SD = "91370100MA3C5D6E79"
USCC_BAD_CHECK = "91330106MA2B3C4D5X"

STANDARD = [
    "number",
    "kind",
    "category",
    "title_zh",
    "title_en",
    "status",
    "issue_date",
    "implementation_date",
    "responsible_org",
    "started_on",
    "province_code",
]
TASK = ["task_code", "status", "progress_pct", "update_date", "department", "evidence", "note"]


def xlsx_bytes(header, rows) -> bytes:
    """A plain XLSX file as the corpus keeps them: the sheet named "data", created at a
    fixed time."""
    return plain_files.xlsx_bytes(header, rows, sheet="data", created=FIXED_TIME)


def golden_name(kind: str, xlsx: set[str]) -> str:
    """A kind's golden file: XLSX for the kinds in `xlsx`, UTF-8 CSV for the others."""
    return f"{kind}.{'xlsx' if kind in xlsx else 'csv'}"


def write_golden(files: dict, xlsx: set[str]) -> None:
    """Each kind's golden file (header and rows) and, beside it, the rows expected from it."""
    GOLDEN.mkdir(exist_ok=True)
    for kind, (header, rows, expected) in files.items():
        data = xlsx_bytes(header, rows) if kind in xlsx else csv_bytes(header, rows)
        (GOLDEN / golden_name(kind, xlsx)).write_bytes(data)
        write_json(GOLDEN / f"{kind}.expected.json", {"kind": kind, "rows": expected})


def row(**values) -> dict:
    return values


# ------------------------------------------------------------------------------ bad corpus
ADMIN, ZJ = "admin", "coordinator:330000"
P_OK = ["ZJ-P-010", "试点园区", "园区", "330000", "", "钢铁", "已申报", "2024-03-01", "", ""]
R_OK = [USCC_ZJ, "某企业", "330000", "电力", "审查中", "2024-06-03", "10", "8", ""]
S_OK = [
    "GB/T 24067-2024",
    "国家标准",
    "碳足迹",
    "产品碳足迹",
    "",
    "已发布",
    "2024-08-23",
    "",
    "",
    "",
    "",
]
T_OK = ["AP-KT-01", "进行中", "40", "2024-10-01", "SAMR", "", ""]


def p(**changes) -> list:
    return _with(PILOT, P_OK, changes)


def r(**changes) -> list:
    return _with(REVIEW, R_OK, changes)


def s(**changes) -> list:
    return _with(STANDARD, S_OK, changes)


def t(**changes) -> list:
    return _with(TASK, T_OK, changes)


def _with(header, base, changes) -> list:
    out = list(base)
    for key, value in changes.items():
        out[header.index(key)] = value
    return out


def rule(code, header, rows, column, *, row=2, **options) -> tuple:
    """A case named after the one error it expects: `code` at (`row`, `column`)."""
    return (code, header, rows, [(row, column, code)], options)


def stage_change(name, code, stored, reported) -> tuple:
    """A pilot stored at (stage, day) reported at another (stage, day): `code` on its stage."""
    (was, since), (stage, day) = stored, reported
    setup = [PILOT, [p(stage=was, stage_date=since)]]
    return (name, PILOT, [p(stage=stage, stage_date=day)], [(2, "stage", code)], {"setup": setup})


# (case, header, rows, expected errors as (row, column, code), options)
CASES = [
    rule("province_invalid", PILOT, [p(province_code="33000")], "province_code"),
    rule(
        "province_scope",
        PILOT,
        [p(), p(pilot_code="AH-1", province_code="340000")],
        "province_code",
        row=3,
        actor=ZJ,
    ),
    rule("province_scope_national", STANDARD, [s()], "province_code", actor=ZJ),
    rule("kind_not_permitted", TASK, [t()], None, row=None, actor=ZJ),
    rule(
        "record_province",
        PILOT,
        [p(pilot_code="AH-P-1")],
        "province_code",
        actor=ZJ,
        setup=[PILOT, [p(pilot_code="AH-P-1", province_code="340000")]],
    ),
    rule("province_ambiguous", PILOT, [p(province_code="湖")], "province_code"),
    rule(
        "standard_number_gbw_digits",
        STANDARD,
        [s(number="GBW 081011", kind="标准物质", category="计量")],
        "number",
    ),
    (
        "industry_standard_is_not_national",
        STANDARD,
        [s(number="HJ 1357-2024")],
        [(2, "number", "standard_number_kind_mismatch")],
        {},
    ),
    rule("uscc_length", REVIEW, [r(uscc="9133010612345")], "uscc"),
    rule("uscc_chars", REVIEW, [r(uscc="91330106MA2B3C4DIO")], "uscc"),
    rule("uscc_region", REVIEW, [r(uscc="91990106MA2B3C4D5D")], "uscc"),
    (
        "uscc_check_warning",
        REVIEW,
        [r(uscc=USCC_BAD_CHECK)],
        [],
        {"warnings": [(2, "uscc", "uscc_check")]},
    ),
    rule("uscc_required", PILOT, [p(pilot_type="企业", uscc="")], "uscc"),
    (
        "required_missing",
        PILOT,
        [p(pilot_name="", stage_date="")],
        [(2, "pilot_name", "required_missing"), (2, "stage_date", "required_missing")],
        {},
    ),
    (
        "enum_invalid",
        PILOT,
        [p(stage="已完成"), p(pilot_code="ZJ-P-011", industry="木材")],
        [(2, "stage", "enum_invalid"), (3, "industry", "enum_invalid")],
        {},
    ),
    rule("date_format", PILOT, [p(stage_date="三月一日")], "stage_date"),
    rule("date_invalid", PILOT, [p(stage_date="2024-02-30")], "stage_date"),
    rule("date_future", PILOT, [p(stage_date="2099-01-01")], "stage_date"),
    rule("number_format", PILOT, [p(standards_adopted="三")], "standards_adopted"),
    rule("number_whole", REVIEW, [r(instruments_total="10.5")], "instruments_total"),
    (
        "number_range",
        TASK,
        [t(progress_pct="120"), t(task_code="WP-01", progress_pct="-5")],
        [(2, "progress_pct", "number_range"), (3, "progress_pct", "number_range")],
        {},
    ),
    rule(
        "instruments_exceed",
        REVIEW,
        [r(instruments_total="10", instruments_calibrated="12")],
        "instruments_calibrated",
    ),
    rule("standard_number_format", STANDARD, [s(number="GB/T ABC")], "number"),
    rule("standard_number_kind_mismatch", STANDARD, [s(number="JJF 1207-2008")], "number"),
    rule("standard_number_year_missing", STANDARD, [s(number="GB/T 24067")], "number"),
    rule("issue_date_required", STANDARD, [s(issue_date="")], "issue_date"),
    rule(
        "implementation_before_issue",
        STANDARD,
        [s(implementation_date="2024-01-01")],
        "implementation_date",
    ),
    rule("duplicate_row", PILOT, [p(), p(pilot_name="重复")], "stage", row=3),
    rule("task_unknown", TASK, [t(task_code="AP-KT-99")], "task_code"),
    rule("department_unknown", TASK, [t(department="国家宇航局")], "department"),
    rule("text_too_long", PILOT, [p(note="长" * 501)], "note"),
    stage_change("stage_move", "stage_move", ("已验收", "2024-05-01"), ("已申报", "2024-06-01")),
    stage_change(
        "stage_after_exit", "stage_move", ("已撤销", "2024-05-01"), ("建设中", "2024-06-01")
    ),
    stage_change(
        "stage_date_order", "stage_date_order", ("已批准", "2024-05-01"), ("建设中", "2024-01-01")
    ),
    (
        "stage_move_in_file",
        PILOT,
        [p(stage="已验收", stage_date="2024-05-01"), p(stage="已申报", stage_date="2024-06-01")],
        [(3, "stage", "stage_move")],
        {},
    ),
    (
        "column_missing",
        PILOT[:6],
        [p()[:6]],
        [(None, "stage", "column_missing"), (None, "stage_date", "column_missing")],
        {"kind": "pilot_status"},
    ),
    rule("column_duplicate", [*PILOT, "省份代码"], [[*p(), "330000"]], "province_code", row=None),
    rule("kind_undetected", ["编号", "名字", "日期"], [["1", "x", "2024-01-01"]], None, row=None),
    rule("no_rows", PILOT, [], None, row=None),
    (
        "many_errors",
        PILOT,
        [
            p(province_code="33000"),
            p(pilot_code="ZJ-P-012"),
            p(pilot_code="ZJ-P-013", stage_date="2024-13-01"),
            p(pilot_code="ZJ-P-014", stage="？", pilot_type="工厂"),
        ],
        [
            (2, "province_code", "province_invalid"),
            (4, "stage_date", "date_invalid"),
            (5, "pilot_type", "enum_invalid"),
            (5, "stage", "enum_invalid"),
        ],
        {},
    ),
]


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", "<a>" + "0" * 5_000_000 + "</a>")
    return buffer.getvalue()


def _entities() -> bytes:
    data = xlsx_bytes(PILOT, [p()])
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/workbook.xml":
                body = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + body.split(b"?>", 1)[-1]
            zf.writestr(info.filename, body)
    return buffer.getvalue()


UNSAFE = [
    ("empty", ".csv", b"", "empty"),
    ("legacy_xls", ".xls", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504, "not_xlsx"),
    ("zip_bomb", ".xlsx", _bomb, "zip_ratio"),
    ("xml_entities", ".xlsx", _entities, "xml_entities"),
]


def bad() -> None:
    BAD.mkdir(exist_ok=True)
    for old in BAD.iterdir():
        old.unlink()
    for name, header, rows, errors, options in CASES:
        suffix = ".xlsx" if name in ("many_errors", "uscc_check_warning") else ".csv"
        data = xlsx_bytes(header, rows) if suffix == ".xlsx" else csv_bytes(header, rows)
        (BAD / f"{name}{suffix}").write_bytes(data)
        expected = {
            "file": f"{name}{suffix}",
            "actor": options.get("actor", ADMIN),
            "kind": options.get("kind"),
            "status": "rejected" if errors else "staged",
            "errors": [{"row": a, "column": b, "code": c} for a, b, c in errors],
            "warnings": [
                {"row": a, "column": b, "code": c} for a, b, c in options.get("warnings", [])
            ],
        }
        if "setup" in options:
            setup_header, setup_rows = options["setup"]
            (BAD / f"{name}.setup.csv").write_bytes(csv_bytes(setup_header, setup_rows))
            expected["setup"] = f"{name}.setup.csv"
        write_json(BAD / f"{name}.expected.json", expected)
    for name, suffix, data, code in UNSAFE:
        (BAD / f"{name}{suffix}").write_bytes(data() if callable(data) else data)
        expected = {
            "file": f"{name}{suffix}",
            "actor": ADMIN,
            "kind": None,
            "status": "rejected",
            "errors": [{"row": None, "column": None, "code": code}],
            "warnings": [],
        }
        write_json(BAD / f"{name}.expected.json", expected)


def write_json(path: Path, body: dict) -> None:
    path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    from tests.pipelines import corpus_adoption, corpus_kinds
    from tests.pipelines.corpus_golden import golden
    from tests.pipelines.corpus_locations import BAD_CASES, golden_locations

    golden()
    write_golden(corpus_kinds.FILES, corpus_kinds.XLSX)
    write_golden(corpus_adoption.FILES, corpus_adoption.XLSX)
    golden_locations()
    CASES.extend(BAD_CASES)
    bad()
    print(f"wrote {len(list(GOLDEN.iterdir()))} golden and {len(list(BAD.iterdir()))} bad files")
