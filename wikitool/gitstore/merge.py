"""Merging a suggestion onto ``main`` without a working tree: a three-way merge of trees.

A merge with conflicts is an expected outcome, not an error: :func:`merge_commits`
returns ``(tree, conflicts)`` as dulwich's own ``porcelain.merge`` does, and the caller
decides. Conflicts carry the hunks that clash, so a member of staff can be told which
lines of which guide main and the suggestion both changed.

"Ours" is always ``main`` and "theirs" the suggestion.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

from dulwich.diff_tree import tree_changes
from dulwich.graph import find_merge_base
from dulwich.merge import Merger, three_way_merge
from dulwich.object_store import BaseObjectStore
from dulwich.objects import Blob, Commit, ObjectID, ShaFile, Tree
from merge3 import Merge3

from wikitool.errors import NotFoundError
from wikitool.gitstore.objects import oid
from wikitool.gitstore.store import WikiStore

__all__ = [
    "ChangedFile",
    "ConflictHunk",
    "FileConflict",
    "TreeMerge",
    "blob_ids",
    "changed_files",
    "merge_base",
    "merge_commits",
    "merge_texts",
]


@dataclass(frozen=True)
class ConflictHunk:
    """Lines main and the suggestion both changed, differently.

    ``line`` is where the hunk starts in the common base (1-based); ``base``, ``ours``
    (main) and ``theirs`` (the suggestion) are that region's lines on each side.
    """

    line: int
    base: tuple[str, ...]
    ours: tuple[str, ...]
    theirs: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form."""
        return {
            "line": self.line,
            "base": list(self.base),
            "main": list(self.ours),
            "suggestion": list(self.theirs),
        }


