"""The shape of the house, read from the source as a newcomer would: who imports whom, and how long functions get.

- No circle: the graph of every import between toolkit modules (lazy ones inside functions and TYPE_CHECKING
  ones included) has no cycle.
- No arrow back up: a module never imports the face (`__init__`) of a package it lives in; package faces hand
  names out, they never take them in.
- Data flows one way, through the layers below: a module imports only its own layer or lower ones.
- No function of the library is longer than MAX_FUNCTION_LINES.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "toolkit"
MAX_FUNCTION_LINES = 80

LAYERS = (
    (
        "toolkit.version",
        "toolkit.errors",
        "toolkit.words",
        "toolkit.script",
        "toolkit.textio",
        "toolkit.paths",
        "toolkit.lazy",
        "toolkit.patterns",
    ),
    ("toolkit.storage",),
    (
        "toolkit.clean",
        "toolkit.segment",
        "toolkit.glossary",
        "toolkit.memory",
        "toolkit.placeholders",
        "toolkit.engines",
        "toolkit.packages",
        "toolkit.enforce",
    ),
    (
        "toolkit.draft",
        "toolkit.build",
        "toolkit.check",
        "toolkit.align",
        "toolkit.review",
        "toolkit.suggest",
        "toolkit.xliff",
    ),
    ("toolkit.cli",),
)
"""Lowest first. A module belongs to the layer of the longest prefix listed (toolkit.glossary.tsv -> layer 2)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The toolkit modules `name` imports anywhere in its file (a `from P import x` of a submodule x counts as P.x)."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            submodules = {f"{target}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(submodules)
            if len(submodules) < len(node.names):  # some names come from the module (or package face) itself
                found.add(target)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def layer_of(name: str) -> int:
    if name == "toolkit":  # the package face: its version, nothing else
        return 0
    best, layer = -1, None
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
                best, layer = len(prefix), number
    if layer is None:
        raise AssertionError(f"{name} is in no layer: add it to LAYERS in {Path(__file__).name}")
    return layer


def test_the_import_graph_has_no_circle() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(GRAPH[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    assert circles == []


def test_no_module_imports_the_face_of_its_own_package() -> None:
    back = sorted(
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        for target in targets
        if MODULES[target].name == "__init__.py" and name.startswith(target + ".")
    )
    assert back == []


def test_every_import_goes_to_the_same_layer_or_down() -> None:
    upward = sorted(
        f"{name} (layer {layer_of(name)}) -> {target} (layer {layer_of(target)})"
        for name, targets in GRAPH.items()
        for target in targets
        if layer_of(target) > layer_of(name)
    )
    assert upward == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_function_is_longer_than_the_limit(name: str) -> None:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []
