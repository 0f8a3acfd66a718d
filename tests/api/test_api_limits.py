"""Bounds: calls per token and per address (429 with Retry-After, not audited), calls
without a valid token per address, bounded memory of the limiter; parameters checked
before anything is read (400 naming the parameter, in zh or en); bounded pages, in JSON
and CSV."""

from __future__ import annotations

import csv
import io

from sqlmodel import select

from dashboard.api import auth
from dashboard.api.limits import Limits, WindowLimiter
from dashboard.models import Deliverable
from tests.api.conftest import api_calls, bearer, count


def test_the_window_limiter_counts_resets_and_forgets():
    limiter = WindowLimiter(2, window=60, max_keys=3)
    assert limiter.take("a", now=0) == 0 and limiter.take("a", now=1) == 0
    assert limiter.take("a", now=2) == 58  # seconds until the window reopens
    assert limiter.blocked("a", now=2) == 58
    assert limiter.take("a", now=60) == 0  # a new window
    for key in ("b", "c", "d", "e"):
        limiter.take(key, now=61)
    assert limiter.tracked() == 3  # bounded: the least recently seen key is forgotten


def test_calls_over_the_token_limit_get_429(client, make_token, api_session, monkeypatch):
    monkeypatch.setattr(auth, "LIMITS", Limits(token_calls=3, address_calls=100))
    token, other = make_token("busy", "ministry"), make_token("quiet", "ministry")
    codes = [client.get("/api/v1/programmes", headers=bearer(token)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get("/api/v1/programmes?lang=en", headers=bearer(token))
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "Too many calls" in refused.json()["error"]["message"]
    assert client.get("/api/v1/programmes", headers=bearer(other)).status_code == 200
    assert len(api_calls(api_session, actor="api:busy")) == 3  # refused calls: no event


def test_calls_over_the_address_limits_get_429(client, make_token, monkeypatch):
    monkeypatch.setattr(auth, "LIMITS", Limits(address_calls=3, failed_auth_calls=2))
    token = make_token("one", "ministry")
    assert client.get("/api/v1/targets", headers=bearer("dct_wrong")).status_code == 401
    assert client.get("/api/v1/targets", headers=bearer("dct_wrong")).status_code == 401
    # two failures from this address: even a good token waits for the window now
    assert client.get("/api/v1/targets", headers=bearer(token)).status_code == 429
    monkeypatch.setattr(auth, "LIMITS", Limits(address_calls=2))
    statuses = [client.get("/api/v1/openapi.json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_bad_parameters_get_400_naming_them(client, make_token, api_session):
    token = make_token("typo-prone", "ministry")
    cases = {
        "/api/v1/targets?as_of=2025-13-01": ("as_of", "不是 YYYY-MM-DD 格式的日期"),
        "/api/v1/targets?as_of=1999-12-31&lang=en": ("as_of", "from 2000-01-01 to 2099-12-31"),
        "/api/v1/targets?programme=NOPE&lang=en": ("programme", "no programme with the code"),
        "/api/v1/targets?by=city&lang=en": ("by", "must be one of: province"),
        "/api/v1/targets?programm=AP2024&lang=en": ("programm", "is not known here"),
        "/api/v1/targets?as_of=2025-01-01&as_of=2025-02-01": ("as_of", "出现了多次"),
        "/api/v1/registries/pilots?page_size=1001&lang=en": ("page_size", "from 1 to 1000"),
        "/api/v1/registries/pilots?page=0&lang=en": ("page", "whole number"),
        "/api/v1/registries/pilots?province=33&lang=en": ("province", "six-digit"),
        "/api/v1/registries/pilots?stage=approved,flying&lang=en": ("stage", "one of"),
        "/api/v1/registries/standards?q=" + "x" * 201 + "&lang=en": ("q", "longer than 200"),
        "/api/v1/registries/standards?q=a%00b&lang=en": ("q", "control characters"),
        "/api/v1/registries/pilots?format=xlsx&lang=en": ("format", "json, csv"),
        "/api/v1/targets?lang=fr": ("lang", "zh, en"),
    }
    for url, (name, words) in cases.items():
        answer = client.get(url, headers=bearer(token))
        assert answer.status_code == 400, url
        error = answer.json()["error"]
        assert error["code"] == "bad_parameter" and error["parameter"] == name, url
        assert words in error["message"], (url, error["message"])
    events = api_calls(api_session, actor="api:typo-prone")
    assert len(events) == len(cases) and {e.outcome for e in events} == {"bad_request"}
    assert all(len(v) <= 100 for e in events for v in e.detail["query"].values())


def test_registries_are_paged_in_json_and_csv(client, make_token, api_session):
    token = make_token("reader", "briefing")
    total = count(api_session, Deliverable, Deliverable.kind == "national_standard")
    url = "/api/v1/registries/standards?kind=national_standard&page_size=7"
    first = client.get(url, headers=bearer(token)).json()
    second = client.get(url + "&page=2", headers=bearer(token)).json()
    assert first["total"] == second["total"] == total > 14
    assert len(first["items"]) == len(second["items"]) == 7
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert {i["kind"] for i in first["items"]} == {"national_standard"}
    last_page = -(-total // 7)
    tail = client.get(f"{url}&page={last_page + 1}", headers=bearer(token)).json()
    assert tail["items"] == [] and tail["total"] == total

    answer = client.get(url + "&format=csv", headers=bearer(token))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["x-total-count"] == str(total)
    assert answer.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert [r["number"] for r in rows] == [i["number"] for i in first["items"]]
    numbers = set(
        api_session.exec(select(Deliverable.number).where(Deliverable.kind == "national_standard"))
    )
    assert {r["number"] for r in rows} <= numbers
