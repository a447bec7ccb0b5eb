"""Which paths may become git tree entries.

dulwich's object layer accepts tree entries such as ``..``, ``.git`` and names with NUL or
slashes; git itself (and ``git fsck --strict``) rejects them, and a checkout of such a tree
can write outside the work tree. Every path the store writes passes through here first,
whatever the caller already checked.
"""

from __future__ import annotations

import unicodedata

from wikitool.errors import UnsafePathError

MAX_PATH_BYTES = 1024
MAX_NAME_BYTES = 255

# Names that git, Windows or macOS treat as the repository directory or a device.
_FORBIDDEN_NAMES = {"", ".", "..", ".git", "git~1", ".gitmodules"}
# Code points that HFS+ ignores when comparing names, so ".g\u200cit" is ".git" there.
_HFS_IGNORABLE = {
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u206a",
    "\u206b",
    "\u206c",
    "\u206d",
    "\u206e",
    "\u206f",
    "\ufeff",
}


def _looks_like_git_dir(name: str) -> bool:
    folded = "".join(ch for ch in name if ch not in _HFS_IGNORABLE).casefold()
    # NTFS drops trailing dots and spaces and accepts alternate data streams (".git::$INDEX").
    folded = folded.split(":", 1)[0].rstrip(". ")
    return folded in _FORBIDDEN_NAMES


def check_tree_path(path: str) -> str:
    """Return ``path`` if it is a safe, NFC-normalized, relative POSIX path for a tree.

    Raises:
        UnsafePathError: the path is empty, absolute, too long, has a backslash, NUL or
            control character, a ``.``/``..`` segment, or a segment that is ``.git`` in any
            spelling git or a file system would take for it.
    """
    if not path:
        raise UnsafePathError("path is empty")
    if "\\" in path:
        raise UnsafePathError(f"path {path!r} contains a backslash")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
        raise UnsafePathError(f"path {path!r} contains a control character")
    if path.startswith("/"):
        raise UnsafePathError(f"path {path!r} is absolute")
    if unicodedata.normalize("NFC", path) != path:
        raise UnsafePathError(f"path {path!r} is not in Unicode normal form C")
    if len(path.encode("utf-8")) > MAX_PATH_BYTES:
        raise UnsafePathError(f"path is longer than {MAX_PATH_BYTES} bytes")
    for name in path.split("/"):
        if _looks_like_git_dir(name):
            raise UnsafePathError(f"path {path!r} has a forbidden segment {name!r}")
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            raise UnsafePathError(f"path {path!r} has a segment longer than {MAX_NAME_BYTES} bytes")
    return path
