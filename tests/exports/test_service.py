"""Who may export (the permission table) and the audit event of every export."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest
from sqlmodel import Session, select

from dashboard.exports import service
from dashboard.models import AuditEvent
from dashboard.permissions import Actor, PermissionDenied
from tests.builders import user
from tests.exports.conftest import AS_OF

ZJ, SD = "330000", "370000"


def chart() -> alt.Chart:
    df = pd.DataFrame({"p": ["浙江省"], "n": [7]})
    return alt.Chart(df).mark_bar().encode(x="p:N", y="n:Q").properties(width=200, height=120)


def events(engine, outcome: str = "ok") -> list[AuditEvent]:
    with Session(engine) as s:
        return list(
            s.exec(
                select(AuditEvent)
                .where(AuditEvent.action == "export", AuditEvent.outcome == outcome)
                .order_by(AuditEvent.id)
            ).all()
        )


@pytest.fixture
def people(session):
    return {
        "briefing": user(session, "brief", "briefing"),
        "ministry": user(session, "min", "ministry"),
        "admin": user(session, "adm", "admin"),
        "zj": user(session, "zj", "coordinator", ZJ),
    }


def meta(session, actor: Actor, title="各省试点"):
    return service.export_meta(session, actor=actor, title=title, as_of=AS_OF, subtitle="全部")


@pytest.mark.parametrize("role", ["briefing", "ministry", "admin"])
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_national_chart_export_is_allowed_and_audited(session, engine, people, role, fmt):
    actor = people[role]
    data = service.export_chart_for(
        session, actor=actor, chart=chart(), fmt=fmt, meta=meta(session, actor), lang="zh"
    )
    session.commit()
    assert data
    [event] = events(engine)
    assert event.actor == actor.username
    assert event.entity_type == "chart"
    assert event.detail["format"] == fmt
    assert event.detail["title"] == "各省试点"
    assert event.detail["filters"] == "全部"
    assert event.detail["as_of"] == AS_OF.isoformat()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_table_export_is_audited(session, engine, people, fmt):
    actor = people["ministry"]
    df = pd.DataFrame({"province_code": [ZJ, SD], "n": [1, 2]})
    data = service.export_table_for(
        session, actor=actor, df=df, fmt=fmt, meta=meta(session, actor), lang="en"
    )
    session.commit()
    assert data
    [event] = events(engine)
    assert (event.entity_type, event.detail["format"], event.detail["rows"]) == ("table", fmt, 2)


def test_coordinator_may_not_export_national_data(session, engine, people):
    zj = people["zj"]
    with pytest.raises(PermissionDenied) as err:
        service.export_chart_for(
            session, actor=zj, chart=chart(), fmt="png", meta=meta(session, zj), lang="zh"
        )
    assert err.value.reason == "national_data_outside_own_province"
    with pytest.raises(PermissionDenied):
        service.briefing_pack(session, actor=zj, lang="zh", as_of=AS_OF, fmt="pptx")
    session.rollback()
    denied = events(engine, "denied")
    assert [e.entity_type for e in denied] == ["chart", "briefing"]
    assert all(e.actor == "zj" for e in denied)
    assert events(engine) == []


def test_coordinator_exports_only_their_own_province(session, engine, people):
    zj = people["zj"]
    own = pd.DataFrame({"province_code": [ZJ, ZJ], "name": ["甲", "乙"]})
    data = service.export_table_for(
        session, actor=zj, df=own, fmt="csv", meta=meta(session, zj), lang="zh", province=ZJ
    )
    session.commit()
    assert data.startswith(b"\xef\xbb\xbf")
    with pytest.raises(PermissionDenied):
        service.export_table_for(
            session, actor=zj, df=own, fmt="csv", meta=meta(session, zj), lang="zh", province=SD
        )
    mixed = pd.DataFrame({"province_code": [ZJ, SD], "name": ["甲", "乙"]})
    with pytest.raises(ValueError, match="other provinces"):
        service.export_table_for(
            session, actor=zj, df=mixed, fmt="xlsx", meta=meta(session, zj), lang="zh", province=ZJ
        )
    session.rollback()
    assert [e.detail["province"] for e in events(engine)] == [ZJ]
    assert [e.detail["province"] for e in events(engine, "denied")] == [SD]


def test_unknown_format_is_refused(session, people):
    actor = people["briefing"]
    with pytest.raises(ValueError):
        service.export_chart_for(
            session, actor=actor, chart=chart(), fmt="gif", meta=meta(session, actor), lang="zh"
        )
    with pytest.raises(ValueError):
        service.briefing_pack(session, actor=actor, lang="zh", as_of=AS_OF, fmt="docx")


def test_briefing_user_for_the_command_line(session, people):
    assert service.briefing_user(session, None).username == "brief"
    assert service.briefing_user(session, "adm").username == "adm"
    with pytest.raises(ValueError, match="no user named"):
        service.briefing_user(session, "nobody")
    user(session, "brief2", "briefing")
    with pytest.raises(ValueError, match="--user"):
        service.briefing_user(session, None)


def test_no_account_for_the_command_line(session):
    with pytest.raises(ValueError, match="no briefing or admin account"):
        service.briefing_user(session, None)


def test_suggested_filename_carries_title_and_date(session, people):
    m = meta(session, people["briefing"], title="试点: 浙江/山东")
    assert service.suggested_filename(m, "csv") == "试点_浙江_山东_2025-06-30.csv"
