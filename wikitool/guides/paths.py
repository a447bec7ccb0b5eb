"""Where guides may live: a ``.md`` file under ``content/``, nothing else.

Paths in this wiki come from untrusted places (a citizen's suggestion, a form field, a
command line), so every one is normalized and checked here before it names a file.
"""

from __future__ import annotations

import re
import unicodedata

from wikitool.errors import UnsafePathError

CONTENT_DIR = "content"
MAX_GUIDE_PATH = 200
# Lower-case slugs only: guide names become URLs, and one spelling per name means two
# guides can never collide on a case-insensitive file system.
_SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def guide_path(path: str) -> str:
    """Normalize and check a guide path; returns it as ``content/<folder>/<name>.md``.

    Accepts the path with or without the leading ``content/``.

    Raises:
        UnsafePathError: the path is absolute, has ``..``, a backslash, a control
            character, is not a ``.md`` file, or has a segment that is not a lower-case slug.
    """
    if not isinstance(path, str) or not path.strip():
        raise UnsafePathError("guide path is empty")
    if "\x00" in path or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
        raise UnsafePathError(f"guide path {path!r} contains a control character")
    if "\\" in path:
        raise UnsafePathError(f"guide path {path!r} contains a backslash")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise UnsafePathError(f"guide path {path!r} is absolute")
    if unicodedata.normalize("NFKC", path) != path or not path.isascii():
        raise UnsafePathError(f"guide path {path!r} must use plain ASCII letters")
    if len(path) > MAX_GUIDE_PATH:
        raise UnsafePathError(f"guide path is longer than {MAX_GUIDE_PATH} characters")
    parts = path.split("/")
    if parts[0] == CONTENT_DIR:
        parts = parts[1:]
    if any(p in {"", ".", ".."} for p in parts):
        raise UnsafePathError(f"guide path {path!r} has an empty, '.' or '..' segment")
    if not parts or not parts[-1].endswith(".md"):
        raise UnsafePathError(f"guide path {path!r} is not a .md file under content/")
    *folders, filename = parts
    for segment in [*folders, filename[: -len(".md")]]:
        if not _SEGMENT.match(segment):
            raise UnsafePathError(
                f"guide path {path!r}: {segment!r} must be lower-case letters, digits and hyphens"
            )
    return "/".join([CONTENT_DIR, *parts])
