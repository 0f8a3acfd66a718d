"""The audit trail's anchor outside the database: an append-only text file (settings
.audit_anchor; `DASHBOARD_AUDIT_ANCHOR=none` turns it off) with one line per committed
event: `<chain> <id> <mac>`. `<chain>` names the chain (the first 16 hex digits of its
first event's MAC), so a file that outlived an earlier database is told apart.

Make the file append-only for the application's user (`chattr +a`, or a log host), so that
whoever truncates the table cannot truncate the file too; `audit verify` then reports a
chain shorter than its anchor."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from dashboard.settings import get_settings

log = logging.getLogger(__name__)


def path() -> Path | None:
    anchor = get_settings().audit_anchor
    if anchor is None or str(anchor).lower() in {"none", "off", ""}:
        return None
    return Path(anchor)


def chain_id(first_mac: str) -> str:
    return first_mac[:16]


def append(chain: str, events: list[tuple[int, str]]) -> None:
    """Append after the commit; a failure is logged, never raised (the change stands)."""
    target = path()
    if target is None:
        return
    lines = "".join(f"{chain} {event_id} {mac}\n" for event_id, mac in events)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, lines.encode())
        finally:
            os.close(fd)
    except OSError as exc:
        log.error("audit anchor %s not written: %s", target, exc)


def read(chain: str) -> dict[int, str]:
    """id -> MAC of this chain's anchored events."""
    target = path()
    found: dict[int, str] = {}
    if target is None or not target.exists():
        return found
    with target.open(encoding="ascii", errors="replace") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[0] == chain and parts[1].isdigit():
                found[int(parts[1])] = parts[2]
    return found


def has_entries() -> bool:
    target = path()
    return target is not None and target.exists() and target.stat().st_size > 0
