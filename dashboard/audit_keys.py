"""The audit trail's MAC keys, from the settings.

The current key signs new events; earlier keys (DASHBOARD_AUDIT_PREVIOUS_KEYS, comma
separated) still verify the events they signed. A key is named by `key_id`: the first 16
hex digits of its SHA-256, stored with each event (the key itself never is). Without
DASHBOARD_AUDIT_KEY the key is derived from the session secret (DASHBOARD_SECRET_KEY)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from dashboard.settings import get_settings


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


@dataclass(frozen=True)
class Keyring:
    current: bytes
    by_id: dict[str, bytes]

    @property
    def current_id(self) -> str:
        return key_id(self.current)


def make_keyring(current: bytes, previous: list[bytes] = ()) -> Keyring:
    keys = [current, *previous]
    return Keyring(current=current, by_id={key_id(k): k for k in keys})


def current_keyring() -> Keyring:
    settings = get_settings()
    if settings.audit_key:
        current = settings.audit_key.encode()
    else:
        secret = settings.secret_key.encode()
        current = hmac.new(secret, b"audit-chain-key", hashlib.sha256).hexdigest().encode()
    return make_keyring(current, [k.encode() for k in settings.audit_previous_keys])
