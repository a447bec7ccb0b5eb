"""Pairing the old and new versions of items that changed, so each shows as an edit.

difflib finds what stayed the same; in a run of items that did not, an item and its
edited version should be shown side by side (``fees[1].amount: 85 -> 86``, a sentence
with one word changed) while items with nothing in common show as removed and added.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any, TypeVar

T = TypeVar("T")

PAIRING_THRESHOLD = 0.5
"""How similar (0 to 1) two items must be to be shown as one item edited."""

MAX_PAIRING_CELLS = 2_500
"""Largest old x new run compared item by item; bigger runs are not paired (bounds time)."""

MAX_WORDS_COMPARED = 2_000
"""Longest text, in words, whose similarity is measured; a longer one is like nothing."""

_WORD_RE = re.compile(r"\w+|[^\w\s]")

Pair = tuple[int | None, int | None]


def pair_similar(
    old: Sequence[T], new: Sequence[T], similarity: Callable[[T, T], float]
) -> list[Pair]:
    """Align two runs of items, pairing those similar enough, keeping both orders.

    Returns ``(old_index, new_index)`` pairs in order: both set for an item and its
    new version, ``(i, None)`` for a removed item, ``(None, j)`` for an added one.
    Between two pairs, removals come before additions. The pairing maximises the
    total similarity of the pairs (a small dynamic programme, as for an edit distance).
    """
    if not old or not new or len(old) * len(new) > MAX_PAIRING_CELLS:
        return [(i, None) for i in range(len(old))] + [(None, j) for j in range(len(new))]
    rows, cols = len(old), len(new)
    scores = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    paired = [[False] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            best = max(scores[i - 1][j], scores[i][j - 1])
            score = similarity(old[i - 1], new[j - 1])
            if score >= PAIRING_THRESHOLD and scores[i - 1][j - 1] + score > best:
                best = scores[i - 1][j - 1] + score
                paired[i][j] = True
            scores[i][j] = best
    steps: list[Pair] = []
    i, j = rows, cols
    while i > 0 or j > 0:
        if i > 0 and j > 0 and paired[i][j]:
            steps.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i > 0 and (j == 0 or scores[i - 1][j] >= scores[i][j - 1]):
            steps.append((i - 1, None))
            i -= 1
        else:
            steps.append((None, j - 1))
            j -= 1
    steps.reverse()
    return _removals_first(steps)


def _removals_first(steps: list[Pair]) -> list[Pair]:
    """Between two pairs, list removals before additions (as a line diff does)."""
    result: list[Pair] = []
    removed: list[Pair] = []
    added: list[Pair] = []
    for step in steps:
        if step[0] is not None and step[1] is not None:
            result += [*removed, *added, step]
            removed, added = [], []
        elif step[1] is None:
            removed.append(step)
        else:
            added.append(step)
    return [*result, *removed, *added]


def value_similarity(old: Any, new: Any) -> float:
    """How alike two plain values are, from 0 (nothing shared) to 1 (equal).

    Text is compared word by word; a mapping is the average of its keys' similarity,
    where a key holding a number, true/false or nothing counts half: two documents that
    are both ``required: true`` but have different names are not one document edited.
    """
    if old == new and type(old) is type(new):
        return 1.0
    if isinstance(old, str) and isinstance(new, str):
        return text_similarity(old, new)
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        total = 0.0
        weight = 0.0
        for key in {*old, *new}:
            key_weight = max(_weight(old.get(key)), _weight(new.get(key)))
            both = key in old and key in new
            total += key_weight * (value_similarity(old[key], new[key]) if both else 0.0)
            weight += key_weight
        return total / weight if weight else 1.0
    if isinstance(old, list) and isinstance(new, list):
        matcher = SequenceMatcher(None, _dumps(old), _dumps(new), autojunk=False)
        return matcher.ratio()
    return 0.0


def text_similarity(old: str, new: str) -> float:
    """How alike two texts are: the share of words (and punctuation marks) they have in common."""
    return 1.0 if old == new else bag_similarity(word_bag(old), word_bag(new))


def word_bag(text: str) -> Counter[str] | None:
    """The words and punctuation marks of ``text`` counted; None when it is too long to compare."""
    words = _WORD_RE.findall(text)
    return Counter(words) if len(words) <= MAX_WORDS_COMPARED else None


def bag_similarity(old: Counter[str] | None, new: Counter[str] | None) -> float:
    """The Dice coefficient of two bags of words: 1 for the same words, 0 for none shared.

    Word order is ignored: that keeps the cost linear, so pairing the lines of a long
    rewritten passage stays fast. A text too long to compare is unlike anything.
    """
    if old is None or new is None:
        return 0.0
    total = old.total() + new.total()
    if not total:
        return 0.5  # two texts of nothing but spaces
    return 2 * (old & new).total() / total


def _dumps(items: list[Any]) -> list[str]:
    return [json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items]


def _weight(value: Any) -> float:
    """How much a key's value says about which item this is (text more than a flag)."""
    return 1.0 if isinstance(value, (str, list, Mapping)) else 0.5
