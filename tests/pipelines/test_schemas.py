"""Header matching, kind detection and vocabularies (no database)."""

import pytest

from pipelines.schemas import REPORT_KINDS, detect_kind, enum_aliases, match_header_cell
from pipelines.templates import headers


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("province_code", "province_code"),
        ("Province Code", "province_code"),
        ("省份代码", "province_code"),
        ("  省份代码\u3000", "province_code"),
        ("*省份代码 (province_code)", "province_code"),
        ("省份代码（province_code）", "province_code"),
        ("ＰＲＯＶＩＮＣＥ＿ＣＯＤＥ", "province_code"),
        ("阶段日期", "stage_date"),
        ("nonsense", None),
    ],
)
def test_header_cell_matching(cell, key):
    assert match_header_cell("pilot_status", cell) == key


@pytest.mark.parametrize("kind", sorted(REPORT_KINDS))
def test_template_headers_detect_their_kind(kind):
    assert detect_kind(headers(kind)) == kind


@pytest.mark.parametrize("kind", sorted(REPORT_KINDS))
def test_required_keys_alone_detect_the_kind(kind):
    assert detect_kind(list(REPORT_KINDS[kind].required)) == kind


def test_chinese_labels_detect_the_kind():
    spec = REPORT_KINDS["measurement_review"]
    assert detect_kind([c.zh for c in spec.columns]) == "measurement_review"


def test_unknown_header_detects_nothing():
    assert detect_kind(["编号", "名字", "日期"]) is None


@pytest.mark.parametrize(
    ("group", "word", "value"),
    [
        ("stage", "已批准（立项）", "approved"),
        ("stage", "已批准", "approved"),
        ("stage", "approved", "approved"),
        ("stage", "Under construction", "under_construction"),
        ("stage", "under_construction", "under_construction"),
        ("pilot_type", "园区", "park"),
        ("review_status", "整改中", "rectification"),
        ("dstatus", "已发布", "issued"),
        ("task_status", "进行中", "in_progress"),
    ],
)
def test_enumerations_accept_keys_and_chinese_words(group, word, value):
    from pipelines.schemas import token

    assert enum_aliases(group)[token(word)] == value


def test_every_column_has_help_in_both_languages():
    for kind, spec in REPORT_KINDS.items():
        for col in spec.columns:
            assert col.help(kind, "zh") and col.help(kind, "en"), (kind, col.key)


def _codes_in_source() -> set[str]:
    import re
    from pathlib import Path

    import pipelines

    codes: set[str] = set()
    for path in Path(pipelines.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(
            re.findall(r'(?:CellError|add|issue|ParseError|UnsafeFileError)\(\s*"([a-z_]+)"', text)
        )
        codes |= set(re.findall(r'UsccResult\(None, "([a-z_]+)"', text))
    unsafe = Path(pipelines.__file__).with_name("safe_read.py").read_text(encoding="utf-8")
    listed = re.search(r"``code``: ([a-z_,\s]+)\.", unsafe).group(1)
    codes |= {c.strip() for c in listed.split(",")}
    codes |= {"date_format", "date_invalid", "date_future", "uscc_check"}
    codes |= {"stage_move", "stage_date_order", "record_province", "task_unknown"}
    return codes


def test_every_error_code_has_a_bilingual_message():
    from dashboard.i18n import has

    codes = _codes_in_source()
    assert len(codes) > 40
    missing = sorted(c for c in codes if not has(f"pipeline.error.{c}"))
    assert missing == []
