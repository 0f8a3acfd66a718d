"""issue_token / verify_token: HS256 only, every required claim, and AuthError for any
invalid token."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from dashboard.auth import (
    ALGORITHM,
    AUDIENCE,
    ISSUER,
    REQUIRED_CLAIMS,
    AuthError,
    issue_token,
    verify_token,
)
from dashboard.settings import get_settings

WRONG_KEY = "another-secret-key-that-is-also-long-enough-0123"


def key() -> str:
    return get_settings().secret_key


def b64(data: bytes | dict) -> str:
    if isinstance(data, dict):
        data = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(**changes) -> dict:
    now = int(datetime.now(UTC).timestamp())
    c = {
        "sub": "42",
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "jti": "jti-1",
    }
    for name, value in changes.items():
        if value is ...:
            c.pop(name)
        else:
            c[name] = value
    return c


def signed(payload: dict, *, algorithm: str = ALGORITHM, secret: str | None = None) -> str:
    return jwt.encode(payload, secret or key(), algorithm=algorithm)


def header_claims(alg: str, payload: dict, *, sign: bool) -> str:
    """A token whose header names `alg` but whose signature is HMAC-SHA256 (or empty)."""
    signing_input = f"{b64({'alg': alg, 'typ': 'JWT'})}.{b64(payload)}"
    sig = hmac.new(key().encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(sig) if sign else ''}"


def test_round_trip():
    now = datetime.now(UTC)
    token = issue_token(user_id=7, jti="abc", now=now)
    c = verify_token(token)
    assert (c["sub"], c["jti"], c["iss"], c["aud"]) == ("7", "abc", ISSUER, AUDIENCE)
    assert c["exp"] - c["iat"] == 12 * 3600
    assert c["nbf"] == c["iat"] == int(now.timestamp())
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_crafting_helpers_make_valid_tokens():
    """Controls: the helpers below produce accepted tokens, so each refusal is caused by
    the one thing a case changes."""
    assert verify_token(signed(claims()))["sub"] == "42"
    assert verify_token(header_claims("HS256", claims(), sign=True))["jti"] == "jti-1"


def _now():
    return datetime.now(UTC)


INVALID = {
    "alg_none": lambda: header_claims("none", claims(), sign=False),
    "alg_none_capitalised": lambda: header_claims("None", claims(), sign=False),
    "alg_none_with_hmac_signature": lambda: header_claims("none", claims(), sign=True),
    "hs256_empty_signature": lambda: header_claims("HS256", claims(), sign=False),
    "wrong_key": lambda: issue_token(user_id=1, jti="j", secret=WRONG_KEY),
    "wrong_key_crafted": lambda: signed(claims(), secret=WRONG_KEY),
    "hs512": lambda: signed(claims(), algorithm="HS512"),
    "hs384": lambda: signed(claims(), algorithm="HS384"),
    "rs256_header_hmac_signature": lambda: header_claims("RS256", claims(), sign=True),
    "es256_header_hmac_signature": lambda: header_claims("ES256", claims(), sign=True),
    "expired": lambda: issue_token(user_id=1, jti="j", now=_now() - timedelta(hours=13)),
    "not_yet_valid": lambda: issue_token(user_id=1, jti="j", now=_now() + timedelta(hours=1)),
    "nbf_in_future": lambda: signed(claims(nbf=int(_now().timestamp()) + 3600)),
    "wrong_audience": lambda: signed(claims(aud="someone-else")),
    "wrong_issuer": lambda: signed(claims(iss="someone-else")),
    **{f"missing_{c}": (lambda c=c: signed(claims(**{c: ...}))) for c in REQUIRED_CLAIMS},
    "sub_letters": lambda: signed(claims(sub="admin")),
    "sub_negative": lambda: signed(claims(sub="-1")),
    "sub_decimal": lambda: signed(claims(sub="1.0")),
    "sub_empty": lambda: signed(claims(sub="")),
    "sub_padded": lambda: signed(claims(sub=" 1")),
    "sub_integer": lambda: signed(claims(sub=1)),
    "sub_null": lambda: signed(claims(sub=None)),
    "payload_tampered": lambda: _tamper_payload(issue_token(user_id=1, jti="j")),
    "truncated_signature": lambda: issue_token(user_id=1, jti="j")[:-3],
    "extra_segment": lambda: issue_token(user_id=1, jti="j") + ".x",
    "garbage": lambda: "not-a-token",
    "garbage_dots": lambda: "a.b.c",
    "only_dots": lambda: "..",
    "whitespace": lambda: "   ",
    "unicode": lambda: "令牌.令牌.令牌",
    "header_is_list": lambda: f"{b64(b'[]')}.{b64(claims())}.",
    "empty": lambda: "",
}


def _tamper_payload(token: str) -> str:
    header, _, sig = token.split(".")
    return f"{header}.{b64(claims(sub='1'))}.{sig}"


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")  # HS512 case
@pytest.mark.parametrize("make", INVALID.values(), ids=INVALID.keys())
def test_invalid_tokens_raise_auth_error(make, request):
    token = make()
    with pytest.raises(AuthError) as info:
        verify_token(token)
    expected = {"expired": "expired", "empty": "missing_token"}.get(
        request.node.callspec.id, "invalid_token"
    )
    assert info.value.reason == expected


@pytest.mark.parametrize("value", [None, b"", 123])
def test_non_string_tokens(value):
    with pytest.raises(AuthError) as info:
        verify_token(value)
    assert info.value.reason == "missing_token"


def test_wrong_key_token_verifies_with_its_own_key():
    """The wrong-key case fails because of the key, not because the token is malformed."""
    token = issue_token(user_id=3, jti="j", secret=WRONG_KEY)
    assert verify_token(token, secret=WRONG_KEY)["sub"] == "3"


def test_expiry_boundary_is_twelve_hours():
    assert verify_token(issue_token(user_id=1, jti="j", now=_now() - timedelta(hours=11)))
    with pytest.raises(AuthError):
        verify_token(issue_token(user_id=1, jti="j", now=_now() - timedelta(hours=12, minutes=1)))


def test_superscript_digit_sub_is_refused():
    with pytest.raises(AuthError):
        verify_token(signed(claims(sub="²")))


def test_verify_token_honours_now():
    token = issue_token(user_id=1, jti="j")
    with pytest.raises(AuthError):
        verify_token(token, now=_now() + timedelta(hours=13))
