"""Who reads what: a coordinator's token reads its own province's records (and national
ones) and is refused another province's with 403, which the audit trail records; a token
may use no write action whatever its role; the web session cookie alone opens nothing."""

from __future__ import annotations

import pytest
from sqlmodel import select

from dashboard import auth as web_auth
from dashboard.api import tokens
from dashboard.models import AuditEvent, MeasurementReview, Pilot, Submission
from dashboard.permissions import PermissionDenied, authorize, token_actor
from tests import builders as b
from tests.api.conftest import api_calls, bearer, count

OWN, OTHER = "330000", "370000"


def _items(client, token, url) -> list[dict]:
    answer = client.get(url, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def test_a_coordinator_token_reads_only_its_own_province(client, make_token, api_session):
    token = make_token("zhejiang-system", "coordinator", OWN)
    pilots = _items(client, token, "/api/v1/registries/pilots?page_size=1000")
    assert pilots and {p["province_code"] for p in pilots} == {OWN}
    assert len(pilots) == count(api_session, Pilot, Pilot.province_code == OWN)
    reviews = _items(client, token, "/api/v1/registries/reviews?page_size=1000")
    assert {r["province_code"] for r in reviews} <= {OWN}
    assert len(reviews) == count(
        api_session, MeasurementReview, MeasurementReview.province_code == OWN
    )
    subs = _items(client, token, "/api/v1/registries/submissions?page_size=1000")
    assert subs and {s["province_code"] for s in subs} == {OWN}
    records = _items(client, token, "/api/v1/targets/T2/records?as_of=2025-12-31&page_size=1000")
    assert records and {r["province_code"] for r in records} <= {OWN, None}
    # national records (standards) are everyone's
    assert _items(client, token, "/api/v1/registries/standards?page_size=5")

    other_pilot = api_session.exec(select(Pilot.id).where(Pilot.province_code == OTHER)).first()
    refused = [
        f"/api/v1/registries/pilots?province={OTHER}",
        f"/api/v1/registries/reviews?province={OTHER}",
        f"/api/v1/registries/submissions?province={OTHER}",
        f"/api/v1/targets/T2/records?as_of=2025-12-31&province={OTHER}",
        f"/api/v1/registries/pilots/{other_pilot}/history",
    ]
    for url in refused:
        answer = client.get(url, headers=bearer(token))
        assert answer.status_code == 403, url
        assert answer.json()["error"]["code"] == "forbidden"
        assert "令牌所属省份" in answer.json()["error"]["message"]
    denials = api_session.exec(
        select(AuditEvent).where(
            AuditEvent.outcome == "denied", AuditEvent.actor == "api:zhejiang-system"
        )
    ).all()
    # the permission table's own refusals, and each call's api_call event
    assert sum(e.action == "view_records" for e in denials) == 4
    assert sum(e.action == "view_submissions" for e in denials) == 1
    assert {e.detail["province"] for e in denials if e.action != "api_call"} == {OTHER}
    assert len([e for e in denials if e.action == "api_call"]) == len(refused)
    # its own province, asked for by name, is served
    assert _items(client, token, f"/api/v1/registries/pilots?province={OWN}&page_size=1000")


def test_a_ministry_token_reads_every_province(client, make_token, api_session):
    token = make_token("ministry-dw", "ministry")
    pilots = _items(client, token, "/api/v1/registries/pilots?page_size=1000")
    assert len(pilots) == count(api_session, Pilot)
    subs = _items(client, token, f"/api/v1/registries/submissions?province={OTHER}")
    assert len(subs) == count(api_session, Submission, Submission.province_code == OTHER)
    # briefing staff have no submissions in the permission table
    briefing = make_token("briefing-pack", "briefing")
    answer = client.get("/api/v1/registries/submissions", headers=bearer(briefing))
    assert answer.status_code == 403


def test_a_token_may_use_no_write_action(api_session, make_token):
    make_token("zj-writer", "coordinator", OWN)
    row = api_session.exec(select(tokens.ApiToken).where(tokens.ApiToken.name == "zj-writer")).one()
    actor = token_actor(row)
    for action in ("edit_pilot", "submit_report", "export"):
        with pytest.raises(PermissionDenied) as refused:
            authorize(api_session, actor, action, province=OWN)
        assert refused.value.reason == "not_for_api_tokens"
    assert authorize(api_session, actor, "view_records", province=OWN).role == "coordinator"


def test_a_session_cookie_alone_opens_no_api(client, api_session):
    b.user(api_session, "li.ministry", "ministry")
    session_token, _ = web_auth.login(
        api_session, username="li.ministry", password="correct horse battery"
    )
    api_session.commit()
    client.cookies.set(web_auth.COOKIE_NAME, session_token)
    for accept in ("application/json", "text/html"):
        answer = client.get("/api/v1/targets", headers={"Accept": accept}, follow_redirects=False)
        assert answer.status_code == 401, accept  # not a redirect to the login page
        assert answer.headers["www-authenticate"].startswith("Bearer")
    # nor does the session's token work as a bearer token
    answer = client.get("/api/v1/targets", headers=bearer(session_token))
    assert answer.status_code == 401
    refused = api_calls(api_session, actor="api:unknown")
    assert len(refused) == 3 and {e.outcome for e in refused} == {"refused"}
