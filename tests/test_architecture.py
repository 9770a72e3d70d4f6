"""The import direction of STYLE.md: surfaces and cli → domain → store, db; query → store;
the domain never imports a web framework or a surface; no surface imports another; surfaces
reach the store only through the domain; and no two packages depend on each other."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "frontdesk"
WEB = ("starlette", "fastapi", "uvicorn", "httpx")


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports (``from a import b`` counts as ``a.b`` when b is one)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if not name.startswith("frontdesk") or _exists(name)}


def _exists(module: str) -> bool:
    relative = Path(*module.split(".")[1:])
    return (SOURCE / relative).with_suffix(".py").exists() or (SOURCE / relative).is_dir()


def modules(package: str) -> dict[Path, set[str]]:
    return {path: imports(path) for path in (SOURCE / package).rglob("*.py")}


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(SOURCE)} imports {name}"
        for path, names in modules(package).items()
        for name in sorted(names)
        if name.startswith(forbidden)
    ]


def test_domain_is_free_of_http_and_surfaces() -> None:
    assert offenders("domain", (*WEB, "frontdesk.surfaces", "frontdesk.cli", "frontdesk.app")) == []


def test_store_query_and_db_stay_low() -> None:
    upward = ("frontdesk.domain", "frontdesk.surfaces", "frontdesk.cli", "frontdesk.app", *WEB)
    for package in ("store", "query", "db"):
        assert offenders(package, upward) == []
    assert offenders("db", ("frontdesk.store", "frontdesk.query")) == []


def test_surfaces_do_not_import_each_other() -> None:
    surfaces = [
        p.name for p in (SOURCE / "surfaces").iterdir() if p.is_dir() and p.name != "__pycache__"
    ]
    for surface in surfaces:
        others = tuple(f"frontdesk.surfaces.{other}" for other in surfaces if other != surface)
        assert offenders(f"surfaces/{surface}", others) == []


def test_surfaces_reach_the_store_only_through_the_domain() -> None:
    below = (
        "sqlalchemy",
        "frontdesk.db",
        "frontdesk.store.records",
        "frontdesk.store.schema",
        "frontdesk.store.counts",
        "frontdesk.store.numbering",
    )
    found = offenders("surfaces", below)
    found += [
        entry
        for entry in offenders("surfaces", ("frontdesk.domain",))
        if entry.endswith(".repository")
    ]
    assert found == []


def node(module: str) -> str:
    """The package a module belongs to. Modules at the top (``frontdesk.app``,
    ``frontdesk.errors``) are each their own node: the composition root and the base."""
    parts = module.split(".")
    if len(parts) <= 2:
        return module
    relative = Path(*parts[1:])
    if (SOURCE / relative).is_dir():
        return module
    return ".".join(parts[:-1])


def dependencies() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE).with_suffix("")
        parts = [p for p in relative.parts if p != "__init__"]
        own = node(".".join(["frontdesk", *parts]))
        if path.name == "__init__.py":
            own = ".".join(["frontdesk", *parts])
        edges = graph.setdefault(own, set())
        edges.update(
            target
            for name in imports(path)
            if name.startswith("frontdesk.") and (target := node(name)) != own
        )
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for other in graph.get(name, ()):
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in on_stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            component: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == name:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


def _pretty(found: Iterable[list[str]]) -> str:
    return "\n".join(" ↔ ".join(component) for component in found)


def test_no_two_packages_depend_on_each_other() -> None:
    found = cycles(dependencies())
    assert found == [], _pretty(found)


def test_the_cycle_check_can_fail() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
