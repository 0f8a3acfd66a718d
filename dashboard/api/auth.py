"""One path for every API call: rate limits, the bearer token, the query parameters, the
handler, and one audit event.

- Authentication is `Authorization: Bearer <token>` only. The session cookie of the web app
  is ignored here: a browser that is signed in cannot be made to call the API with it, and a
  token never rides in a URL (where logs would keep it).
- Limits (`limits.Limits`): calls per address, calls without a valid token per address, and
  calls per token. A call refused by a limit (429) is not audited: writing one event per
  refused call is what a flood would want.
- Every other call writes one audit event, `api_call`, by "api:<token name>" (or
  "api:unknown" without a valid token), naming the route, the query, the status and the
  address; the outcome is ok, bad_request, denied (the permission table refused: it has
  also written its own `denied` event), not_found or refused (no valid token). The data
  is read first, the event is written in a transaction of its own, and when it cannot be
  written the call fails (503): nothing is served unaudited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from dashboard import audit
from dashboard.api import tokens
from dashboard.api.limits import Limits
from dashboard.api.params import BadParameter, Query, lang_of
from dashboard.api.serializers import error_response
from dashboard.db import shared_engine
from dashboard.i18n import has, t
from dashboard.permissions import Actor, PermissionDenied, token_actor
from dashboard.settings import get_settings
from dashboard.web_client import client_address

LIMITS = Limits()
ANONYMOUS = "api:unknown"
AUDITED_QUERY_CHARS = 100


class NotFound(LookupError):
    """The route's object does not exist (404); `what` names it in the message."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


@dataclass
class Call:
    session: Session
    actor: Actor
    query: Query
    lang: str
    path: dict
    rows: int | None = None  # how many records the answer holds, for the audit event


def bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def _engine():
    return shared_engine(get_settings().database_url)


def too_many(lang: str, retry: int) -> Response:
    return error_response(
        429, "rate_limited", t("api.error.rate_limited", lang), headers={"Retry-After": str(retry)}
    )


def endpoint(name: str, allowed: tuple[str, ...], handler: Callable[[Call], Response]):
    """A Starlette endpoint around `handler(call)`, which runs in a worker thread."""

    async def serve(request: Request) -> Response:
        lang = lang_of(request.query_params, request.headers.get("accept-language", ""))
        address = client_address(request)
        retry = LIMITS.addresses.take(address) or LIMITS.failed_auth.blocked(address)
        if retry:
            return too_many(lang, retry)
        try:
            return await run_in_threadpool(
                _serve, request, name, allowed, handler, lang, address, bearer(request)
            )
        except DBAPIError:
            return error_response(503, "unavailable", t("api.error.unavailable", lang))

    serve.__name__ = f"api_{name}"
    return serve


def _serve(request, name, allowed, handler, lang, address, token) -> Response:
    with Session(_engine(), expire_on_commit=False) as session:
        row = tokens.resolve(session, token)
        if row is None:
            LIMITS.failed_auth.take(address)
            response = error_response(
                401,
                "unauthorized",
                t("api.error.unauthorized", lang),
                headers={"WWW-Authenticate": 'Bearer realm="api"'},
            )
            _audit(session, ANONYMOUS, None, request, name, address, response, "refused", None)
            return response
        retry = LIMITS.tokens.take(f"token:{row.id}")
        if retry:
            return too_many(lang, retry)
        actor = token_actor(row)
        call = None
        try:
            call = Call(session, actor, Query(request.query_params, allowed), lang, {})
            call.path = dict(request.path_params)
            response, outcome = handler(call), "ok"
        except BadParameter as exc:
            message = t(f"api.param.{exc.key}", lang, name=exc.name, **exc.values)
            response = error_response(400, "bad_parameter", message, parameter=exc.name)
            outcome = "bad_request"
        except PermissionDenied as exc:
            reason = t(f"api.reason.{exc.reason}", lang) if has(f"api.reason.{exc.reason}") else ""
            message = t("api.error.forbidden", lang, reason=reason or exc.reason)
            response, outcome = error_response(403, "forbidden", message), "denied"
        except NotFound as exc:
            message = t("api.error.not_found", lang, what=exc.what)
            response, outcome = error_response(404, "not_found", message), "not_found"
        rows = call.rows if call else None
        _audit(session, actor.username, row, request, name, address, response, outcome, rows)
        return response


def _audit(session, actor_name, row, request, name, address, response, outcome, rows) -> None:
    """The call's one audit event, in a transaction of its own (the read one is ended)."""
    session.rollback()
    query = {k[:40]: v[:AUDITED_QUERY_CHARS] for k, v in list(request.query_params.items())[:20]}
    detail = {
        "method": request.method,
        "path": request.url.path[:200],
        "query": query,
        "status": response.status_code,
        "address": address,
    }
    if rows is not None:
        detail["rows"] = rows
    audit.record(
        session,
        actor=actor_name,
        action="api_call",
        outcome=outcome,
        entity_type="api",
        entity_id=name,
        detail=detail,
    )
    if row is not None:
        tokens.touch(session, session.merge(row))
    session.commit()
