"""Tests for pipelines.dates and pipelines.text."""

from datetime import date, datetime

import pytest

from pipelines.dates import DateParseError, check_not_future, excel_serial_to_date, parse_date
from pipelines.text import ParseError, normalize_dashes, to_halfwidth

JULY_14 = date(2024, 7, 14)


@pytest.mark.parametrize(
    "value",
    [
        JULY_14,
        datetime(2024, 7, 14, 15, 30),
        "2024-07-14",
        "2024-7-14",
        "2024/7/14",
        "2024/07/14",
        "2024.7.14",
        "2024年7月14日",
        "2024年07月14日",
        "2024年7月14号",
        "2024 年 7 月 14 日",
        "２０２４－０７－１４",
        "２０２４年７月１４日",
        "  2024-07-14\t",
        "2024-07-14 00:00:00",
        "2024-07-14T08:15",
        "20240714",
        45487,
        45487.0,
        45487.6,  # fraction is the time of day
        "45487",
        " 45487.0 ",
        "４５４８７",
    ],
)
def test_accepted_forms(value):
    assert parse_date(value) == JULY_14


def test_pandas_timestamp():
    pd = pytest.importorskip("pandas")
    assert parse_date(pd.Timestamp("2024-07-14 10:00")) == JULY_14


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (45487, JULY_14),
        (2958465, date(9999, 12, 31)),
    ],
)
def test_excel_serials(serial, expected):
    assert excel_serial_to_date(serial) == expected
    assert parse_date(serial) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2024-02-30", "date_invalid"),
        ("2023年2月29日", "date_invalid"),
        ("2024-13-01", "date_invalid"),
        ("20240230", "date_invalid"),
        (60, "date_invalid"),  # Excel's fictitious 1900-02-29
        ("60", "date_invalid"),
        (0, "date_format"),
        (-5, "date_format"),
        (2958466, "date_format"),
        ("", "date_format"),
        ("   ", "date_format"),
        ("abc", "date_format"),
        ("2024-7/14", "date_format"),  # mixed separators
        ("14/07/2024", "date_format"),  # day-first is ambiguous, refused
        ("2024年7月", "date_format"),
        (None, "date_format"),
        (True, "date_format"),
        (float("nan"), "date_format"),
        ([2024, 7, 14], "date_format"),
    ],
)
def test_rejected(value, code):
    with pytest.raises(DateParseError) as info:
        parse_date(value)
    assert info.value.code == code
    assert isinstance(info.value, ParseError)


def test_error_keeps_value():
    with pytest.raises(DateParseError) as info:
        parse_date("2024-02-30")
    assert info.value.value == "2024-02-30"


def test_check_not_future():
    today = date(2024, 7, 14)
    assert check_not_future(date(2024, 7, 15), today=today) == date(2024, 7, 15)  # grace day
    with pytest.raises(DateParseError) as info:
        check_not_future(date(2024, 7, 16), today=today)
    assert info.value.code == "date_future"
    with pytest.raises(DateParseError):
        check_not_future(date(2024, 7, 15), today=today, grace_days=0)
    assert check_not_future(datetime(2024, 7, 14, 23, 59), today=today) == today


def test_parse_date_with_today_rejects_future():
    assert parse_date("2024-07-14", today=date(2024, 7, 14)) == JULY_14
    with pytest.raises(DateParseError) as info:
        parse_date("2025-01-01", today=date(2024, 7, 14))
    assert info.value.code == "date_future"


def test_to_halfwidth_keeps_cjk():
    assert to_halfwidth("２０２４年０７月１４日") == "2024年07月14日"
    assert to_halfwidth("ＪＪＦ（皖）　２１８") == "JJF(皖) 218"
    assert to_halfwidth("〔2024〕") == "[2024]"
    assert normalize_dashes("1207——2008 1–2 3－4") == "1207-2008 1-2 3-4"
