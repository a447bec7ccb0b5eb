"""Git objects and names in plain types, and what reading or locking them can go wrong with.

Revision ids cross the store's boundary as 40-character hex strings and paths as POSIX
strings, so no other layer needs to know dulwich's types.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from dulwich.config import StackedConfig
from dulwich.errors import ChecksumMismatch, FileFormatException
from dulwich.objects import ObjectID, Tree
from dulwich.refs import Ref

from wikitool.errors import GitStoreError

EMPTY_TREE = Tree().id.decode()
FILE_MODE = 0o100644
# How long a writer waits for another writer's lock before giving up. Ref and object
# locks are held for microseconds to milliseconds; one older than STALE_LOCK_SECONDS was
# left by a killed process and is removed, so the next run recovers by itself.
LOCK_WAIT_SECONDS = 10.0
STALE_LOCK_SECONDS = 5.0
# What dulwich raises on reading a damaged object file: bad zlib data or header, an empty
# file (FileFormatException covers both), or content whose hash is not the object's name.
DAMAGED = (FileFormatException, ChecksumMismatch, zlib.error, ValueError, OSError)


def oid(sha: str | bytes) -> ObjectID:
    """``sha`` as dulwich's object id."""
    return ObjectID(sha if isinstance(sha, bytes) else sha.encode("ascii"))


def ref_name(name: str) -> Ref:
    """``name`` as dulwich's ref name."""
    return Ref(name.encode("utf-8"))


@dataclass(frozen=True)
class CommitInfo:
    """What a commit says, in plain types."""

    id: str
    tree: str
    parents: tuple[str, ...]
    author: str
    committer: str
    author_time: int
    commit_time: int
    message: str


@dataclass(frozen=True)
class TreeFile:
    """One file in a commit's tree."""

    path: str
    mode: int
    blob_id: str


def identity_from(config: StackedConfig) -> tuple[str, str] | None:
    """``user.name`` and ``user.email`` of a git config, if both are set."""
    try:
        name = config.get((b"user",), b"name").decode("utf-8", "replace")
        email = config.get((b"user",), b"email").decode("utf-8", "replace")
    except KeyError:
        return None
    return name, email


def global_identity() -> tuple[str, str] | None:
    """``user.name`` and ``user.email`` from the user's global git config, if set."""
    return identity_from(StackedConfig.default())


def damaged(what: str, exc: Exception) -> GitStoreError:
    """The one-line error for a damaged object: which one, why, and what to run."""
    if isinstance(exc, ChecksumMismatch):
        why = "its content does not match its id"
    else:
        why = " ".join(str(exc).split()) or type(exc).__name__
    return GitStoreError(
        f"{what} is corrupt ({why}): the repository is damaged, see git fsck --full"
    )


def remove_if_stale(lock: Path) -> None:
    """Remove a lock file a killed writer left behind (older than STALE_LOCK_SECONDS)."""
    try:
        age = time.time() - lock.stat().st_mtime
    except FileNotFoundError:
        return
    if age > STALE_LOCK_SECONDS:
        # A writer holds a lock for milliseconds at most; this one's writer is gone.
        lock.unlink(missing_ok=True)
