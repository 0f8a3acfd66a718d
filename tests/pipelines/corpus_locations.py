"""Pilots with locations: one good file (every datum and the ways people write coordinates)
with the normalized rows expected from it written out by hand, and one bad file per
location rule (added to the bad corpus by make_corpus.py)."""

from __future__ import annotations

from tests.pipelines.make_corpus import GOLDEN, PILOT, USCC_ZJ2, csv_bytes, p, rule, write_json

NAME = "pilot_locations.csv"
HEADER = [
    "试点编号",
    "试点名称",
    "试点类型",
    "省份",
    "统一社会信用代码",
    "行业",
    "阶段",
    "阶段日期",
    "经度",
    "纬度",
    "坐标系",
]
ROWS = [
    # WGS-84 by default (blank datum)
    ["ZJ-L-001", "杭州示例园区", "园区", "330000", "", "建材", "已申报", "2024-03-01",
     "120.1551", "30.2741", ""],
    # GCJ-02 named as people do ("高德"), a degree sign
    ["ZJ-L-002", "宁波示例企业", "企业", "浙江", USCC_ZJ2, "电力", "已申报", "2024-03-02",
     "121.5440°", "29.8683", "高德"],
    # BD-09 written with its hyphen
    ["SH-L-001", "上海示例园区", "园区", "上海市", "", "化工", "省级推荐", "2024-04-01",
     "121.4800", "31.2360", "BD-09"],
    # full-width digits, "WGS84"
    ["JS-L-001", "南京示例园区", "园区", "320000", "", "钢铁", "已申报", "2024-05-01",
     "１１８.７９６９", "３２.０６０３", "WGS84"],
    # no coordinates: a datum alone is dropped
    ["GD-L-001", "广州示例园区", "园区", "440000", "", "其他", "已申报", "2024-05-02",
     "", "", "百度"],
    # the XPCC's units lie in Xinjiang (Shihezi)
    ["BT-L-001", "石河子示例园区", "园区", "660000", "", "化工", "已申报", "2024-05-03",
     "86.0800", "44.3059", "CGCS2000"],
]  # fmt: skip


def _expected(row, code, name, kind, province, uscc, industry, stage, day, lon, lat, datum):
    return {
        "pilot_code": code,
        "pilot_name": name,
        "pilot_type": kind,
        "province_code": province,
        "uscc": uscc,
        "industry": industry,
        "stage": stage,
        "stage_date": day,
        "standards_adopted": None,
        "longitude": lon,
        "latitude": lat,
        "datum": datum,
        "note": None,
        "_row": row,
    }


def _all_expected() -> list[dict]:
    e = _expected
    return [
        e(2, "ZJ-L-001", "杭州示例园区", "park", "330000", None, "building_materials",
          "applied", "2024-03-01", 120.1551, 30.2741, "wgs84"),
        e(3, "ZJ-L-002", "宁波示例企业", "enterprise", "330000", USCC_ZJ2, "power",
          "applied", "2024-03-02", 121.544, 29.8683, "gcj02"),
        e(4, "SH-L-001", "上海示例园区", "park", "310000", None, "chemical",
          "recommended", "2024-04-01", 121.48, 31.236, "bd09"),
        e(5, "JS-L-001", "南京示例园区", "park", "320000", None, "steel",
          "applied", "2024-05-01", 118.7969, 32.0603, "wgs84"),
        e(6, "GD-L-001", "广州示例园区", "park", "440000", None, "other",
          "applied", "2024-05-02", None, None, None),
        e(7, "BT-L-001", "石河子示例园区", "park", "XPCC", None, "chemical",
          "applied", "2024-05-03", 86.08, 44.3059, "wgs84"),
    ]  # fmt: skip


LOCATED = [*PILOT, "longitude", "latitude", "datum"]


def located(longitude="", latitude="", datum="", **changes) -> list:
    return [*p(**changes), longitude, latitude, datum]


HANGZHOU = {"longitude": "120.1551", "latitude": "30.2741"}
# (name, header, rows, errors, options) as make_corpus.CASES
BAD_CASES = [
    rule("location_pair", LOCATED, [located(longitude="120.1551")], "latitude"),
    rule("coordinate_range", LOCATED,
         [located(longitude="30.2741", latitude="120.1551")], "latitude"),  # swapped
    ("coordinate_format", LOCATED, [located(longitude="东经120度", latitude="30.27")],
     [(2, "longitude", "number_format")], {}),
    rule("location_outside_china", LOCATED,
         [located(longitude="139.6917", latitude="35.6895")], "longitude"),  # Tokyo
    ("location_other_province_warning", LOCATED, [located(province_code="江苏", **HANGZHOU)], [],
     {"warnings": [(2, "longitude", "location_other_province")]}),
]  # fmt: skip


def golden_locations() -> None:
    GOLDEN.mkdir(exist_ok=True)
    (GOLDEN / NAME).write_bytes(csv_bytes(HEADER, ROWS, "utf-8-sig"))
    body = {"kind": "pilot_status", "rows": _all_expected()}
    write_json(GOLDEN / "pilot_locations.expected.json", body)
