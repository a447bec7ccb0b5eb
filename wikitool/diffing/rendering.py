"""A guide diff as text for a terminal: plain, or coloured with pygments' ANSI codes.

Markers stay in coloured output too (``[-85-]{+86+}``, ``- ``/``+ ``): red and green
alone are lost on colour-blind readers and on monochrome terminals.

Everything shown comes from untrusted suggestions, so each piece of content passes
``wikitool.terminal.terminal_safe`` (control and invisible characters shown as visible
codes such as ``\\x1b`` and ``<U+202E>``) before our own colour codes are added.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pygments.console import ansiformat

from wikitool.diffing.alignment import text_similarity
from wikitool.diffing.changes import (
    AffectedSituations,
    BodyHunk,
    BodyLine,
    FieldChange,
    GuideDiff,
    Segment,
)
from wikitool.diffing.words import word_segments
from wikitool.guides.situations import WHEN_KEY
from wikitool.terminal import terminal_safe

INVISIBLE_ONLY = (
    "No visible change: only line endings (CRLF or LF), a byte order mark "
    "or the line break at the end of the file differ."
)
LEGEND = "Key: [-removed-] {+added+} words; lines: - removed, + added, ~ changed"

# A changed text value is shown word by word when at least this much of it is kept.
_WORD_DIFF_SIMILARITY = 0.5
_LINE_MARKERS = {"context": "  ", "removed": "- ", "added": "+ ", "changed": "~ "}
_STYLES = {"removed": "red", "added": "green", "field": "bold", "header": "cyan"}


def render_text(diff: GuideDiff, *, color: bool) -> str:
    """The diff as text for a person: a summary line, changed fields, then text hunks.

    Args:
        diff: the diff to show.
        color: add ANSI colours (the caller decides: a terminal, and no NO_COLOR).

    Returns:
        The text, ending with a line break.
    """
    painter = _Painter(color)
    out = [painter.paint("field", terminal_safe(diff.path)) + ": " + _summary(diff)]
    if diff.status == "unchanged":
        return "\n".join(out) + "\n"
    affects = affects_line(diff.affects)
    if affects:
        out.append(terminal_safe(affects))
    if not (diff.fields or diff.body):
        out.append(INVISIBLE_ONLY)
        return "\n".join(out) + "\n"
    if diff.fallback_reason is not None:
        out.append(
            "Note: the details at the top of the page could not be read "
            f"({terminal_safe(diff.fallback_reason)}), so the whole file is compared line by line."
        )
    out.append(LEGEND)
    if diff.fields:
        out += ["", painter.paint("header", "Details (front matter):")]
        out += ["  " + _render_field(change, painter) for change in diff.fields]
    if diff.body:
        out += ["", painter.paint("header", "Text:")]
        for hunk in diff.body:
            out.append(painter.paint("header", _hunk_header(hunk)))
            out += [_render_line(line, painter) for line in hunk.lines]
    return "\n".join(out) + "\n"


def affects_line(affects: AffectedSituations | None) -> str | None:
    """``Affects situations: You live abroad, Under 16``, ``Affects every situation``, or
    None when the guide has no situations or the change touches none."""
    if affects is None:
        return None
    if affects.every:
        return "Affects every situation"
    if not affects.situations:
        return None
    return "Affects situations: " + ", ".join(s.label for s in affects.situations)


def format_value(value: Any) -> str:
    """A plain value as a reviewer reads it: text quoted, mappings as ``{key: value}``."""
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        items = (f"{key}: {format_value(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


class _Painter:
    """Applies pygments console styles, or nothing when colour is off."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def paint(self, style: str, text: str) -> str:
        if not self.color or not text:
            return text
        return ansiformat(_STYLES[style], text)

    def segments(self, segments: tuple[Segment, ...]) -> str:
        parts = []
        for segment in segments:
            text = _line_text(segment.text)
            if segment.kind == "removed":
                parts.append(self.paint("removed", f"[-{text}-]"))
            elif segment.kind == "added":
                parts.append(self.paint("added", "{+" + text + "+}"))
            else:
                parts.append(text)
        return "".join(parts)


def _summary(diff: GuideDiff) -> str:
    counts = f"{_plural(diff.added_lines)} added, {diff.removed_lines} removed"
    return {
        "new": f"new guide ({_plural(diff.added_lines)})",
        "deleted": f"guide deleted ({_plural(diff.removed_lines)})",
        "changed": counts,
        "unchanged": "no changes",
    }[diff.status]


def _plural(lines: int) -> str:
    return f"{lines} line" if lines == 1 else f"{lines} lines"


def _render_field(change: FieldChange, painter: _Painter) -> str:
    name = painter.paint("field", terminal_safe(change.path)) + ": "
    if change.change == "moved":
        return name + f"moved from place {change.old} to {change.new}"
    if change.location[-1:] == (WHEN_KEY,):
        # Situations in words; no ``when`` means every situation, not "(empty)".
        old_text = painter.paint("removed", terminal_safe(_situation_ids(change.old)))
        new_text = painter.paint("added", terminal_safe(_situation_ids(change.new)))
        return f"{name}{old_text} -> {new_text}"
    if change.change == "added":
        return name + painter.paint("added", "added " + terminal_safe(format_value(change.new)))
    if change.change == "removed":
        return name + painter.paint("removed", "removed " + terminal_safe(format_value(change.old)))
    old, new = change.old, change.new
    if (
        isinstance(old, str)
        and isinstance(new, str)
        and text_similarity(old, new) >= _WORD_DIFF_SIMILARITY
        and len(old.split()) > 1
    ):
        # A long sentence with one word changed reads best as that word changed.
        segments = word_segments(*_json_inner(old, new))
        return name + '"' + painter.segments(segments) + '"'
    old_text = painter.paint("removed", terminal_safe(format_value(old)))
    new_text = painter.paint("added", terminal_safe(format_value(new)))
    unit = f" {terminal_safe(change.unit)}" if change.unit else ""
    return f"{name}{old_text} -> {new_text}{unit}"


def _situation_ids(when: Any) -> str:
    if when is None:
        return "every situation"
    if isinstance(when, list) and when and all(isinstance(s, str) for s in when):
        return ", ".join(when)
    return format_value(when)


def _json_inner(old: str, new: str) -> tuple[str, str]:
    """Both texts escaped as inside JSON quotes (a line break shows as ``\\n``)."""
    return json.dumps(old, ensure_ascii=False)[1:-1], json.dumps(new, ensure_ascii=False)[1:-1]


def _hunk_header(hunk: BodyHunk) -> str:
    where = f"line {hunk.new_start}"
    if hunk.old_start != hunk.new_start:
        where += f" (line {hunk.old_start} before)"
    if hunk.section:
        where += f", in \u201c{terminal_safe(hunk.section)}\u201d"
    return f"@@ {where} @@"


def _render_line(line: BodyLine, painter: _Painter) -> str:
    marker = _LINE_MARKERS[line.kind]
    if line.kind == "changed":
        return marker + painter.segments(line.segments)
    text = _line_text(line.old_text or line.new_text)
    if line.kind == "context":
        return (marker + text).rstrip(" ") if not text else marker + text
    style = "removed" if line.kind == "removed" else "added"
    return painter.paint(style, (marker + text) if text else marker.rstrip(" "))


def _line_text(text: str) -> str:
    """A piece of one line of a guide, safe for a terminal; its tabs are kept (a line
    holds no line break: the text was split on them)."""
    return terminal_safe(text, multiline=True)
