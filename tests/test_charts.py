"""Chart builders: their data and encodings, not pixels."""

from datetime import date

import pandas as pd

from dashboard.charts.bars import bar_chart
from dashboard.charts.burnup import burnup_chart
from tests.test_china_map import walk


def _burnup(as_of):
    frame = pd.DataFrame({"day": [date(2024, 1, 31), date(2024, 2, 29)], "actual": [3, 7]})
    return burnup_chart(
        frame,
        window_start=date(2024, 1, 1),
        deadline=date(2024, 12, 31),
        threshold=70,
        as_of=as_of,
        forecast=42.0,
        title="T1 标准",
        lang="zh",
    )


def test_burnup_layers_and_data():
    spec = _burnup(date(2024, 2, 29)).to_dict()
    assert spec["title"]["text"] == "T1 标准"
    rows = spec["datasets"][next(iter(spec["datasets"]))]
    series = {r["series"] for r in rows}
    assert series == {"实际累计", "所需路径", "预测"}
    path = [r for r in rows if r["series"] == "所需路径"]
    assert [p["value"] for p in path] == [0, 70]
    forecast = [r for r in rows if r["series"] == "预测"]
    assert [f["value"] for f in forecast] == [7, 42.0]
    layer = spec["layer"]
    assert any(lyr.get("mark", {}).get("shape") == "diamond" for lyr in layer)
    enc = layer[0]["layer"][0]["encoding"] if "layer" in layer[0] else layer[0]["encoding"]
    assert enc["x"]["field"] == "day" and enc["x"]["type"] == "temporal"
    assert enc["x"]["axis"]["tickCount"] == "month"
    assert {t["field"] for t in enc["tooltip"]} == {"series", "day", "value"}


def _colour_domain(spec) -> list:
    return next(
        v["scale"]["domain"]
        for k, v in walk(spec)
        if k == "color" and isinstance(v, dict) and "scale" in v
    )


def test_burnup_after_deadline_has_no_forecast_line():
    spec = _burnup(date(2025, 3, 1)).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert "预测" not in {r["series"] for r in rows}
    assert "预测" not in _colour_domain(spec)  # nor a legend entry for it


def test_burnup_before_deadline_lists_the_forecast():
    spec = _burnup(date(2024, 6, 30)).to_dict()
    assert "预测" in _colour_domain(spec)
    assert "预测" in {r["series"] for r in next(iter(spec["datasets"].values()))}


def test_bar_chart_encodings():
    df = pd.DataFrame({"label": ["a", "b"], "n": [3, 5]})
    spec = bar_chart(
        df, category="label", value="n", category_title="类型", value_title="数量", title="标题"
    ).to_dict()
    bars, _labels = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["y"]["field"] == "label"
    assert bars["encoding"]["x"]["field"] == "n"
    assert bars["encoding"]["x"]["title"] == "数量"


STAGES_ZH = [
    "已申报",
    "省级推荐",
    "已批准（立项）",
    "建设中",
    "中期评估",
    "已验收",
    "未通过",
    "已撤销",
    "已退出",
]


def _funnel(labels=STAGES_ZH):
    df = pd.DataFrame({"label": labels, "n": list(range(len(labels), 0, -1))})
    return bar_chart(
        df,
        category="label",
        value="n",
        category_title="阶段",
        value_title="数量",
        title="试点漏斗",
        sort=labels,
    )


def test_bar_chart_keeps_every_label_and_grows_with_the_bars():
    spec = _funnel().to_dict()
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["labelOverlap"] is False  # never hide a label that would touch its neighbour
    assert axis["labelLimit"] >= 300  # nor cut a long one short
    assert spec["height"] == {"step": 30}  # a band of 30 px per bar, however many bars
    assert spec["layer"][0]["encoding"]["y"]["sort"] == STAGES_ZH


def test_bar_chart_writes_each_value_at_its_bar():
    spec = _funnel().to_dict()
    text = spec["layer"][1]
    assert text["mark"]["type"] == "text"
    assert text["encoding"]["text"]["field"] == "n"
    assert text["encoding"]["y"]["field"] == "label"
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domainMax"] > 9  # room for the label
