"""The git store: the only package that touches git (dulwich for objects and refs,
GitPython for the staff working tree, the git command line for the one-pass log)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from wikitool.gitstore.objects import CommitInfo, TreeFile, global_identity
from wikitool.gitstore.store import MAIN_REF, WikiStore
from wikitool.gitstore.treepath import check_tree_path

if TYPE_CHECKING:
    from wikitool.gitstore.merge import (
        ChangedFile,
        ConflictHunk,
        FileConflict,
        TreeMerge,
        blob_ids,
        changed_files,
        merge_base,
        merge_commits,
        merge_texts,
    )


# Merging loads dulwich's merge, diff and graph modules (a tenth of a second): only the
# commands that merge or diff pay for them, not `wikitool build`.
def __getattr__(name: str) -> Any:
    """The merge names, imported on first use (every other name in ``__all__`` is bound
    above, so one asked for here is merge's)."""
    if name in __all__:
        return getattr(importlib.import_module("wikitool.gitstore.merge"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MAIN_REF",
    "ChangedFile",
    "CommitInfo",
    "ConflictHunk",
    "FileConflict",
    "TreeFile",
    "TreeMerge",
    "WikiStore",
    "blob_ids",
    "changed_files",
    "check_tree_path",
    "global_identity",
    "merge_base",
    "merge_commits",
    "merge_texts",
]
