"""The shipped Streamlit configuration keeps officials' sessions to the app itself: no usage
statistics, no outside help links or error details under an error, no grid CSV download
around the audited export. Each option is also checked to be one Streamlit knows, since a
misspelt key would be silently ignored."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit import config as st_config

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"

EXPECTED = {
    "browser.gatherUsageStats": False,
    "client.showErrorLinks": False,
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "client.disableDataExport": True,
    "server.enableXsrfProtection": True,
}


def _flat(table: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        out.update(_flat(value, f"{name}.") if isinstance(value, dict) else {name: value})
    return out


def test_every_option_is_one_streamlit_knows():
    options = _flat(tomllib.loads(CONFIG.read_text(encoding="utf-8")))
    known = set(st_config.get_config_options())
    assert sorted(set(options) - known) == []


def test_privacy_options_are_set():
    options = _flat(tomllib.loads(CONFIG.read_text(encoding="utf-8")))
    assert {k: options.get(k) for k in EXPECTED} == EXPECTED
