"""Word-level differences within a line, as ``git diff --word-diff`` shows them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from wikitool.diffing.changes import Segment

MAX_TOKENS = 2_000
"""Longest line, in tokens, compared word by word; a longer one is shown whole."""

# Words, runs of spaces and single punctuation marks: "85" in "85 euros." is a word of
# its own, so a changed fee shows as [-85-]{+86+} rather than the whole sentence.
_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass
class _Op:
    """A stretch of the word diff: equal when ``old == new``, otherwise an edit."""

    old: str
    new: str
    equal: bool


def word_segments(old: str, new: str) -> tuple[Segment, ...]:
    """The words of ``old`` and ``new`` as kept, removed and added runs.

    Joining the ``equal`` and ``removed`` segments gives ``old`` back; the ``equal``
    and ``added`` segments give ``new``. A removal is listed before the addition that
    replaces it, and edits separated only by spaces are shown as one edit
    (``[-a b-]{+x y+}``, not ``[-a-]{+x+} [-b-]{+y+}``).
    """
    old_tokens = _TOKEN_RE.findall(old)
    new_tokens = _TOKEN_RE.findall(new)
    if len(old_tokens) > MAX_TOKENS or len(new_tokens) > MAX_TOKENS:
        ops = [_Op(old, new, old == new)]
    else:
        matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
        ops = [
            _Op("".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2]), tag == "equal")
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    segments: list[Segment] = []
    for op in _join_edits(_slide_spaces_left(ops)):
        if op.equal:
            segments.append(Segment("equal", op.old))
            continue
        if op.old:
            segments.append(Segment("removed", op.old))
        if op.new:
            segments.append(Segment("added", op.new))
    return tuple(segments)


def _slide_spaces_left(ops: list[_Op]) -> list[_Op]:
    """Show an inserted or removed word with the space before it, not after it.

    ``Just a {+longer +}note.`` and ``Just a{+ longer+} note.`` say the same; the
    second is what git shows and reads as a word added after "a".
    """
    for index in range(1, len(ops)):
        before, op = ops[index - 1], ops[index]
        text = op.old or op.new
        if not before.equal or op.equal or (op.old and op.new):
            continue
        shift = 0
        while (
            shift < len(text)
            and shift < len(before.old)
            and text[-1 - shift].isspace()
            and before.old[-1 - shift] == text[-1 - shift]
        ):
            shift += 1
        if not shift:
            continue
        moved = text[-shift:]
        text = moved + text[:-shift]
        kept = before.old[:-shift]
        ops[index - 1] = _Op(kept, kept, True)
        ops[index] = _Op(text, "", False) if op.old else _Op("", text, False)
        if index + 1 < len(ops) and ops[index + 1].equal:
            after = moved + ops[index + 1].old
            ops[index + 1] = _Op(after, after, True)
        else:
            ops.insert(index + 1, _Op(moved, moved, True))
    return [op for op in ops if op.old or op.new]


def _join_edits(ops: list[_Op]) -> list[_Op]:
    """Merge two replacements separated only by spaces into one (``[-a b-]{+x y+}``).

    Only replacements: the space between is in both texts, and only an edit with text
    on both sides can carry it on both. Two additions (or removals) stay apart, or the
    space would vanish from the text that had it (``" "`` -> ``"0 0"``).
    """
    joined: list[_Op] = []
    for op in ops:
        if (
            not op.equal
            and len(joined) >= 2
            and joined[-1].equal
            and joined[-1].old.isspace()
            and not joined[-2].equal
            and joined[-2].old
            and joined[-2].new
            and op.old
            and op.new
        ):
            space = joined.pop().old
            before = joined.pop()
            joined.append(_Op(before.old + space + op.old, before.new + space + op.new, False))
        else:
            joined.append(op)
    return joined
