"""What a suggestion changes: files, line counts, and the front matter fields it touches.

The fields decide how many approvals a merge needs (a sensitive field such as ``fees``
needs two), so they are computed the same way for ``review list``, ``show`` and
``merge``. Parsing front matter is the slow part of reading a guide (ruamel.yaml is
pure Python), so when the front matter text of both versions is byte for byte the same
no field can have changed and nothing is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wikitool.diffing import count_lines, guide_diff
from wikitool.gitstore import ChangedFile, FileConflict, WikiStore, changed_files, merge_texts

_FRONT_MATTER_END = re.compile(rb"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class FileSummary:
    """One changed file: its blobs before and after, lines added and removed, fields touched."""

    path: str
    old_blob: str | None
    new_blob: str | None
    added: int
    removed: int
    changed_keys: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The cacheable, ``--json`` form."""
        return {
            "path": self.path,
            "old_blob": self.old_blob,
            "new_blob": self.new_blob,
            "added": self.added,
            "removed": self.removed,
            "changed_keys": list(self.changed_keys),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> FileSummary:
        """Read back :meth:`to_json`'s output."""
        keys = data["changed_keys"]
        assert isinstance(keys, list)
        return cls(
            path=str(data["path"]),
            old_blob=_optional(data["old_blob"]),
            new_blob=_optional(data["new_blob"]),
            added=int(str(data["added"])),
            removed=int(str(data["removed"])),
            changed_keys=tuple(str(k) for k in keys),
        )


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def summarize_change(store: WikiStore, old: str, new: str) -> list[FileSummary]:
    """Every file that differs between commits ``old`` and ``new``, summarized."""
    return [summarize_file(store, change) for change in changed_files(store, old, new)]


def summarize_file(store: WikiStore, change: ChangedFile) -> FileSummary:
    """Line counts and touched front matter fields of one changed file."""
    old = store.blob(change.old_blob) if change.old_blob else None
    new = store.blob(change.new_blob) if change.new_blob else None
    added, removed = count_lines(old or b"", new or b"")
    keys: set[str] = set()
    if change.path.endswith(".md") and front_matter_text(old) != front_matter_text(new):
        keys = guide_diff(change.path, old, new).changed_keys
    return FileSummary(
        change.path, change.old_blob, change.new_blob, added, removed, tuple(sorted(keys))
    )


def front_matter_text(raw: bytes | None) -> bytes | None:
    """The front matter block of a guide as bytes (``None``: no file or no front matter)."""
    if raw is None:
        return None
    text = raw.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    if not text.startswith(b"---\n"):
        return None
    end = _FRONT_MATTER_END.search(text, 4)
    return text[: end.end()] if end else text


def sensitive_fields(files: list[FileSummary], fields: tuple[str, ...]) -> tuple[str, ...]:
    """The sensitive ``fields`` that any of ``files`` changes, sorted."""
    touched = {key for f in files for key in f.changed_keys}
    return tuple(sorted(touched & set(fields)))


def trial_merge(
    store: WikiStore, files: list[FileSummary], main_blobs: dict[str, str | None]
) -> list[FileConflict]:
    """Whether the suggestion's ``files`` would merge onto main, in memory.

    Only the files the suggestion changes can conflict; each merges cleanly without
    reading a byte when main still has the base's version (or already the suggestion's).

    Args:
        files: what the suggestion changes since its base.
        main_blobs: the blob id of each of those paths on main today.

    Returns:
        The conflicts (empty: it merges cleanly).
    """
    conflicts = []
    for file in files:
        on_main = main_blobs.get(file.path)
        if on_main in (file.old_blob, file.new_blob):
            continue
        _, conflict = merge_texts(
            file.path,
            _read(store, file.old_blob),
            _read(store, on_main),
            _read(store, file.new_blob),
        )
        if conflict is not None:
            conflicts.append(conflict)
    return conflicts


def _read(store: WikiStore, blob: str | None) -> bytes | None:
    return store.blob(blob) if blob else None
