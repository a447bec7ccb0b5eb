"""The reference passport guide as realistic diff input, and helpers to edit it."""

from __future__ import annotations

import re
from pathlib import Path

GUIDE_PATH = "content/identity-and-travel/renew-an-adult-passport.md"
GUIDE = (Path(__file__).resolve().parents[2] / GUIDE_PATH).read_text(encoding="utf-8")

_ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """``text`` with each ``(old, new)`` replaced; each ``old`` must occur exactly once."""
    for old, new in replacements:
        assert text.count(old) == 1, f"expected exactly one {old!r} in the guide"
        text = text.replace(old, new)
    return text


def file_line(text: str, needle: str) -> int:
    """The 1-based file line where ``needle`` (occurring once) starts."""
    assert text.count(needle) == 1, f"expected exactly one {needle!r}"
    return text[: text.index(needle)].count("\n") + 1


def without_colour(text: str) -> str:
    """Rendered text with its ANSI colour codes taken out."""
    return _ANSI_RE.sub("", text)


def field_lines(rendered: str) -> list[str]:
    """The field changes listed under "Details (front matter):" in a rendered diff."""
    lines = rendered.splitlines()
    heading = "Details (front matter):"
    if heading not in lines:
        return []
    start = lines.index(heading) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return [line.removeprefix("  ") for line in lines[start:end]]
