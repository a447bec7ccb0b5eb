"""Invisible characters that can hide or disguise text in a guide.

``find_invisible_characters`` reports bidirectional overrides and isolates (the "Trojan
Source" characters) and zero-width characters that can hide or disguise text. Not
reported: a byte order mark at the very start (encoding noise, not hidden content);
left-to-right and right-to-left marks (U+200E, U+200F, U+061C), which Arabic and Hebrew
text needs and which cannot reorder strong characters; and a zero-width (non-)joiner
between two non-ASCII letters or emoji, as Persian, Indic scripts and emoji sequences
require it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from wikitool.screening.positions import MAX_PROBLEMS, line_starts, position


class InvisibleCharacter(NamedTuple):
    """One invisible character: 1-based line and column, and e.g. "U+202E RIGHT-TO-LEFT
    OVERRIDE"."""

    line: int
    column: int
    name: str



_INVISIBLE_RE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060-\u2064\ufeff\u180e]|[\U000e0000-\U000e007f]+"
)
_JOINERS = frozenset({"\u200c", "\u200d"})
_JOINABLE = frozenset({"Lo", "Lm", "Ll", "Lu", "Mn", "Mc", "So", "Sk"})
_FLAG = "\U0001f3f4"
_CANCEL_TAG = "\U000e007f"


def find_invisible_characters(text: str) -> list[InvisibleCharacter]:
    """Bidirectional controls and zero-width characters in ``text``, by position.

    Returns:
        ``(line, column, name)`` for each, e.g. ``(3, 14, "U+202E RIGHT-TO-LEFT OVERRIDE")``;
        at most ``MAX_PROBLEMS`` of them.
    """
    found: list[tuple[int, str]] = []
    for match in _INVISIBLE_RE.finditer(text):
        if len(found) >= MAX_PROBLEMS:
            del found[MAX_PROBLEMS:]
            break
        start = match.start()
        run = match.group()
        if run[0] >= "\U000e0000":
            # Tag characters spell out hidden text, except in a subdivision flag such as
            # Scotland's (waving black flag, tag letters, cancel tag).
            if not (text[start - 1 : start] == _FLAG and run.endswith(_CANCEL_TAG)):
                found.extend((start + i, _code_point_name(ch)) for i, ch in enumerate(run))
            continue
        if run == "\ufeff" and start == 0:
            continue
        if run in _JOINERS and _joins_letters(text, start):
            continue
        found.append((start, _code_point_name(run)))
    if not found:
        return []
    lines = line_starts(text)
    return [InvisibleCharacter(*position(lines, offset), name) for offset, name in found]


def _joins_letters(text: str, index: int) -> bool:
    if index == 0 or index + 1 >= len(text):
        return False
    return all(_joinable(ch) for ch in (text[index - 1], text[index + 1]))


def _joinable(ch: str) -> bool:
    # Letters and marks of non-Latin scripts, emoji and their modifiers and variation
    # selector: what zero-width joiners legitimately sit between.
    return ch == "\ufe0f" or (not ch.isascii() and unicodedata.category(ch) in _JOINABLE)


def _code_point_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED CHARACTER')}"
