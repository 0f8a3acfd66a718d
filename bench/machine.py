"""The machine a benchmark ran on, as its report names it."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def machine() -> str:
    """Cores, CPU model, memory and Python version (from /proc where there is one)."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, Python {sys.version.split()[0]}"


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())
