"""One settings object, read from the environment and `.streamlit/secrets.toml`.

Outside demo mode the app refuses to start with a missing or short secret key.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SQLITE_PATH = REPO_ROOT / "var" / "tracker.sqlite3"
SECRETS_FILE = REPO_ROOT / ".streamlit" / "secrets.toml"
MIN_SECRET_BYTES = 32
DEFAULT_TIMEZONE = "Asia/Shanghai"  # officials work in Beijing time; the database keeps UTC
DEMO_SECRET = "demo-mode-secret-not-for-production-use-0123456789"  # noqa: S105  (refused outside demo mode)


class SettingsError(RuntimeError):
    """The configuration cannot be used; the message says which setting and why."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    demo_mode: bool
    secret_key: str
    archive_dir: Path
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    cookie_secure: bool = False
    timezone: str = DEFAULT_TIMEZONE
    forwarded_for: bool = False
    audit_key: str = ""
    audit_previous_keys: tuple[str, ...] = ()
    audit_anchor: Path | None = None


def _read_secrets(path: Path) -> dict:
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _audit_key(env: dict, secrets: dict, demo_mode: bool) -> str:
    """The key of the audit trail's MACs. Without DASHBOARD_AUDIT_KEY it is derived from the
    session secret (then rotating that secret needs the derived key pinned first; see
    docs/DEPLOY.md, "Rotating the keys")."""
    key = env.get("DASHBOARD_AUDIT_KEY") or secrets.get("audit_key") or ""
    if key and len(key.encode()) < MIN_SECRET_BYTES and not demo_mode:
        raise SettingsError(f"DASHBOARD_AUDIT_KEY must be at least {MIN_SECRET_BYTES} bytes.")
    return key


def default_database_url() -> str:
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def load_settings(env: dict[str, str] | None = None, secrets_path: Path = SECRETS_FILE) -> Settings:
    env = dict(os.environ if env is None else env)
    secrets = _read_secrets(secrets_path)
    demo_mode = _truthy(env.get("DASHBOARD_DEMO", str(secrets.get("demo_mode", ""))))
    database_url = env.get("DATABASE_URL") or secrets.get("database_url") or default_database_url()
    secret = env.get("DASHBOARD_SECRET_KEY") or secrets.get("secret_key") or ""
    if not secret and demo_mode:
        secret = DEMO_SECRET
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise SettingsError(
            "DASHBOARD_SECRET_KEY (or secret_key in .streamlit/secrets.toml) must be at least "
            f"{MIN_SECRET_BYTES} bytes outside demo mode; generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
        )
    if secret == DEMO_SECRET and not demo_mode:
        raise SettingsError("The demo secret key cannot be used outside demo mode.")
    archive_dir = Path(
        env.get("DASHBOARD_ARCHIVE_DIR") or secrets.get("archive_dir") or REPO_ROOT / "var"
    )
    return Settings(
        database_url=normalise_database_url(database_url),
        demo_mode=demo_mode,
        secret_key=secret,
        archive_dir=archive_dir,
        cookie_secure=_truthy(env.get("DASHBOARD_COOKIE_SECURE")),
        timezone=read_timezone(env, secrets),
        forwarded_for=_truthy(env.get("DASHBOARD_FORWARDED_FOR")),
        audit_key=_audit_key(env, secrets, demo_mode),
        audit_previous_keys=tuple(
            k.strip() for k in env.get("DASHBOARD_AUDIT_PREVIOUS_KEYS", "").split(",") if k.strip()
        ),
        audit_anchor=Path(
            env.get("DASHBOARD_AUDIT_ANCHOR")
            or secrets.get("audit_anchor")
            or archive_dir / "audit-anchor.log"
        ),
    )


def read_timezone(env: dict[str, str], secrets: dict) -> str:
    """The zone times are shown in: `DASHBOARD_TIMEZONE`, else `timezone` in the secrets file,
    else Asia/Shanghai. An unknown zone name stops the app rather than showing wrong times."""
    name = (env.get("DASHBOARD_TIMEZONE") or secrets.get("timezone") or DEFAULT_TIMEZONE).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(
            f"DASHBOARD_TIMEZONE (or timezone in .streamlit/secrets.toml) {name!r} is not an "
            "IANA time zone name such as Asia/Shanghai."
        ) from exc
    return name


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgresql:// URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


_cached: Settings | None = None


def get_settings() -> Settings:
    """The process-wide settings, read once."""
    global _cached
    if _cached is None:
        _cached = load_settings()
    return _cached


_zone: ZoneInfo | None = None


def display_timezone() -> ZoneInfo:
    """The zone every time is shown in. Read on its own (not through get_settings) so that the
    command line, which may run without a secret key, formats times the same way."""
    global _zone
    if _zone is None:
        _zone = ZoneInfo(read_timezone(dict(os.environ), _read_secrets(SECRETS_FILE)))
    return _zone


def reset_settings_cache() -> None:
    global _cached, _zone
    _cached = None
    _zone = None


@dataclass(frozen=True)
class SmtpSettings:
    """Where digests are sent from (`python -m dashboard digest --send`)."""

    host: str
    port: int
    starttls: bool
    user: str
    password: str  # from the environment only, never the secrets file or the command line
    sender: str
    timeout: float = 30.0


SMTP_ENV = {
    "host": "DASHBOARD_SMTP_HOST",
    "port": "DASHBOARD_SMTP_PORT",
    "starttls": "DASHBOARD_SMTP_STARTTLS",
    "user": "DASHBOARD_SMTP_USER",
    "sender": "DASHBOARD_SMTP_SENDER",
}


def smtp_settings(
    env: dict[str, str] | None = None, secrets_path: Path = SECRETS_FILE
) -> SmtpSettings:
    """DASHBOARD_SMTP_HOST, _PORT (default 587 with STARTTLS, else 25), _STARTTLS (default
    on), _USER, _PASSWORD (environment only) and _SENDER; the non-secret ones may also be
    `smtp_host` ... in the secrets file. Sending refuses to start without a host or sender."""
    env = dict(os.environ if env is None else env)
    secrets = _read_secrets(secrets_path)

    def read(name: str, default: str = "") -> str:
        value = env.get(SMTP_ENV[name])
        return str(value if value is not None else secrets.get(f"smtp_{name}", default)).strip()

    host, sender = read("host"), read("sender")
    if not host or not sender:
        raise SettingsError(
            "DASHBOARD_SMTP_HOST and DASHBOARD_SMTP_SENDER must be set to send digests "
            "(see README, Configuration)."
        )
    starttls = _truthy(read("starttls", "1"))
    port_text = read("port", "587" if starttls else "25")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SettingsError(f"DASHBOARD_SMTP_PORT {port_text!r} is not a port number.")
    return SmtpSettings(
        host=host,
        port=int(port_text),
        starttls=starttls,
        user=read("user"),
        password=env.get("DASHBOARD_SMTP_PASSWORD", ""),
        sender=sender,
    )
