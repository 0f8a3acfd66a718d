"""Golden files of the record kinds added through their descriptions (provincial plans,
CEMS pilots, emission factor releases, measurement centres): one good file each and, beside
it, the normalized rows expected from it, written out by hand."""

from __future__ import annotations

import json

from tests.pipelines.make_corpus import GOLDEN, USCC_SD, USCC_ZJ, csv_bytes, xlsx_bytes

FILES = {
    "provincial_plan": (
        ["省份", "方案状态", "文号", "印发机关", "印发日期", "适用范围", "佐证材料", "备注"],
        [
            [
                "浙江省",
                "已印发",
                "浙政办发〔2024〕12号",
                "浙江省人民政府办公厅",
                "2024/05/08",
                "全省",
                "https://example.invalid/zj",
                "",
            ],
            ["370000", "drafting", "", "", "", "全省", "", "征求意见中"],
            ["新疆生产建设兵团", "编制中", "", "", "", "", "", ""],
        ],
        [
            {
                "province_code": "330000",
                "status": "issued",
                "document_number": "浙政办发〔2024〕12号",
                "issuing_body": "浙江省人民政府办公厅",
                "issue_date": "2024-05-08",
                "scope": "全省",
                "evidence": "https://example.invalid/zj",
                "note": None,
                "_row": 2,
            },
            {
                "province_code": "370000",
                "status": "drafting",
                "document_number": None,
                "issuing_body": None,
                "issue_date": None,
                "scope": "全省",
                "evidence": None,
                "note": "征求意见中",
                "_row": 3,
            },
            {
                "province_code": "XPCC",
                "status": "drafting",
                "document_number": None,
                "issuing_body": None,
                "issue_date": None,
                "scope": None,
                "evidence": None,
                "note": None,
                "_row": 4,
            },
        ],
    ),
    "cems_pilot": (
        [
            "统一社会信用代码",
            "企业名称",
            "省份代码",
            "行业",
            "安装日期",
            "阶段",
            "阶段日期",
            "比对结果",
            "备注",
        ],
        [
            [USCC_ZJ, "浙江示例电厂", "330000", "电力", "", "计划安装", "2024-06-01", "", ""],
            [
                USCC_ZJ,
                "浙江示例电厂",
                "330000",
                "电力",
                "2024-09-10",
                "已安装",
                "2024-09-10",
                "",
                "",
            ],
            [
                USCC_SD,
                "山东示例水泥",
                "370000",
                "cement",
                "2024-07-01",
                "已与核算数据比对",
                "2025-01-15",
                "偏差 2.1%",
                "首批",
            ],
        ],
        [
            {
                "uscc": USCC_ZJ,
                "enterprise_name": "浙江示例电厂",
                "province_code": "330000",
                "industry": "power",
                "install_date": None,
                "stage": "planned",
                "stage_date": "2024-06-01",
                "comparison_result": None,
                "longitude": None,
                "latitude": None,
                "datum": None,
                "note": None,
                "_row": 2,
            },
            {
                "uscc": USCC_ZJ,
                "enterprise_name": "浙江示例电厂",
                "province_code": "330000",
                "industry": "power",
                "install_date": "2024-09-10",
                "stage": "installed",
                "stage_date": "2024-09-10",
                "comparison_result": None,
                "longitude": None,
                "latitude": None,
                "datum": None,
                "note": None,
                "_row": 3,
            },
            {
                "uscc": USCC_SD,
                "enterprise_name": "山东示例水泥",
                "province_code": "370000",
                "industry": "cement",
                "install_date": "2024-07-01",
                "stage": "compared",
                "stage_date": "2025-01-15",
                "comparison_result": "偏差 2.1%",
                "longitude": None,
                "latitude": None,
                "datum": None,
                "note": "首批",
                "_row": 4,
            },
        ],
    ),
    "emission_factor_release": (
        [
            "发布批次名称",
            "因子类别",
            "范围",
            "省份代码",
            "发布日期",
            "发布部门",
            "因子数量",
            "备注",
        ],
        [
            [
                "2023年全国电力平均二氧化碳排放因子",
                "全国电力平均",
                "全国",
                "",
                "2025-01-10",
                "生态环境部",
                "1",
                "",
            ],
            [
                "2023年浙江省电力二氧化碳排放因子",
                "national_electricity_average",
                "provincial",
                "330000",
                "2025-02-20",
                "MEE",
                "1",
                "",
            ],
            [
                "重点产品碳足迹因子（第一批）",
                "重点产品",
                "全国",
                "",
                "2025年3月1日",
                "国家统计局",
                "120",
                "",
            ],
        ],
        [
            {
                "release_name": "2023年全国电力平均二氧化碳排放因子",
                "factor_category": "national_electricity_average",
                "scope": "national",
                "province_code": None,
                "publication_date": "2025-01-10",
                "publishing_department": "MEE",
                "factor_count": 1,
                "note": None,
                "_row": 2,
            },
            {
                "release_name": "2023年浙江省电力二氧化碳排放因子",
                "factor_category": "national_electricity_average",
                "scope": "provincial",
                "province_code": "330000",
                "publication_date": "2025-02-20",
                "publishing_department": "MEE",
                "factor_count": 1,
                "note": None,
                "_row": 3,
            },
            {
                "release_name": "重点产品碳足迹因子（第一批）",
                "factor_category": "key_product",
                "scope": "national",
                "province_code": None,
                "publication_date": "2025-03-01",
                "publishing_department": "NBS",
                "factor_count": 120,
                "note": None,
                "_row": 4,
            },
        ],
    ),
    "measurement_centre": (
        ["计量中心名称", "省份代码", "领域", "阶段", "阶段日期", "批准部门", "备注"],
        [
            [
                "国家碳计量中心（示例一）",
                "330000",
                "电力",
                "批准筹建",
                "2024-03-01",
                "市场监管总局",
                "",
            ],
            ["国家碳计量中心（示例一）", "330000", "电力", "建设中", "2024-08-01", "", ""],
            ["国家碳计量中心（示例二）", "370000", "钢铁", "accepted", "2025-04-30", "SAMR", ""],
        ],
        [
            {
                "centre_name": "国家碳计量中心（示例一）",
                "province_code": "330000",
                "field": "power",
                "stage": "approved_preparation",
                "stage_date": "2024-03-01",
                "approving_department": "SAMR",
                "note": None,
                "_row": 2,
            },
            {
                "centre_name": "国家碳计量中心（示例一）",
                "province_code": "330000",
                "field": "power",
                "stage": "under_construction",
                "stage_date": "2024-08-01",
                "approving_department": None,
                "note": None,
                "_row": 3,
            },
            {
                "centre_name": "国家碳计量中心（示例二）",
                "province_code": "370000",
                "field": "steel",
                "stage": "accepted",
                "stage_date": "2025-04-30",
                "approving_department": "SAMR",
                "note": None,
                "_row": 4,
            },
        ],
    ),
}
# one of them as XLSX, the others as UTF-8 CSV
XLSX = {"measurement_centre"}


def file_name(kind: str) -> str:
    return f"{kind}.{'xlsx' if kind in XLSX else 'csv'}"


def golden_kinds() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for kind, (header, rows, expected) in FILES.items():
        data = xlsx_bytes(header, rows) if kind in XLSX else csv_bytes(header, rows)
        (GOLDEN / file_name(kind)).write_bytes(data)
        text = json.dumps({"kind": kind, "rows": expected}, ensure_ascii=False, indent=1)
        (GOLDEN / f"{kind}.expected.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    golden_kinds()
