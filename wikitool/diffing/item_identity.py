"""Which items of two versions of a front matter list are the same item, and their names.

An item is known by what names it in words: a fee, channel or deadline by its
``label``, a document by its ``name``, a law or a source by its ``title``, a condition
by its ``text``, a time by its ``kind``, a ``choose_one`` group by its alternatives
(``one of: Online, Paper form``). Where two items of a list share a name, their
situations tell them apart (``abroad: Passport fee``, from ``when``). Matching by
identity rather than position lets a moved item read as moved, not as every field of
every item between changed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from wikitool.guides.situations import read_when

ALTERNATIVES_KEY = "choose_one"
"""A fee group the reader pays one of; its alternatives read as ``one of: Online``."""

ALTERNATIVE_PREFIX = "one of: "
MAX_NAME_LENGTH = 48
"""Longer names are cut at a word (with an ellipsis) in paths; a path is one line."""

_NAME_KEYS = ("label", "name", "title", "text", "kind")
_SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

Identity = Callable[[Any], str | None]


def item_key(item: Any) -> str | None:
    """What names a list item in words (its label, name, title, text or kind; a
    ``choose_one`` group by its alternatives; else its ``id``), or None."""
    if not isinstance(item, Mapping):
        return None
    for key in _NAME_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    alternatives = item.get(ALTERNATIVES_KEY)
    if isinstance(alternatives, list):
        labels = [label for label in map(item_key, alternatives) if label]
        if labels:
            return ALTERNATIVE_PREFIX + ", ".join(labels)
    return _slug_id(item)


def item_names(items: Sequence[Any]) -> list[str | None]:
    """The name of each item of one list in paths; None where no name tells it apart.

    An item's key (:func:`item_key`) names it; two items of the same key are named with
    their situations in front (``abroad: Passport fee``), and unnamed if that is not
    enough either.
    """
    keys = [item_key(item) for item in items]
    shared = Counter(keys)
    names = [
        _with_situations(item, key) if key is not None and shared[key] > 1 else key
        for item, key in zip(items, keys, strict=True)
    ]
    taken = Counter(names)
    return [name if name is not None and taken[name] == 1 else None for name in names]


def short_name(name: str) -> str:
    """A name cut at a word to :data:`MAX_NAME_LENGTH` characters, with an ellipsis."""
    if len(name) <= MAX_NAME_LENGTH:
        return name
    cut = name[: MAX_NAME_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "\u2026"


def match_items(old: Sequence[Any], new: Sequence[Any]) -> list[tuple[int, int]]:
    """``(old_index, new_index)`` of the items known to be the same in both lists.

    Equal items first, then items by ``id``, by name, by name and situations; at each
    stage only where the identity is unique among the items still unmatched on both
    sides (two fees both called "Passport fee" are told apart by ``when`` or not at all).
    """
    pairs: dict[int, int] = {}
    for identity in (_dumped, _slug_id, item_key, _name_and_situations):
        free_old = _unique(identity, old, (i for i in range(len(old)) if i not in pairs))
        taken_new = set(pairs.values())
        free_new = _unique(identity, new, (j for j in range(len(new)) if j not in taken_new))
        for value, old_index in free_old.items():
            if value in free_new:
                pairs[old_index] = free_new[value]
    return sorted(pairs.items())


def moved(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs whose item changed places: those outside the longest run kept in order.

    ``pairs`` are sorted by old index; the items of the longest subsequence whose new
    indexes also rise stayed where they were relative to each other.
    """
    # Patience sorting: tails[k] is the pair ending the best run of length k + 1.
    tails: list[int] = []
    previous: list[int | None] = []
    for position, (_, new_index) in enumerate(pairs):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if pairs[tails[middle]][1] < new_index:
                low = middle + 1
            else:
                high = middle
        previous.append(tails[low - 1] if low else None)
        if low == len(tails):
            tails.append(position)
        else:
            tails[low] = position
    kept: set[int] = set()
    at = tails[-1] if tails else None
    while at is not None:
        kept.add(at)
        at = previous[at]
    return {pair for position, pair in enumerate(pairs) if position not in kept}


def _unique(identity: Identity, items: Sequence[Any], indexes: Any) -> dict[str, int]:
    """Identity -> index, for the identities only one of ``indexes`` has."""
    found: dict[str, int] = {}
    repeated: set[str] = set()
    for index in indexes:
        value = identity(items[index])
        if value is None:
            continue
        if value in found:
            repeated.add(value)
        found[value] = index
    return {value: index for value, index in found.items() if value not in repeated}


def _dumped(item: Any) -> str:
    return json.dumps(item, sort_keys=True)


def _slug_id(item: Any) -> str | None:
    item_id = item.get("id") if isinstance(item, Mapping) else None
    return item_id if isinstance(item_id, str) and _SLUG_RE.fullmatch(item_id) else None


def _name_and_situations(item: Any) -> str | None:
    key = item_key(item)
    return _with_situations(item, key) if key is not None else None


def _with_situations(item: Any, key: str) -> str | None:
    when = read_when(item) if isinstance(item, Mapping) else ()
    return f"{', '.join(when)}: {key}" if when else None
