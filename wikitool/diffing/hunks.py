"""Line differences grouped into hunks with context, edited lines shown word by word."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TypeVar

from wikitool.diffing.alignment import bag_similarity, pair_similar, word_bag
from wikitool.diffing.changes import BodyHunk, BodyLine, Segment
from wikitool.diffing.words import word_segments

CONTEXT_LINES = 3
"""Unchanged lines shown before and after each change."""

# Beyond this many lines difflib's quadratic worst case costs seconds, so its "junk"
# heuristic (ignore lines found everywhere, like blank ones) is switched on: diffs get
# coarser but stay fast. The longest reference guide has under 100 lines.
_EXACT_LINES = 1_000

_HEADING_RE = re.compile(r"#{1,6}[ \t]+(.*?)[ \t#]*")

T = TypeVar("T")


@dataclass(frozen=True)
class LineRun:
    """Lines of one version, where they sit in the file, and where its Markdown starts.

    ``first_line`` is the file line of ``lines[0]``; ``markdown_from`` the index of the
    first Markdown line (hunks are named after headings found from there on, so a YAML
    comment such as ``# Fees`` in the front matter is never taken for a heading).
    """

    lines: Sequence[str]
    first_line: int = 1
    markdown_from: int = 0


def text_lines(text: str) -> list[str]:
    """Split text into lines on LF only (as git does), without line endings.

    A final line break does not start another line, and a CR before the LF is dropped:
    line endings are not what a reviewer needs to see.
    """
    if not text:
        return []
    lines = text.removesuffix("\n").split("\n")
    return [line.removesuffix("\r") for line in lines]


def line_hunks(old: LineRun, new: LineRun) -> list[BodyHunk]:
    """The changes between two versions' lines, in hunks with context.

    In a run of changed lines, an old line and its edited version are paired into one
    ``changed`` line with word segments; lines with little in common show as removed
    and added.
    """
    if list(old.lines) == list(new.lines):
        return []
    hunks: list[BodyHunk] = []
    for group in _matcher(old.lines, new.lines).get_grouped_opcodes(CONTEXT_LINES):
        lines: list[BodyLine] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(
                    BodyLine(
                        "context",
                        old.first_line + i,
                        new.first_line + j,
                        (Segment("equal", old.lines[i]),),
                    )
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                )
            else:
                lines.extend(_changed_run(old, new, i1, i2, j1, j2))
        _, first_old, _, first_new, _ = group[0]
        # Named after the heading above the first change, not above the context.
        _, change_old, _, change_new, _ = next(op for op in group if op[0] != "equal")
        section = _section(new, change_new) if new.lines else _section(old, change_old)
        hunks.append(
            BodyHunk(
                old_start=old.first_line + first_old,
                new_start=new.first_line + first_new,
                section=section,
                lines=tuple(lines),
            )
        )
    return hunks


def _changed_run(old: LineRun, new: LineRun, i1: int, i2: int, j1: int, j2: int) -> list[BodyLine]:
    """Lines ``old[i1:i2]`` replaced by ``new[j1:j2]``: edited, removed and added lines."""
    lines: list[BodyLine] = []
    # Each line's words are counted once, not once per line it is compared with.
    old_bags = [word_bag(line) for line in old.lines[i1:i2]]
    new_bags = [word_bag(line) for line in new.lines[j1:j2]]
    for i, j in pair_similar(old_bags, new_bags, bag_similarity):
        old_line = old.first_line + i1 + i if i is not None else None
        new_line = new.first_line + j1 + j if j is not None else None
        if i is not None and j is not None:
            segments = word_segments(old.lines[i1 + i], new.lines[j1 + j])
            lines.append(BodyLine("changed", old_line, new_line, segments))
        elif i is not None:
            segment = Segment("removed", old.lines[i1 + i])
            lines.append(BodyLine("removed", old_line, None, (segment,)))
        elif j is not None:
            segment = Segment("added", new.lines[j1 + j])
            lines.append(BodyLine("added", None, new_line, (segment,)))
    return lines


def _matcher(old: Sequence[T], new: Sequence[T]) -> SequenceMatcher[T]:
    exact = max(len(old), len(new)) <= _EXACT_LINES
    return SequenceMatcher(None, old, new, autojunk=not exact)


def _section(run: LineRun, before: int) -> str | None:
    """The last Markdown heading above line index ``before``, if any."""
    for line in reversed(run.lines[run.markdown_from : before]):
        match = _HEADING_RE.fullmatch(line)
        if match is not None and match.group(1):
            return match.group(1)
    return None
