"""Provinces as officials write them: names, short names, English names, variants and codes."""

import pytest

from dashboard.province_names import (
    ProvinceAmbiguous,
    ProvinceUnknown,
    build_index,
    reference_index,
)

INDEX = reference_index()


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("浙江省", "330000"),
        ("浙江", "330000"),
        ("浙", "330000"),
        ("Zhejiang", "330000"),
        ("ZHEJIANG PROVINCE", "330000"),
        ("33", "330000"),
        ("330000", "330000"),
        ("３３００００", "330000"),
        (" 浙江 ", "330000"),
        ("内蒙古自治区", "150000"),
        ("内蒙古", "150000"),
        ("内蒙", "150000"),
        ("Inner Mongolia", "150000"),
        ("Nei Mongol", "150000"),
        ("广西", "450000"),
        ("Guangxi Zhuang Autonomous Region", "450000"),
        ("西藏", "540000"),
        ("Tibet", "540000"),
        ("Xizang", "540000"),
        ("香港", "810000"),
        ("Hong Kong SAR", "810000"),
        ("Hongkong", "810000"),
        ("澳门", "820000"),
        ("澳門", "820000"),
        ("Macau", "820000"),
        ("Macao", "820000"),
        ("宁夏", "640000"),
        ("Ningxia Hui Autonomous Region", "640000"),
        ("新疆", "650000"),
        ("Xinjiang Uyghur Autonomous Region", "650000"),
        ("Beijing Municipality", "110000"),
        ("上海", "310000"),
        ("Anhui", "340000"),
        ("黔", "520000"),
        ("贵", "520000"),
        ("Shanxi", "140000"),
        ("Shaanxi", "610000"),
        ("新疆兵团", "XPCC"),
        ("新疆生产建设兵团", "XPCC"),
        ("兵团", "XPCC"),
        ("XPCC", "XPCC"),
        ("Xinjiang Production and Construction Corps", "XPCC"),
        ("Xinjiang Production & Construction Corps", "XPCC"),
        ("66", "XPCC"),
        ("660000", "XPCC"),
    ],
)
def test_written_forms_resolve(written, code):
    assert INDEX.resolve(written) == code


@pytest.mark.parametrize(
    ("written", "candidates"),
    [
        ("湖", ["420000", "430000"]),
        ("山", ["140000", "370000"]),
        ("河", ["130000", "410000"]),
        ("Guang", ["440000", "450000"]),
        ("Shan", ["140000", "310000", "370000"]),
    ],
)
def test_ambiguous_text_is_an_error_that_names_the_candidates(written, candidates):
    with pytest.raises(ProvinceAmbiguous) as info:
        INDEX.resolve(written)
    assert info.value.candidates == candidates
    assert INDEX.named(candidates[:1], "zh")[0].endswith(f"（{candidates[0]}）")


@pytest.mark.parametrize("written", ["", "  ", "33000", "330100", "99", "Zhe", "安", "Mongolia"])
def test_unknown_text_is_refused_not_guessed(written):
    with pytest.raises(ProvinceUnknown):
        INDEX.resolve(written)


def test_reference_forms_never_collide():
    """No written form of one province is a form of another (else it would be ambiguous)."""
    assert {k: v for k, v in INDEX.forms.items() if len(v) > 1} == {}
    assert len(set().union(*INDEX.forms.values())) == 35


def test_colliding_reference_data_makes_the_form_ambiguous():
    index = build_index(
        [
            {"code": "110000", "name_zh": "北京市", "name_en": "Beijing", "short_zh": "京"},
            {"code": "120000", "name_zh": "天津市", "name_en": "Tianjin", "short_zh": "京"},
        ]
    )
    with pytest.raises(ProvinceAmbiguous) as info:
        index.resolve("京")
    assert info.value.candidates == ["110000", "120000"]


def test_index_limited_to_the_provinces_in_the_database():
    index = reference_index(["330000"])
    assert index.resolve("浙江") == "330000"
    with pytest.raises(ProvinceUnknown):
        index.resolve("北京")
