"""Service results as API responses: tables paged into JSON records or CSV (the same CSV
rule as every download: UTF-8 with a BOM, formula-like text neutralised), and errors as
`{"error": {"code", "message", "parameter"?}}`."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from starlette.responses import JSONResponse, Response

from dashboard.exports.tables import plain_value, to_csv_bytes
from dashboard.models.common import as_utc

NO_STORE = {"Cache-Control": "no-store"}


def cell(value):
    """One table cell as JSON: dates ISO 8601, timestamps in UTC, missing values null."""
    value = plain_value(value)
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    columns = list(frame.columns)
    return [
        {c: cell(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def page_of(frame: pd.DataFrame, page: int, size: int) -> pd.DataFrame:
    start = (page - 1) * size
    return frame.iloc[start : start + size]


def json_response(body: dict, status: int = 200, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers={**NO_STORE, **(headers or {})})


def table_response(
    frame: pd.DataFrame, *, page: int, size: int, fmt: str, meta: dict, filename: str
) -> Response:
    """One page of `frame`: JSON `{**meta, total, page, page_size, items}`, or CSV with the
    total and paging in headers (X-Total-Count, X-Page, X-Page-Size)."""
    total = len(frame)
    part = page_of(frame, page, size)
    paging = {"X-Total-Count": str(total), "X-Page": str(page), "X-Page-Size": str(size)}
    if fmt == "csv":
        headers = {
            **NO_STORE,
            **paging,
            "Content-Disposition": f'attachment; filename="{filename}.csv"',
        }
        return Response(to_csv_bytes(part), media_type="text/csv; charset=utf-8", headers=headers)
    body = {**meta, "total": total, "page": page, "page_size": size, "items": records(part)}
    return json_response(body, headers=paging)


def error_response(
    status: int, code: str, message: str, *, parameter: str | None = None, headers=None
) -> JSONResponse:
    error = {"code": code, "message": message}
    if parameter is not None:
        error["parameter"] = parameter
    return json_response({"error": error}, status=status, headers=headers)
