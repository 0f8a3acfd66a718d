"""API tokens from the command line: `create` prints the token once and keeps its hash,
`list` shows which is which without it, `revoke` refuses it from then on; an expired or
revoked token is answered 401. Creating and revoking are audited."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlmodel import select

from dashboard import audit
from dashboard.api import tokens
from dashboard.cli import main as cli
from dashboard.models import ApiToken, AuditEvent
from dashboard.models.common import utcnow
from tests.api.conftest import api_calls, bearer


def _create(api_db, capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli(["--database-url", api_db, "api-tokens", "create", *args])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err


def test_create_list_revoke_from_the_command_line(client, api_db, api_session, capsys):
    code, token, note = _create(
        api_db,
        capsys,
        "zj-bureau",
        "--role",
        "coordinator",
        "--province",
        "330000",
        "--expires",
        "30",
    )
    assert code == 0 and token.startswith("dct_") and len(token) > 40
    assert "shown this once" in note
    row = api_session.exec(select(ApiToken).where(ApiToken.name == "zj-bureau")).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (row.prefix, row.token_hash) and token.startswith(row.prefix)
    assert timedelta(days=29) < row.expires_at - row.created_at <= timedelta(days=30)
    created = api_session.exec(
        select(AuditEvent).where(AuditEvent.action == "api_token_create")
    ).one()
    assert created.detail["after"]["province_code"] == "330000"
    assert token not in str(created.detail)

    assert cli(["--database-url", api_db, "api-tokens", "list"]) == 0
    listed = capsys.readouterr().out
    assert "zj-bureau" in listed and row.prefix in listed and "active" in listed
    assert token not in listed

    assert client.get("/api/v1/targets", headers=bearer(token)).status_code == 200
    assert cli(["--database-url", api_db, "api-tokens", "revoke", "zj-bureau"]) == 0
    answer = client.get("/api/v1/targets", headers=bearer(token))
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"
    assert cli(["--database-url", api_db, "api-tokens", "list"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert (
        api_session.exec(select(AuditEvent).where(AuditEvent.action == "api_token_revoke"))
        .one()
        .detail["name"]
        == "zj-bureau"
    )
    outcomes = [(e.actor, e.outcome) for e in api_calls(api_session)]
    assert outcomes == [("api:zj-bureau", "ok"), ("api:unknown", "refused")]
    assert audit.verify_chain(api_session).ok  # the API's events are in the signed chain


def test_bad_token_commands_change_nothing(api_db, api_session, capsys):
    code, _, err = _create(api_db, capsys, "a", "--role", "coordinator")
    assert code == 2 and "needs a province code" in err
    code, _, err = _create(api_db, capsys, "b", "--role", "ministry", "--province", "330000")
    assert code == 2 and "national" in err.lower()
    code, _, err = _create(api_db, capsys, "bad name!", "--role", "ministry")
    assert code == 2 and "letters" in err
    code, _, err = _create(api_db, capsys, "c", "--role", "ministry", "--expires", "0")
    assert code == 2 and "--expires" in err
    assert _create(api_db, capsys, "d", "--role", "ministry")[0] == 0
    code, _, err = _create(api_db, capsys, "d", "--role", "ministry")
    assert code == 2 and "already exists" in err
    capsys.readouterr()
    assert cli(["--database-url", api_db, "api-tokens", "revoke", "nobody"]) == 2
    api_session.expire_all()
    assert [r.name for r in api_session.exec(select(ApiToken)).all()] == ["d"]


def test_an_expired_token_is_refused(client, api_session):
    long_ago = utcnow() - timedelta(days=10)
    _, old = tokens.create_token(
        api_session, name="old-link", role="ministry", expires_days=5, now=long_ago
    )
    _, fresh = tokens.create_token(api_session, name="new-link", role="ministry", expires_days=1)
    api_session.commit()
    answer = client.get("/api/v1/programmes?lang=en", headers=bearer(old))
    assert answer.status_code == 401
    assert "expired" in answer.json()["error"]["message"]
    assert client.get("/api/v1/programmes", headers=bearer(fresh)).status_code == 200
    for header in (
        {},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic dct_x"},
        bearer("dct_" + "x" * 43),
        bearer(old + "x"),
    ):
        assert client.get("/api/v1/programmes", headers=header).status_code == 401
    assert tokens.state(api_session.get(ApiToken, 1)) == "expired"
    api_session.expire_all()
    used = api_session.exec(select(ApiToken).where(ApiToken.name == "new-link")).one()
    assert used.last_used_at is not None
