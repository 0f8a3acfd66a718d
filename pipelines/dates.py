"""Dates as they arrive from Chinese Excel: ISO, slashes, dots, 年月日, full-width, serials."""

from __future__ import annotations

import math
import numbers
import re
from datetime import date, datetime, timedelta

from pipelines.text import ParseError, normalize_dashes, to_halfwidth

__all__ = [
    "EXCEL_MAX_SERIAL",
    "DateParseError",
    "check_not_future",
    "excel_serial_to_date",
    "parse_date",
]

EXCEL_MAX_SERIAL = 2958465  # 9999-12-31 in the 1900 date system
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 61 == 1900-03-01 (serial 60 is Lotus' 1900-02-29)

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_SEPARATED = re.compile(rf"(\d{{4}})\s*([-/.])\s*(\d{{1,2}})\s*\2\s*(\d{{1,2}}){_TIME}")
_CHINESE = re.compile(rf"(\d{{4}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*[日号]?{_TIME}")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # 20240714
_NUMERIC = re.compile(r"\d+(?:\.\d+)?")


class DateParseError(ParseError):
    """``code`` is "date_format" (unrecognised), "date_invalid" (no such day) or "date_future"."""

    def __init__(self, code: str, value: object = None) -> None:
        super().__init__(code, value)


def _make(year: int, month: int, day: int, value: object) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError("date_invalid", value) from None


def excel_serial_to_date(serial: float, value: object = None) -> date:
    """Excel 1900-system serial (fraction = time of day, ignored) to a date."""
    if isinstance(serial, float) and not math.isfinite(serial):
        raise DateParseError("date_format", value)
    whole = math.floor(serial)
    if not 1 <= whole <= EXCEL_MAX_SERIAL:
        raise DateParseError("date_format", value)
    if whole == 60:  # 1900-02-29 does not exist; Excel keeps it for Lotus 1-2-3 compatibility
        raise DateParseError("date_invalid", value)
    if whole < 60:
        return _EXCEL_EPOCH + timedelta(days=whole + 1)
    return _EXCEL_EPOCH + timedelta(days=whole)


def _from_number(number: float, value: object) -> date:
    if not math.isfinite(number):
        raise DateParseError("date_format", value)
    # A number like 20240714 is a compact date typed as a number, not a serial.
    if number == int(number) and 19000101 <= number <= 99991231:
        text = str(int(number))
        return _make(int(text[:4]), int(text[4:6]), int(text[6:]), value)
    return excel_serial_to_date(number, value)


def parse_date(value: object, *, today: date | None = None) -> date:
    """Parse a date cell; raises :class:`DateParseError`.

    Accepts date/datetime objects (incl. pandas Timestamps), ``2024-07-14``, ``2024/7/14``,
    ``2024.7.14``, ``2024年7月14日`` (also 号 or no 日), an optional trailing time, ``20240714``,
    full-width digits, and Excel 1900-system serials as numbers or numeric strings.
    If ``today`` is given the date must also pass :func:`check_not_future` against it.
    """
    result = _parse(value)
    if today is not None:
        check_not_future(result, today=today)
    return result


def _parse(value: object) -> date:
    if value is None or isinstance(value, bool) or value != value:  # None, bools, NaN / NaT
        raise DateParseError("date_format", value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, numbers.Real):  # int, float and numpy scalars
        return _from_number(float(value), value)
    if not isinstance(value, str):
        raise DateParseError("date_format", value)
    text = normalize_dashes(to_halfwidth(value)).strip()
    for pattern in (_SEPARATED, _CHINESE):
        match = pattern.fullmatch(text)
        if match:
            groups = [g for g in match.groups() if g not in ("-", "/", ".")]
            year, month, day = (int(g) for g in groups)
            return _make(year, month, day, value)
    match = _COMPACT.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _make(year, month, day, value)
    if _NUMERIC.fullmatch(text):
        return excel_serial_to_date(float(text), value)
    raise DateParseError("date_format", value)


def check_not_future(d: date, *, today: date | None = None, grace_days: int = 1) -> date:
    """Raise "date_future" if ``d`` is more than ``grace_days`` after ``today`` (default: now).

    The default grace of one day absorbs time-zone differences between submitter and server.
    """
    if isinstance(d, datetime):
        d = d.date()
    today = today or date.today()
    if isinstance(today, datetime):
        today = today.date()
    if d > today + timedelta(days=grace_days):
        raise DateParseError("date_future", d)
    return d
