"""What a suggestion changes: files, line counts, and the front matter fields it touches.

The fields decide how many approvals a merge needs (a sensitive field such as ``fees``
needs two), so they are computed the same way for ``review list``, ``show`` and
``merge``. They are read from the text, not by parsing YAML: each top-level key owns the
lines from it to the next key, and a key is touched when its lines differ. Parsing both
versions with ruamel.yaml (pure Python) costs about 50 ms a guide, this a fraction of a
millisecond, which is what lets ``review list`` cover a thousand suggestions. It errs
on the safe side: a comment or re-quoting inside ``fees:`` counts as touching fees, so
it asks for the second approval rather than missing one, and it works on front matter
that does not parse at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wikitool.diffing import count_lines
from wikitool.diffing.guide_diff import top_level_key
from wikitool.gitstore import (
    ChangedFile,
    WikiStore,
    blob_ids,
    changed_files,
)
from wikitool.guides.paths import is_page_path

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


def summarize_change(
    store: WikiStore, old: str, new: str, *, only: str | None = None
) -> list[FileSummary]:
    """Every file that differs between commits ``old`` and ``new``, summarized.

    ``only`` names the one file the caller knows to be the whole difference (a citizen's
    suggestion commit changes exactly its guide): its two blobs are looked up instead of
    comparing the trees, which is most of the cost of reading a suggestion.
    """
    if only is None:
        changes = changed_files(store, old, new)
    else:
        before, after = blob_ids(store, old, [only])[only], blob_ids(store, new, [only])[only]
        changes = [ChangedFile(only, before, after)] if before != after else []
    return [summarize_file(store, change) for change in changes]


def summarize_file(store: WikiStore, change: ChangedFile) -> FileSummary:
    """Line counts and touched front matter fields of one changed file."""
    old = store.blob(change.old_blob) if change.old_blob else None
    new = store.blob(change.new_blob) if change.new_blob else None
    added, removed = count_lines(old or b"", new or b"")
    keys = touched_keys(old, new) if is_page_path(change.path) else set()
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


def front_matter_blocks(raw: bytes | None) -> dict[str, bytes]:
    """Each top-level front matter key and the text of its lines (key line included)."""
    text = front_matter_text(raw)
    if text is None:
        return {}
    blocks: dict[str, bytes] = {}
    key: str | None = None
    for line in text.split(b"\n")[1:]:
        if _FRONT_MATTER_END.fullmatch(line):
            break
        starts = top_level_key(line.decode("utf-8", "replace"))
        if starts is not None:
            key = starts
        if key is not None:
            blocks[key] = blocks.get(key, b"") + line + b"\n"
    return blocks


def touched_keys(old: bytes | None, new: bytes | None) -> set[str]:
    """Top-level front matter keys whose text differs between two versions of a guide."""
    if front_matter_text(old) == front_matter_text(new):
        return set()
    before, after = front_matter_blocks(old), front_matter_blocks(new)
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def sensitive_fields(files: list[FileSummary], fields: tuple[str, ...]) -> tuple[str, ...]:
    """The sensitive ``fields`` that any of ``files`` changes, sorted."""
    touched = {key for f in files for key in f.changed_keys}
    return tuple(sorted(touched & set(fields)))
