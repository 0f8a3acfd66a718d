"""Locations in a report: coordinates read as decimal degrees; the datum filled in and every
located row placed against the shipped province boundaries by `check_locations`
(dashboard.locations.check, the same check the registry forms make).

* a point outside China is an error (the row is not kept);
* a point outside its declared province, beyond the tolerance, is a warning naming the
  province it lies in (the submitter confirms it, the reviewer sees it).
"""

from __future__ import annotations

from dashboard.locations.check import DECIMALS, check_locations
from pipelines.text import to_halfwidth

__all__ = ["DECIMALS", "RANGES", "CoordinateError", "check_locations", "parse_coordinate"]

RANGES = {"longitude": (-180.0, 180.0), "latitude": (-90.0, 90.0)}


class CoordinateError(ValueError):
    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_coordinate(raw, kind: str) -> float:
    """Decimal degrees from a cell (a number, or text such as "120.155", "１２０.１５５" or
    "120.155°"); refused when not a number or outside -180..180 (longitude) or -90..90
    (latitude)."""
    if isinstance(raw, bool):
        raise CoordinateError("number_format")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = to_halfwidth(str(raw)).strip().removesuffix("°").strip()
        try:
            value = float(text)
        except ValueError:
            raise CoordinateError("number_format") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise CoordinateError("number_format")
    low, high = RANGES[kind]
    if not low <= value <= high:
        raise CoordinateError("coordinate_range", min=int(low), max=int(high))
    return round(value, DECIMALS)
