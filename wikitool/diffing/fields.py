"""Front matter compared field by field, with paths a person can read: a list item by
its name (``fees[abroad: Passport fee].amount: 96 -> 99 EUR``,
``channels[By post].addresses[1]``), by its place when it has none (``tags[1]``)."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from difflib import SequenceMatcher
from typing import Any

from wikitool.diffing.alignment import Pair, pair_similar, value_similarity
from wikitool.diffing.changes import FieldChange, FieldChangeKind, PlainValue
from wikitool.diffing.item_identity import (
    ALTERNATIVE_PREFIX,
    ALTERNATIVES_KEY,
    item_names,
    match_items,
    moved,
    short_name,
)
from wikitool.diffing.situations_affected import Reach
from wikitool.guides.situations import WHEN_KEY

Location = tuple[str | int, ...]
LineOf = Callable[[Location], int | None]
"""Finds the file line of a location in one version (``GuideSource.line_of``)."""

_PLAIN_KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_UNIT_KEYS = {"amount": "currency", "value": "unit", "min": "unit", "max": "unit"}


def field_changes(
    old: Mapping[str, PlainValue],
    new: Mapping[str, PlainValue],
    *,
    old_line_of: LineOf | None = None,
    new_line_of: LineOf | None = None,
) -> list[FieldChange]:
    """Every value added, removed or changed between two front matters.

    Mappings are compared key by key (in the new order, a removed key where it was).
    In lists, items known to be the same (by ``id`` or name: ``item_identity``) are
    paired wherever they are, so a moved item reads as moved; the rest are aligned by
    likeness, so inserting one document shows one added item rather than every later
    item changed, and an edited item shows as changes inside it. ``when`` is one value
    (``in-country -> in-country, abroad``). Each change says the situations it affects.

    Args:
        old: the old front matter as plain data.
        new: the new front matter as plain data.
        old_line_of: finds file lines in the old version (for removals).
        new_line_of: finds file lines in the new version.
    """
    collector = _Collector(old_line_of, new_line_of)
    collector.compare((), old, new, Reach())
    return collector.changes


def field_path(location: Location, names: Mapping[Location, str] | None = None) -> str:
    """``("fees", 0, "amount")`` as ``fees[0].amount``; odd keys as ``["a key"]``; a list
    item ``names`` names as ``channels[By post]`` (an unnamed one by its place), and an
    alternative of a ``choose_one`` group as ``fees[one of: Online]``."""
    parts: list[str] = []
    for depth, step in enumerate(location, start=1):
        name = names.get(location[:depth]) if names and isinstance(step, int) else None
        if name is not None and location[depth - 2 : depth - 1] == (ALTERNATIVES_KEY,):
            # fees[one of: Online, Paper].choose_one[Online] says it twice.
            parts.pop()
            if parts and names and names.get(location[: depth - 2]) is not None:
                parts.pop()
            name = ALTERNATIVE_PREFIX + name
        if name is not None:
            parts.append(f"[{short_name(name)}]")
        elif isinstance(step, int):
            parts.append(f"[{step}]")
        elif _PLAIN_KEY_RE.fullmatch(step):
            parts.append(f".{step}" if parts else step)
        else:
            parts.append(f"[{json.dumps(step, ensure_ascii=False)}]")
    return "".join(parts)


class _Collector:
    """Walks two values side by side, collecting changes in reading order."""

    def __init__(self, old_line_of: LineOf | None, new_line_of: LineOf | None) -> None:
        self.old_line_of = old_line_of
        self.new_line_of = new_line_of
        self.changes: list[FieldChange] = []
        self.names: dict[Location, str] = {}
        """The names of list items, by location: paths name them by it."""

    def compare(
        self, location: Location, old: Any, new: Any, reach: Reach, unit: str | None = None
    ) -> None:
        if _same(old, new):
            return
        if location[-1:] == (WHEN_KEY,):
            # Which situations an item applies in is one fact, read as a whole.
            self._add(location, "changed", old, new, reach)
        elif isinstance(old, Mapping) and isinstance(new, Mapping):
            self._compare_mappings(location, old, new, reach)
        elif isinstance(old, list) and isinstance(new, list):
            self._compare_lists(location, old, new, reach)
        else:
            self._add(location, "changed", old, new, reach, unit)

    def _compare_mappings(
        self, location: Location, old: Mapping[str, Any], new: Mapping[str, Any], reach: Reach
    ) -> None:
        for key in _merged_keys(list(old), list(new)):
            if key not in new:
                self._add_whole((*location, key), "removed", old[key], reach)
            elif key not in old:
                self._add_whole((*location, key), "added", new[key], reach)
            else:
                unit = _unit(key, old, new)
                self.compare((*location, key), old[key], new[key], reach, unit)

    def _compare_lists(
        self, location: Location, old: list[Any], new: list[Any], reach: Reach
    ) -> None:
        old_names, new_names = item_names(old), item_names(new)
        for old_index, new_index, is_moved in _align(old, new):
            if new_index is None and old_index is not None:
                at, item = (*location, old_index), old[old_index]
                self._name(at, old_names[old_index])
                self._add(at, "removed", item, None, reach.into(item, None))
            elif new_index is not None:
                at, item = (*location, new_index), new[new_index]
                self._name(at, new_names[new_index])  # an edited name reads as the new one
                if old_index is None:
                    self._add(at, "added", None, item, reach.into(None, item))
                    continue
                old_item = old[old_index]
                inner = reach.into(old_item, item)
                if is_moved:
                    self._add(at, "moved", old_index + 1, new_index + 1, inner)
                self.compare(at, old_item, item, inner)

    def _name(self, location: Location, name: str | None) -> None:
        """Remember a list item's name, or forget a stale one at that location."""
        if name is not None:
            self.names[location] = name
        else:
            self.names.pop(location, None)

    def _add_whole(
        self, location: Location, change: FieldChangeKind, value: Any, reach: Reach
    ) -> None:
        """A key added or removed; a list one change per item, easier to read than one."""
        if isinstance(value, list) and value and location[-1] != WHEN_KEY:
            for index, (item, name) in enumerate(zip(value, item_names(value), strict=True)):
                self._name((*location, index), name)
                inner = reach.into(item, None) if change == "removed" else reach.into(None, item)
                self._add_whole((*location, index), change, item, inner)
        elif change == "added":
            self._add(location, change, None, value, reach)
        else:
            self._add(location, change, value, None, reach)

    def _add(
        self,
        location: Location,
        change: FieldChangeKind,
        old: Any,
        new: Any,
        reach: Reach,
        unit: str | None = None,
    ) -> None:
        line_of = self.old_line_of if change == "removed" else self.new_line_of
        self.changes.append(
            FieldChange(
                path=field_path(location, self.names),
                location=location,
                change=change,
                old=old,
                new=new,
                line=line_of(location) if line_of is not None else None,
                unit=unit,
                situations=reach.affected(location, change, old, new),
            )
        )


