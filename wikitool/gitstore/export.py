"""A commit's files written out as plain files, for MkDocs to build (``wikitool build``)."""

from __future__ import annotations

import stat
from pathlib import Path

from wikitool.errors import GitStoreError
from wikitool.gitstore.objects import TreeFile
from wikitool.gitstore.store import WikiStore
from wikitool.gitstore.treepath import check_tree_path


def export_tree(
    store: WikiStore, commit: str, dest: Path, prefixes: tuple[str, ...] = ("",)
) -> int:
    """Write ``commit``'s files under ``prefixes`` into ``dest``; returns the file count.

    Raises:
        GitStoreError: the tree holds a symlink or submodule (a symlink would publish
            whatever file it points at) or an unsafe path.
    """
    count = 0
    for entry in store.files(commit):
        if any(entry.path.startswith(p) for p in prefixes):
            write_entry(store, entry, dest)
            count += 1
    return count


def write_entry(store: WikiStore, entry: TreeFile, dest: Path) -> None:
    """Write one file of a commit's tree under ``dest`` (replacing the file there).

    Raises:
        GitStoreError: as :func:`export_tree`.
    """
    if not stat.S_ISREG(entry.mode):
        kind = "symlink" if stat.S_ISLNK(entry.mode) else "submodule or special entry"
        raise GitStoreError(f"{entry.path}: refusing to export a {kind}")
    check_tree_path(entry.path)
    target = dest / entry.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(store.blob(entry.blob_id))
