"""The documentation and the code agree, in both directions.

- Every `python -m dashboard ...` and `python -m pipelines ...` command (the argparse tree,
  nested subcommands included) is in the README, and every one named in the README or in
  docs/*.md exists, with the options it is shown with.
- Every setting the code reads (environment variables and `.streamlit/secrets.toml` keys) is
  in the README, and every one the README names is read.
- Every other `python -m module` the docs name exists.

A failure names what is missing and where, so that whoever added a command or a setting knows
which line to write.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.cli import build_parser as dashboard_parser
from pipelines.__main__ import build_parser as pipelines_parser

ROOT = Path(__file__).resolve().parents[1]
README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOC_PATHS = [README_PATH, ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md"))]
PARSERS = {"dashboard": dashboard_parser, "pipelines": pipelines_parser}
# Options every command takes, documented once in the README ("Every command takes ...").
GLOBAL_OPTIONS = {"-h", "--help", "--database-url"}
SETTING_NAME = re.compile(r"^(DASHBOARD_[A-Z0-9_]+|DATABASE_URL)$")
# The product's code, where settings are read (tests, benchmarks and tools are not).
PRODUCT_DIRS = ("dashboard", "pipelines")


# ---- the argparse tree ---------------------------------------------------------------


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _leaves(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    children = _subcommands(parser)
    if not children:
        yield path, parser
    for name, child in children.items():
        yield from _leaves(child, (*path, name))


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings if s.startswith("--")}


# ---- where the docs name a command ---------------------------------------------------


def _code_lines(text: str) -> Iterator[str]:
    """Each line of a fenced block and each inline code span (joined if it wraps)."""
    fence = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
    for block in fence.findall(text):
        yield from block.splitlines()
    for span in re.findall(r"`([^`]+)`", fence.sub("", text)):
        yield " ".join(span.split())


def _mentions(text: str, module: str) -> Iterator[tuple[str, str]]:
    """(command words, the whole line with its comment) for every `python -m MODULE ...`."""
    for line in _code_lines(text):
        for m in re.finditer(rf"python -m {module}(?![\w.])(.*)", line):
            words = re.split(r"`|\s#|\s>>?\s|\s2>&1|&&|;", m.group(1))[0]
            yield words.replace("[", " ").replace("]", " "), line


def _variants(words: str, parser: argparse.ArgumentParser) -> Iterator[list[str]]:
    """`users list | disable NAME | enable NAME` is three commands under `users`."""
    variants = [v.split() for v in words.split(" | ")]
    first = variants[0]
    yield first
    top = _subcommands(parser)
    prefix = [w for w in first if not w.startswith("-")][:1]
    for v in variants[1:]:
        yield v if (v and v[0] in top) or v[:1] == ["--"] else [*prefix, *v]


def _walk(words: list[str], parser: argparse.ArgumentParser) -> tuple[tuple[str, ...], str]:
    """The command path the words name, and what is wrong with them ('' when nothing)."""
    path: tuple[str, ...] = ()
    current = parser
    value_of: argparse.Action | None = None
    for word in words:
        if value_of is not None:
            action, value_of = value_of, None
            wrong = _wrong_choices(word, action)
            if wrong:
                return path, f"{action.option_strings[0]} takes none of {wrong}"
            continue
        if word.startswith("--"):
            flag, _, value = word.partition("=")
            action = current._option_string_actions.get(flag)
            if action is None:
                where = " ".join(path) or "(top level)"
                return path, f"option {flag} does not exist for `{where}`"
            if action.nargs != 0:
                if value and _wrong_choices(value, action):
                    return path, f"{flag} takes none of {_wrong_choices(value, action)}"
                value_of = None if value else action
            continue
        children = _subcommands(current)
        if word in children:
            path, current = (*path, word), children[word]
        elif children:
            where = " ".join(path) or "(top level)"
            return path, f"`{where}` has no subcommand {word!r} (it has {sorted(children)})"
    if _subcommands(current):
        return path, f"`{' '.join(path)}` needs a subcommand ({sorted(_subcommands(current))})"
    return path, ""


def _wrong_choices(value: str, action: argparse.Action) -> list[str]:
    """The documented values (`daily|weekly|none`) an option with choices does not take;
    a placeholder in capitals (`ROLE`) stands for any of them."""
    if not action.choices or value.isupper():
        return []
    return [v for v in value.split("|") if v not in action.choices]


def _documented(module: str, paths: list[Path]) -> list[tuple[str, str, list[str]]]:
    """(file name, line, words) for every documented command of MODULE."""
    found = []
    for doc in paths:
        for words, line in _mentions(doc.read_text(encoding="utf-8"), module):
            for variant in _variants(words, PARSERS[module]()):
                found.append((doc.relative_to(ROOT).as_posix(), line, variant))
    return found


@pytest.mark.parametrize("module", sorted(PARSERS))
def test_every_documented_command_exists(module):
    parser = PARSERS[module]()
    wrong = []
    for doc, line, words in _documented(module, DOC_PATHS):
        _, problem = _walk(words, parser)
        if problem:
            wrong.append(f"{doc}: `python -m {module} {' '.join(words)}`: {problem}")
    assert not wrong, "documented commands that do not exist:\n" + "\n".join(wrong)


@pytest.mark.parametrize("module", sorted(PARSERS))
def test_every_command_and_option_is_in_the_readme(module):
    parser = PARSERS[module]()
    shown: dict[tuple[str, ...], str] = {}
    for _, line, words in _documented(module, [README_PATH]):
        path, _ = _walk(words, parser)
        shown[path] = shown.get(path, "") + " " + line
    missing = []
    for path, leaf in _leaves(parser):
        command = f"python -m {module} {' '.join(path)}"
        if path not in shown:
            missing.append(f"README.md has no line `{command} ...` for the command `{command}`")
            continue
        for option in sorted(_options(leaf) - GLOBAL_OPTIONS):
            if not re.search(rf"{re.escape(option)}(?![\w-])", shown[path]):
                missing.append(
                    f"README.md: option {option} of `{command}` is not shown on a line "
                    f"`{command} ...` (in the command or in its # comment)"
                )
    assert not missing, "commands not documented:\n" + "\n".join(missing)


def test_the_command_walk_finds_wrong_commands():
    """The checks above would see a stale line: an unknown option, an unknown subcommand,
    a missing subcommand."""
    parser = dashboard_parser()
    assert _walk(["spans", "--check"], parser)[1] == ("option --check does not exist for `spans`")
    assert "has no subcommand 'frobnicate'" in _walk(["users", "frobnicate"], parser)[1]
    assert "needs a subcommand" in _walk(["audit"], parser)[1]
    assert (
        "takes none of ['auditor']" in _walk(["users", "add", "x", "--role", "auditor"], parser)[1]
    )
    assert _walk(["users", "add", "x", "--role", "ROLE"], parser) == (("users", "add"), "")
    assert _walk(["--database-url", "URL", "users", "list"], parser) == (("users", "list"), "")
    lines = list(_variants("users list | disable NAME | reset-password NAME", parser))
    assert lines == [
        ["users", "list"],
        ["users", "disable", "NAME"],
        ["users", "reset-password", "NAME"],
    ]


# ---- other modules the docs run ------------------------------------------------------


def test_every_documented_module_exists():
    wrong = []
    for doc in DOC_PATHS:
        for line in _code_lines(doc.read_text(encoding="utf-8")):
            for name in re.findall(r"python -m ([\w.]+)", line):
                if importlib.util.find_spec(name) is None:
                    rel = doc.relative_to(ROOT).as_posix()
                    wrong.append(f"{rel}: `python -m {name}`: no such module")
    assert not wrong, "\n".join(wrong)


# ---- settings ------------------------------------------------------------------------


def _product_modules() -> Iterator[tuple[str, ast.Module]]:
    for top in PRODUCT_DIRS:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def environment_settings() -> dict[str, str]:
    """Every environment variable the product reads or sets, with the module it is in: each
    string constant that is a whole setting name (`os.environ.get("DASHBOARD_X")`,
    `ENV_DIR = "DASHBOARD_X"`, a table such as settings.SMTP_ENV)."""
    found: dict[str, str] = {}
    for name, tree in _product_modules():
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and SETTING_NAME.match(node.value):
                found.setdefault(node.value, name)
    return found


def secrets_file_settings() -> set[str]:
    """Every key read from `.streamlit/secrets.toml`: `secrets.get("key")` in settings.py,
    and `smtp_<name>` for every name of settings.SMTP_ENV."""
    from dashboard import settings

    tree = ast.parse(Path(settings.__file__).read_text(encoding="utf-8"))
    keys = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "secrets"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }
    return keys | {f"smtp_{name}" for name in settings.SMTP_ENV}


def _readme_settings() -> set[str]:
    return {m for m in re.findall(r"`([A-Z][A-Z0-9_]+)`", README) if SETTING_NAME.match(m)}


def _readme_secrets_keys() -> set[str]:
    """The second name of each row of the Configuration table (`ENV` / `key`)."""
    return set(re.findall(r"^\| `[A-Z0-9_]+` / `([a-z0-9_]+)` \|", README, re.M))


def test_every_setting_is_in_the_readme():
    missing = [
        f"{name} (read in {module}) is not named in README.md "
        "(add it to the Configuration table, or to the sentence on test switches)"
        for name, module in sorted(environment_settings().items())
        if f"`{name}`" not in README
    ]
    missing += [
        f"secrets-file key {key!r} (dashboard/settings.py) is not in README.md's "
        "Configuration table as `ENV_NAME` / `key`"
        for key in sorted(secrets_file_settings() - _readme_secrets_keys())
    ]
    assert not missing, "\n".join(missing)


def test_every_setting_in_the_readme_is_read():
    read = environment_settings()
    wrong = [
        f"README.md names {name}, which nothing under dashboard/ or pipelines/ reads"
        for name in sorted(_readme_settings() - set(read))
    ]
    wrong += [
        f"README.md's Configuration table names the secrets-file key {key!r}, which "
        "dashboard/settings.py does not read"
        for key in sorted(_readme_secrets_keys() - secrets_file_settings())
    ]
    assert not wrong, "\n".join(wrong)


def test_the_settings_scan_sees_the_known_settings():
    """The scan is not empty by accident: it finds the settings of each kind of reading."""
    read = environment_settings()
    assert {"DATABASE_URL", "DASHBOARD_SECRET_KEY", "DASHBOARD_SMTP_HOST"} <= set(read)
    assert {"database_url", "secret_key", "smtp_host"} <= secrets_file_settings()


def test_make_targets_exist():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("run", "test"):
        assert re.search(rf"^{target}:", makefile, re.M)


# ---- the layout ----------------------------------------------------------------------

# Folders that are not the project's own (made by the tools, ignored by git).
NOT_OURS = {".git", ".venv", "node_modules", "var", "artifacts"}


def _layout_paths() -> set[str]:
    """The path that opens each line of the README's Layout block."""
    block = re.search(r"^## Layout\n.*?^```\n(.*?)^```", README, re.M | re.S)
    assert block, "README.md has no fenced block under '## Layout'"
    return {line.split()[0] for line in block.group(1).splitlines() if line[:1].strip()}