def _same(old: Any, new: Any) -> bool:
    """Equal as the site would show them: unlike ``==``, 1 is not 1.0 and not true."""
    return old is new or json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True)


def _align(old: list[Any], new: list[Any]) -> list[tuple[int | None, int | None, bool]]:
    """The items of two lists in reading order: ``(old_index, new_index, moved)``, with
    None for the side an item is missing from.

    Items known to be the same (:func:`match_items`) are paired wherever they are; the
    rest are aligned by likeness (:func:`_pair_rest`). A removed item comes just before
    the item that followed it.
    """
    pairs = match_items(old, new)
    matched_old, matched_new = {i for i, _ in pairs}, {j for _, j in pairs}
    rest_old = [i for i in range(len(old)) if i not in matched_old]
    rest_new = [j for j in range(len(new)) if j not in matched_new]
    removed: list[int] = []
    added: list[int] = []
    for a, b in _pair_rest([old[i] for i in rest_old], [new[j] for j in rest_new]):
        if a is not None and b is not None:
            pairs.append((rest_old[a], rest_new[b]))
        elif a is not None:
            removed.append(rest_old[a])
        elif b is not None:
            added.append(rest_new[b])
    pairs.sort()
    moves = moved(pairs)
    ordered: list[tuple[tuple[int, int, int], tuple[int | None, int | None, bool]]] = [
        ((j, 1, 0), (i, j, (i, j) in moves)) for i, j in pairs
    ]
    ordered += [((j, 1, 0), (None, j, False)) for j in added]
    # A removed item goes before the first new place of the items that followed it.
    first_after = [len(new)] * (len(pairs) + 1)
    for position in range(len(pairs) - 1, -1, -1):
        first_after[position] = min(pairs[position][1], first_after[position + 1])
    for i in removed:
        at = bisect_right(pairs, (i, len(new)))
        ordered.append(((first_after[at], 0, i), (i, None, False)))
    return [item for _, item in sorted(ordered, key=lambda entry: entry[0])]


def _pair_rest(old: list[Any], new: list[Any]) -> list[Pair]:
    """Align items not known to be the same: equal runs kept, edited items paired."""
    dumped_old = [json.dumps(item, sort_keys=True) for item in old]
    dumped_new = [json.dumps(item, sort_keys=True) for item in new]
    matcher = SequenceMatcher(None, dumped_old, dumped_new, autojunk=False)
    pairs: list[Pair] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        for a, b in _pair_items(old[i1:i2], new[j1:j2]):
            pairs.append((None if a is None else i1 + a, None if b is None else j1 + b))
    return pairs


def _unit(key: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str | None:
    """The currency of an amount, the unit of a time's value, when both versions share it."""
    unit_key = _UNIT_KEYS.get(key)
    unit = old.get(unit_key) if unit_key is not None else None
    if isinstance(unit, str) and unit_key is not None and unit == new.get(unit_key):
        return unit.replace("_", " ")
    return None


def _pair_items(old: list[Any], new: list[Any]) -> list[Pair]:
    """Pair edited list items by likeness; pair what is left one for one.

    Likeness finds the edited item among inserted ones. Items replaced one for one
    by unlike ones read best as edits too (``tags[1]: "travel" -> "trips"``,
    ``fees[0].amount: 40 -> 45``), rather than a removal and an addition.
    """
    pairs: list[Pair] = []
    removed: list[int] = []
    added: list[int] = []
    for old_index, new_index in [*pair_similar(old, new, value_similarity), (None, None)]:
        if old_index is not None and new_index is None:
            removed.append(old_index)
            continue
        if old_index is None and new_index is not None:
            added.append(new_index)
            continue
        # A pair (or the end): the removals and additions before it are settled.
        if len(removed) == len(added):
            pairs += zip(removed, added, strict=True)
        else:
            pairs += [(index, None) for index in removed] + [(None, index) for index in added]
        removed, added = [], []
        if old_index is not None:
            pairs.append((old_index, new_index))
    return pairs


def _merged_keys(old: list[str], new: list[str]) -> list[str]:
    """The new keys in order, each removed key placed after the key it followed."""
    merged = list(new)
    present = set(new)
    previous: str | None = None
    for key in old:
        if key not in present:
            position = merged.index(previous) + 1 if previous is not None else 0
            merged.insert(position, key)
            present.add(key)
        previous = key
    return merged
