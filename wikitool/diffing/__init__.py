"""Diffs of guides that a person who is not a programmer can read.

Front matter is compared field by field (``fees[Online].amount: 85 -> 86 EUR``), list
items by who they are rather than where, the body word by word within changed lines
(``[-85-]{+86+}``), with file line numbers, the section each change falls in and the
situations it affects. :func:`guide_diff` computes, :func:`render_text` shows.
"""

from wikitool.diffing.changes import (
    BodyHunk,
    BodyLine,
    FieldChange,
    GuideDiff,
    Segment,
)
from wikitool.diffing.guide_diff import guide_diff
from wikitool.diffing.numstat import count_lines
from wikitool.diffing.rendering import format_value, render_text

__all__ = [
    "BodyHunk",
    "BodyLine",
    "FieldChange",
    "GuideDiff",
    "Segment",
    "count_lines",
    "format_value",
    "guide_diff",
    "render_text",
]
