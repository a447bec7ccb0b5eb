"""Offsets in a text turned into the 1-based line and column that messages name."""

from __future__ import annotations

import bisect
import re

MAX_PROBLEMS = 500
"""Where reporting stops: a text this bad is refused anyway, and hostile input should not
cost time in proportion to how many problems it packs in."""


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts."""
    return [0, *(match.end() for match in re.finditer("\n", text))]


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """``(line, column)``, both from 1, of ``offset`` given :func:`line_starts`."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1
