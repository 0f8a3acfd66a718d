"""Tests for pipelines.identifiers: USCC and standard-number parsing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.identifiers import (
    USCC_ALPHABET,
    USCC_WEIGHTS,
    ParseError,
    StandardNumber,
    infer_kind,
    normal_uscc,
    parse_standard_number,
    parse_uscc,
    uscc_check_char,
    uscc_region_ok,
)


def test_uscc_weights_match_product_doc():
    assert USCC_WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_known_valid_uscc():
    result = parse_uscc("91110000600037341L")
    assert result.normalized == "91110000600037341L"
    assert result.error is None
    assert result.check_ok and result.ok
    assert result.region_code == "110000"
    assert result.warning is None


def test_generated_uscc_is_valid():
    first17 = "91330106MA2B3C4D5"
    code = first17 + uscc_check_char(first17)
    result = parse_uscc(code)
    assert result.check_ok and result.error is None
    assert result.region_code == "330106"


def test_uscc_normalises_fullwidth_lowercase_and_padding():
    result = parse_uscc("  ９１１１００００６０００３７３４１ｌ\u3000")
    assert result.normalized == "91110000600037341L"
    assert result.check_ok


def test_uscc_bad_check_char_is_a_warning_not_an_error():
    result = parse_uscc("91110000600037341A")
    assert result.normalized == "91110000600037341A"
    assert result.error is None
    assert result.check_ok is False
    assert result.warning == "uscc_check"
    assert not result.ok


# codes as files write them: the alphabet, lower case, full width, spaces, I and O, hyphens
USCC_CHARACTERS = USCC_ALPHABET + "abclmnIOZ- \u3000９Ｌｌ"


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(
        st.text(alphabet=USCC_CHARACTERS, min_size=16, max_size=20),
        st.text(alphabet=USCC_ALPHABET, min_size=18, max_size=18),  # mostly failing the check
    )
)
def test_the_quick_uscc_path_gives_what_parse_uscc_gives(text):
    """The validator reads a code already in normal form through normal_uscc: the same code
    and check as parse_uscc; anything else it leaves to parse_uscc."""
    quick, full = normal_uscc(text), parse_uscc(text)
    if quick is not None:
        assert full.error is None and quick == (full.normalized, full.check_ok)
    else:
        assert full.error is not None or full.normalized != text


def test_the_quick_uscc_path_takes_codes_in_normal_form():
    assert normal_uscc("91110000600037341L") == ("91110000600037341L", True)
    assert normal_uscc("91110000600037341A") == ("91110000600037341A", False)
    assert normal_uscc(" 91110000600037341L") is None  # parse_uscc strips it
    assert normal_uscc("91110000600037341l") is None  # and upper-cases it


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "uscc_empty"),
        ("   ", "uscc_empty"),
        ("91110000600037341", "uscc_length"),
        ("91110000600037341LX", "uscc_length"),
        ("9111000060003734IO", "uscc_chars"),  # I and O are not in the alphabet
        ("91110000-60003734L", "uscc_chars"),
    ],
)
def test_uscc_hard_errors(value, code):
    result = parse_uscc(value)
    assert result.error == code
    assert result.normalized is None
    assert result.check_ok is False


def test_uscc_check_char_rejects_bad_input():
    with pytest.raises(ValueError):
        uscc_check_char("123")
    assert set(USCC_ALPHABET).isdisjoint("IOSVZ")


def _spellings(parsed: tuple, *values: str) -> list[tuple]:
    """(value, canonical, kind, prefix, number, year) for ways of writing one number."""
    return [(value, *parsed) for value in values]


@pytest.mark.parametrize(
    ("value", "canonical", "kind", "prefix", "number", "year"),
    [
        ("GB 1234-2024", "GB 1234-2024", "national_standard", "GB", "1234", 2024),
        ("GB/T 24067.2-2024", "GB/T 24067.2-2024", "national_standard", "GB/T", "24067.2", 2024),
        ("GB/Z 41 - 2019", "GB/Z 41-2019", "national_standard", "GB/Z", "41", 2019),
        ("GB/T 2589-08", "GB/T 2589-2008", "national_standard", "GB/T", "2589", 2008),
        ("GB/T 2589-81", "GB/T 2589-1981", "national_standard", "GB/T", "2589", 1981),
        # spacing, case, dashes and full-width forms of one number
        *_spellings(
            ("GB/T 24067-2024", "national_standard", "GB/T", "24067", 2024),
            "GB/T 24067-2024",
            "GB/T24067-2024",
            "GB /T  24067 -2024",
            "gb/t 24067-2024",
            "GB/T 24067—2024",
            "GB/T 24067–2024",
            "GB/T 24067－2024",
            "ＧＢ／Ｔ\u3000２４０６７－２０２４",
        ),
        ("JJF 1207—2008", "JJF 1207-2008", "measurement_spec", "JJF", "1207", 2008),
        ("JJF 1234-2024", "JJF 1234-2024", "measurement_spec", "JJF", "1234", 2024),
        ("JJG 693-2011", "JJG 693-2011", "verification_regulation", "JJG", "693", 2011),
        ("JJF(皖) 218-2025", "JJF(皖) 218-2025", "measurement_spec", "JJF(皖)", "218", 2025),
        ("JJF（皖）218－2025", "JJF(皖) 218-2025", "measurement_spec", "JJF(皖)", "218", 2025),
        ("JJF (皖) 218—2025", "JJF(皖) 218-2025", "measurement_spec", "JJF(皖)", "218", 2025),
        ("T/CNCA 116.1-2025", "T/CNCA 116.1-2025", "group_standard", "T/CNCA", "116.1", 2025),
        ("T/XXX 123-2024", "T/XXX 123-2024", "group_standard", "T/XXX", "123", 2024),
        ("T/cnca116.1—2025", "T/CNCA 116.1-2025", "group_standard", "T/CNCA", "116.1", 2025),
        ("DB33/T 123-2024", "DB33/T 123-2024", "local_standard", "DB33/T", "123", 2024),
        ("DB33/T123—2024", "DB33/T 123-2024", "local_standard", "DB33/T", "123", 2024),
        ("DB11/ 1234-2020", "DB11/ 1234-2020", "local_standard", "DB11/", "1234", 2020),
        ("DB11/1234-2020", "DB11/ 1234-2020", "local_standard", "DB11/", "1234", 2020),
        ("DB3301/T 12-2021", "DB3301/T 12-2021", "local_standard", "DB3301/T", "12", 2021),
        ("ISO 14067:2018", "ISO 14067:2018", "international_standard", "ISO", "14067", 2018),
        ("ISO 14064-1:2018", "ISO 14064-1:2018", "international_standard", "ISO", "14064-1", 2018),
        (
            "ISO/IEC 17025 : 2017",
            "ISO/IEC 17025:2017",
            "international_standard",
            "ISO/IEC",
            "17025",
            2017,
        ),
        ("IEC 60050", "IEC 60050", "international_standard", "IEC", "60050", None),
        # industry standards (行业标准), mandatory, recommended and guidance
        ("HJ 1357-2024", "HJ 1357-2024", "industry_standard", "HJ", "1357", 2024),
        ("HJ/T 353-2007", "HJ/T 353-2007", "industry_standard", "HJ/T", "353", 2007),
        ("hj／t353—2007", "HJ/T 353-2007", "industry_standard", "HJ/T", "353", 2007),
        ("HJ 2.2-2018", "HJ 2.2-2018", "industry_standard", "HJ", "2.2", 2018),
        ("YB/T 4001.1-2020", "YB/T 4001.1-2020", "industry_standard", "YB/T", "4001.1", 2020),
        ("JC/T 2713-2022", "JC/T 2713-2022", "industry_standard", "JC/T", "2713", 2022),
        ("NB/T 10001-2016", "NB/T 10001-2016", "industry_standard", "NB/T", "10001", 2016),
        ("DL/T 1328-2014", "DL/T 1328-2014", "industry_standard", "DL/T", "1328", 2014),
        ("SH/T 0001-90", "SH/T 0001-1990", "industry_standard", "SH/T", "0001", 1990),
        ("QX/T 510-2019", "QX/T 510-2019", "industry_standard", "QX/T", "510", 2019),
        ("JT/T 1234-2019", "JT/T 1234-2019", "industry_standard", "JT/T", "1234", 2019),
        ("JGJ/T 449-2018", "JGJ/T 449-2018", "industry_standard", "JGJ/T", "449", 2018),
        ("SL/Z 349-2015", "SL/Z 349-2015", "industry_standard", "SL/Z", "349", 2015),
        ("DB/T 15-2009", "DB/T 15-2009", "industry_standard", "DB/T", "15", 2009),  # seismology
        ("TB/T 3139-2021", "TB/T 3139-2021", "industry_standard", "TB/T", "3139", 2021),
        # provincial verification regulations stay verification regulations
        ("JJG(浙) 12-2020", "JJG(浙) 12-2020", "verification_regulation", "JJG(浙)", "12", 2020),
    ],
)
def test_standard_number_canonical_forms(value, canonical, kind, prefix, number, year):
    parsed = parse_standard_number(value)
    assert parsed == StandardNumber(canonical, prefix, number, year, kind)
    assert infer_kind(value) == kind
    # The declared kind is accepted, and the canonical form is a fixed point.
    assert parse_standard_number(value, kind).canonical == canonical
    assert parse_standard_number(canonical).canonical == canonical


@pytest.mark.parametrize(
    ("value", "canonical", "prefix", "number", "batch"),
    [
        ("GBW 08101", "GBW 08101", "GBW", "08101", None),
        ("GBW08101", "GBW 08101", "GBW", "08101", None),
        ("GBW(E) 130113", "GBW(E) 130113", "GBW(E)", "130113", None),
        ("GBW（E）130113", "GBW(E) 130113", "GBW(E)", "130113", None),
        ("GBW 08101a", "GBW 08101a", "GBW", "08101", "a"),
        ("GBW(E)130113b", "GBW(E) 130113b", "GBW(E)", "130113", "b"),
        ("GBW(E)130113B", "GBW(E) 130113b", "GBW(E)", "130113", "b"),
    ],
)
def test_reference_materials(value, canonical, prefix, number, batch):
    parsed = parse_standard_number(value, "reference_material")
    assert parsed.canonical == canonical
    assert (parsed.prefix, parsed.number, parsed.year, parsed.batch) == (
        prefix,
        number,
        None,
        batch,
    )
    assert infer_kind(value) == "reference_material"


def test_international_free_ish_form_is_kept():
    parsed = parse_standard_number("EN ISO 14064-1:2018", "international_standard")
    assert parsed.canonical == "EN ISO 14064-1:2018"
    assert parsed.year == 2018


@pytest.mark.parametrize("kind", ["measurement_standard", "technology_study"])
def test_free_form_kinds(kind):
    parsed = parse_standard_number("  〔2024〕国量标计证字第123号 ", kind)
    assert parsed.canonical == "[2024]国量标计证字第123号"
    assert parsed.year == 2024
    assert parsed.kind == kind
    with pytest.raises(ParseError) as info:
        parse_standard_number("   ", kind)
    assert info.value.code == "standard_number_empty"


def test_free_form_kinds_are_never_inferred():
    assert infer_kind("[2024]国量标计证字第123号") is None
    assert infer_kind("") is None


@pytest.mark.parametrize(
    ("value", "kind", "inferred"),
    [
        ("GBW 08101", "national_standard", "reference_material"),
        ("GB/T 24067-2024", "measurement_spec", "national_standard"),
        ("JJF 1207-2008", "national_standard", "measurement_spec"),
        ("DB33/T 123-2024", "group_standard", "local_standard"),
        ("T/CNCA 116.1-2025", "local_standard", "group_standard"),
        ("ISO 14067:2018", "national_standard", "international_standard"),
    ],
)
def test_kind_mismatch(value, kind, inferred):
    with pytest.raises(ParseError) as info:
        parse_standard_number(value, kind)
    assert info.value.code == "standard_number_kind_mismatch"
    assert info.value.detail == {"kind": kind, "inferred": inferred}


@pytest.mark.parametrize(
    ("value", "kind", "code"),
    [
        ("", None, "standard_number_empty"),
        ("hello", None, "standard_number_format"),
        ("hello", "national_standard", "standard_number_format"),
        ("GB/T abc-2024", None, "standard_number_format"),
        ("GB/T 24067-2024-01", None, "standard_number_format"),
        ("GBZ 2.1-2019", None, "standard_number_format"),  # occupational health, not GB/Z
        ("JJF(X) 1-2020", None, "standard_number_format"),  # not a province short name
        ("DB99/T 1-2020", None, "standard_number_format"),  # 99 is not a province code
        ("GBW 123", None, "standard_number_gbw_digits"),
        ("GBW 081011", None, "standard_number_gbw_digits"),  # 6 digits without (E)
        ("GBW(E) 13011", None, "standard_number_gbw_digits"),  # 5 digits with (E)
        ("GBW(E) 1301134", None, "standard_number_gbw_digits"),
        ("HJ 1357", None, "standard_number_year_missing"),
        ("HJ/X 1357-2024", None, "standard_number_format"),
        ("XY/T 1-2020", None, "standard_number_format"),  # not an industry code
        ("GBW 08101/ISO 6145:2014", None, "standard_number_format"),
        ("ISO 14064-2019/ISO 14067:2018", None, "standard_number_adoption"),
        ("GB/T 24067", None, "standard_number_year_missing"),
        ("JJF 1207", "measurement_spec", "standard_number_year_missing"),
        ("GB/T 24067-1850", None, "standard_number_year"),
        ("GB/T 24067-2024", "not_a_kind", "standard_number_kind_unknown"),
    ],
)
def test_standard_number_errors(value, kind, code):
    with pytest.raises(ParseError) as info:
        parse_standard_number(value, kind)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("value", "canonical", "kind", "adopted"),
    [
        (
            "GB/T 24067-2024/ISO 14067:2018",
            "GB/T 24067-2024",
            "national_standard",
            "ISO 14067:2018",
        ),
        (
            "GB/T 24067—2024 / ISO 14067：2018",
            "GB/T 24067-2024",
            "national_standard",
            "ISO 14067:2018",
        ),
        (
            "GB/T 32150-15/ISO 14064-1:2006",
            "GB/T 32150-2015",
            "national_standard",
            "ISO 14064-1:2006",
        ),
        ("GB/T 19001-2016/ISO 9001:2015", "GB/T 19001-2016", "national_standard", "ISO 9001:2015"),
        ("HJ 1357-2024/ISO 14064-1:2018", "HJ 1357-2024", "industry_standard", "ISO 14064-1:2018"),
        (
            "JJF 1261.1-2017/OIML R 137-1:2012",
            "JJF 1261.1-2017",
            "measurement_spec",
            "OIML R 137-1:2012",
        ),
        ("GB/T 2589-2020", "GB/T 2589-2020", "national_standard", None),
    ],
)
def test_adoption_notation_keeps_the_adopted_standard(value, canonical, kind, adopted):
    parsed = parse_standard_number(value)
    assert (parsed.canonical, parsed.kind, parsed.adopted) == (canonical, kind, adopted)
    assert parse_standard_number(value, kind).adopted == adopted
    # the record's number is the Chinese one; the notation is rebuilt from the two parts
    assert parsed.notation == (f"{canonical}/{adopted}" if adopted else canonical)
    assert parse_standard_number(parsed.notation).canonical == canonical


def test_adoption_notation_on_a_kind_that_adopts_nothing():
    with pytest.raises(ParseError) as info:
        parse_standard_number("GBW(E) 130113/ISO 6145:2014")
    assert info.value.code == "standard_number_format"
    with pytest.raises(ParseError) as info:
        parse_standard_number("GB/T 24067-2024/ISO 14067:2018", "measurement_spec")
    assert info.value.code == "standard_number_kind_mismatch"


@pytest.mark.parametrize(
    "value", ["JJG 693-2011", "JJG(浙) 12-2020", "JJG1156—2018", "jjg 1156-18"]
)
def test_jjg_is_a_verification_regulation_never_a_specification(value):
    assert infer_kind(value) == "verification_regulation"
    assert parse_standard_number(value).kind == "verification_regulation"
    with pytest.raises(ParseError) as info:
        parse_standard_number(value, "measurement_spec")
    assert info.value.code == "standard_number_kind_mismatch"
    assert info.value.detail["inferred"] == "verification_regulation"


@pytest.mark.parametrize(
    ("region", "ok"),
    [
        ("330106", True),
        ("110000", True),
        ("100000", True),  # a national registration authority (GB 32100-2015's example)
        ("660000", True),  # the Xinjiang Production and Construction Corps
        ("660800", True),
        ("659001", True),  # Shihezi, a GB/T 2260 county-level city of Xinjiang
        ("990000", False),
        ("670000", False),
        ("100100", False),
        ("00000A", False),
    ],
)
def test_uscc_regions_as_they_occur(region, ok):
    assert uscc_region_ok(region) is ok
    first17 = "91" + region + "MA7ABCDE1" if region.isdigit() else None
    if first17:
        result = parse_uscc(first17 + uscc_check_char(first17))
        assert result.ok and result.region_code == region  # the check digit still applies


def test_industry_codes_are_never_national_standards():
    from pipelines.standard_codes import INDUSTRY_CODES

    for code in INDUSTRY_CODES:
        for sub in ("/T", "/Z") if code == "DB" else ("", "/T"):  # DB33 is a local standard
            number = f"{code}{sub} 100-2024"
            assert infer_kind(number) == "industry_standard", number
            assert parse_standard_number(number).canonical == number
