"""Reading a small urlencoded form with a bound on its size, before anything is parsed
(Starlette's form parser has no limit on urlencoded bodies)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

MAX_FORM_BYTES = 8 * 1024


class FormTooLarge(ValueError):
    pass


async def read_small_form(request: Request, limit: int = MAX_FORM_BYTES) -> dict[str, str]:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FormTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise FormTooLarge
    if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
        return {}
    fields = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {key: value for key, value in fields[:20]}
