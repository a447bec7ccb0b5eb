"""The git store: the only package that imports dulwich."""

from wikitool.gitstore.store import MAIN_REF, CommitInfo, TreeFile, WikiStore, global_identity
from wikitool.gitstore.treepath import check_tree_path

__all__ = ["MAIN_REF", "CommitInfo", "TreeFile", "WikiStore", "check_tree_path", "global_identity"]
