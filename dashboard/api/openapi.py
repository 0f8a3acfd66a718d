"""The OpenAPI 3.0 document of /api/v1, written by hand from the same vocabularies and
bounds the routes check (so a value the document allows is one the API accepts)."""

from __future__ import annotations

from functools import lru_cache

from dashboard.api import params as p
from dashboard.vocab import TARGET_STATUSES

VERSION = "1.0.0"
# A real date from 2000-01-01 to 2099-12-31 (params.EARLIEST, params.LATEST), leap days too.
DAY_PATTERN = (
    "^(20[0-9]{2}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    "|02-(0[1-9]|1[0-9]|2[0-8]))|20(0[048]|[2468][048]|[13579][26])-02-29)$"
)
REF = "#/components/"


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"{REF}{kind}/{name}"}


def _list_of(values: tuple[str, ...]) -> dict:
    """A comma-separated list of vocabulary values."""
    alternatives = "|".join(values)
    return {"type": "string", "pattern": f"^({alternatives})(,({alternatives}))*$"}


def _object(required: list[str], properties: dict) -> dict:
    """An object with these properties, the `required` ones always present."""
    return {"type": "object", "required": required, "properties": properties}


PARAMETERS = {
    "lang": {"schema": {"type": "string", "enum": ["zh", "en"]}, "description": "language"},
    "as_of": {
        "schema": {"type": "string", "pattern": DAY_PATTERN},
        "description": f"YYYY-MM-DD, {p.EARLIEST} to {p.LATEST} (default: today, Beijing)",
    },
    "programme": {"schema": {"type": "string", "maxLength": 16}, "description": "code"},
    "by": {"schema": {"type": "string", "enum": ["province"]}, "description": "breakdown"},
    "province": {
        "schema": {"type": "string", "pattern": "^[0-9]{6}$"},
        "description": "GB/T 2260 province code",
    },
    "page": {"schema": {"type": "integer", "minimum": 1, "maximum": p.MAX_PAGE}},
    "page_size": {"schema": {"type": "integer", "minimum": 1, "maximum": p.MAX_PAGE_SIZE}},
    "format": {"schema": {"type": "string", "enum": list(p.FORMATS)}},
    "kind": {"schema": _list_of(p.VOCABULARIES["kind"])},
    "category": {"schema": _list_of(p.VOCABULARIES["category"])},
    "standard_status": {"name": "status", "schema": _list_of(p.VOCABULARIES["standard_status"])},
    "review_status": {"name": "status", "schema": _list_of(p.VOCABULARIES["review_status"])},
    "stage": {"schema": _list_of(p.VOCABULARIES["stage"])},
    "industry": {"schema": _list_of(p.VOCABULARIES["industry"])},
    "year": {"schema": {"type": "integer", "minimum": 1900, "maximum": 2100}},
    "q": {
        "schema": {"type": "string", "maxLength": p.MAX_VALUE_CHARS},
        "description": "text in the number, code or name",
    },
}

ERROR = _object(
    ["error"],
    {
        "error": _object(
            ["code", "message"],
            {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "parameter": {"type": "string"},
            },
        )
    },
)
DATE = {"type": "string", "format": "date"}
TARGET = _object(
    ["code", "programme", "as_of", "quantity", "actual", "deadline", "status"],
    {
        "code": {"type": "string"},
        "programme": {"type": "string"},
        "name_zh": {"type": "string"},
        "name_en": {"type": "string"},
        "as_of": DATE,
        "quantity": {"type": "integer"},
        "threshold": {"type": "integer"},
        "deadline": DATE,
        "actual": {"type": "integer"},
        "percent": {"type": "number"},
        "remaining": {"type": "integer"},
        "days_left": {"type": "integer"},
        "required_monthly_pace": {"type": "number", "nullable": True},
        "recent_monthly_pace": {"type": "number"},
        "forecast": {
            "type": "number",
            "nullable": True,
            "description": "expected count at the deadline (null: no forecast yet)",
        },
        "forecast_low": {
            "type": "integer",
            "nullable": True,
            "description": "80% interval at the deadline, low (null: no forecast yet)",
        },
        "forecast_high": {
            "type": "integer",
            "nullable": True,
            "description": "80% interval at the deadline, high (null: no forecast yet)",
        },
        "probability": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "nullable": True,
            "description": "chance of meeting the target by the deadline (docs/FORECAST.md);"
            " null: no forecast yet, as no record of the kind has counted or is waiting",
        },
        "forecast_band": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["day", "low", "high"],
                "properties": {
                    "day": DATE,
                    "low": {"type": "integer"},
                    "high": {"type": "integer"},
                },
            },
        },
        "waiting": {
            "type": "integer",
            "description": "records in the stages before the counted ones (docs/FORECAST.md)",
        },
        "forecast_basis": {
            "type": "string",
            "enum": ["pace", "plan", "stalled", "none"],
            "description": "what the forecast's pace rests on (docs/FORECAST.md); none: no"
            " forecast",
        },
        "forecast_note": {
            "type": "object",
            "nullable": True,
            "additionalProperties": {"type": "string"},
            "description": "why there is no forecast, by language (zh, en); null with one",
        },
        "status": {"type": "string", "enum": list(TARGET_STATUSES)},
        "status_reason": {"type": "string"},
        "by_province": {
            "type": "object",
            "additionalProperties": {"type": "integer"},
            "description": "count per province code ('' for records without a province)",
        },
        "counting_rule": {"type": "object", "additionalProperties": {"type": "string"}},
        "definition_version": {"type": "integer"},
    },
)
PAGE = _object(
    ["total", "page", "page_size", "items"],
    {
        "registry": {"type": "string"},
        "target": {"type": "string"},
        "as_of": DATE,
        "total": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "page_size": {"type": "integer", "minimum": 1},
        "items": {"type": "array", "items": {"type": "object"}},
    },
)
SCHEMAS = {
    "Error": ERROR,
    "Target": TARGET,
    "Targets": _object(
        ["as_of", "targets"],
        {
            "as_of": DATE,
            "targets": {"type": "array", "items": _ref("schemas", "Target")},
        },
    ),
    "OneTarget": _object(["as_of", "target"], {"as_of": DATE, "target": _ref("schemas", "Target")}),
    "Programmes": _object(
        ["as_of", "programmes"],
        {
            "as_of": DATE,
            "programmes": {
                "type": "array",
                "items": _object(
                    ["code", "targets"],
                    {
                        "code": {"type": "string"},
                        "doc_number": {"type": "string"},
                        "title_zh": {"type": "string"},
                        "title_en": {"type": "string"},
                        "targets": {"type": "integer"},
                        "next_deadline": {**DATE, "nullable": True},
                        "last_deadline": {**DATE, "nullable": True},
                    },
                ),
            },
        },
    ),
    "Page": PAGE,
    "History": _object(
        ["registry", "id", "history"],
        {
            "registry": {"type": "string"},
            "id": {"type": "integer"},
            "history": {"type": "array", "items": {"type": "object"}},
        },
    ),
}


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("schemas", "Error")}},
    }


