"""The layering of ARCHITECTURE.md: nothing imports upward; each outside library stays
in its room."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wikitool"

# Lower number = lower layer. A module may import its own layer or any lower one. A key
# names a package, or one module of it where that module sits lower than its package:
# the review log (events, log) is written first by a submission, so suggestions sit on it.
# mail (the outbox and the sending) sits under suggestions, which queue the first message.
LAYERS = {
    "errors": 0, "model": 0, "ids": 0, "json_text": 0, "terminal": 0,
    "gitstore": 1, "schema": 1, "screening": 1, "locales": 1,
    "guides": 2, "diffing": 3, "history": 2,
    "review.events": 3, "review.log": 4, "mail": 4,
    "suggestions": 5,
    "review": 6,
    "services": 7,
    "mkdocs_plugin": 8, "publishing": 8, "intake": 8,
    "cli": 9,
}
ONLY_IN = {
    "click": {"cli"},
    "dulwich": {"gitstore"},
    "git": {"gitstore"},
    "subprocess": {"gitstore"},
    "mkdocs": {"mkdocs_plugin", "publishing"},
    "material": {"mkdocs_plugin", "publishing"},
    "starlette": {"intake"},
    "uvicorn": {"intake"},
    "smtplib": {"mail"},
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_reference" not in p.parts)


def _dotted(path: Path) -> str:
    relative = path.relative_to(PACKAGE).with_suffix("")
    return ".".join(p for p in relative.parts if p != "__init__")


def _layer_key(dotted: str) -> str | None:
    """The most specific LAYERS key that ``dotted`` (``review.merge``) falls under."""
    parts = dotted.split(".")
    for size in range(len(parts), 0, -1):
        key = ".".join(parts[:size])
        if key in LAYERS:
            return key
    return None


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
    dotted = _dotted(path)
    if not dotted:
        return  # wikitool/__init__.py
    key = _layer_key(dotted)
    assert key is not None, f"{dotted} has no layer: add it to LAYERS and ARCHITECTURE.md"
    room = dotted.split(".")[0]
    for name in _imports(path):
        top = name.split(".")[0]
        if top in ONLY_IN:
            assert room in ONLY_IN[top], f"{dotted} imports {top}, allowed only in {ONLY_IN[top]}"
        if top == "wikitool" and "." in name:
            target = _layer_key(name.removeprefix("wikitool."))
            if target is None:
                continue  # wikitool.__version__
            assert LAYERS[target] <= LAYERS[key], f"{dotted} imports upward: {name}"


def test_guides_and_schema_do_not_import_each_other() -> None:
    schema = [n for p in (PACKAGE / "schema").rglob("*.py") for n in _imports(p)]
    assert not [n for n in schema if n.startswith("wikitool.guides")]


def test_the_layering_test_sees_the_package() -> None:
    assert len(_modules()) > 20
    rooms = {_dotted(p).split(".")[0] for p in _modules()}
    assert {"cli", "review", "suggestions", "gitstore", "guides", "publishing"} <= rooms
