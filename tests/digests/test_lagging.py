"""The digest's lagging regions are the supervision ranking: on hand-built records
(tests/supervision_oracle.py) the digest lists the same regions, ranks, scores and reasons as
`python -m dashboard supervision --json` and as the evaluator written there from the rules,
on SQLite and PostgreSQL; its section says so in Chinese and English, new measures included."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from dashboard.cli import main as cli
from dashboard.digests.lagging import MAX_LISTED, lagging_regions
from dashboard.digests.ministry import ministry_digest
from dashboard.digests.render import Letter, html_body, text_body
from dashboard.digests.sections import ministry_sections
from dashboard.i18n import t
from dashboard.supervision import rules
from tests import builders as b
from tests.supervision_oracle import build, evaluate

DAYS = [date(2024, 10, 29), date(2025, 3, 2), date(2026, 3, 2)]


def _command_line(db_url: str, day: date, capsys) -> dict:
    assert cli(["--database-url", db_url, "supervision", "--as-of", str(day), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_digest_lists_the_supervision_ranking(session, db_url, capsys, day):
    build(session)
    official = b.user(session, "wang", "ministry")
    d = ministry_digest(session, actor=official, as_of=day, since=day - timedelta(days=1))
    listed = [(s.rank, s.code, s.score, s.reasons) for s in d.lagging.listed]
    out = _command_line(db_url, day, capsys)
    scored = [
        (p["rank"], p["code"], p["score"], p["reasons"]) for p in out["provinces"] if p["score"]
    ]
    assert listed == scored[:MAX_LISTED]
    assert (d.lagging.lagging, d.lagging.compared) == (len(scored), len(out["provinces"]))
    assert d.lagging.more == len(scored) - len(listed)
    # and the evaluator of the rules, which shares no code with either
    ordered, expected = evaluate(day)
    assert [code for _r, code, _s, _x in scored] == [c for c in ordered if expected[c]["score"]]
    assert [(r, s) for r, _c, s, _x in listed] == [
        (expected[c]["rank"], expected[c]["score"]) for _r, c, _s, _x in listed
    ]


def test_a_region_that_scores_nothing_is_not_listed(session):
    build(session)
    official = b.user(session, "wang", "ministry")
    day = date(2025, 3, 2)
    regions = lagging_regions(session, actor=official, as_of=day)
    assert regions is not None and all(s.score > 0 for s in regions.listed)
    ranks = [s.rank for s in regions.listed]
    assert ranks == sorted(ranks) and ranks[0] == 1


def test_every_national_role_gets_the_ranking(session):
    build(session)
    day = date(2025, 3, 2)
    seen = {
        role: lagging_regions(session, actor=b.user(session, role, role), as_of=day)
        for role in ("ministry", "briefing", "admin")
    }
    codes = {role: [s.code for s in r.listed] for role, r in seen.items() if r is not None}
    assert len(codes) == 3 and len({tuple(c) for c in codes.values()}) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_section_names_the_measures_and_their_rules(session, lang):
    build(session)
    official = b.user(session, "wang", "ministry")
    day = date(2025, 3, 2)
    d = ministry_digest(session, actor=official, as_of=day, since=day - timedelta(days=1))
    section = ministry_sections(d, lang)[-1]
    assert section.title == t("digest.lagging.title", lang)
    assert section.header[0] == t("supervision.col.rank", lang)
    first = d.lagging.listed[0]
    assert section.rows[0][:3] == [str(first.rank), section.rows[0][1], str(first.score)]
    assert f"({first.code})" in section.rows[0][1]
    # whoever scored on a new measure is listed with it, by name and points
    for key in ("parks_set_up", "energy_reviews_set_up"):
        name = t(f"supervision.measure.{key}", lang)
        scored = [s for s in d.lagging.listed if s.measure(key).points]
        assert scored, key
        for sheet in scored:
            row = next(r for r in section.rows if f"({sheet.code})" in r[1])
            assert f"{name} {sheet.measure(key).points}" in row[3]
    scoring = section.notes[-1]
    assert scoring.startswith(t("digest.lagging.scoring", lang))
    for key in rules.MEASURES:
        assert t(f"supervision.measure.{key}", lang) in scoring
        assert rules.points_text(key, lang) in scoring
    assert rules.ranking_text(lang) in section.notes
    letter = Letter("s", "h", [], ministry_sections(d, lang), None, "", [])
    for body in (text_body(letter), html_body(letter, None)):
        assert t("supervision.measure.parks_set_up", lang) in body
        assert t("supervision.measure.energy_reviews_set_up", lang) in body
