"""`--database-url` is accepted before or after every subcommand, as the README promises."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest

from dashboard import cli
from tests.test_accounts_cli import REPO, initialised, url, users  # noqa: F401 (fixtures)


def _leaves(parser: argparse.ArgumentParser, path=()):
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
    for action in subs:
        for name, child in action.choices.items():
            yield from _leaves(child, (*path, name))


LEAVES = dict(_leaves(cli.build_parser()))


def test_there_are_nested_commands():
    assert ("users", "list") in LEAVES and ("programmes", "list") in LEAVES


@pytest.mark.parametrize("command", sorted(LEAVES), ids=[" ".join(c) for c in sorted(LEAVES)])
def test_every_command_takes_the_url_after_it(command):
    assert "--database-url" in LEAVES[command]._option_string_actions


@pytest.mark.parametrize("command", [["progress"], ["users", "list"], ["programmes", "list"]])
def test_the_url_is_read_before_or_after_the_command(command):
    parser = cli.build_parser()
    after = parser.parse_args([*command, "--database-url", "sqlite:///after.db"])
    before = parser.parse_args(["--database-url", "sqlite:///before.db", *command])
    assert (after.database_url, before.database_url) == (
        "sqlite:///after.db",
        "sqlite:///before.db",
    )
    assert parser.parse_args(command).database_url is None


def test_a_user_added_with_the_url_after_the_command_lands_there(url):  # noqa: F811
    # the url given after the subcommands, not before (run() puts none before)
    args = ["users", "add", "alice", "--role", "briefing", "--database-url", url]
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        input="a-long-enough-password\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        env={
            k: v
            for k, v in {**os.environ, "DASHBOARD_FAST_HASH": "1"}.items()
            if k != "DATABASE_URL"
        },
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert users(url)["alice"].role == "briefing"
