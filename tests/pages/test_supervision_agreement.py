"""The page, the command line and the digest give one ranking of lagging regions: on the demo
data and on hand-built records (tests/supervision_oracle.py), the regions that scored, with
their rank, score and the measures that scored, read from what each one shows (the page's
table through AppTest, the command's printed lines, the digest's section)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from dashboard.accounts import create_demo_users
from dashboard.cli import main as cli
from dashboard.db import shared_engine
from dashboard.digests.lagging import MAX_LISTED
from dashboard.digests.ministry import ministry_digest
from dashboard.digests.sections import ministry_sections
from dashboard.i18n import local_today, t
from dashboard.permissions import Actor
from tests.pages.conftest import _forget_app_caches, app_as, served, user_row
from tests.supervision_oracle import build

PAGE = "../pages/supervision.py"


def page_rows(url: str, day: date, lang: str) -> list[tuple]:
    """(rank, code, score, points from) of the page's ranking, for regions that scored."""
    at = app_as(url, "ministry", lang)
    at.session_state["as_of"] = day
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    frame = at.dataframe[0].value
    col = {k: t(f"supervision.col.{k}", lang) for k in ("rank", "code", "score", "reasons")}
    rows = [
        (r[col["rank"]], r[col["code"]], r[col["score"]], r[col["reasons"]])
        for _i, r in frame.iterrows()
    ]
    return [r for r in rows if r[2] != "0"]


def command_rows(url: str, day: date, lang: str, capsys) -> list[tuple]:
    """The same from `python -m dashboard supervision`'s printed ranking."""
    capsys.readouterr()
    assert cli(["--database-url", url, "supervision", "--as-of", str(day), "--lang", lang]) == 0
    out = []
    for line in capsys.readouterr().out.splitlines()[1:]:
        if "  ·  " not in line:
            break
        left, reasons = line.split("  ·  ", 1)
        rank, code, score, *_name = left.split()
        if score != "0":
            out.append((rank, code, score, reasons))
    return out


def digest_rows(url: str, day: date, lang: str) -> tuple[list[tuple], int]:
    """The same from the ministry's digest section, and how many more it says there are."""
    user = user_row(url, "ministry")
    actor = Actor(id=user.id, username=user.username, role=user.role)
    with Session(shared_engine(url)) as s:
        d = ministry_digest(s, actor=actor, as_of=day, since=day - timedelta(days=1))
    section = ministry_sections(d, lang)[-1]
    rows = [(rank, name.rsplit("(", 1)[1].rstrip(")"), score, why) for rank, name, score, why
            in section.rows]  # fmt: skip
    return rows, d.lagging.more


def assert_agree(url: str, day: date, lang: str, capsys) -> list[tuple]:
    page = page_rows(url, day, lang)
    command = command_rows(url, day, lang, capsys)
    digest, more = digest_rows(url, day, lang)
    assert page, "nothing lags: the comparison would be empty"
    assert command == page
    assert digest == page[:MAX_LISTED]
    assert more == len(page) - len(digest)
    return page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_they_agree_on_the_demo_data(demo_env, capsys, lang):
    _forget_app_caches()
    for day in (local_today(), date(2025, 6, 30)):
        assert_agree(demo_env, day, lang, capsys)


@pytest.fixture
def built_url(tmp_path, monkeypatch):
    """The hand-built records of tests/supervision_oracle.py in a database the app serves."""
    url = f"sqlite:///{tmp_path / 'built.sqlite3'}"
    assert cli(["--database-url", url, "init-db"]) == 0
    with Session(shared_engine(url)) as s:
        build(s)
        create_demo_users(s)
        s.commit()
    yield from served(url, tmp_path, monkeypatch)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_they_agree_on_hand_built_records(built_url, capsys, lang):
    for day in (date(2025, 3, 2), date(2026, 3, 2)):
        page = assert_agree(built_url, day, lang, capsys)
        # the new measures are among the reasons, in the viewer's language
        reasons = " ".join(r[3] for r in page)
        assert t("supervision.measure.parks_set_up", lang) in reasons
        assert t("supervision.measure.energy_reviews_set_up", lang) in reasons
