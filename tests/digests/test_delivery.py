"""Digests sent to a real SMTP server (aiosmtpd on a free local port), read as they arrive:
each reader gets their own digest in their language, with the burn-up PNG inline and user
text escaped; a second run, a dry run and a reader who chose "none" send nothing; a refused
delivery is recorded and sent by the next run. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from dashboard.digests.delivery import run, smtp_sender
from dashboard.models import AuditEvent, DigestDelivery
from tests.digests.conftest import HOSTILE_COMMENT, HOSTILE_FILE

AS_OF = date(2026, 12, 3)


def _deliveries(engine) -> list[DigestDelivery]:
    with Session(engine) as s:
        return list(s.exec(select(DigestDelivery).order_by(DigestDelivery.id)).all())


def _events(engine, action: str) -> list[AuditEvent]:
    with Session(engine) as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def _parts(message) -> dict[str, object]:
    return {p.get_content_type(): p for p in message.walk()}


def test_each_reader_gets_their_digest_once(engine, readers, smtp_server):
    send = smtp_sender(smtp_server.settings())
    outcomes = run(engine, as_of=AS_OF, send=send, sender="tracker@example.gov.cn")
    assert sorted((o.username, o.state) for o in outcomes) == [("li", "sent"), ("wang", "sent")]
    box = smtp_server.mailbox
    assert len(box.messages) == 2
    assert not box.to("zhao@example.gov.cn")  # chose "none"
    # the envelope goes where the header says
    assert sorted(e.rcpt_tos[0] for e in box.envelopes) == [
        "li@zj.example.cn",
        "wang@example.gov.cn",
    ]

    [zh] = box.to("wang@example.gov.cn")
    assert zh["From"] == "tracker@example.gov.cn"
    assert "每日摘要" in zh["Subject"] and "全国" in zh["Subject"]
    parts = _parts(zh)
    assert set(parts) >= {"multipart/alternative", "text/plain", "multipart/related", "text/html"}
    text = parts["text/plain"].get_content()
    for heading in ("状态发生变化的目标", "新的预警", "待审核的报送", "进度滞后的地区"):
        assert heading in text
    assert "共有 1 份报送等待审核" in text and HOSTILE_FILE in text
    html = parts["text/html"].get_content()
    assert HOSTILE_FILE not in html and "&lt;img src=x onerror=alert(1)&gt;report.csv" in html
    png = parts["image/png"]
    assert png.get_content()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.get_content_disposition() == "inline"
    assert f'src="cid:{png["Content-ID"].strip("<>")}"' in html

    [en] = box.to("li@zj.example.cn")
    assert "daily digest" in en["Subject"] and "Zhejiang" in en["Subject"]
    parts = _parts(en)
    text = parts["text/plain"].get_content()
    assert (
        "Quarterly report" in text
        and "The 2026Q4 report is due on 15 Jan 2027, in 43 days." in text
    )
    assert "Returned submissions" in text and HOSTILE_COMMENT in text
    assert "zj-2026q4.csv" in text and "Submissions awaiting review" not in text
    html = parts["text/html"].get_content()
    assert HOSTILE_COMMENT not in html
    assert "Row 3: &lt;b&gt;fix&lt;/b&gt; the &quot;USCC&quot; &amp; resend" in html
    assert "image/png" in parts and "状态" not in text

    rows = _deliveries(engine)
    assert sorted((r.period, r.status, r.attempts, r.kind) for r in rows) == [
        ("daily:2026-12-03", "sent", 1, "coordinator"),
        ("daily:2026-12-03", "sent", 1, "ministry"),
    ]
    sent = _events(engine, "digest_sent")
    assert sorted(e.detail["recipient"] for e in sent) == [
        "li@zj.example.cn",
        "wang@example.gov.cn",
    ]
    assert {e.actor for e in sent} == {"digest"}

    again = run(engine, as_of=AS_OF, send=send, sender="tracker@example.gov.cn")
    assert {o.state for o in again} == {"already_sent"}
    assert len(box.messages) == 2 and len(_deliveries(engine)) == 2
    assert len(_events(engine, "digest_sent")) == 2


def test_dry_run_sends_and_records_nothing(engine, readers, smtp_server):
    outcomes = run(engine, as_of=AS_OF, send=None)
    assert sorted((o.username, o.state) for o in outcomes) == [
        ("li", "would_send"),
        ("wang", "would_send"),
    ]
    assert all(o.message is not None for o in outcomes)
    assert smtp_server.mailbox.messages == []
    assert _deliveries(engine) == [] and _events(engine, "digest_sent") == []


def test_a_refused_delivery_is_recorded_and_sent_by_the_next_run(engine, readers, smtp_server):
    box = smtp_server.mailbox
    box.refuse = "550 5.1.1 mailbox unavailable"
    send = smtp_sender(smtp_server.settings())
    outcomes = run(engine, as_of=AS_OF, send=send, username="wang")
    [o] = outcomes
    assert o.state == "failed" and "mailbox unavailable" in o.error
    [row] = _deliveries(engine)
    assert (row.status, row.attempts, row.sent_at) == ("failed", 1, None)
    assert "mailbox unavailable" in row.error
    [failed] = _events(engine, "digest_failed")
    assert failed.outcome == "failed" and failed.detail["period"] == "daily:2026-12-03"
    assert box.messages == []

    box.refuse = None
    [o] = run(engine, as_of=AS_OF, send=send, username="wang")
    assert o.state == "sent"
    [row] = _deliveries(engine)
    assert (row.status, row.attempts, row.error) == ("sent", 2, None)
    assert len(box.to("wang@example.gov.cn")) == 1


def test_starttls_required_but_not_offered_fails(engine, readers, smtp_server):
    send = smtp_sender(smtp_server.settings(starttls=True))
    [o] = run(engine, as_of=AS_OF, send=send, username="li")
    assert o.state == "failed" and "STARTTLS" in o.error
    assert smtp_server.mailbox.messages == []
    assert _deliveries(engine)[0].status == "failed"


def test_starttls(engine, readers, tls_smtp_server):
    send = smtp_sender(tls_smtp_server.settings(starttls=True))
    [o] = run(engine, as_of=AS_OF, send=send, username="li")
    assert o.state == "sent", o.error
    assert len(tls_smtp_server.mailbox.to("li@zj.example.cn")) == 1


def test_a_weekly_reader_gets_one_digest_a_week(engine, readers, smtp_server):
    from dashboard.digests.preferences import set_user_digest

    with Session(engine) as s:
        set_user_digest(s, actor=None, username="wang", frequency="weekly")
        s.commit()
    send = smtp_sender(smtp_server.settings())
    monday, wednesday, next_monday = date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 7)
    states = [
        run(engine, as_of=d, send=send, username="wang")[0].state
        for d in (monday, wednesday, next_monday)
    ]
    assert states == ["sent", "already_sent", "sent"]
    subjects = [m["Subject"] for m in smtp_server.mailbox.messages]
    assert len(subjects) == 2 and all("每周摘要" in s for s in subjects)
    text = smtp_server.mailbox.messages[1].get_body(("plain",)).get_content()
    assert "2026年11月30日之后至2026年12月7日" in text  # since the last weekly digest
    assert [r.period for r in _deliveries(engine)] == ["weekly:2026-W49", "weekly:2026-W50"]


def test_without_the_cjk_font_the_chart_is_left_out_and_said(
    engine, readers, monkeypatch, tmp_path
):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv("DASHBOARD_CJK_FONT_DIR", str(empty))
    from dashboard.digests.compose import ChartCache

    charts = ChartCache()
    [o] = run(engine, as_of=AS_OF, send=None, username="wang", charts=charts)
    parts = _parts(o.message)
    assert "image/png" not in parts and "multipart/related" not in parts
    assert "燃尽图未附上" in parts["text/plain"].get_content()
    assert charts.failures and "fonts-noto-cjk" in charts.failures[0]
