"""The labels the code asks the catalogues for: a walk over the package's syntax trees.

Babel's own extractor reads Python 3.11's f-strings as plain strings and would miss the
labels asked for inside them, so the calls are found with :mod:`ast`.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "wikitool"

# How the code asks for a label: gettext's names, the marker N_, and Display's methods
# (``display._``, ``display.html``, ``display.option_html``, ``display.label_text``,
# ``display.plural``). The value is how many leading arguments are msgids (a plural has
# two).
KEYWORDS = {
    **{"_": 1, "N_": 1, "gettext": 1, "html": 1, "option_html": 1, "label_text": 1},
    **{"ngettext": 2, "plural": 2},
}

Message = str | tuple[str, str]


def _called_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def code_messages() -> dict[Message, str]:
    """Every msgid written in the package (a plural as its (singular, plural) pair),
    with one place it is asked for (``path:line``)."""
    found: dict[Message, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "_reference" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            count = KEYWORDS.get(_called_name(node))
            if count is None or len(node.args) < count:
                continue
            parts = node.args[:count]
            if not all(isinstance(p, ast.Constant) and isinstance(p.value, str) for p in parts):
                continue  # a variable: the literal is marked where it is written (N_)
            texts = [p.value for p in parts]  # type: ignore[attr-defined]
            message: Message = texts[0] if count == 1 else (texts[0], texts[1])
            found.setdefault(message, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


if __name__ == "__main__":
    for message in sorted(code_messages(), key=str):
        print(repr(message))
