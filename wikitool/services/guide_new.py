"""Scaffold a new guide in the staff working tree (``wikitool new``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wikitool.errors import WikitoolError
from wikitool.guides.paths import guide_path, is_index_path
from wikitool.guides.scaffold import guide_skeleton
from wikitool.locales.language import DEFAULT_LANGUAGE


def new_guide(
    work_tree: Path, path: str, title: str, *, today: date, lang: str = DEFAULT_LANGUAGE
) -> Path:
    """Write a valid guide skeleton at ``content/<path>`` in ``work_tree``, in the
    language ``lang`` (a BCP 47 tag); returns its path.

    Raises:
        UnsafePathError: ``path`` is not a guide path under ``content/``.
        WikitoolError: the file exists already, or the title is not plain text.
    """
    relative = guide_path(path)
    if is_index_path(relative):
        raise WikitoolError(f"{relative}: index.md is a category page, not a guide")
    text = guide_skeleton(relative, title, today, lang)
    target = work_tree / relative
    if target.exists() or target.is_symlink():
        raise WikitoolError(f"{relative} already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return target