ERRORS = {
    "400": _error("a parameter is unknown, repeated, too long or out of its range"),
    "401": _error("no valid token (missing, unknown, revoked or expired)"),
    "403": _error("the token's role or province may not read this"),
    "429": _error("rate limit reached; see Retry-After"),
}


def _parameter(key: str, where: str = "query") -> dict:
    spec = dict(PARAMETERS[key])
    return {"name": spec.pop("name", key), "in": where, "required": False, **spec}


def _operation(summary: str, keys: tuple[str, ...], schema: str, *, csv=False, path=()) -> dict:
    content = {"application/json": {"schema": _ref("schemas", schema)}}
    if csv:
        content["text/csv"] = {"schema": {"type": "string"}}
    responses = {"200": {"description": "OK", "content": content}, **ERRORS}
    if path:
        responses["404"] = _error("no such object")
    return {
        "get": {
            "summary": summary,
            "operationId": summary.lower().replace(" ", "_").replace("'", ""),
            "parameters": [*path, *(_parameter(k) for k in (*keys, "lang"))],
            "responses": responses,
        }
    }


TARGET_CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
RECORD_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 0},
}


@lru_cache(maxsize=1)
def document() -> dict:
    paths = {
        "/api/v1/programmes": _operation("List programmes", ("as_of",), "Programmes"),
        "/api/v1/targets": _operation(
            "List target figures", ("as_of", "programme", "by"), "Targets"
        ),
        "/api/v1/targets/{code}": _operation(
            "One target figure", ("as_of", "by"), "OneTarget", path=(TARGET_CODE,)
        ),
        "/api/v1/targets/{code}/records": _operation(
            "Records behind a figure",
            ("as_of", "province", *p.PAGING),
            "Page",
            csv=True,
            path=(TARGET_CODE,),
        ),
        "/api/v1/registries/standards": _operation(
            "Standards registry",
            ("kind", "category", "standard_status", "year", "q", *p.PAGING),
            "Page",
            csv=True,
        ),
        "/api/v1/registries/pilots": _operation(
            "Pilots registry", ("province", "stage", "industry", "q", *p.PAGING), "Page", csv=True
        ),
        "/api/v1/registries/reviews": _operation(
            "Measurement reviews registry",
            ("province", "review_status", "q", *p.PAGING),
            "Page",
            csv=True,
        ),
        "/api/v1/registries/submissions": _operation(
            "Submissions registry", ("province", *p.PAGING), "Page", csv=True
        ),
        "/api/v1/registries/pilots/{id}/history": _operation(
            "Pilot stage history", (), "History", path=(RECORD_ID,)
        ),
        "/api/v1/registries/reviews/{id}/history": _operation(
            "Review status history", (), "History", path=(RECORD_ID,)
        ),
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Dual-carbon standards and measurement tracker: read-only API",
            "version": VERSION,
            "description": (
                "Figures computed by the targets' counting rules, the records behind them and "
                "the registries. Authenticate with `Authorization: Bearer <token>` (tokens: "
                "`python -m dashboard api-tokens create`). Errors are JSON, in `lang`."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": SCHEMAS,
        },
    }
