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
# Windows opens a device, not a file, for these names whatever the extension ("aux.md"):
# a staff member on Windows could not check out a suggestion that adds one.
_WINDOWS_DEVICE = re.compile(r"^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$")


def guide_path(path: str) -> str:
    """Normalize and check a guide path; returns it as ``content/<folder>/<name>.md``.

    Accepts the path with or without the leading ``content/``.

    Raises:
        UnsafePathError: the path is absolute, has ``..``, a backslash, a control or
            non-ASCII character, is not a ``.md`` file, or has a segment that is not a
            lower-case slug or is a Windows device name.
    """
    if not isinstance(path, str) or not path.strip():
        raise UnsafePathError("guide path is empty")
    if "\x00" in path or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
        raise UnsafePathError(f"guide path {path!r} contains a control character")
    if "\\" in path:
        raise UnsafePathError(f"guide path {path!r} contains a backslash")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise UnsafePathError(f"guide path {path!r} is absolute")
    if not path.isascii():
        # Name the character: a Cyrillic "а" or a zero-width joiner looks like nothing
        # wrong in the path itself.
        odd = next(ch for ch in path if not ch.isascii())
        raise UnsafePathError(
            f"guide path {path!r} must use plain ASCII letters, not U+{ord(odd):04X} "
            f"{unicodedata.name(odd, 'an unnamed character')}"
        )
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
        if _WINDOWS_DEVICE.match(segment):
            raise UnsafePathError(
                f"guide path {path!r}: {segment!r} is a device name on Windows, not a file name"
            )
    return "/".join([CONTENT_DIR, *parts])


def typed_guide_path(text: str) -> str:
    """A guide named the way a person types it on the command line, as ``guide_path``.

    ``identity-and-travel/renew-an-adult-passport``, its ``.md`` file, either with
    ``content/`` in front, or the page's address path with its trailing ``/``, all
    name ``content/identity-and-travel/renew-an-adult-passport.md``.

    Raises:
        UnsafePathError: as :func:`guide_path`.
    """
    path = text.removesuffix("/")
    # Only a bare name gains ".md": "fees.txt" stays, so its error names what was typed.
    if path.strip() and "." not in path.rsplit("/", 1)[-1]:
        path += ".md"
    return guide_path(path)
