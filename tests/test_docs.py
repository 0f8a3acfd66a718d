"""Every command and setting the README documents exists."""

import re
import shlex
from pathlib import Path

import pytest

from dashboard.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(module: str) -> list[str]:
    return sorted(set(re.findall(rf"^python -m {module} ([^#\n]+?)\s*(?:#.*)?$", README, re.M)))


@pytest.mark.parametrize("line", _commands("dashboard"))
def test_documented_dashboard_commands_parse(line):
    for variant in line.split(" | "):
        words = [w for w in shlex.split(variant.replace("[", "").replace("]", ""))]
        words = [w.split("|")[0] for w in words]
        concrete = [
            {"NAME": "alice", "DATE": "2025-01-01", "CODE": "330000", "ROLE": "admin"}.get(w, w)
            for w in words
        ]
        if concrete and concrete[0] in {"disable", "enable", "reset-password", "list"}:
            concrete = ["users", *concrete]
        build_parser().parse_args(concrete)


@pytest.mark.parametrize("line", _commands("pipelines"))
def test_documented_pipeline_commands_parse(line):
    from pipelines.__main__ import build_parser as pipelines_parser

    words = shlex.split(line.replace("[", "").replace("]", ""))
    values = {
        "DIR": "inbox",
        "URL": "sqlite://",
        "K": "standard",
        "D": "arch",
        "N": "10",
        "zh|en": "zh",
    }
    args = pipelines_parser().parse_args([values.get(w, w) for w in words])
    assert args.command == words[0]


def test_documented_settings_are_read():
    settings_src = (ROOT / "dashboard" / "settings.py").read_text()
    for var in re.findall(r"`(DASHBOARD_[A-Z_]+|DATABASE_URL)`", README):
        assert var in settings_src, var


def test_pipeline_commands_are_documented():
    assert len(_commands("pipelines")) == 3


def test_make_targets_exist():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("run", "test"):
        assert re.search(rf"^{target}:", makefile, re.M)
