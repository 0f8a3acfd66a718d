"""The routes of /api/v1. Each handler reads its parameters, calls the same service the
pages call (under the same permission table), and shapes the answer; none builds a query.

Scope: figures (targets, programmes) are national aggregates that every role may read. The
records behind a figure and the registries of pilots, reviews and submissions are scoped:
a coordinator's token gets its own province's records (and national ones, such as
standards); asking for another province by `?province=` is refused with 403.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, Router

from dashboard.api import auth, openapi
from dashboard.api.auth import Call, NotFound, client_address, endpoint, too_many
from dashboard.api.params import PAGING, VOCABULARIES, BadParameter, lang_of
from dashboard.api.serializers import error_response, json_response, records, table_response
from dashboard.i18n import local_today, t
from dashboard.models import Document, Target
from dashboard.permissions import authorize
from dashboard.programmes.rule_text import render_rule
from dashboard.progress.report import progress_report, target_item
from dashboard.progress.service import in_force
from dashboard.services import registries as reg
from dashboard.services.drilldown import records_behind
from dashboard.services.overview import programme_choices

PREFIX = "/api/v1"
MAX_ID = 2**31 - 1
TARGET_CODE = re.compile(r"[A-Za-z0-9._-]{1,16}")
REGISTRY_FILTERS = {
    "standards": ("kind", "category", "status", "year", "q"),
    "pilots": ("province", "stage", "industry", "q"),
    "reviews": ("province", "status", "q"),
    "submissions": ("province",),
}


def _day(call: Call):
    return call.query.day("as_of", local_today())


def programmes(call: Call) -> Response:
    authorize(call.session, call.actor, "view_aggregates")
    as_of = _day(call)
    items = [
        {
            "code": c.code,
            "doc_number": c.doc_number,
            "title_zh": c.title_zh,
            "title_en": c.title_en,
            "targets": c.targets,
            "next_deadline": c.next_deadline.isoformat() if c.next_deadline else None,
            "last_deadline": c.last_deadline.isoformat() if c.last_deadline else None,
        }
        for c in programme_choices(call.session, as_of)
    ]
    call.rows = len(items)
    return json_response({"as_of": as_of.isoformat(), "programmes": items})


def targets(call: Call) -> Response:
    authorize(call.session, call.actor, "view_aggregates")
    as_of = _day(call)
    programme = call.query.text("programme") or None
    if programme is not None and call.session.get(Document, programme) is None:
        raise BadParameter("programme", "unknown_programme", value=programme)
    by = call.query.choice("by", ("province",), None)
    report = progress_report(call.session, as_of, programme, by_province=by == "province")
    call.rows = len(report["targets"])
    return json_response(report)


def _target(call: Call) -> Target:
    code = call.path["code"]
    target = call.session.get(Target, code) if TARGET_CODE.fullmatch(code) else None
    if target is None:
        raise NotFound(f"target {call.path['code'][:40]}")
    return target


def target(call: Call) -> Response:
    authorize(call.session, call.actor, "view_aggregates")
    as_of = _day(call)
    by = call.query.choice("by", ("province",), None)
    tg = _target(call)
    item = target_item(call.session, tg, as_of, by_province=by == "province")
    force = in_force(call.session, tg, as_of)
    d = force.definition
    item["counting_rule"] = {
        lang: render_rule(d.spec, window_start=d.window_start, deadline=d.deadline, lang=lang)
        for lang in ("zh", "en")
    }
    item["definition_version"] = force.version
    call.rows = 1
    return json_response({"as_of": as_of.isoformat(), "target": item})


def target_records(call: Call) -> Response:
    as_of = _day(call)
    province = call.query.province()
    page, size, fmt = call.query.paging()
    tg = _target(call)
    if province is not None:
        authorize(call.session, call.actor, "view_records", province=province)
    frame = records_behind(
        call.session, actor=call.actor, target_code=tg.code, as_of=as_of, province=province
    )
    call.rows = len(frame)
    meta = {"target": tg.code, "as_of": as_of.isoformat()}
    name = f"{tg.code}-records-{as_of.isoformat()}"
    return table_response(frame, page=page, size=size, fmt=fmt, meta=meta, filename=name)


def _registry_frame(call: Call, name: str):
    q, s, a = call.query, call.session, call.actor
    if name == "standards":
        f = reg.StandardFilter(
            kinds=q.choices("kind", VOCABULARIES["kind"]),
            categories=q.choices("category", VOCABULARIES["category"]),
            statuses=q.choices("status", VOCABULARIES["standard_status"]),
            year=q.integer("year", None, 1900, 2100),
            text=q.text("q"),
        )
        return reg.standards_frame(s, actor=a, f=f)
    if name == "pilots":
        return reg.pilots_frame(
            s,
            actor=a,
            province=q.province(),
            stages=q.choices("stage", VOCABULARIES["stage"]),
            industries=q.choices("industry", VOCABULARIES["industry"]),
            text=q.text("q"),
        )
    if name == "reviews":
        return reg.reviews_frame(
            s,
            actor=a,
            province=q.province(),
            statuses=q.choices("status", VOCABULARIES["review_status"]),
            text=q.text("q"),
        )
    return reg.submissions_frame(s, actor=a, province=q.province())


def registry(name: str):
    def handler(call: Call) -> Response:
        page, size, fmt = call.query.paging()
        frame = _registry_frame(call, name)
        call.rows = len(frame)
        meta = {"registry": name}
        return table_response(frame, page=page, size=size, fmt=fmt, meta=meta, filename=name)

    return handler


def history(name: str):
    read = reg.pilot_history if name == "pilots" else reg.review_history
    key = "pilot_id" if name == "pilots" else "review_id"

    def handler(call: Call) -> Response:
        record_id = call.path["id"]
        if record_id > MAX_ID:
            raise NotFound(f"{name} {record_id}")
        try:
            frame = read(call.session, actor=call.actor, **{key: record_id})
        except ValueError:
            raise NotFound(f"{name} {record_id}") from None
        call.rows = len(frame)
        return json_response({"registry": name, "id": record_id, "history": records(frame)})

    return handler


async def openapi_document(request) -> Response:
    """The OpenAPI document: public (it holds no data), limited per address, not audited."""
    retry = auth.LIMITS.addresses.take(client_address(request))
    if retry:
        return too_many(lang_of(request.query_params), retry)
    return JSONResponse(openapi.document(), headers={"Cache-Control": "no-cache"})


async def not_found(scope, receive, send) -> None:
    """Any other path under /api/v1 (the router's default): a JSON 404."""
    request = Request(scope)
    lang = lang_of(request.query_params, request.headers.get("accept-language", ""))
    message = t("api.error.not_found", lang, what=request.url.path[:80])
    await error_response(404, "not_found", message)(scope, receive, send)


class ApiMount(Mount):
    """/api/v1 and every path under it, also one holding a line break (which Starlette's
    pattern for a mount would pass on to Streamlit)."""

    def __init__(self, path: str, app) -> None:
        super().__init__(path, app=app)
        self.path_regex = re.compile(self.path_regex.pattern, re.DOTALL)


def api_routes() -> Mount:
    """Everything under /api/v1, for the server's route list."""
    day = ("as_of",)
    routes = [
        Route("/openapi.json", openapi_document, methods=["GET"]),
        Route("/programmes", endpoint("programmes", day, programmes), methods=["GET"]),
        Route(
            "/targets",
            endpoint("targets", (*day, "programme", "by"), targets),
            methods=["GET"],
        ),
        Route("/targets/{code}", endpoint("target", (*day, "by"), target), methods=["GET"]),
        Route(
            "/targets/{code}/records",
            endpoint("target_records", (*day, "province", *PAGING), target_records),
            methods=["GET"],
        ),
    ]
    for name, filters in REGISTRY_FILTERS.items():
        routes.append(
            Route(
                f"/registries/{name}",
                endpoint(f"registry_{name}", (*filters, *PAGING), registry(name)),
                methods=["GET"],
            )
        )
    for name in ("pilots", "reviews"):
        routes.append(
            Route(
                f"/registries/{name}/{{id:int}}/history",
                endpoint(f"history_{name}", (), history(name)),
                methods=["GET"],
            )
        )
    return ApiMount(PREFIX, app=Router(routes=routes, default=not_found))
