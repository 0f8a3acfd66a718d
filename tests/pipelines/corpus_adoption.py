"""Golden files of the standards' adoptions, zero-carbon park measurement pilots and energy
measurement reviews: one good file each and, beside it, the normalized rows expected from it,
written out by hand. The adoptions name standards that `LINKED` puts in the registry first."""

from __future__ import annotations

from tests.pipelines.make_corpus import USCC_SD, USCC_ZJ

# the standards the adoption file names: (number, kind, category, title, status)
LINKED = (
    ("T/CNCA 116.1-2025", "group_standard", "carbon_footprint", "示例团体标准一", "issued"),
    ("T/CAS 826-2024", "group_standard", "green_product", "示例团体标准二", "issued"),
    (
        "ISO/NP 14068-3",
        "international_standard",
        "carbon_accounting",
        "示例国际提案",
        "in_progress",
    ),
)

ADOPTION_ROWS = [
    {
        "standard_number": "T/CNCA 116.1-2025",
        "event": "converted_to_national_standard",
        "event_date": "2025-06-30",
        "target_number": "GB/T 45000-2025",
        "evidence": "国家标准公告2025年第15号",
        "note": None,
        "_row": 2,
    },
    {
        "standard_number": "T/CAS 826-2024",
        "event": "adopted_into_green_product_list",
        "event_date": "2025-03-01",
        "target_number": None,
        "evidence": None,
        "note": "首批",
        "_row": 3,
    },
    {
        "standard_number": "T/CAS 826-2024",
        "event": "converted_to_industry_standard",
        "event_date": "2025-09-01",
        "target_number": "HJ 1400-2025",
        "evidence": None,
        "note": None,
        "_row": 4,
    },
    {
        "standard_number": "ISO/NP 14068-3",
        "event": "international_proposal_submitted",
        "event_date": "2024-11-20",
        "target_number": None,
        "evidence": "ISO/TC 207/SC 7",
        "note": None,
        "_row": 5,
    },
]

FILES = {
    "standard_adoption": (
        ["标准编号", "采信事项", "日期", "转化后编号", "佐证材料", "备注"],
        [
            [
                "T/CNCA 116.1—2025",
                "转化为国家标准",
                "2025/6/30",
                "GB/T 45000-2025",
                "国家标准公告2025年第15号",
                "",
            ],
            ["t/cas 826-2024", "纳入绿色产品评价标准清单", "2025-03-01", "", "", "首批"],
            [
                "T/CAS 826-2024",
                "converted_to_industry_standard",
                "2025-09-01",
                "HJ 1400-2025",
                "",
                "",
            ],
            ["ISO/NP 14068-3", "国际标准提案已提交", "2024-11-20", "", "ISO/TC 207/SC 7", ""],
        ],
        ADOPTION_ROWS,
    ),
    "zero_carbon_park": (
        [
            "园区名称",
            "省份",
            "园区类型",
            "试点阶段",
            "阶段日期",
            "组织单位",
            "经度",
            "纬度",
            "坐标系",
            "备注",
        ],
        [
            # a location in WGS-84 by default (Anji, Huzhou)
            [
                "示例零碳园区（浙江）",
                "浙江省",
                "工业园区",
                "申报",
                "2024-09-01",
                "",
                "119.6802",
                "30.6381",
                "",
                "",
            ],
            # a later row without one keeps it
            [
                "示例零碳园区（浙江）",
                "330000",
                "工业园区",
                "批准开展",
                "2025-01-10",
                "省市场监管局",
                "",
                "",
                "",
                "",
            ],
            # GCJ-02 named as people do (Jinan high-tech zone), a degree sign
            [
                "示例零碳园区（山东）",
                "370000",
                "high_tech",
                "试点建设中",
                "2025-04-01",
                "",
                "117.1373°",
                "36.6735",
                "高德",
                "首批",
            ],
        ],
        [
            {
                "park_name": "示例零碳园区（浙江）",
                "province_code": "330000",
                "park_type": "industrial",
                "stage": "applied",
                "stage_date": "2024-09-01",
                "organiser": None,
                "longitude": 119.6802,
                "latitude": 30.6381,
                "datum": "wgs84",
                "note": None,
                "_row": 2,
            },
            {
                "park_name": "示例零碳园区（浙江）",
                "province_code": "330000",
                "park_type": "industrial",
                "stage": "approved",
                "stage_date": "2025-01-10",
                "organiser": "省市场监管局",
                "longitude": None,
                "latitude": None,
                "datum": None,
                "note": None,
                "_row": 3,
            },
            {
                "park_name": "示例零碳园区（山东）",
                "province_code": "370000",
                "park_type": "high_tech",
                "stage": "under_construction",
                "stage_date": "2025-04-01",
                "organiser": None,
                "longitude": 117.1373,
                "latitude": 36.6735,
                "datum": "gcj02",
                "note": "首批",
                "_row": 4,
            },
        ],
    ),
    "energy_measurement_review": (
        ["统一社会信用代码", "用能单位名称", "省份代码", "领域", "审查状态", "状态日期", "备注"],
        [
            [USCC_ZJ, "浙江示例数据中心", "330000", "数据中心", "审查中", "2025-02-01", ""],
            [USCC_ZJ, "浙江示例数据中心", "330000", "数据中心", "整改", "2025-03-01", ""],
            [USCC_SD, "山东示例钢厂", "370000", "steel", "计划", "2025-05-01", ""],
        ],
        [
            {
                "uscc": USCC_ZJ,
                "unit_name": "浙江示例数据中心",
                "province_code": "330000",
                "field": "data_center",
                "review_status": "in_review",
                "review_date": "2025-02-01",
                "note": None,
                "_row": 2,
            },
            {
                "uscc": USCC_ZJ,
                "unit_name": "浙江示例数据中心",
                "province_code": "330000",
                "field": "data_center",
                "review_status": "rectification",
                "review_date": "2025-03-01",
                "note": None,
                "_row": 3,
            },
            {
                "uscc": USCC_SD,
                "unit_name": "山东示例钢厂",
                "province_code": "370000",
                "field": "steel",
                "review_status": "planned",
                "review_date": "2025-05-01",
                "note": None,
                "_row": 4,
            },
        ],
    ),
}
XLSX = {"zero_carbon_park"}
