"""`python -m dashboard digest`: without --send (or with --dry-run) it only shows; with
--send it sends through the configured SMTP server and a second run sends nothing; without
an SMTP host it refuses to send."""

from __future__ import annotations

from dashboard.cli import main as cli


def _smtp_env(monkeypatch, server) -> None:
    monkeypatch.setenv("DASHBOARD_SMTP_HOST", server.host)
    monkeypatch.setenv("DASHBOARD_SMTP_PORT", str(server.port))
    monkeypatch.setenv("DASHBOARD_SMTP_STARTTLS", "0")
    monkeypatch.setenv("DASHBOARD_SMTP_SENDER", "tracker@example.gov.cn")


def test_digest_command(db_url, engine, readers, smtp_server, monkeypatch, capsys, tmp_path):
    _smtp_env(monkeypatch, smtp_server)
    base = ["--database-url", db_url, "digest", "--as-of", "2026-12-03"]
    assert cli(base) == 0
    out = capsys.readouterr().out
    assert "would_send    li" in out and "would_send    wang" in out
    assert "nothing sent (no --send)" in out
    assert cli([*base, "--dry-run", "--show", "--user", "li", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Subject: Dual-carbon tracker · daily digest · Zhejiang" in out
    assert "The 2026Q4 report is due on 15 Jan 2027, in 43 days." in out
    assert [p.name for p in tmp_path.glob("*.eml")] == ["li-daily-2026-12-03.eml"]
    assert smtp_server.mailbox.messages == []

    assert cli([*base, "--send"]) == 0
    assert "2 readers, 0 failed" in capsys.readouterr().out
    assert len(smtp_server.mailbox.messages) == 2
    assert cli([*base, "--send"]) == 0
    assert capsys.readouterr().out.count("already_sent") == 2
    assert len(smtp_server.mailbox.messages) == 2


def test_digest_send_needs_a_server(db_url, engine, readers, monkeypatch, capsys):
    monkeypatch.delenv("DASHBOARD_SMTP_HOST", raising=False)
    assert cli(["--database-url", db_url, "digest", "--send"]) == 2
    assert "DASHBOARD_SMTP_HOST" in capsys.readouterr().err


def test_failed_delivery_exit_code(db_url, engine, readers, smtp_server, monkeypatch, capsys):
    _smtp_env(monkeypatch, smtp_server)
    smtp_server.mailbox.refuse = "550 no such user"
    args = ["--database-url", db_url, "digest", "--send", "--as-of", "2026-12-03"]
    assert cli(args) == 1
    assert "2 failed" in capsys.readouterr().out
