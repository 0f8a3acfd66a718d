"""Chart exports: title, filters, source line and export time in the file; Chinese text that
renders; PNG at twice the size; a PDF that parses; no URL loaded; a missing font refused."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import altair as alt
import pandas as pd
import pytest
from pypdf import PdfReader

from dashboard.charts.burnup import burnup_chart
from dashboard.charts.china_map import choropleth
from dashboard.exports import fonts
from dashboard.exports.chart_export import (
    FONT_FAMILY,
    ExportMeta,
    UnsafeSpecError,
    export_chart,
    render,
    wrap_spec,
)
from tests.exports.conftest import dark_pixels, png_image

TITLE_ZH = "各省试点数量"
META_ZH = ExportMeta(
    title=TITLE_ZH,
    subtitle="省份：浙江省、山东省",
    as_of=date(2025, 6, 30),
    synthetic=True,
    exported_at=datetime(2025, 7, 1, 8, 30, tzinfo=UTC),
    exported_by="briefing",
)
META_EN = ExportMeta(
    title="Pilots by province",
    subtitle="Provinces: Zhejiang, Shandong",
    as_of=date(2025, 6, 30),
    exported_at=datetime(2025, 7, 1, 8, 30, tzinfo=UTC),
)


def bars(width: int | str = 400) -> alt.Chart:
    df = pd.DataFrame({"省份": ["浙江省", "山东省", "北京市"], "试点": [7, 5, 3]})
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(x=alt.X("省份:N", title="省份"), y=alt.Y("试点:Q", title="试点数量"))
        .properties(title="不应出现的图内标题", width=width, height=220)
    )


def svg_texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def svg_size(svg: str) -> tuple[float, float]:
    head = re.search(r"<svg\b[^>]*>", svg).group(0)
    return (
        float(re.search(r'width="([\d.]+)"', head).group(1)),
        float(re.search(r'height="([\d.]+)"', head).group(1)),
    )


def test_svg_keeps_title_filters_source_and_time_as_text():
    svg = export_chart(bars(), fmt="svg", meta=META_ZH, lang="zh").decode("utf-8")
    texts = svg_texts(svg)
    assert TITLE_ZH in texts
    assert "省份：浙江省、山东省" in texts
    assert "浙江省" in texts  # an axis label: the chart's own Chinese text
    footer = "".join(texts)  # the footer may wrap
    assert "数据截至 2025年6月30日" in footer
    assert "仅含已审核接受的数据" in footer
    assert "演示数据（合成）" in footer
    assert "导出时间：2025年7月1日 16:30 北京时间" in footer  # 08:30 UTC, shown in Beijing time
    assert "不应出现的图内标题" not in footer  # the export's title replaces the chart's
    assert FONT_FAMILY in svg


def test_english_export_speaks_english_and_says_accepted_only():
    svg = export_chart(bars(), fmt="svg", meta=META_EN, lang="en").decode("utf-8")
    text = " ".join(svg_texts(svg))
    assert "Pilots by province" in text
    assert "data as of 30 Jun 2025" in text
    assert "accepted data only" in text
    assert "Exported 1 Jul 2025 16:30 Beijing time" in text
    assert "DEMO" not in text  # not synthetic


def test_png_is_twice_the_size_and_has_text():
    chart = bars()
    svg = export_chart(chart, fmt="svg", meta=META_ZH, lang="zh").decode("utf-8")
    png = export_chart(chart, fmt="png", meta=META_ZH, lang="zh")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = png_image(png)
    width, height = svg_size(svg)
    assert image.size == (round(2 * width), round(2 * height))
    assert image.width >= 2 * 400
    assert len(image.getcolors(maxcolors=1 << 24)) > 20, "blank image"
    # the title (black, Chinese only) is drawn in the top band: the font has its glyphs
    assert dark_pixels(image, (0, 0, image.width, 2 * 45)) > 200


def test_pdf_parses_and_holds_the_text():
    pdf = export_chart(bars(), fmt="pdf", meta=META_ZH, lang="zh")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert TITLE_ZH in text
    assert "浙江省" in text


def test_container_width_is_fixed_and_real_charts_render():
    actual = pd.DataFrame({"day": [date(2024, 1, 31), date(2024, 2, 29)], "actual": [2, 5]})
    chart = burnup_chart(
        actual,
        window_start=date(2024, 1, 1),
        deadline=date(2024, 12, 31),
        threshold=70,
        as_of=date(2024, 3, 1),
        forecast=30.0,
        title="T1",
        lang="zh",
    )
    spec = wrap_spec(chart, META_ZH, "zh", 640)
    assert spec["vconcat"][0]["width"] == 640
    svg = render(spec, "svg").decode("utf-8")
    assert "实际累计" in svg_texts(svg)  # the legend, in Chinese
    china = choropleth(
        pd.DataFrame({"code": ["330000", "370000"], "v": [7, 5]}),
        value_column="v",
        value_title="已设立试点",
        title="",
        lang="zh",
    )
    svg = export_chart(china, fmt="svg", meta=META_ZH, lang="zh").decode("utf-8")
    assert "已设立试点" in svg_texts(svg)


def test_a_chart_that_loads_a_url_is_refused():
    spec = bars().to_dict()
    spec["data"] = {"url": "https://example.com/data.json"}
    with pytest.raises(UnsafeSpecError):
        export_chart(spec, fmt="svg", meta=META_ZH, lang="zh")


def test_missing_font_is_reported_not_rendered_without_text(tmp_path, monkeypatch):
    monkeypatch.setenv(fonts.ENV_DIR, str(tmp_path))
    with pytest.raises(fonts.FontMissingError) as err:
        export_chart(bars(), fmt="png", meta=META_ZH, lang="zh")
    assert "fonts-noto-cjk" in str(err.value)
    assert "未安装" in str(err.value) and "not installed" in str(err.value)


def test_font_is_found_in_the_named_directory(tmp_path):
    assert fonts.find_cjk_font([str(tmp_path)]) is None
    (tmp_path / "NotoSansCJK-Regular.ttc").write_bytes(b"")
    assert fonts.find_cjk_font([str(tmp_path)]) == tmp_path / "NotoSansCJK-Regular.ttc"


def test_the_font_is_installed_here():
    assert fonts.ensure_cjk_font().is_file()


def test_bar_chart_export_shows_every_label_and_value():
    from tests.test_charts import STAGES_ZH, _funnel

    svg = export_chart(_funnel(), fmt="svg", meta=META_ZH, lang="zh").decode("utf-8")
    texts = svg_texts(svg)
    assert all(label in texts for label in STAGES_ZH)
    assert all(str(n) in texts for n in range(1, len(STAGES_ZH) + 1))
