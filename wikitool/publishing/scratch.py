"""A build's scratch folders in memory, and those left by builds that were killed.

A build exports main's tree, and ``publish --watch`` keeps its last site, in a folder of
the memory file system (``MEMORY_DIR``) when it has room: creating files there costs no
disk journaling. A process killed outright (the kernel's out-of-memory killer, systemd
after ``TimeoutStopSec``) cannot remove its folder, and a memory file system gives its
space back only when the folder is removed. So each folder's name carries the process
id that made it, and a build first removes the folders of the current user's processes
that no longer run (:func:`remove_abandoned`).
"""

from __future__ import annotations

import os
import re
import shutil

MEMORY_DIR = "/dev/shm"
MEMORY_ROOM = 1 << 30
"""Free space the memory file system must have to be used: containers often give
``/dev/shm`` 64 MiB."""

_SCRATCH = re.compile(r"wikitool-(?:export|session)-(\d+)-")


def memory_dir(room: int | None = None) -> str | None:
    """``MEMORY_DIR`` when it is writable and has ``room`` (``MEMORY_ROOM``) free and
    ``TMPDIR`` is unset (the operator's choice of where temporary files go wins); else
    ``None``."""
    if os.environ.get("TMPDIR"):
        return None
    try:
        stats = os.statvfs(MEMORY_DIR)
    except OSError:
        return None
    roomy = stats.f_bavail * stats.f_frsize >= (MEMORY_ROOM if room is None else room)
    return MEMORY_DIR if roomy and os.access(MEMORY_DIR, os.W_OK | os.X_OK) else None


def scratch_prefix(kind: str) -> str:
    """The name a scratch folder of ``kind`` (``export``, ``session``) starts with: it
    says which process made it."""
    return f"wikitool-{kind}-{os.getpid()}-"


def remove_abandoned(parent: str) -> list[str]:
    """Remove the scratch folders in ``parent`` that the current user's processes made
    and that no longer run; returns their names.

    A folder of a process that still runs, or of another user, or that is not a scratch
    folder is left alone, as is anything that cannot be read or removed.
    """
    removed: list[str] = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        found = _SCRATCH.match(entry.name)
        if found is None:
            continue
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        except OSError:
            continue
        if _running(int(found.group(1))):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.name)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number no process has: leave it
    return True
