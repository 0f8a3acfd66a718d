"""Attack cases at the login form: parallel guesses, oversized input, demo accounts outside
demo mode, and the per-address limit."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, func, select

from dashboard import auth, login_limits
from dashboard.models import AuditEvent, User
from dashboard.passwords import DUMMY_HASH
from tests import builders as b

PASSWORD = b.PASSWORD


def test_sixty_parallel_guesses_check_at_most_five_passwords(engine, monkeypatch):
    with Session(engine) as s:
        b.user(s, "alice", "ministry", password=PASSWORD)
    checked, lock = [], threading.Lock()
    real_verify = auth.verify_password

    def counting_verify(stored_hash, password):
        if stored_hash != DUMMY_HASH:
            with lock:
                checked.append(password)
        return real_verify(stored_hash, password)

    monkeypatch.setattr(auth, "verify_password", counting_verify)
    start = threading.Barrier(60)

    def guess(i: int) -> str:
        start.wait()
        with Session(engine, expire_on_commit=False) as s:
            try:
                auth.login(s, username="alice", password=f"wrong-guess-number-{i}")
            except auth.AuthError as exc:
                return exc.reason
        return "signed in"

    with ThreadPoolExecutor(max_workers=60) as pool:
        outcomes = list(pool.map(guess, range(60)))
    assert outcomes == ["invalid_credentials"] * 60
    assert 1 <= len(checked) <= login_limits.MAX_FAILED_LOGINS
    with Session(engine) as s:
        user = s.exec(select(User).where(User.username == "alice")).one()
        assert user.locked_until is not None
    # the right password does not help now
    with Session(engine, expire_on_commit=False) as s, pytest.raises(auth.AuthError):
        auth.login(s, username="alice", password=PASSWORD)


def test_a_huge_username_never_reaches_the_audit_trail_whole(session, engine):
    typed = '=HYPERLINK("http://x")\n' + "x" * 1_000_000
    with pytest.raises(auth.AuthError):
        auth.login(session, username=typed, password="p" * 5000)
    with Session(engine) as s:
        (actor,) = s.exec(select(AuditEvent.actor).where(AuditEvent.outcome == "failed")).all()
        assert s.exec(select(func.count()).select_from(User)).one() == 0
    assert len(actor) <= login_limits.AUDIT_NAME_CHARS + 1
    assert "\n" not in actor and "\\u000a" in actor and actor.endswith("…")


def test_oversized_password_is_refused_before_the_database(session, engine, monkeypatch):
    b.user(session, "alice", "ministry", password=PASSWORD)
    monkeypatch.setattr(login_limits, "reserve_attempt", lambda *a, **k: pytest.fail("reached"))
    with pytest.raises(auth.AuthError):
        auth.login(session, username="alice", password=PASSWORD + "x" * 2000)


def test_demo_accounts_sign_in_only_in_demo_mode(session, monkeypatch):
    from dashboard.accounts import create_demo_users
    from dashboard.settings import reset_settings_cache

    create_demo_users(session)
    session.commit()
    with pytest.raises(auth.AuthError):
        auth.login(session, username="admin", password="demo")
    monkeypatch.setenv("DASHBOARD_DEMO", "1")
    reset_settings_cache()
    assert auth.login(session, username="admin", password="demo")[1].username == "admin"


def test_address_limiter_blocks_after_the_limit_and_forgets_after_the_window():
    limiter = login_limits.AddressLimiter(limit=3, window=60)
    assert [limiter.try_acquire("10.0.0.1", now=t) for t in range(4)] == [True] * 3 + [False]
    assert limiter.try_acquire("10.0.0.2", now=3)  # another address is not affected
    assert limiter.try_acquire("10.0.0.1", now=61)  # the first failure has left the window
    limiter.succeeded("10.0.0.1")  # a right password gives its attempt back
    assert limiter.try_acquire("10.0.0.1", now=62)


def test_address_limiter_holds_under_parallel_attempts():
    limiter = login_limits.AddressLimiter(limit=5, window=60)
    with ThreadPoolExecutor(max_workers=30) as pool:
        granted = list(pool.map(lambda _: limiter.try_acquire("10.0.0.9"), range(60)))
    assert granted.count(True) == 5


@pytest.mark.parametrize(
    ("forwarded_for", "header", "client", "address"),
    [
        ("0", "203.0.113.7", ("10.0.0.1", 5000), "10.0.0.1"),  # the header is not trusted
        ("1", "198.51.100.1, 203.0.113.7 ", ("10.0.0.1", 5000), "203.0.113.7"),  # last hop
        ("1", "x" * 80, ("10.0.0.1", 5000), "x" * 64),  # bounded
        ("1", "  ", ("10.0.0.1", 5000), "10.0.0.1"),  # blank: the connection's address
        ("1", None, None, "?"),
    ],
)
def test_the_limits_count_by_the_client_address(
    monkeypatch, forwarded_for, header, client, address
):
    from starlette.requests import Request

    from dashboard.web_client import client_address

    monkeypatch.setenv("DASHBOARD_FORWARDED_FOR", forwarded_for)
    headers = [] if header is None else [(b"x-forwarded-for", header.encode())]
    scope = {"type": "http", "headers": headers, "client": client}
    assert client_address(Request(scope)) == address
