"""A real SMTP server on a free local port (aiosmtpd, in its own thread with its own event
loop) that keeps what arrives, and a database with readers of each kind."""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session

from dashboard.digests.preferences import set_user_digest
from dashboard.settings import SmtpSettings
from tests import builders as b


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Mailbox:
    """What the server received. `refuse` set: every recipient is refused with it."""

    messages: list = field(default_factory=list)
    envelopes: list = field(default_factory=list)
    refuse: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


@dataclass
class SmtpServer:
    mailbox: Mailbox
    host: str
    port: int

    def settings(self, **overrides) -> SmtpSettings:
        values = dict(
            host=self.host,
            port=self.port,
            starttls=False,
            user="",
            password="",
            sender="tracker@example.gov.cn",
            timeout=10.0,
        )
        return SmtpSettings(**{**values, **overrides})


def _serve(handler, hostname: str, **kwargs):
    controller = Controller(handler, hostname=hostname, port=free_port(), **kwargs)
    controller.start()
    return controller


@pytest.fixture
def smtp_server():
    mailbox = Mailbox()
    controller = _serve(mailbox, "127.0.0.1")
    try:
        yield SmtpServer(mailbox, "127.0.0.1", controller.port)
    finally:
        controller.stop()


@pytest.fixture
def tls_smtp_server(tmp_path, monkeypatch):
    """A server that offers and requires STARTTLS with a self-signed certificate for
    localhost, which the client trusts through SSL_CERT_FILE."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    mailbox = Mailbox()
    controller = _serve(mailbox, "localhost", tls_context=context, require_starttls=True)
    try:
        yield SmtpServer(mailbox, "localhost", controller.port)
    finally:
        controller.stop()


HOSTILE_FILE = "<img src=x onerror=alert(1)>report.csv"
HOSTILE_COMMENT = 'Row 3: <b>fix</b> the "USCC" & resend'


@pytest.fixture
def readers(engine):
    """A ministry official reading Chinese (daily), a Zhejiang coordinator reading English
    (daily), a briefing user who chose none, and a ministry user without an address; one
    staged submission awaiting review and one returned to Zhejiang with a comment."""
    with Session(engine, expire_on_commit=False) as s:
        users = {
            "wang": b.user(s, "wang", "ministry"),
            "li": b.user(s, "li", "coordinator", "330000"),
            "zhao": b.user(s, "zhao", "briefing"),
            "sun": b.user(s, "sun", "ministry"),
        }
        set_user_digest(
            s, actor=None, username="wang", email="wang@example.gov.cn", frequency="daily"
        )
        set_user_digest(s, actor=None, username="li", email="li@zj.example.cn", frequency="daily")
        set_user_digest(
            s, actor=None, username="zhao", email="zhao@example.gov.cn", frequency="none"
        )
        for name, lang in (("wang", "zh"), ("li", "en"), ("zhao", "zh")):
            from dashboard.models import User

            s.get(User, users[name].id).language = lang
        b.submission(
            s,
            province_code="370000",
            submitted_at=datetime(2026, 11, 20, 2, tzinfo=UTC),
            filename=HOSTILE_FILE,
            kind="pilot_status",
            submitted_by="shandong",
            row_count=4,
        )
        b.submission(
            s,
            province_code="330000",
            submitted_at=datetime(2026, 11, 25, 2, tzinfo=UTC),
            status="returned",
            filename="zj-2026q4.csv",
            kind="pilot_status",
            submitted_by="li",
            row_count=3,
            decided_by="wang",
            decided_at=datetime(2026, 12, 3, 1, tzinfo=UTC),
            decision_comment=HOSTILE_COMMENT,
        )
        s.commit()
    return users
