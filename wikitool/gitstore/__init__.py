"""The git store: the only package that touches git (dulwich for objects and refs,
GitPython for the staff working tree, the git command line for the one-pass log)."""

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
from wikitool.gitstore.objects import CommitInfo, TreeFile, global_identity
from wikitool.gitstore.store import MAIN_REF, WikiStore
from wikitool.gitstore.treepath import check_tree_path

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
