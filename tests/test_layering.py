"""The layering of DESIGN.md: nothing imports upward; click and dulwich stay in their layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wikitool"

# Lower number = lower layer. A module may import its own layer or any lower one.
LAYERS = {
    "errors": 0, "model": 0, "events": 0, "ids": 0, "json_text": 0,
    "gitstore": 1, "guides": 1, "schema": 1, "screening": 1, "diffing": 1, "history": 1,
    "services": 2,
    "mkdocs_plugin": 3, "intake": 3,
    "cli": 4,
}
ONLY_IN = {"click": {"cli"}, "dulwich": {"gitstore"}}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_reference" not in p.parts)


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_downward(path: Path) -> None:
    part = _part(path)
    if part == "__init__":
        return
    assert part in LAYERS, f"{part} has no layer: add it to LAYERS and DESIGN.md"
    for name in _imports(path):
        top = name.split(".")[0]
        if top in ONLY_IN:
            assert part in ONLY_IN[top], f"{path.name} imports {top}, allowed only in {ONLY_IN[top]}"
        if top == "wikitool" and "." in name:
            target = name.split(".")[1]
            if target in {"__init__", "__version__"} or target not in LAYERS:
                continue
            assert LAYERS[target] <= LAYERS[part], f"{part} imports upward: {name}"


def test_the_layering_test_sees_the_package() -> None:
    assert len(_modules()) > 20
    assert {"cli", "services", "gitstore", "guides"} <= {_part(p) for p in _modules()}