@dataclass(frozen=True)
class FileConflict:
    """One file that does not merge, and why (``hunks`` is empty unless both edited it)."""

    path: str
    reason: str
    hunks: tuple[ConflictHunk, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form."""
        return {
            "path": self.path,
            "reason": self.reason,
            "hunks": [h.to_json() for h in self.hunks],
        }


class TreeMerge(NamedTuple):
    """The outcome of a merge: the merged tree, and the files that conflict.

    When ``conflicts`` is not empty, ``tree`` holds conflict markers and must never be
    committed.
    """

    tree: str
    conflicts: tuple[FileConflict, ...]


@dataclass(frozen=True)
class ChangedFile:
    """A file that differs between two commits (a blob id is ``None`` where it is absent)."""

    path: str
    old_blob: str | None
    new_blob: str | None


def _objects(store: WikiStore) -> BaseObjectStore:
    """The repository's objects as dulwich's merge and diff functions want them, read and
    written through the store (the merge is part of the git store, the only dulwich user,
    so it does not widen WikiStore's public surface)."""
    return cast(BaseObjectStore, _StoreObjects(store))


class _StoreObjects:
    """An object store view whose reads and writes are the store's own.

    Reads: the store's cache of trees and commits, and its one-line error for a damaged
    object (dulwich's own exceptions would reach the user as tracebacks); a missing object
    is still the ``KeyError`` dulwich expects. Writes: two reviewers merging at once
    compute the same merged blobs and trees, and dulwich raises ``FileLocked`` when
    another process is writing that very loose object; the store's writer waits for it
    instead (its content is the same: the name is its hash).
    """

    def __init__(self, store: WikiStore) -> None:
        self._store = store
        self._objects = store._repo.object_store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._objects, name)

    def __getitem__(self, sha: ObjectID) -> ShaFile:
        try:
            return self._store._object(sha)
        except NotFoundError as exc:
            raise KeyError(sha) from exc

    def __contains__(self, sha: ObjectID) -> bool:
        return sha in self._objects

    def add_object(self, obj: ShaFile) -> None:
        self._store._add(obj)


def _commit(objects: BaseObjectStore, sha: str) -> Commit:
    try:
        obj = objects[oid(sha)]
    except KeyError as exc:
        raise NotFoundError(f"commit {sha} is missing from the repository") from exc
    if not isinstance(obj, Commit):
        raise NotFoundError(f"{sha} is not a commit")
    return obj


def merge_base(store: WikiStore, one: str, other: str) -> str | None:
    """The best common ancestor of two commits, or ``None`` when they share no history.

    With several equally good ancestors (criss-cross merges, which this wiki's workflow
    does not make) the first is taken.
    """
    found = find_merge_base(store._repo, [oid(one), oid(other)])
    return found[0].decode("ascii") if found else None


def merge_commits(store: WikiStore, base: str | None, ours: str, theirs: str) -> TreeMerge:
    """Three-way merge of the trees of commits ``ours`` (main) and ``theirs`` (a suggestion).

    Merged blobs and trees are written to the object store (unreachable until a commit
    names the tree; ``git gc`` removes them otherwise). Nothing else changes.

    Returns:
        ``(tree, conflicts)``: the merged tree's id, and one :class:`FileConflict` per
        file that does not merge cleanly.
    """
    objects = _objects(store)
    ours_commit, theirs_commit = _commit(objects, ours), _commit(objects, theirs)
    base_commit = _commit(objects, base) if base else None
    merger = Merger(objects)
    tree, paths = three_way_merge(objects, base_commit, ours_commit, theirs_commit, merger=merger)
    objects.add_object(tree)
    conflicts = []
    for raw_path in paths:
        info = merger.conflict_info.get(raw_path)
        path = raw_path.decode("utf-8", "surrogateescape")
        if info is None:
            conflicts.append(FileConflict(path, "both changed it"))
            continue
        base_side, ours_side, theirs_side = info.ancestor, info.ours, info.theirs
        conflicts.append(
            _file_conflict(
                path,
                _blob_data(objects, base_side),
                _blob_data(objects, ours_side),
                _blob_data(objects, theirs_side),
            )
        )
    return TreeMerge(tree.id.decode("ascii"), tuple(conflicts))


def _blob_data(objects: BaseObjectStore, side: tuple[int | None, ObjectID | None]) -> bytes | None:
    mode, sha = side
    if sha is None or mode is None or not stat.S_ISREG(mode):
        return None
    obj = objects[sha]
    return obj.as_raw_string() if isinstance(obj, Blob) else None


def merge_texts(
    path: str, base: bytes | None, ours: bytes | None, theirs: bytes | None
) -> tuple[bytes | None, FileConflict | None]:
    """Three-way merge of one file's contents, in memory (nothing is written).

    ``None`` means the file is absent on that side.

    Returns:
        ``(merged, None)`` when it merges (``merged`` is ``None`` when the file ends up
        deleted), or ``(None, conflict)``.
    """
    if ours == theirs:
        return ours, None
    if base == ours:
        return theirs, None
    if base == theirs:
        return ours, None
    if ours is None or theirs is None:
        return None, _file_conflict(path, base, ours, theirs)
    merge = Merge3(_lines(base), _lines(ours), _lines(theirs))
    if any(region[0] == "conflict" for region in merge.merge_regions()):
        return None, _file_conflict(path, base, ours, theirs)
    return b"".join(merge.merge_lines()), None


def _lines(data: bytes | None) -> list[bytes]:
    return data.splitlines(keepends=True) if data else []


def _file_conflict(
    path: str, base: bytes | None, ours: bytes | None, theirs: bytes | None
) -> FileConflict:
    if ours is None and theirs is None:
        return FileConflict(path, "is not a plain file on one side")
    if ours is None:
        return FileConflict(path, "deleted on main but changed by the suggestion")
    if theirs is None:
        return FileConflict(path, "deleted by the suggestion but changed on main")
    reason = "added on both sides" if base is None else "changed on both sides"
    base_lines, ours_lines, theirs_lines = _lines(base), _lines(ours), _lines(theirs)
    hunks = []
    for region in Merge3(base_lines, ours_lines, theirs_lines).merge_regions():
        if region[0] != "conflict":
            continue
        _, z1, z2, a1, a2, b1, b2 = region
        hunks.append(
            ConflictHunk(
                line=z1 + 1,
                base=_text(base_lines[z1:z2]),
                ours=_text(ours_lines[a1:a2]),
                theirs=_text(theirs_lines[b1:b2]),
            )
        )
    return FileConflict(path, reason, tuple(hunks))


def _text(lines: list[bytes]) -> tuple[str, ...]:
    return tuple(line.decode("utf-8", "replace").rstrip("\r\n") for line in lines)


def changed_files(store: WikiStore, old: str, new: str) -> list[ChangedFile]:
    """The files that differ between commits ``old`` and ``new`` (added, changed, deleted)."""
    objects = _objects(store)
    old_tree, new_tree = _commit(objects, old).tree, _commit(objects, new).tree
    out = []
    for change in tree_changes(objects, old_tree, new_tree):
        old_entry, new_entry = change.old, change.new
        path = (new_entry.path if new_entry and new_entry.path else None) or (
            old_entry.path if old_entry else None
        )
        if path is None:
            continue
        out.append(
            ChangedFile(
                path.decode("utf-8", "surrogateescape"),
                old_entry.sha.decode("ascii") if old_entry and old_entry.sha else None,
                new_entry.sha.decode("ascii") if new_entry and new_entry.sha else None,
            )
        )
    return out


def blob_ids(store: WikiStore, commit: str, paths: list[str]) -> dict[str, str | None]:
    """The blob id of each of ``paths`` in ``commit``'s tree (``None`` when absent).

    Subtrees are read once for all the paths: looking up a thousand guides costs about as
    much as reading the folders they live in, not the whole tree.
    """
    objects = _objects(store)
    trees: dict[str, Tree | None] = {"": _tree(objects, _commit(objects, commit).tree)}
    out: dict[str, str | None] = {}
    for path in paths:
        *folders, name = path.split("/")
        parent = ""
        tree = trees[""]
        for folder in folders:
            here = f"{parent}/{folder}" if parent else folder
            if here not in trees:
                trees[here] = _subtree(objects, tree, folder)
            tree, parent = trees[here], here
        out[path] = _entry_blob(tree, name)
    return out


def _tree(objects: BaseObjectStore, sha: ObjectID) -> Tree | None:
    obj = objects[sha]
    return obj if isinstance(obj, Tree) else None


def _subtree(objects: BaseObjectStore, tree: Tree | None, name: str) -> Tree | None:
    if tree is None:
        return None
    try:
        mode, sha = tree[name.encode("utf-8")]
    except KeyError:
        return None
    return _tree(objects, sha) if stat.S_ISDIR(mode) else None


def _entry_blob(tree: Tree | None, name: str) -> str | None:
    if tree is None:
        return None
    try:
        mode, sha = tree[name.encode("utf-8")]
    except KeyError:
        return None
    return sha.decode("ascii") if stat.S_ISREG(mode) else None
