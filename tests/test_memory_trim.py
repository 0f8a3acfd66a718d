"""The memory trimmer collects garbage and calls malloc_trim(0); it starts once."""

import gc
import threading

from dashboard import memory_trim


def test_trim_once_collects_and_trims(monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "collect", lambda: calls.append("gc") or 0)
    memory_trim.trim_once(lambda pad: calls.append(("trim", pad)))
    assert calls == ["gc", ("trim", 0)]


def test_glibc_trim_is_found_on_linux():
    trim = memory_trim._libc_trim()
    assert trim is not None and trim(0) in (0, 1)


def _trimmers() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "memory-trim")


def test_start_runs_one_thread(monkeypatch):
    monkeypatch.setattr(memory_trim, "_started", threading.Event())
    before = _trimmers()
    memory_trim.start(period_s=3600)
    memory_trim.start(period_s=3600)
    assert _trimmers() - before == 1
