"""The folder list is the architecture: no import cycle between diag's modules, the library never
imports the CLI or Typer, and no module grows past the size that made the old ones hard to read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DIAG = Path(__file__).resolve().parents[1] / "diag"
MODULES = sorted(DIAG.rglob("*.py"))
MAX_LINES = 420


def _name(path: Path) -> str:
    parts = path.relative_to(DIAG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


KNOWN = {_name(path) for path in MODULES}


def _imports(path: Path) -> set[str]:
    """Modules of diag a module imports, lazily inside functions too (a cycle through a lazy
    import is still a cycle of design); imports only for type checking do not count."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and getattr(node.test, "id", "") == "TYPE_CHECKING"
                   for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("diag"):
            # `from diag.render import labels` depends on the submodule, not on the package.
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in KNOWN else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("diag"))
    return found & KNOWN


GRAPH = {_name(path): _imports(path) - {_name(path)} for path in MODULES}


def _cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return [*path, start]
            if nxt not in path:
                stack.append((nxt, [*path, nxt]))
    return None


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_imports_itself_back(module: str) -> None:
    assert _cycle_from(module, GRAPH) is None


def test_the_cycle_check_finds_a_cycle_through_a_lazy_import() -> None:
    """The control: the old message.py <-> message_findings.py shape is caught."""
    old = {"diag.message": {"diag.message_findings"}, "diag.message_findings": {"diag.message"}}
    assert _cycle_from("diag.message", old) == ["diag.message", "diag.message_findings",
                                                "diag.message"]


def test_the_library_never_imports_the_command_line() -> None:
    for path in MODULES:
        name = _name(path)
        if name.startswith("diag.cli") or name == "diag.__main__":  # `python -m diag` is the CLI
            continue
        source = path.read_text(encoding="utf-8")
        assert "import typer" not in source and "diag.cli" not in source, name


@pytest.mark.parametrize("path", MODULES, ids=[_name(p) for p in MODULES])
def test_modules_stay_short(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
