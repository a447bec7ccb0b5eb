"""Where guides may live: a ``.md`` file under ``content/``, nothing else.

Paths in this wiki come from untrusted places (a citizen's suggestion, a form field, a
command line), so every one is normalized and checked here before it names a file.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from wikitool.errors import UnsafePathError

CONTENT_DIR = "content"
INDEX_PAGE = "index.md"
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


# What kind of page a path is: the one definition, used by the checks, suggestions and
# the site. Paths are repository-relative (``content/travel/renew.md``); the site's
# docs-relative ones (``travel/renew.md``) go through ``content_path`` first.


def content_path(src: str) -> str:
    """A path relative to the content (docs) folder as the repository names it."""
    return f"{CONTENT_DIR}/{src}"


def is_page_path(path: str) -> bool:
    """Whether ``path`` is a Markdown page of the wiki: ``content/**/*.md``, no ``..``."""
    parts = path.split("/")
    return (
        len(parts) >= 2
        and parts[0] == CONTENT_DIR
        and path.endswith(".md")
        and all(part not in ("", ".", "..") for part in parts)
    )


def is_index_path(path: str) -> bool:
    """Whether ``path`` is the home page or a category page (an ``index.md``)."""
    return is_page_path(path) and posixpath.basename(path) == INDEX_PAGE


def is_guide_path(path: str) -> bool:
    """Whether ``path`` is a guide: a page under ``content/`` other than an ``index.md``.

    A guide belongs at ``content/<category>/<name>.md``; one elsewhere is still a guide,
    in the wrong place (``wikitool check`` reports it).
    """
    return is_page_path(path) and not is_index_path(path)


def is_category_index_path(path: str) -> bool:
    """Whether ``path`` is a category's page, ``content/<category>/index.md``."""
    return is_index_path(path) and path.count("/") == 2


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
