"""What is exposed by default: `make run` (demo mode, published passwords) listens on the
loopback interface only."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_binds_to_the_loopback_interface():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "DASHBOARD_DEMO=1" in recipe
    assert "--server.address 127.0.0.1" in recipe.replace("\\\n\t", " ")
