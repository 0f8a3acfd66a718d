"""The location check of a report's rows and of a registry form's save alike: the datum
filled in (WGS-84 when blank), the point converted to the map's GCJ-02 and placed against
the shipped province boundaries in one spatial join (provinces.py).

* a point outside China is an error (the row is not kept);
* a point outside its declared province, beyond the tolerance, is a warning naming the
  province it lies in (in a report the submitter confirms it and the reviewer sees it; on
  a form the person saving confirms it).
"""

from __future__ import annotations

from dashboard.locations.datums import DEFAULT_DATUM, to_map
from dashboard.province_names import ProvinceIndex

DECIMALS = 6  # about 0.1 m: more is noise, and it bounds what is stored


def check_locations(spec, rows: list[dict], issue_for, provinces: ProvinceIndex) -> list[dict]:
    """Fill each located row's datum, place the located rows, and return the rows kept.
    `issue_for(level, code, row, column, value, params)` records an error or a warning."""
    lon_key, lat_key, datum_key = spec.location
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

    province_key = spec.province_column
    x, y = to_map(
        [r[lon_key] for r in located],
        [r[lat_key] for r in located],
        [r[datum_key] for r in located],
    )
    dropped = set()
    for m in place(x, y, [r[province_key] for r in located]):
        row = located[m.index]
        value = f"{row[lon_key]}, {row[lat_key]}"
        if m.found is None:
            params = {"km": int(OUTSIDE_M / 1000)}
            issue_for("error", "location_outside_china", row, lon_key, value, params)
            dropped.add(id(row))
            continue
        declared = row[province_key]
        params = {
            "found": m.found,
            "declared": declared,
            "found_zh": provinces.named([m.found], "zh")[0],
            "found_en": provinces.named([m.found], "en")[0],
            "declared_zh": provinces.named([declared], "zh")[0],
            "declared_en": provinces.named([declared], "en")[0],
            "km": int(TOLERANCE_M / 1000),
        }
        issue_for("warning", "location_other_province", row, lon_key, value, params)
    return [r for r in rows if id(r) not in dropped] if dropped else rows
