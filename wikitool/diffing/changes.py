"""What a diff of one guide is made of: field changes, text hunks, and the whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from wikitool.guides.situations import Situation

PlainValue = Any
"""A front matter value as plain JSON-compatible data (see ``GuideSource.data``)."""

FieldChangeKind = Literal["added", "removed", "changed", "moved"]
SegmentKind = Literal["equal", "removed", "added"]
LineKind = Literal["context", "removed", "added", "changed"]
GuideStatus = Literal["new", "deleted", "changed", "unchanged"]


@dataclass(frozen=True)
class FieldChange:
    """One front matter value added, removed or changed, or a list item moved.

    ``path`` is how a person would name it (``fees[Online].amount``); ``location`` the
    same as keys and list indexes; ``key`` the top-level key it belongs to. Indexes are
    those of the new guide, except for a removed item, which has its old index.
    ``line`` is the file line of the value (in the old file for a removal). A moved
    item's ``old`` and ``new`` are its places in the list (1 for the first).
    ``unit`` is what a changed number counts, when both versions say the same (an
    amount's currency, a time's unit: ``96 -> 99 EUR``). ``situations`` are the ids of
    the situations the change affects, ``()`` for every one (see ``situations_affected``).
    """

    path: str
    location: tuple[str | int, ...]
    change: FieldChangeKind
    old: PlainValue = None
    new: PlainValue = None
    line: int | None = None
    unit: str | None = None
    situations: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The top-level front matter key this change is under."""
        return str(self.location[0]) if self.location else ""

    def to_json(self) -> dict[str, Any]:
        """Stable JSON form; ``old`` only when there was a value, ``new`` only when there is."""
        data: dict[str, Any] = {
            "path": self.path,
            "key": self.key,
            "change": self.change,
            "line": self.line,
            "unit": self.unit,
            "situations": list(self.situations),
        }
        if self.change != "added":
            data["old"] = self.old
        if self.change != "removed":
            data["new"] = self.new
        return data


@dataclass(frozen=True)
class AffectedSituations:
    """Which of a guide's situations a change affects: ``every`` one, or those listed."""

    every: bool
    situations: tuple[Situation, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Stable JSON form."""
        return {
            "every": self.every,
            "situations": [{"id": s.id, "label": s.label} for s in self.situations],
        }


@dataclass(frozen=True)
class Segment:
    """A run of text within a line: kept, removed or added."""

    kind: SegmentKind
    text: str

    def to_json(self) -> dict[str, str]:
        """Stable JSON form."""
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class BodyLine:
    """One line of a hunk.

    A ``changed`` line is an old line and its new version, as word segments; the other
    kinds hold one ``equal`` (context), ``removed`` or ``added`` segment. Line numbers
    are file lines (1-based) on the side(s) the line exists on.
    """

    kind: LineKind
    old_line: int | None
    new_line: int | None
    segments: tuple[Segment, ...]

    @property
    def old_text(self) -> str:
        """The line as it was (empty for an added line)."""
        return "".join(s.text for s in self.segments if s.kind != "added")

    @property
    def new_text(self) -> str:
        """The line as it is now (empty for a removed line)."""
        return "".join(s.text for s in self.segments if s.kind != "removed")

    def to_json(self) -> dict[str, Any]:
        """Stable JSON form."""
        return {
            "kind": self.kind,
            "old_line": self.old_line,
            "new_line": self.new_line,
            "segments": [segment.to_json() for segment in self.segments],
        }


@dataclass(frozen=True)
class BodyHunk:
    """Changed lines with a little context around them.

    ``old_start``/``new_start`` are the file lines where the hunk starts on each side;
    ``section`` is the Markdown heading the hunk falls under, if any.
    """

    old_start: int
    new_start: int
    section: str | None
    lines: tuple[BodyLine, ...]

    def to_json(self) -> dict[str, Any]:
        """Stable JSON form."""
        return {
            "old_start": self.old_start,
            "new_start": self.new_start,
            "section": self.section,
            "lines": [line.to_json() for line in self.lines],
        }


@dataclass(frozen=True)
class GuideDiff:
    """The difference between two versions of one guide, for people and for scripts.

    Attributes:
        path: the guide's path.
        status: ``new``, ``deleted``, ``changed`` or ``unchanged``.
        fields: front matter changes, in the order the guide lists them.
        body: hunks of the text. They cover the Markdown body; they cover the whole
            file when a side's front matter could not be read (see ``fallback_reason``)
            or when its text changed but not its data (a comment, quoting, key order).
        added_lines: lines added to the whole file, as ``git diff --numstat`` counts.
        removed_lines: lines removed from the whole file, likewise.
        changed_keys: top-level front matter keys touched. In a fallback diff, the
            keys whose lines changed, as far as they can be told from the text.
        fallback_reason: why the front matter could not be compared field by field
            (the parse error), or None.
        affects: the situations the change affects; None when neither version
            declares situations (or a side's front matter could not be read).
    """

    path: str
    status: GuideStatus
    fields: list[FieldChange]
    body: list[BodyHunk]
    added_lines: int
    removed_lines: int
    changed_keys: set[str]
    fallback_reason: str | None = None
    affects: AffectedSituations | None = None

    def to_json(self) -> dict[str, Any]:
        """Stable JSON form (keys fixed, sets sorted) for ``--json`` output."""
        return {
            "path": self.path,
            "status": self.status,
            "added_lines": self.added_lines,
            "removed_lines": self.removed_lines,
            "changed_keys": sorted(self.changed_keys),
            "fallback_reason": self.fallback_reason,
            "affects": None if self.affects is None else self.affects.to_json(),
            "fields": [change.to_json() for change in self.fields],
            "body": [hunk.to_json() for hunk in self.body],
        }
