"""Edit a guide in a wiki's working tree and commit it to main with the real git, as staff
editing by hand would: how the check tables put each mistake on main."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def commit_guide_edits(
    wiki: Path, git: Callable[..., str], guide: str, *edits: tuple[str, str]
) -> None:
    """Replace each ``(old, new)`` once in ``guide`` (``old`` must be there) and commit."""
    path = wiki / guide
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    git(wiki, "commit", "-q", "--allow-empty", "-am", f"Edit {guide}")
