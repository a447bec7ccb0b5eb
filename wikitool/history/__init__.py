"""The wiki's history, read in one pass over git for every page (never one log per page)."""

from wikitool.history.gitlog import (
    FileChange,
    LogCommit,
    parse_log,
    read_log,
)
from wikitool.history.index import Change, CommitChanges, HistoryIndex

__all__ = [
    "Change",
    "CommitChanges",
    "FileChange",
    "HistoryIndex",
    "LogCommit",
    "parse_log",
    "read_log",
]
