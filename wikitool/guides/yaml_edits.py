"""Edits to round-trip front matter that keep comment lines where the author put them.

ruamel.yaml keeps the comment lines after a block entry on that entry's deepest last
value (with its own end-of-line comment, if any, before them), whatever they are about:
in practice they introduce what comes next. So when an entry is added last, removed, or
moved, those lines stay put in the text: they pass to the entry that now precedes them,
or before the new first entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

Collection = CommentedMap | CommentedSeq
Following = tuple[str, Any]
"""Comment lines after an entry, and where they were read (ruamel's mark)."""
_NONE: Following = ("", None)

# A collection's per-entry comment slots, and which of them holds the lines after it.
_SLOTS = {CommentedMap: 4, CommentedSeq: 2}
_AFTER = {CommentedMap: 2, CommentedSeq: 0}


def set_entry(collection: Collection, key: str | int, value: Any) -> None:
    """Set ``collection[key]`` (an existing item of a list); a new key of a mapping goes
    last, before the lines that followed the mapping.

    An equal value leaves the entry as written (quotes and all); a mapping or list set
    on one is merged into it, so its style (``[a, b]`` or a block), key order and
    comments stay and only what differs is rewritten.
    """
    if isinstance(collection, CommentedSeq) or key in collection:
        if _same(collection[key], value) or _merged(collection[key], value):
            return
        following = _take_following(collection, key)
        collection[key] = round_trip(value)
        _give_following(collection, key, following)
        return
    keys = list(collection)
    following = _take_following(collection, keys[-1]) if keys else _NONE
    collection[key] = round_trip(value)
    _give_following(collection, key, following)


def _merged(current: Any, value: Any) -> bool:
    """Make the collection ``current`` hold ``value`` entry by entry, if they are of a kind."""
    if isinstance(current, CommentedMap) and isinstance(value, Mapping):
        for key in [key for key in current if key not in value]:
            remove_entry(current, key)
        for key, item in value.items():
            set_entry(current, key, item)
        return True
    if isinstance(current, CommentedSeq) and isinstance(value, list):
        while len(current) > len(value):
            remove_entry(current, len(current) - 1)
        for index, item in enumerate(value):
            if index < len(current):
                set_entry(current, index, item)
            else:
                insert_item(current, index, item)
        return True
    return False


def _same(current: Any, value: Any) -> bool:
    """Whether two plain values are equal and of one kind (``1`` is not ``true``)."""
    kind = _kind(current)
    return kind is not None and kind is _kind(value) and bool(current == value)


def _kind(value: Any) -> type | None:
    kinds = (bool, int, float, str, dt.datetime, dt.date)  # bool before int, datetime before date
    return next((kind for kind in kinds if isinstance(value, kind)), None)


def insert_item(sequence: CommentedSeq, place: int, value: Any) -> None:
    """Insert ``value`` at ``place`` (0 to ``len``); last, it goes before the lines that
    followed the list."""
    if place < len(sequence) or not sequence:
        sequence.insert(place, round_trip(value))
        return
    following = _take_following(sequence, len(sequence) - 1)
    sequence.append(round_trip(value))
    _give_following(sequence, len(sequence) - 1, following)


def remove_entry(collection: Collection, key: str | int) -> Any:
    """Remove and return an entry; the lines after it pass to the entry before it."""
    keys = list(collection) if isinstance(collection, CommentedMap) else range(len(collection))
    position = list(keys).index(key)
    following = _take_following(collection, key)
    value = collection.pop(key)  # type: ignore[arg-type]  # a key of this collection
    if position > 0:
        _give_following(collection, list(keys)[position - 1], following)
    elif len(collection):
        _give_before_first(collection, following)
    return value


def move_item(sequence: CommentedSeq, index: int, place: int) -> None:
    """Move item ``index`` to ``place`` of the list it is in."""
    insert_item(sequence, place, remove_entry(sequence, index))


def replace_key(mapping: CommentedMap, old: str, new: str, value: Any) -> None:
    """Put ``new: value`` where ``old`` was, with the comments around ``old``: its key's,
    and those after its last line (end-of-line comment and following lines alike)."""
    position = list(mapping).index(old)
    comment = mapping.ca.items.pop(old, None)
    trailing = _after_tail(mapping, old) if _is_filled(mapping[old]) else None
    mapping.pop(old)
    mapping.insert(position, new, value)
    if comment is not None:
        mapping.ca.items[new] = comment
    if trailing is not None and _is_filled(value):
        holder, index = _tail(mapping, new)
        slots = holder.ca.items.setdefault(index, [None] * _SLOTS[type(holder)])
        slots[_AFTER[type(holder)]] = trailing


def _is_filled(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0


def _after_tail(collection: Collection, key: Any) -> Any:
    holder, index = _tail(collection, key)
    slots = holder.ca.items.get(index)
    return slots[_AFTER[type(holder)]] if slots else None


def round_trip(value: Any) -> Any:
    """Plain mappings and lists as round-trip ones (which can hold comments), in block style."""
    if isinstance(value, Mapping) and not isinstance(value, CommentedMap):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = round_trip(item)
        return mapping
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        return CommentedSeq(round_trip(item) for item in value)
    return value


def _tail(collection: Collection, key: Any) -> tuple[Collection, Any]:
    """The innermost collection and key holding the last line of ``collection[key]``."""
    holder, index, value = collection, key, collection[key]
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        holder = value
        index = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        value = value[index]
    return holder, index


def _take_following(collection: Collection, key: Any) -> Following:
    """Take the comment lines after an entry off it (its end-of-line comment stays)."""
    holder, index = _tail(collection, key)
    slots = holder.ca.items.get(index)
    token = _after_tail(collection, key)
    if token is None:
        return _NONE
    own, _, following = token.value.partition("\n")
    if following:
        slots[_AFTER[type(holder)]] = CommentToken(own + "\n", token.start_mark) if own else None
    return str(following), token.start_mark


def _give_before_first(collection: Collection, following: Following) -> None:
    """Put comment lines before a collection's first entry, after any it has."""
    lines, _ = following
    if not lines:
        return
    comment = collection.ca.comment
    if comment is not None and comment[0] is not None:
        # After the comment ending the collection's key line (``fees:  # checked``):
        # the token is shared with the parent mapping, so it is changed in place.
        token = comment[0]
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + lines
        return
    text = lines.lstrip(" ")
    token = CommentToken(text, CommentMark(len(lines) - len(text)))
    if collection.ca.comment is None:
        collection.ca.comment = [None, [token]]
    elif collection.ca.comment[1]:
        collection.ca.comment[1].append(token)
    else:
        collection.ca.comment[1] = [token]


def _give_following(collection: Collection, key: Any, following: Following) -> None:
    """Put comment lines after an entry, after any it has."""
    lines, mark = following
    if not lines:
        return
    holder, index = _tail(collection, key)
    slots = holder.ca.items.setdefault(index, [None] * _SLOTS[type(holder)])
    after = _AFTER[type(holder)]
    token = slots[after]
    if token is None:
        slots[after] = CommentToken("\n" + lines, mark)
    else:
        text = token.value if token.value.endswith("\n") else token.value + "\n"
        slots[after] = CommentToken(text + lines, token.start_mark)
