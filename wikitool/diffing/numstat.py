"""Lines added and removed between two files, counted as ``git diff --numstat`` counts them."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

MAX_EXACT_EDITS = 1_000
"""Most added plus removed lines counted exactly; past it the count is difflib's estimate.

The exact count costs time growing with the square of the number of edits (about
0.3 s at this bound); suggestions change a few lines.
"""


def count_lines(old: bytes, new: bytes) -> tuple[int, int]:
    """Lines added and removed between two files, as ``git diff --numstat`` counts them.

    Lines are split on LF only and compared with their endings, so a missing final
    line break or a switch to CRLF counts the line as changed, as in git. The counts
    come from a shortest edit script (Myers' algorithm, git's default); for files
    that differ in more than :data:`MAX_EXACT_EDITS` lines they are difflib's, which
    can be a little higher.

    Returns:
        ``(added, removed)``.
    """
    old_lines, new_lines = _lf_lines(old), _lf_lines(new)
    # Unchanged lines at both ends cost nothing to skip and are most of a suggestion.
    start = 0
    limit = min(len(old_lines), len(new_lines))
    while start < limit and old_lines[start] == new_lines[start]:
        start += 1
    end = 0
    while end < limit - start and old_lines[-1 - end] == new_lines[-1 - end]:
        end += 1
    old_middle = old_lines[start : len(old_lines) - end]
    new_middle = new_lines[start : len(new_lines) - end]
    edits = _shortest_edit_count(old_middle, new_middle, MAX_EXACT_EDITS)
    if edits is None:
        return _estimate(old_middle, new_middle)
    # Every line not kept is removed or added: edits = removed + added, and
    # len(old) - removed == len(new) - added (the lines kept).
    added = (edits + len(new_middle) - len(old_middle)) // 2
    return added, edits - added


def _lf_lines(data: bytes) -> list[bytes]:
    """Lines with their endings, split on LF only (``bytes.splitlines`` also splits on CR)."""
    if not data:
        return []
    lines = [line + b"\n" for line in data.split(b"\n")]
    lines[-1] = lines[-1].removesuffix(b"\n")
    return lines if lines[-1] else lines[:-1]


def _shortest_edit_count(old: Sequence[bytes], new: Sequence[bytes], limit: int) -> int | None:
    """Fewest lines to remove and add to turn ``old`` into ``new``, or None past ``limit``.

    Myers' O((N+M)D) greedy algorithm ("An O(ND) Difference Algorithm and Its
    Variations", 1986): ``furthest[k]`` is how far along ``old`` the best path with
    ``d`` edits reaches on diagonal ``k = x - y``.
    """
    n, m = len(old), len(new)
    if not n or not m:
        return n + m if n + m <= limit else None
    # Lines as small integers: comparing ints is much faster than comparing bytes.
    ids: dict[bytes, int] = {}
    a = [ids.setdefault(line, len(ids)) for line in old]
    b = [ids.setdefault(line, len(ids)) for line in new]
    offset = min(n + m, limit) + 1
    furthest = [0] * (2 * offset + 1)
    for edits in range(min(n + m, limit) + 1):
        for k in range(-edits, edits + 1, 2):
            if k == -edits or (k != edits and furthest[offset + k - 1] < furthest[offset + k + 1]):
                x = furthest[offset + k + 1]  # a line added (a step down)
            else:
                x = furthest[offset + k - 1] + 1  # a line removed (a step right)
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            furthest[offset + k] = x
            if x >= n and y >= m:
                return edits
    return None


def _estimate(old: Sequence[bytes], new: Sequence[bytes]) -> tuple[int, int]:
    """difflib's counts, with its junk heuristic on: fast on big, very different files."""
    added = removed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new).get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed
