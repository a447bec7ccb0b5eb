"""The wiki's git repository, read and written at the object level with dulwich.

Nothing here touches a working tree or an index: writes go blob -> tree -> commit, then a
compare-and-swap ref update. Objects are written before the ref that makes them reachable,
so a crash at any moment leaves every ref at its old or its new value and the repository
consistent (at worst with unreachable objects, which ``git gc`` removes).

Revision ids cross this module's boundary as 40-character hex strings and paths as POSIX
strings (``objects.py``), so no other layer needs to know dulwich's types.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path

from dulwich.errors import (
    NotGitRepository,
    ObjectFormatException,
)
from dulwich.file import FileLocked
from dulwich.object_store import iter_tree_contents
from dulwich.objects import Blob, Commit, ShaFile, Tree, valid_hexsha
from dulwich.repo import Repo

from wikitool.errors import GitStoreError, NotAWikiError, NotFoundError, RefLockedError
from wikitool.gitstore.objects import (
    DAMAGED,
    FILE_MODE,
    LOCK_WAIT_SECONDS,
    CommitInfo,
    TreeFile,
    damaged,
    identity_from,
    oid,
    ref_name,
    remove_if_stale,
)
from wikitool.gitstore.refs import remove_ref, swap_ref
from wikitool.gitstore.treepath import check_tree_path
from wikitool.gitstore.trees import TreeChange, edited_tree, tree_of_files
from wikitool.model import TOOL_IDENTITY, Identity

MAIN_REF = "refs/heads/main"
# Trees and commits never change (their id is the hash of their content), and each
# submission reads the same few again (main's commit, its root and folder trees, the list
# of guides): small caches of them save a decompression or a whole tree walk each time.
CACHED_OBJECTS = 512
CACHED_LISTINGS = 16


class WikiStore:
    """A wiki's git repository (bare or with a working tree, which is never used)."""

    def __init__(self, repo: Repo) -> None:
        self._repo = repo
        self._cache_lock = threading.Lock()
        self._objects: OrderedDict[bytes, ShaFile] = OrderedDict()
        self._listings: OrderedDict[tuple[bytes, str], tuple[TreeFile, ...]] = OrderedDict()

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> WikiStore:
        """Open the repository at ``path`` exactly.

        Raises:
            NotAWikiError: ``path`` is not a git repository.
        """
        try:
            return cls(Repo(os.fspath(path)))
        except (NotGitRepository, FileNotFoundError, NotADirectoryError) as exc:
            raise NotAWikiError(f"{path} is not a git repository") from exc

    @classmethod
    def discover(cls, start: str | os.PathLike[str] = ".") -> WikiStore:
        """Open the repository around ``start`` (it or one of its parents).

        Raises:
            NotAWikiError: no repository encloses ``start``.
        """
        try:
            return cls(Repo.discover(os.fspath(start)))
        except (NotGitRepository, FileNotFoundError) as exc:
            raise NotAWikiError(
                f"no wiki repository at {Path(start).resolve()} or above it (use --repo PATH)"
            ) from exc

    @classmethod
    def init(cls, path: str | os.PathLike[str]) -> WikiStore:
        """Create an empty repository with a working tree at ``path`` and ``main`` as HEAD."""
        target = Path(path)
        target.mkdir(parents=True, exist_ok=True)
        repo = Repo.init(os.fspath(target), default_branch=b"main")
        return cls(repo)

    def close(self) -> None:
        """Release the repository's open files (pack indexes)."""
        self._repo.close()

    def __enter__(self) -> WikiStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def configured_identity(self) -> tuple[str, str] | None:
        """``user.name`` and ``user.email`` from this repository's git config stack."""
        return identity_from(self._repo.get_config_stack())

    @property
    def git_dir(self) -> Path:
        """The ``.git`` directory (or the repository itself when bare)."""
        return Path(self._repo.controldir())

    @property
    def work_tree(self) -> Path | None:
        """The staff working tree, or ``None`` for a bare repository."""
        return None if self._repo.bare else Path(self._repo.path)

    # -- reading ---------------------------------------------------------------------------

    def ref(self, name: str) -> str | None:
        """The commit id a ref points at, or ``None`` when it does not exist."""
        try:
            value = self._repo.refs[ref_name(name)]
        except KeyError:
            return None
        return value.decode("ascii")

    def refs(self, prefix: str) -> dict[str, str]:
        """Every ref under ``prefix`` (e.g. ``refs/reviews/``), name -> commit id."""
        raw = self._repo.refs.as_dict(ref_name(prefix.rstrip("/")))
        base = prefix.rstrip("/")
        return {f"{base}/{k.decode()}": v.decode("ascii") for k, v in raw.items()}

    def checked_out_branch(self) -> str | None:
        """The branch the staff working tree has checked out (``refs/heads/...``), if any."""
        if self._repo.bare:
            return None
        head = self._repo.refs.read_ref(ref_name("HEAD"))
        if head is None or not head.startswith(b"ref: "):
            return None  # detached
        return head[5:].strip().decode("utf-8", "replace")

    def main(self) -> str:
        """The tip of ``main``.

        Raises:
            NotAWikiError: the repository has no ``main`` branch.
        """
        tip = self.ref(MAIN_REF)
        if tip is None:
            raise NotAWikiError(f"{self._repo.path} has no main branch: is it a wiki repository?")
        return tip

    def resolve(self, rev: str) -> str:
        """The commit id for a full or abbreviated id, or a ref name such as ``main``.

        Raises:
            NotFoundError: nothing by that name is a commit here.
        """
        for name in (rev, f"refs/heads/{rev}", f"refs/{rev}"):
            if name.startswith("refs/"):
                tip = self.ref(name)
                if tip is not None:
                    return tip
        if 4 <= len(rev) <= 40 and all(c in "0123456789abcdef" for c in rev):
            if len(rev) == 40 and valid_hexsha(rev):
                if self._is_commit(rev):
                    return rev
            else:
                matches = [
                    sha.decode() for sha in self._repo.object_store.iter_prefix(rev.encode())
                ]
                commits = [m for m in matches if self._is_commit(m)]
                if len(commits) == 1:
                    return commits[0]
        raise NotFoundError(f"unknown revision {rev!r}")

    def _is_commit(self, sha: str) -> bool:
        try:
            return isinstance(self._object(sha), Commit)
        except NotFoundError:
            return False

    def _object(self, sha: str | bytes) -> ShaFile:
        """The object ``sha`` (never to be modified: trees and commits are shared)."""
        key = oid(sha)
        with self._cache_lock:
            cached = self._objects.get(key)
            if cached is not None:
                self._objects.move_to_end(key)
                return cached
        try:
            obj = self._repo.object_store[key]
        except KeyError as exc:
            raise NotFoundError(f"object {key.decode()} is missing from the repository") from exc
        except DAMAGED as exc:
            raise damaged(f"object {key.decode()}", exc) from exc
        if isinstance(obj, (Tree, Commit)):
            self._remember(key, obj)
        return obj

    def _remember(self, key: bytes, obj: ShaFile) -> None:
        with self._cache_lock:
            self._objects[key] = obj
            if len(self._objects) > CACHED_OBJECTS:
                self._objects.popitem(last=False)

    def _commit(self, sha: str) -> Commit:
        obj = self._object(sha)
        if not isinstance(obj, Commit):
            raise NotFoundError(f"{sha} is not a commit")
        return obj

    def commit_info(self, sha: str) -> CommitInfo:
        """The commit ``sha``'s metadata."""
        c = self._commit(sha)
        return CommitInfo(
            id=sha,
            tree=c.tree.decode(),
            parents=tuple(p.decode() for p in c.parents),
            author=c.author.decode("utf-8", "replace"),
            committer=c.committer.decode("utf-8", "replace"),
            author_time=c.author_time,
            commit_time=c.commit_time,
            message=c.message.decode("utf-8", "replace"),
        )

    def files(self, commit: str, prefix: str = "") -> list[TreeFile]:
        """Every file (blob, symlink or submodule entry) in ``commit``'s tree under ``prefix``."""
        tree_id = self._commit(commit).tree
        key = (tree_id, prefix)
        with self._cache_lock:
            listing = self._listings.get(key)
            if listing is not None:
                self._listings.move_to_end(key)
                return list(listing)
            # The whole tree listed already: a folder of it is cut from that listing
            # (the walk below goes through the whole tree whatever the prefix).
            whole = self._listings.get((tree_id, ""))
            if whole is not None:
                return [f for f in whole if f.path.startswith(prefix)]
        out = []
        try:
            for entry in iter_tree_contents(self._repo.object_store, tree_id):
                assert entry.path is not None and entry.sha is not None and entry.mode is not None
                path = entry.path.decode("utf-8", "surrogateescape")
                if path.startswith(prefix):
                    out.append(TreeFile(path, entry.mode, entry.sha.decode()))
        except KeyError as exc:
            raise NotFoundError(
                f"a folder of commit {commit} is missing from the repository"
            ) from exc
        except DAMAGED as exc:
            raise damaged(f"a folder of commit {commit}", exc) from exc
        with self._cache_lock:
            self._listings[key] = tuple(out)
            if len(self._listings) > CACHED_LISTINGS:
                self._listings.popitem(last=False)
        return out

    def blob(self, blob_id: str) -> bytes:
        """The bytes of a blob."""
        obj = self._object(blob_id)
        if not isinstance(obj, Blob):
            raise NotFoundError(f"{blob_id} is not a file")
        return obj.as_raw_string()

    def read(self, commit: str, path: str) -> bytes | None:
        """The content of ``path`` at ``commit``, or ``None`` when there is no such file."""
        tree: ShaFile = self._object(self._commit(commit).tree.decode())
        parts = path.split("/")
        for i, name in enumerate(parts):
            if not isinstance(tree, Tree):
                return None
            try:
                mode, sha = tree[name.encode("utf-8")]
            except KeyError:
                return None
            obj = self._object(sha)
            if i == len(parts) - 1:
                if stat.S_ISREG(mode) and isinstance(obj, Blob):
                    return obj.as_raw_string()
                return None
            tree = obj
        return None

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        """Whether ``ancestor`` is reachable from ``descendant`` (or is it)."""
        seen: set[str] = set()
        todo = [descendant]
        while todo:
            sha = todo.pop()
            if sha == ancestor:
                return True
            if sha in seen:
                continue
            seen.add(sha)
            # First parent popped first: a base is nearly always on main's own line, which
            # is found before the branches merged into it are walked.
            todo.extend(reversed(self.commit_info(sha).parents))
        return False

    # -- writing ---------------------------------------------------------------------------

    def write_files_commit(
        self,
        *,
        parents: list[str],
        base_tree: str | None,
        changes: Mapping[str, bytes | None],
        message: str,
        author: Identity,
        committer: Identity = TOOL_IDENTITY,
        when: int | None = None,
    ) -> str:
        """Write a commit whose tree is ``base_tree`` with ``changes`` applied.

        ``changes`` maps a path to its new content, or to ``None`` to delete it. The ref is
        not moved: follow with :meth:`update_ref`.

        Returns:
            The new commit's id.
        """
        tree_changes: list[TreeChange] = []
        for path, content in sorted(changes.items()):
            check_tree_path(path)
            if content is None:
                tree_changes.append((path.encode("utf-8"), None, None))
                continue
            blob = Blob.from_string(content)
            self._add(blob)
            tree_changes.append((path.encode("utf-8"), FILE_MODE, blob.id))
        tree_id = self._apply_changes(base_tree, tree_changes)
        return self.write_commit(
            tree=tree_id,
            parents=parents,
            message=message,
            author=author,
            committer=committer,
            when=when,
        )

    def _apply_changes(self, tree_id: str | None, changes: list[TreeChange]) -> str:
        """Write the tree ``tree_id`` with ``(path, mode, blob)`` changes; returns its id."""

        def write(tree: Tree) -> None:
            self._add(tree)
            self._remember(tree.id, tree)

        return edited_tree(self._tree, write, tree_id, changes)

    def _tree(self, tree_id: str) -> Tree:
        tree = self._object(tree_id)
        if not isinstance(tree, Tree):
            raise GitStoreError(f"{tree_id} is not a tree")
        return tree

    def write_tree(self, files: Mapping[str, bytes]) -> str:
        """Write a whole tree from ``path -> content`` in one pack; returns the tree id."""
        for path in files:
            check_tree_path(path)
        tree, objects = tree_of_files(files)
        if len(objects) > 32:
            # One pack for a whole wiki; loose objects for a handful (a pack per small
            # write would leave thousands of packs behind).
            self._repo.object_store.add_objects([(obj, None) for obj in objects])
        else:
            for obj in objects:
                self._add(obj)
        return tree.id.decode()

    def _add(self, obj: ShaFile) -> None:
        """Write one loose object, recovering from a lock a killed writer left behind.

        dulwich writes a loose object through ``<object>.lock`` and a rename; a process
        killed in between leaves the lock, and every later write of the same object (the
        empty tree, an unchanged blob) would fail. A fresh lock means another process is
        writing the identical object: wait for it.
        """
        store = self._repo.object_store
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                store.add_object(obj)
                return
            except FileLocked as exc:
                if obj.id in store:
                    return
                lock = Path(store._get_shafile_path(obj.id) + ".lock")
                remove_if_stale(lock)
                if time.monotonic() > deadline:
                    raise RefLockedError(f"object {obj.id.decode()} is locked") from exc
                time.sleep(0.005)

    def empty_tree(self) -> str:
        """The id of the empty tree (review events carry their data in the message)."""
        tree = Tree()
        if tree.id not in self._repo.object_store:
            self._add(tree)
        return tree.id.decode()

    def write_commit(
        self,
        *,
        tree: str,
        parents: list[str],
        message: str,
        author: Identity,
        committer: Identity = TOOL_IDENTITY,
        when: int | None = None,
    ) -> str:
        """Write a commit object (checked as ``git fsck --strict`` would) and return its id."""
        stamp = int(time.time()) if when is None else when
        commit = Commit()
        commit.tree = oid(tree)
        commit.parents = [oid(p) for p in parents]
        commit.author = author.git_bytes()
        commit.committer = committer.git_bytes()
        commit.author_time = commit.commit_time = stamp
        commit.author_timezone = commit.commit_timezone = 0
        commit.encoding = None
        commit.message = message.encode("utf-8")
        try:
            commit.check()
        except ObjectFormatException as exc:
            raise GitStoreError(f"refusing to write an invalid commit: {exc}") from exc
        self._add(commit)
        self._remember(commit.id, commit)
        return commit.id.decode()

    def update_ref(
        self, name: str, old: str | None, new: str, *, reason: str | None = None
    ) -> bool:
        """Move ``name`` from ``old`` to ``new`` atomically (compare-and-swap).

        ``old=None`` means the ref must not exist yet. A lock held by another writer is
        waited for (with jittered back-off); a lock left by a killed writer is removed once
        it is older than ``STALE_LOCK_SECONDS``.

        ``reason`` is the reflog message; without it no reflog is written. Staff branches
        such as ``main`` get one (``git reflog main`` shows every merge); the refs each
        suggestion makes (its branch, review log, content claim) do not: the review log is
        their history, and a new reflog file per suggestion costs a file creation, the
        dearest thing a submission does on disk.

        Returns:
            True when the ref moved; False when it no longer held ``old``.

        Raises:
            RefLockedError: another writer kept the lock for ``LOCK_WAIT_SECONDS``.
        """
        return swap_ref(self._repo.refs, self.git_dir, name, old, new, reason=reason)

    def delete_ref(self, name: str, old: str) -> bool:
        """Delete ``name`` if it still holds ``old``; True when it was deleted."""
        return remove_ref(self._repo.refs, self.git_dir, name, old)

    def check_out_main(self) -> None:
        """Fill the staff working tree and index from ``main`` (only at ``init``).

        This is the one place the tool writes a working tree: a new wiki's first checkout
        for staff, before anyone else can be writing to it.
        """
        if self._repo.bare:
            return
        tree = self._commit(self.main()).tree
        self._repo.get_worktree().reset_index(tree)

    # -- history ---------------------------------------------------------------------------

    def walk_first_parent(self, tip: str) -> Iterator[CommitInfo]:
        """Commits from ``tip`` following first parents (a review log, ``main``'s line)."""
        sha: str | None = tip
        while sha is not None:
            info = self.commit_info(sha)
            yield info
            sha = info.parents[0] if info.parents else None
