"""No import cycle among the product's modules (dashboard/ and pipelines/). Every import
counts, at module level and inside functions alike (a lazy import only hides a cycle until
the function runs); imports under `if TYPE_CHECKING:` do not run and are left out. A cycle
is reported as the chain of modules that closes it, each with the line of its import."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("dashboard", "pipelines")

Edge = tuple[str, int]  # (imported module, line of the import)


def module_files(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    """Dotted module name -> file, for every .py under the packages."""
    out: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _type_checking_only(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path, modules: dict[str, Path]) -> dict[str, int]:
    """The product modules this file imports (anywhere in it), each with its first line.
    `from pkg import name` counts as importing pkg.name when that is a module, else pkg."""
    found: dict[str, int] = {}

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if _type_checking_only(child):
                for other in child.orelse:  # type: ignore[attr-defined]
                    visit_node(other)
                continue
            visit_node(child)

    def visit_node(node: ast.AST) -> None:
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names if a.name in modules]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in modules:
                    targets.append(full)
                elif node.module in modules:
                    targets.append(node.module)
        for target in targets:
            found.setdefault(target, node.lineno)
        visit(node)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return found


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, dict[str, int]]:
    modules = module_files(root, packages)
    graph = {name: imports_of(path, modules) for name, path in modules.items()}
    for name, edges in graph.items():
        edges.pop(name, None)
    return graph


def find_cycles(graph: dict[str, dict[str, int]]) -> list[list[tuple[str, int]]]:
    """One cycle per strongly connected group of modules, as [(module, line importing the
    next), ...] ending where it started."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def strong(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return [_one_cycle(graph, group) for group in groups]


def _one_cycle(graph: dict[str, dict[str, int]], group: set[str]) -> list[tuple[str, int]]:
    """The shortest way from the group's first module back to itself (breadth first)."""
    start = min(group)
    previous: dict[str, str] = {}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v]):
            if w not in group:
                continue
            if w == start:
                chain = [v]
                while chain[-1] != start:
                    chain.append(previous[chain[-1]])
                chain.reverse()
                chain.append(start)
                return [(m, graph[m][nxt]) for m, nxt in itertools.pairwise(chain)] + [(start, 0)]
            if w not in previous:
                previous[w] = v
                queue.append(w)
    raise AssertionError(f"no cycle through {start}")  # a strong group always has one


def describe(cycle: list[tuple[str, int]]) -> str:
    steps = [f"{m} (line {line})" for m, line in cycle[:-1]]
    return " -> ".join([*steps, cycle[-1][0]])


def test_no_import_cycle_in_the_product():
    cycles = find_cycles(import_graph(ROOT, PACKAGES))
    assert not cycles, "import cycles:\n" + "\n".join(describe(c) for c in cycles)


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    pkg = tmp_path / "shop"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "cli.py").write_text("from shop.admin import add\n\ndef _engine():\n    return 1\n")
    (pkg / "admin.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from shop import report\n"
        "def add():\n    from shop.cli import _engine\n    return _engine()\n"
    )
    (pkg / "report.py").write_text("from shop import admin\n")  # only type-checking imports it
    cycles = find_cycles(import_graph(tmp_path, ("shop",)))
    assert [describe(c) for c in cycles] == [
        "shop.admin (line 5) -> shop.cli (line 1) -> shop.admin"
    ]


def test_the_graph_sees_the_imports_of_the_command_line():
    """The walk reads real imports: the command line reaches the admin commands."""
    graph = import_graph(ROOT, PACKAGES)
    assert "dashboard.cli_admin" in graph["dashboard.cli"]
    assert "dashboard.db" in graph["dashboard.cli_admin"]
    assert "dashboard.cli" not in graph["dashboard.cli_admin"]
