"""The build code has one importable home: no sys.path hops, no import circle (issue 27).

Hooks, scripts, benchmarks and tests reach shared code by importing ``sitebuild`` or
``mailcheck``, installed editable by scripts/setup, so editors and ruff see every import.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from sitebuild.paths import ROOT

PACKAGES = {"sitebuild": ROOT / "sitebuild", "mailcheck": ROOT / "widgets" / "mailcheck"}


def _own_python_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / name for name in listed.stdout.split()]


def _touches_sys_path(tree: ast.AST) -> bool:
    """``sys.path.insert/append/extend(...)``, ``sys.path[...] =`` or ``sys.path = ...``."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr == "path"
                and isinstance(node.value, ast.Name) and node.value.id == "sys"):
            return True
    return False


def test_no_sys_path_manipulation_anywhere():
    offenders = [str(path.relative_to(ROOT)) for path in _own_python_files()
                 if _touches_sys_path(ast.parse(path.read_text(encoding="utf-8")))]
    assert offenders == []


def test_the_detector_sees_a_hop():
    hop = ".".join(("sys", "path", "insert"))  # spelled apart, so this file has no hop of its own to find
    assert _touches_sys_path(ast.parse(f"import sys\n{hop}(0, 'x')\n"))
    assert not _touches_sys_path(ast.parse("import os\nos.path.join('a', 'b')\n"))


def _module_name(package: str, root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def _graph() -> dict[str, set[str]]:
    """module -> the modules of our two packages it imports (at any depth of the file)."""
    modules = {_module_name(pkg, root, path): path for pkg, root in PACKAGES.items() for path in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    edges.add(target)
        graph[name] = edges
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle of ``graph``, or [] (depth-first search with colours)."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        trail.pop()
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_no_import_circle_in_the_packages():
    graph = _graph()
    assert "sitebuild.widget_assets" in graph["sitebuild.widget_markup"]  # the graph sees real imports
    assert _cycle(graph) == []


@pytest.mark.parametrize("graph, circle", [
    ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
])
def test_the_circle_finder(graph, circle):
    assert _cycle(graph) == circle


def test_hook_file_is_thin():
    """hooks/ holds only MkDocs' entry point; logic lives in the package."""
    assert sorted(p.name for p in (ROOT / "hooks").glob("*.py")) == ["kb.py"]
