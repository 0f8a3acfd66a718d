"""Schemathesis against the OpenAPI document that the server serves: for every operation,
requests made from the document (valid and invalid, a bounded and derandomised number of
examples) get answers that the document describes, never a server error, and invalid
parameters are refused."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from dashboard.api import auth
from dashboard.api.limits import Limits
from tests.api.conftest import bearer

EXAMPLES = 15


def _http_only(app):
    """The server app for schemathesis's client, without its lifespan (which would start the
    whole Streamlit runtime for the rest of the process; a request starts what it needs)."""

    async def wrapped(scope, receive, send):
        if scope["type"] != "lifespan":
            await app(scope, receive, send)
            return
        while True:
            message = await receive()
            done = message["type"].replace("lifespan.", "lifespan.") + ".complete"
            await send({"type": done})
            if message["type"] == "lifespan.shutdown":
                return

    return wrapped


@pytest.mark.parametrize("backend", ["sqlite"])  # one engine: the document, not the SQL
def test_the_api_answers_as_its_openapi_document_says(api_db, make_token, monkeypatch):
    from dashboard import server

    monkeypatch.setattr(auth, "LIMITS", Limits(token_calls=10**6, address_calls=10**6))
    headers = bearer(make_token("schemathesis", "coordinator", "330000"))
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _http_only(server.app))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 10
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES,
                derandomize=True,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                case.call_and_validate(headers=headers)

            check()
