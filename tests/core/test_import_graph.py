"""The house has layers and no loops: read from the code's own imports (every import statement,
at module level, inside functions and under TYPE_CHECKING alike).

- the core (outside ``core.exchange``) imports neither ``core.exchange`` nor ``gui``;
- ``core.exchange`` never imports ``gui``;
- no module of ``qmsdesk`` imports one that imports it back, however long the way round.

Migrations are left out of the walk: they carry their own frozen copy of any logic they run
(see ``test_migrations_import_no_live_code``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import qmsdesk

ROOT = Path(qmsdesk.__file__).parent
_GENERATED = ("qmsdesk.gui.forms.", "qmsdesk.gui.resources_rc")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        name = _module_name(path)
        if ".migrations" in name or name.startswith(_GENERATED):
            continue
        found[name] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The qmsdesk modules that `name` imports, by name."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # `from package import submodule` is an import of the submodule (a package's own
            # __init__ runs before any of its parts, whatever imports them: not an edge here);
            # `from module import name` is an import of the module.
            parts = [f"{module}.{alias.name}" for alias in node.names]
            targets = [t for t in parts if t in known]
            if len(targets) < len(parts):
                targets.append(module)
        else:
            continue
        for target in targets:
            if target in known and target != name:
                yield target


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: set(_imports(name, path, known)) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_walk_finds_the_house() -> None:
    graph = import_graph()
    assert "qmsdesk.core.documents" in graph
    assert "qmsdesk.gui.main_window" in graph
    assert "qmsdesk.core.db.models" in graph["qmsdesk.core.documents"]


def test_no_import_cycles() -> None:
    cycles = _cycles(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def _layer(name: str) -> str:
    if name.startswith("qmsdesk.gui"):
        return "gui"
    if name.startswith("qmsdesk.core.exchange"):
        return "exchange"
    if name.startswith("qmsdesk.core"):
        return "core"
    return "top"  # qmsdesk, qmsdesk.cli, qmsdesk.paths...


_FORBIDDEN = {("core", "exchange"), ("core", "gui"), ("exchange", "gui")}


def test_no_arrow_goes_back_up_a_layer() -> None:
    wrong = [
        f"{importer} ({_layer(importer)}) imports {imported} ({_layer(imported)})"
        for importer, targets in sorted(import_graph().items())
        for imported in sorted(targets)
        if (_layer(importer), _layer(imported)) in _FORBIDDEN
    ]
    assert not wrong, "\n".join(wrong)


def test_migrations_import_no_live_code() -> None:
    """A migration's meaning must not change when the app's code does."""
    versions = ROOT / "core" / "db" / "migrations" / "versions"
    wrong = []
    for path in sorted(versions.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("qmsdesk"):
                wrong.append(f"{path.name}: from {node.module} import ...")
            elif isinstance(node, ast.Import):
                wrong += [
                    f"{path.name}: import {a.name}"
                    for a in node.names
                    if a.name.startswith("qmsdesk")
                ]
    assert not wrong, "\n".join(wrong)
