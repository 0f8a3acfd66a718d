"""Run by test_crash_safety: ingest a file with accept and, halfway through applying it,
announce that through a marker file and wait to be killed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dashboard.db import make_engine
from pipelines.ingest import ingest_bytes
from pipelines.refresh import pipeline_actor


def main(url: str, path: str, marker: str, archive: str) -> None:
    engine = make_engine(url)
    actor = pipeline_actor(engine)

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "apply" and done >= total // 2:
            partial = Path(f"{marker}.part")
            partial.write_text(f"{done}/{total}")
            partial.replace(marker)  # the test, polling for it, reads it whole or not at all
            time.sleep(300)

    source = Path(path)
    ingest_bytes(
        engine,
        data=source.read_bytes(),
        filename=source.name,
        actor=actor,
        accept=True,
        progress=progress,
        archive_dir=Path(archive),
    )


if __name__ == "__main__":
    main(*sys.argv[1:5])
