"""The API's figures are the figures `progress --json` prints (the CLI is run, its output
compared), for a past as-of date, one programme, and by province; one target's answer adds
the counting rule that computed it; programmes are listed."""

from __future__ import annotations

import json

from dashboard.cli import main as cli
from tests.api.conftest import api_calls, bearer


def _cli_json(db_url, capsys, *args) -> dict:
    capsys.readouterr()
    assert cli(["--database-url", db_url, "progress", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_api_figures_equal_progress_json(client, make_token, api_db, api_session, capsys):
    token = make_token("ndrc-stats", "ministry")
    cases = [
        ("as_of=2025-06-30", ("--as-of", "2025-06-30")),
        ("as_of=2025-06-30&by=province", ("--as-of", "2025-06-30", "--by", "province")),
        (
            "as_of=2024-12-31&programme=AP2024&by=province",
            ("--as-of", "2024-12-31", "--programme", "AP2024", "--by", "province"),
        ),
    ]
    for query, args in cases:
        answer = client.get(f"/api/v1/targets?{query}", headers=bearer(token))
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("application/json")
        expected = _cli_json(api_db, capsys, *args)
        assert answer.json() == expected, query
        assert expected["targets"], "the demo data has targets"
    by = _cli_json(api_db, capsys, "--as-of", "2025-06-30", "--by", "province")
    for item in by["targets"]:
        assert sum(item["by_province"].values()) == item["actual"], item["code"]
    calls = api_calls(api_session, actor="api:ndrc-stats")
    assert [c.entity_id for c in calls] == ["targets"] * 3
    assert calls[-1].detail["query"] == {
        "as_of": "2024-12-31",
        "programme": "AP2024",
        "by": "province",
    }
    assert calls[-1].detail["status"] == 200 and calls[-1].outcome == "ok"


def test_one_target_and_the_programmes(client, make_token, api_db, capsys):
    token = make_token("briefing-office", "briefing")
    answer = client.get("/api/v1/targets/T2?as_of=2025-06-30&by=province", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    item = answer.json()["target"]
    listed = _cli_json(api_db, capsys, "--as-of", "2025-06-30", "--by", "province")
    expected = next(t for t in listed["targets"] if t["code"] == "T2")
    assert {k: v for k, v in item.items() if k in expected} == expected
    assert "试点" in item["counting_rule"]["zh"] and "pilot" in item["counting_rule"]["en"]
    for url in (
        "/api/v1/targets/NOPE",
        "/api/v1/nothing/here",
        "/api/v1/registries/pilots/9999/history",
    ):
        missing = client.get(url, headers=bearer(token))
        assert missing.status_code == 404, url
        assert missing.json()["error"]["code"] == "not_found"
    programmes = client.get("/api/v1/programmes?as_of=2025-06-30", headers=bearer(token)).json()
    codes = {p["code"]: p for p in programmes["programmes"]}
    assert codes["AP2024"]["targets"] == 6
    assert programmes["as_of"] == "2025-06-30"


def test_a_target_without_a_forecast_says_so(client, make_token, api_db, capsys):
    # the demo's first pilots apply in the summer of 2024: on 30 June nothing of T2's kind
    # has counted or waits, so there is no forecast, and the pace required is still given
    token = make_token("ndrc-stats", "ministry")
    answer = client.get("/api/v1/targets/T2?as_of=2024-06-30", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    item = answer.json()["target"]
    assert [item[k] for k in ("probability", "forecast", "forecast_low", "forecast_high")] == [
        None
    ] * 4
    assert item["forecast_band"] == [] and item["forecast_basis"] == "none"
    assert item["forecast_note"] == {
        "zh": "暂无预测：尚无此类记录",
        "en": "No forecast yet: no record of this kind so far",
    }
    assert item["status"] == "not_started" and item["required_monthly_pace"] > 0
    listed = _cli_json(api_db, capsys, "--as-of", "2024-06-30")
    expected = next(t for t in listed["targets"] if t["code"] == "T2")
    assert {k: v for k, v in item.items() if k in expected} == expected
