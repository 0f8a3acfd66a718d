"""The golden files: one good file per report kind and, beside it, the normalized rows
expected from it, written out by hand (not computed by the validator)."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from tests.pipelines.make_corpus import (
    GOLDEN,
    HERE,
    REVIEW,
    STANDARD,
    USCC_OK,
    USCC_SD,
    USCC_ZJ,
    USCC_ZJ2,
    csv_bytes,
    row,
    write_json,
    xlsx_bytes,
)


def golden() -> None:
    GOLDEN.mkdir(exist_ok=True)
    # pilot_status: GB18030 CSV, Chinese headers, every date form, full-width digits,
    # enumerations in Chinese and English.
    header = [
        "试点编号",
        "试点名称",
        "试点类型",
        "省份代码",
        "统一社会信用代码",
        "行业",
        "阶段",
        "阶段日期",
        "采用标准数",
        "备注",
    ]
    rows = [
        ["ZJ-P-001", "杭州钱塘低碳产业园", "园区", "330000", "", "建材", "已申报", "2024-03-01", "",
         "首批申报"],
        ["ZJ-P-001", "杭州钱塘低碳产业园", "园区", "330000", "", "建材", "省级推荐", "2024/5/6",
         "2", ""],
        ["ZJ-P-002", "宁波某电力有限公司", "企业", "浙江省", USCC_OK, "电力", "已批准（立项）",
         "2024年7月14日", "３", "全角数字"],
        ["ZJ-P-003", "温州某钢铁有限公司", "enterprise", "３３００００", USCC_ZJ.lower(), "Steel",
         "under construction", "20240801", "5", ""],
    ]  # fmt: skip
    (GOLDEN / "pilot_status.csv").write_bytes(csv_bytes(header, rows, "gb18030"))
    expected = [
        _pilot(2, "ZJ-P-001", "杭州钱塘低碳产业园", "park", "330000", "building_materials",
               "applied", "2024-03-01", note="首批申报"),
        _pilot(3, "ZJ-P-001", "杭州钱塘低碳产业园", "park", "330000", "building_materials",
               "recommended", "2024-05-06", standards_adopted=2),
        _pilot(4, "ZJ-P-002", "宁波某电力有限公司", "enterprise", "330000", "power", "approved",
               "2024-07-14", uscc=USCC_OK, standards_adopted=3, note="全角数字"),
        _pilot(5, "ZJ-P-003", "温州某钢铁有限公司", "enterprise", "330000", "steel",
               "under_construction", "2024-08-01", uscc=USCC_ZJ, standards_adopted=5),
    ]  # fmt: skip
    _expect(GOLDEN / "pilot_status.expected.json", "pilot_status", expected)

    # measurement_review: XLSX with English keys, typed cells, an Excel serial date.
    rows = [
        [USCC_SD, "济南某热电有限公司", 370000, "电力", "审查中", datetime(2024, 6, 3), 120, 118,
         None],
        [f" {USCC_ZJ2.lower()} ", "宁波某化工有限公司", "330000", "chemical", "rectification",
         45500, 80.0, 60, "整改计量器具"],
        [USCC_OK, "北京某数据中心", "110000", "数据中心", "已完成", "2024.7.1", None, None, None],
    ]  # fmt: skip
    (GOLDEN / "measurement_review.xlsx").write_bytes(xlsx_bytes(REVIEW, rows))
    expected = [
        _review(2, USCC_SD, "济南某热电有限公司", "370000", "power", "in_review", "2024-06-03",
                instruments_total=120, instruments_calibrated=118),
        _review(3, USCC_ZJ2, "宁波某化工有限公司", "330000", "chemical", "rectification",
                "2024-07-27", instruments_total=80, instruments_calibrated=60, note="整改计量器具"),
        _review(4, USCC_OK, "北京某数据中心", "110000", "data_center", "completed", "2024-07-01"),
    ]  # fmt: skip
    _expect(GOLDEN / "measurement_review.expected.json", "measurement_review", expected)

    # measurement_review with provinces written every way officials write them (short name,
    # English name and variants, 2-digit code, the XPCC) and USCCs registered by national
    # (100000) and XPCC (66xxxx) authorities. Names are synthetic. The enterprises are in
    # province_forms.csv: USCC, name, province as written, expected province code.
    header = ["统一社会信用代码", "企业名称", "省份", "行业", "审查状态", "状态日期"]
    forms = _province_forms()
    rows = [[u, name, written, "电力", "审查中", "2024-06-03"] for u, name, written, _ in forms]
    (GOLDEN / "measurement_review_provinces.csv").write_bytes(csv_bytes(header, rows))
    expected = [
        _review(i, u, name, code, "power", "in_review", "2024-06-03")
        for i, (u, name, _written, code) in enumerate(forms, start=2)
    ]
    _expect(GOLDEN / "measurement_review_provinces.expected.json", "measurement_review", expected)

    # standard: UTF-8 CSV with a BOM and the templates' bilingual headers; em dashes,
    # a two-digit year, a reference material, a local and a group standard.
    header = [
        "*标准编号 (number)",
        "*成果类型 (kind)",
        "*领域 (category)",
        "*中文名称 (title_zh)",
        "英文名称 (title_en)",
        "*状态 (status)",
        "发布日期 (issue_date)",
        "实施日期 (implementation_date)",
        "归口单位 (responsible_org)",
        "立项日期 (started_on)",
        "省份代码 (province_code)",
        "废止日期 (withdrawn_on)",
    ]
    rows = [
        # the adoption notation: the record is GB/T 24067-2024, adopting ISO 14067:2018
        ["GB/T 24067—2024 / ISO 14067：2018", "国家标准", "碳足迹",
         "温室气体 产品碳足迹 量化要求和指南", "Greenhouse gases - Carbon footprint of products",
         "已发布", "2024-08-23", "2025-03-01", "全国环境管理标准化技术委员会", "", "", ""],
        ["JJF 1207—08", "measurement_spec", "measurement", "针对计量器具的技术规范", "", "issued",
         "2008-05-01", "", "", "", "", ""],
        # GBW(E): exactly six digits
        ["GBW(E)130113", "标准物质", "计量", "二氧化碳气体标准物质", "", "进行中", "", "", "",
         "2024-02-01", "", ""],
        # a local standard whose province is written by its short name
        ["DB33/T 123-2024", "地方标准", "碳排放核算", "企业碳排放核算指南", "", "已发布",
         "2024-04-01", "2024-05-01", "浙江省市场监督管理局", "", "浙江", ""],
        ["T/CNCA 116.1-2025", "团体标准", "能效能耗", "煤炭企业能效评价", "", "已发布",
         "2025-01-15", "", "中国煤炭工业协会", "", "", ""],
        # a verification regulation (JJG) is its own kind, not a JJF specification
        ["JJG 1156—2018", "计量检定规程", "measurement", "二氧化碳气体检测仪检定规程", "", "已发布",
         "2018-06-26", "", "", "", "", ""],
        ["GB/T 32150—2015", "国家标准", "碳排放核算", "工业企业温室气体排放核算和报告通则", "",
         "已废止", "2015-11-19", "2016-06-01", "", "", "", "2025-05-01"],
        # industry standards (行业标准): environmental protection HJ and HJ/T, energy NB/T
        ["HJ 1357—2024", "行业标准", "碳排放核算", "（测试）温室气体排放核算技术规范", "", "已发布",
         "2024-03-01", "2024-06-01", "生态环境部", "", "", ""],
        ["hj/t 353-2007", "industry_standard", "other", "（测试）水污染源在线监测系统安装技术规范",
         "", "issued", "2007-07-12", "", "", "", "", ""],
        ["NB/T 10001—2016", "行业标准", "能效能耗", "（测试）能源行业标准", "", "已发布",
         "2016-01-07", "", "", "", "", ""],
        # GBW: exactly five digits, here with a batch letter
        ["GBW 08101A", "标准物质", "计量", "（测试）一级标准物质", "", "已完成", "2024-09-01", "",
         "", "", "", ""],
    ]  # fmt: skip
    (GOLDEN / "standard.csv").write_bytes(csv_bytes(header, rows, "utf-8-sig"))
    expected = [
        _standard(2, "GB/T 24067-2024", "national_standard", "carbon_footprint",
                  "温室气体 产品碳足迹 量化要求和指南", "issued", adopted_standard="ISO 14067:2018",
                  title_en="Greenhouse gases - Carbon footprint of products",
                  issue_date="2024-08-23", implementation_date="2025-03-01",
                  responsible_org="全国环境管理标准化技术委员会"),
        _standard(3, "JJF 1207-2008", "measurement_spec", "measurement", "针对计量器具的技术规范",
                  "issued", issue_date="2008-05-01"),
        _standard(4, "GBW(E) 130113", "reference_material", "measurement", "二氧化碳气体标准物质",
                  "in_progress", started_on="2024-02-01"),
        _standard(5, "DB33/T 123-2024", "local_standard", "carbon_accounting", "企业碳排放核算指南",
                  "issued", issue_date="2024-04-01", implementation_date="2024-05-01",
                  responsible_org="浙江省市场监督管理局", province_code="330000"),
        _standard(6, "T/CNCA 116.1-2025", "group_standard", "energy_efficiency", "煤炭企业能效评价",
                  "issued", issue_date="2025-01-15", responsible_org="中国煤炭工业协会"),
        _standard(7, "JJG 1156-2018", "verification_regulation", "measurement",
                  "二氧化碳气体检测仪检定规程", "issued", issue_date="2018-06-26"),
        _standard(8, "GB/T 32150-2015", "national_standard", "carbon_accounting",
                  "工业企业温室气体排放核算和报告通则", "withdrawn", issue_date="2015-11-19",
                  implementation_date="2016-06-01", withdrawn_on="2025-05-01"),
        _standard(9, "HJ 1357-2024", "industry_standard", "carbon_accounting",
                  "（测试）温室气体排放核算技术规范", "issued", issue_date="2024-03-01",
                  implementation_date="2024-06-01", responsible_org="生态环境部"),
        _standard(10, "HJ/T 353-2007", "industry_standard", "other",
                  "（测试）水污染源在线监测系统安装技术规范", "issued", issue_date="2007-07-12"),
        _standard(11, "NB/T 10001-2016", "industry_standard", "energy_efficiency",
                  "（测试）能源行业标准", "issued", issue_date="2016-01-07"),
        _standard(12, "GBW 08101a", "reference_material", "measurement", "（测试）一级标准物质",
                  "completed", issue_date="2024-09-01"),
    ]  # fmt: skip
    _expect(GOLDEN / "standard.expected.json", "standard", expected)

    # task_progress: XLSX with Chinese headers, percentages, department names.
    header = ["任务编号", "状态", "进度(%)", "更新日期", "部门", "佐证材料", "备注"]
    rows = [
        ["AP-KT-01", "进行中", 40, datetime(2024, 10, 1), "SAMR", "国标委函〔2024〕12号", None],
        ["ap-kt-02", "已完成", "100%", "2024-12-20", "国家市场监督管理总局", None, "已发布"],
        ["WP-05", "delayed", 12.6, 45600, "ndrc", None, None],
    ]
    (GOLDEN / "task_progress.xlsx").write_bytes(xlsx_bytes(header, rows))
    expected = [
        _task(2, "AP-KT-01", "in_progress", 40, "2024-10-01", "SAMR",
              evidence="国标委函〔2024〕12号"),
        _task(3, "AP-KT-02", "completed", 100, "2024-12-20", "SAMR", note="已发布"),
        _task(4, "WP-05", "delayed", 13, "2024-11-04", "NDRC"),
    ]  # fmt: skip
    _expect(GOLDEN / "task_progress.expected.json", "task_progress", expected)


def _province_forms() -> list[tuple[str, str, str, str]]:
    """The enterprises of province_forms.csv, in order: (USCC, name, province as written,
    expected province code)."""
    with (HERE / "province_forms.csv").open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        next(rows)  # the header
        return [tuple(r) for r in rows]


def _pilot(n, code, name, pilot_type, province, industry, stage, day, **more) -> dict:
    """An expected pilot status row: the given columns, the others empty."""
    base = {"pilot_name": None, "uscc": None, "standards_adopted": None, "note": None}
    base |= {"longitude": None, "latitude": None, "datum": None}
    given = row(_row=n, pilot_code=code, pilot_name=name, pilot_type=pilot_type)
    given |= row(province_code=province, industry=industry, stage=stage, stage_date=day)
    return base | given | more


def _review(n, uscc, name, province, industry, status, day, **more) -> dict:
    """An expected measurement review row: the given columns, the others empty."""
    base = {"instruments_total": None, "instruments_calibrated": None, "note": None}
    given = row(_row=n, uscc=uscc, enterprise_name=name, province_code=province, industry=industry)
    return base | given | row(review_status=status, review_date=day) | more


def _standard(n, number, kind, category, title_zh, status, **more) -> dict:
    """An expected standard row: the given columns, the others empty."""
    base = dict.fromkeys(STANDARD) | {"withdrawn_on": None, "adopted_standard": None}
    given = row(number=number, kind=kind, category=category, title_zh=title_zh, status=status)
    return base | given | more | {"_row": n}


def _task(n, code, status, pct, day, department, **more) -> dict:
    """An expected task progress row: the given columns, the others empty."""
    base = {"department": department, "evidence": None, "note": None}
    given = row(_row=n, task_code=code, status=status, progress_pct=pct, update_date=day)
    return base | given | more


def _expect(path: Path, kind: str, rows: list[dict]) -> None:
    write_json(path, {"kind": kind, "rows": rows})