def _ignored_by_git(path: Path) -> bool:
    """A folder .gitignore names (a tool's cache, a local run's output) is not the project's."""
    found = subprocess.run(
        ["git", "check-ignore", "-q", f"{path.name}/"], cwd=ROOT, capture_output=True, check=False
    )
    return found.returncode == 0


def _folders_to_describe() -> set[str]:
    tops = {
        f"{p.name}/"
        for p in ROOT.iterdir()
        if p.is_dir()
        and p.name not in NOT_OURS
        and not p.name.endswith("_cache")
        and not _ignored_by_git(p)
    }
    tops -= {".git/", ".ci/"}  # .ci is described by its one file
    data = {f"data/{p.name}/" for p in (ROOT / "data").iterdir() if p.is_dir()}
    packages = {
        f"dashboard/{p.name}/"
        for p in (ROOT / "dashboard").iterdir()
        if p.is_dir() and any(p.glob("*.py"))
    }
    return (tops - {"data/"}) | data | packages


def test_the_layout_names_every_folder():
    listed = _layout_paths()
    missing = sorted(_folders_to_describe() - listed)
    assert not missing, (
        "README.md's Layout block has no line for " + ", ".join(missing) + " (add one line each)"
    )


def test_every_path_in_the_layout_exists():
    gone = sorted(p for p in _layout_paths() if not (ROOT / p).exists())
    assert not gone, "README.md's Layout block names paths that do not exist: " + ", ".join(gone)


