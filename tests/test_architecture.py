"""The shape of the code (docs/architecture.md), checked on the real import graph.

`lint-imports` (in `make test`) enforces that imports point down between the layers. What a layers contract does
not see is checked here: no import cycle among the modules of one app (a package importing itself in a circle),
and no module a reader cannot hold (about 400 lines) outside migrations and tests.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400


def _production_modules(graph: grimp.ImportGraph) -> set[str]:
    return {m for m in graph.modules if ".tests" not in m and ".migrations" not in m}


def _app(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _cycles(nodes: set[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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


def _intra_app_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    modules = _production_modules(graph)
    edges: dict[str, set[str]] = defaultdict(set)
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            # A package's __init__ re-exporting its own modules is not a circle of meaning; everything else is.
            if imported in modules and _app(imported) == _app(module) and not imported.startswith(module + "."):
                edges[module].add(imported)
    return _cycles(modules, edges)


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges: dict[str, set[str]] = defaultdict(set, {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert _cycles({"a", "b", "c", "d"}, edges) == [["a", "b", "c"]]
    assert _cycles({"a", "b"}, defaultdict(set, {"a": {"b"}})) == []


def test_no_import_cycle_inside_an_app() -> None:
    graph = grimp.build_graph("jobpledge")
    assert _intra_app_cycles(graph) == []


def test_a_circle_inside_an_app_would_be_caught() -> None:
    graph = grimp.build_graph("jobpledge")
    graph.add_import(importer="jobpledge.records.models", imported="jobpledge.records.services")
    cycles = _intra_app_cycles(graph)
    assert any({"jobpledge.records.models", "jobpledge.records.services"} <= set(cycle) for cycle in cycles)


def test_every_app_is_named_in_the_layers_contract() -> None:
    import tomllib

    contract = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (layers,) = [c for c in contract["contracts"] if c["type"] == "layers"]
    named = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    apps = {p.name for p in (ROOT / "jobpledge").iterdir() if (p / "__init__.py").exists()}
    assert {f"jobpledge.{app}" for app in apps} <= named
    assert "jobpledge.cli" in named and "config" in named


def test_no_module_a_reader_cannot_hold() -> None:
    too_long = {}
    for path in [*(ROOT / "jobpledge").rglob("*.py"), *(ROOT / "config").rglob("*.py")]:
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long[str(path.relative_to(ROOT))] = lines
    assert too_long == {}
