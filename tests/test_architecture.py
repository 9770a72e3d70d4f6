"""The import direction of STYLE.md: surfaces and cli → domain → store, db; query → store;
the domain never imports a web framework or a surface; no surface imports another."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "frontdesk"
WEB = ("starlette", "fastapi", "uvicorn", "httpx")


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


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


def test_surfaces_do_not_import_each_other() -> None:
    surfaces = [
        p.name for p in (SOURCE / "surfaces").iterdir() if p.is_dir() and p.name != "__pycache__"
    ]
    for surface in surfaces:
        others = tuple(f"frontdesk.surfaces.{other}" for other in surfaces if other != surface)
        assert offenders(f"surfaces/{surface}", others) == []


def test_surfaces_hold_no_sql() -> None:
    assert (
        offenders("surfaces", ("sqlalchemy", "frontdesk.store.schema", "frontdesk.db.statements"))
        == []
    )