# ---- files the docs point to -----------------------------------------------------------


def _pointed_files(text: str) -> set[str]:
    """The repository paths in code spans: `dashboard/progress/spans.py`, `ui/writes.run_write`
    (dashboard/ui/writes.py), `pages/`, `progress/counting.py`. Placeholders (`<kind>.py`),
    URLs and absolute paths are left out."""
    found = set()
    for span in re.findall(r"`([^`\s]+)`", text):
        if "/" not in span or "<" in span or span.startswith(("/", ".", "http")) or ":" in span:
            continue
        path = re.sub(r"\(\)$", "", span)
        if not re.search(r"\.(py|json|md|toml|csv|xlsx)$|/$", path):
            head, _, _ = path.rpartition(".")
            if not head or "/" not in head:
                continue
            path = head + ".py"  # module.function
        found.add(path)
    return found


# Folders the app makes at run time (the database, the archive), named by the docs.
RUNTIME_PATHS = {"var/", "quarantine/", "archive/"}


def _exists(path: str) -> bool:
    if path in RUNTIME_PATHS:
        return True
    return any(next(base.glob(path), None) for base in (ROOT, ROOT / "dashboard"))


@pytest.mark.parametrize("doc", ["README.md", "docs/ARCHITECTURE.md"])
def test_every_file_the_docs_point_to_exists(doc):
    gone = sorted(p for p in _pointed_files((ROOT / doc).read_text("utf-8")) if not _exists(p))
    assert not gone, f"{doc} points to files that do not exist: " + ", ".join(gone)
