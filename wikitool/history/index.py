"""Per-file history from one log, following renames: a moved guide keeps its past.

The log is walked newest first. A map says, for each path as it was named at that point
in the past, which path it has at the tip; a rename ``old -> new`` makes ``old``'s
earlier changes belong to wherever ``new`` ended up. An add ends a path's past: whatever
lived at that path before it was another, since-deleted file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from wikitool.history.gitlog import LogCommit

ADDED, MODIFIED, DELETED, RENAMED = "A", "M", "D", "R"


@dataclass(frozen=True)
class Change:
    """One commit's change to one file, as seen from the file's path at the tip.

    ``path`` is the file's path in that commit (after the change), ``old_path`` where it
    came from when the change is a rename, and ``current_path`` its path at the tip
    (``None`` when the file no longer exists there under any name this history knows).
    """

    commit: str
    date: datetime
    subject: str
    suggestion_ids: tuple[str, ...]
    status: str
    path: str
    old_path: str | None
    current_path: str | None
    credited: tuple[str, ...] = ()
    """Citizens credited by name for the change (they asked to be)."""

    @property
    def suggested(self) -> bool:
        """Whether the change came from a citizen's suggestion (it has a Suggestion-Id)."""
        return bool(self.suggestion_ids)


@dataclass(frozen=True)
class CommitChanges:
    """One commit and every change it made, for the wiki-wide "What changed" list."""

    commit: str
    date: datetime
    subject: str
    suggestion_ids: tuple[str, ...]
    changes: tuple[Change, ...]


class HistoryIndex:
    """The history of every file under a folder, built from one log.

    Paths are relative to the folder (``travel/renew.md``): ``prefix`` (``content/``) is
    cut from the repository paths, and files outside it are ignored.
    """

    def __init__(self, commits: Iterable[LogCommit], prefix: str = "") -> None:
        self._by_path: dict[str, list[Change]] = {}
        self._moved_from: dict[str, str] = {}
        self.commits: list[CommitChanges] = []
        # path in the past -> path at the tip (None: an unrelated, deleted file)
        now_at: dict[str, str | None] = {}
        for commit in commits:
            changes = []
            for file in commit.changes:
                path = _relative(file.path, prefix)
                if path is None:
                    continue
                old = _relative(file.old_path, prefix) if file.old_path else None
                current = now_at.get(path, path)
                status = file.status if file.status in "ADR" else MODIFIED
                if status == RENAMED and old is None:
                    status = ADDED  # moved in from outside the folder
                change = Change(
                    commit=commit.id,
                    date=commit.date,
                    subject=commit.subject,
                    suggestion_ids=commit.suggestion_ids,
                    status=status,
                    path=path,
                    old_path=old if status == RENAMED else None,
                    current_path=current,
                    credited=commit.credited,
                )
                changes.append(change)
                if current is not None:
                    self._by_path.setdefault(current, []).append(change)
                if status == RENAMED and old is not None:
                    now_at[old] = current
                    if current is not None:
                        self._moved_from.setdefault(old, current)
                    if path != old:
                        now_at[path] = None
                elif status == ADDED:
                    now_at[path] = None
            if changes:
                self.commits.append(
                    CommitChanges(
                        commit.id,
                        commit.date,
                        commit.subject,
                        commit.suggestion_ids,
                        tuple(changes),
                    )
                )

    def of(self, path: str) -> list[Change]:
        """The changes to the file at ``path`` (at the tip), newest first."""
        return self._by_path.get(path, [])

    def moved(self) -> dict[str, str]:
        """Old paths of renamed files -> their path at the tip (chains followed)."""
        return dict(self._moved_from)

    def paths(self) -> list[str]:
        """Every tip path with a history."""
        return sorted(self._by_path)


def _relative(path: str | None, prefix: str) -> str | None:
    if path is None or not path.startswith(prefix):
        return None
    return path[len(prefix) :]
