"""Argon2id password hashing at OWASP's parameters (19 MiB, 2 iterations, 1 lane).

Tests may set DASHBOARD_FAST_HASH=1 for cheaper parameters; nothing else does.
"""

from __future__ import annotations

import os
from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

OWASP_MEMORY_KIB = 19 * 1024
OWASP_TIME_COST = 2


@lru_cache(maxsize=2)
def _hasher(fast: bool) -> PasswordHasher:
    if fast:
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    return PasswordHasher(
        time_cost=OWASP_TIME_COST, memory_cost=OWASP_MEMORY_KIB, parallelism=1, type=Type.ID
    )


def hasher() -> PasswordHasher:
    return _hasher(os.environ.get("DASHBOARD_FAST_HASH") == "1")


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verified against when the user does not exist, so that timing does not reveal it.
DUMMY_HASH = _hasher(False).hash("no-such-user-dummy-password")
