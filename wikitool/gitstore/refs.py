"""Refs moved by compare-and-swap, waiting out other writers' locks.

dulwich's ``set_if_equals`` is a true compare-and-swap under a ``.lock`` file and raises
``FileLocked`` at once when another writer holds it: here it is retried with jittered
back-off, and a lock a killed writer left behind (older than ``STALE_LOCK_SECONDS``) is
removed, so the next writer recovers by itself.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from dulwich.file import FileLocked
from dulwich.refs import RefsContainer

from wikitool.errors import RefLockedError
from wikitool.gitstore.objects import LOCK_WAIT_SECONDS, oid, ref_name, remove_if_stale
from wikitool.model import TOOL_IDENTITY


def swap_ref(
    refs: RefsContainer,
    git_dir: Path,
    name: str,
    old: str | None,
    new: str,
    *,
    reason: str | None = None,
) -> bool:
    """Move ref ``name`` from ``old`` (``None``: must not exist) to ``new``; True when it
    moved, False when it no longer held ``old``. ``reason`` is the reflog message (none
    is written without it).

    Raises:
        RefLockedError: another writer kept the lock for ``LOCK_WAIT_SECONDS``.
    """
    refname = ref_name(name)
    message = reason.encode("utf-8") if reason else None
    # The committer is given so dulwich does not read the git config for each entry.
    committer = TOOL_IDENTITY.git_bytes() if message else None
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    delay = 0.001
    if message:
        # dulwich creates a reflog's folder by checking, then mkdir: two writers making
        # the first ref of a namespace race on it (FileExistsError). Make it first.
        (git_dir / "logs" / name).parent.mkdir(parents=True, exist_ok=True)
    while True:
        try:
            if old is None:
                return bool(
                    refs.add_if_new(refname, oid(new), committer=committer, message=message)
                )
            return bool(
                refs.set_if_equals(
                    refname, oid(old), oid(new), committer=committer, message=message
                )
            )
        except FileLocked as exc:
            remove_if_stale(git_dir / f"{name}.lock")
            if time.monotonic() > deadline:
                raise RefLockedError(
                    f"{name} is locked by another writer; try again in a moment"
                ) from exc
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 0.05)


def remove_ref(refs: RefsContainer, git_dir: Path, name: str, old: str) -> bool:
    """Delete ref ``name`` if it still holds ``old``; True when it was deleted.

    Raises:
        RefLockedError: another writer kept the lock for ``LOCK_WAIT_SECONDS``.
    """
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return bool(refs.remove_if_equals(ref_name(name), oid(old)))
        except FileLocked as exc:
            remove_if_stale(git_dir / f"{name}.lock")
            if time.monotonic() > deadline:
                raise RefLockedError(f"{name} is locked by another writer") from exc
            time.sleep(0.005)
