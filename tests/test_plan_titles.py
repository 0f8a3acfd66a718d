"""The documents' Chinese titles are quoted exactly where the app and the pack name them."""

import json
from pathlib import Path

import pytest

from dashboard.exports.briefing import _title_slide
from dashboard.exports.chart_export import ExportMeta
from dashboard.i18n import t

DOCUMENTS = [
    json.loads(p.read_text("utf-8"))
    for p in sorted((Path(__file__).resolve().parents[1] / "data/programmes").glob("*.json"))
]
TRACKED = [d for d in DOCUMENTS if d["code"] in ("AP2024", "WP2024")]


@pytest.mark.parametrize("doc", TRACKED, ids=lambda d: d["code"])
def test_app_subtitle_quotes_the_official_title(doc):
    assert f"《{doc['title_zh']}》" in t("app.subtitle", "zh")


@pytest.mark.parametrize("doc", TRACKED, ids=lambda d: d["code"])
def test_pack_cover_quotes_the_official_title(doc):
    slide = _title_slide(ExportMeta(title="x"), "zh")
    text = " ".join(line for block in slide.blocks for line in getattr(block, "paragraphs", []))
    assert f"《{doc['title_zh']}》" in text
