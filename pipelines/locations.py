"""Locations in a report: coordinates read as decimal degrees, the datum filled in, and every
located row placed against the shipped province boundaries in one spatial join
(dashboard.locations.provinces).

* a point outside China is an error (the row is not kept);
* a point outside its declared province, beyond the tolerance, is a warning naming the
  province it lies in (the submitter confirms it, the reviewer sees it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dashboard.kinds import RecordKind
from dashboard.locations.datums import DEFAULT_DATUM, to_map
from dashboard.province_names import ProvinceIndex
from pipelines.text import to_halfwidth

DECIMALS = 6  # about 0.1 m: more is noise, and it bounds what is stored
RANGES = {"longitude": (-180.0, 180.0), "latitude": (-90.0, 90.0)}

# records an error or a warning: (level, code, row, column, value, message parameters)
IssueFor = Callable[[str, str, dict[str, Any], str, object, dict[str, Any]], None]


class CoordinateError(ValueError):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_coordinate(raw: object, kind: str) -> float:
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


def check_locations(
    spec: RecordKind, rows: list[dict[str, Any]], issue_for: IssueFor, provinces: ProvinceIndex
) -> list[dict[str, Any]]:
    """Fill each located row's datum, place the located rows, and return the rows kept.
    `issue_for(level, code, row, column, value, params)` records an error or a warning."""
    if spec.location is None or spec.province_column is None:
        raise ValueError(f"{spec.key}: a located kind names its location and province columns")
    lon_key, lat_key, datum_key = spec.location
    province_key = spec.province_column
    located = [r for r in rows if r[lon_key] is not None and r[lat_key] is not None]
    if len(located) < len(rows):
        for row in rows:
            if row[lon_key] is None or row[lat_key] is None:
                row[datum_key] = None  # a datum alone says nothing
    for row in located:
        if row[datum_key] is None:
            row[datum_key] = DEFAULT_DATUM
    if not located:
        return rows
    # imported here: geopandas loads only for a report with locations
    from dashboard.locations.provinces import OUTSIDE_M, TOLERANCE_M, place

    x, y = to_map(
        [r[lon_key] for r in located],
        [r[lat_key] for r in located],
        [r[datum_key] for r in located],
    )
    dropped: set[int] = set()
    for m in place(x, y, [r[province_key] for r in located]):
        row = located[m.index]
        value = f"{row[lon_key]}, {row[lat_key]}"
        if m.found is None:
            outside = {"km": int(OUTSIDE_M / 1000)}
            issue_for("error", "location_outside_china", row, lon_key, value, outside)
            dropped.add(id(row))
            continue
        declared = row[province_key]
        params = {
            "found_zh": provinces.named([m.found], "zh")[0],
            "found_en": provinces.named([m.found], "en")[0],
            "declared_zh": provinces.named([declared], "zh")[0],
            "declared_en": provinces.named([declared], "en")[0],
            "km": int(TOLERANCE_M / 1000),
        }
        issue_for("warning", "location_other_province", row, lon_key, value, params)
    return [r for r in rows if id(r) not in dropped] if dropped else rows
