"""Front matter compared field by field, with paths a person can read (``fees[0].amount``;
an item of a list with ids by its id: ``channels[by-post].addresses[1]``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from difflib import SequenceMatcher
from typing import Any

from wikitool.diffing.alignment import Pair, pair_similar, value_similarity
from wikitool.diffing.changes import FieldChange, FieldChangeKind, PlainValue

Location = tuple[str | int, ...]
LineOf = Callable[[Location], int | None]
"""Finds the file line of a location in one version (``GuideSource.line_of``)."""

_PLAIN_KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_ITEM_ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def field_changes(
    old: Mapping[str, PlainValue],
    new: Mapping[str, PlainValue],
    *,
    old_line_of: LineOf | None = None,
    new_line_of: LineOf | None = None,
) -> list[FieldChange]:
    """Every value added, removed or changed between two front matters.

    Mappings are compared key by key (in the new order, a removed key where it was);
    lists are aligned, so inserting one document shows one added item rather than
    every later item changed, and an edited item shows as changes inside it.

    Args:
        old: the old front matter as plain data.
        new: the new front matter as plain data.
        old_line_of: finds file lines in the old version (for removals).
        new_line_of: finds file lines in the new version.
    """
    collector = _Collector(old_line_of, new_line_of)
    collector.compare((), old, new)
    return collector.changes


def field_path(location: Location, names: Mapping[Location, str] | None = None) -> str:
    """``("fees", 0, "amount")`` as ``fees[0].amount``; odd keys as ``["a key"]``; a list
    item ``names`` names (its ``id``) as ``channels[by-post]``."""
    parts: list[str] = []
    for depth, step in enumerate(location, start=1):
        name = names.get(location[:depth]) if names and isinstance(step, int) else None
        if name is not None:
            parts.append(f"[{name}]")
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
        """The ``id`` of list items, by location: paths name them by it."""

    def compare(self, location: Location, old: Any, new: Any) -> None:
        if _same(old, new):
            return
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            self._compare_mappings(location, old, new)
        elif isinstance(old, list) and isinstance(new, list):
            self._compare_lists(location, old, new)
        else:
            self._add(location, "changed", old, new)

    def _compare_mappings(
        self, location: Location, old: Mapping[str, Any], new: Mapping[str, Any]
    ) -> None:
        for key in _merged_keys(list(old), list(new)):
            if key not in new:
                self._add_whole((*location, key), "removed", old[key])
            elif key not in old:
                self._add_whole((*location, key), "added", new[key])
            else:
                self.compare((*location, key), old[key], new[key])

    def _compare_lists(self, location: Location, old: list[Any], new: list[Any]) -> None:
        dumped_old = [json.dumps(item, sort_keys=True) for item in old]
        dumped_new = [json.dumps(item, sort_keys=True) for item in new]
        matcher = SequenceMatcher(None, dumped_old, dumped_new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for old_index, new_index in _pair_items(old[i1:i2], new[j1:j2]):
                if old_index is None and new_index is not None:
                    at, item = (*location, j1 + new_index), new[j1 + new_index]
                    self._name(at, item)
                    self._add(at, "added", None, item)
                elif new_index is None and old_index is not None:
                    at, item = (*location, i1 + old_index), old[i1 + old_index]
                    self._name(at, item)
                    self._add(at, "removed", item, None)
                elif old_index is not None and new_index is not None:
                    old_item, new_item = old[i1 + old_index], new[j1 + new_index]
                    at = (*location, j1 + new_index)
                    self._name(at, old_item)
                    self._name(at, new_item)  # an edited id reads by its new one
                    self.compare(at, old_item, new_item)

    def _name(self, location: Location, item: Any) -> None:
        """Remember a list item's ``id`` (a slug, as channels have), or forget a stale one."""
        item_id = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(item_id, str) and _ITEM_ID_RE.fullmatch(item_id):
            self.names[location] = item_id
        else:
            self.names.pop(location, None)

    def _add_whole(self, location: Location, change: FieldChangeKind, value: Any) -> None:
        """A key added or removed; a list one change per item, easier to read than one."""
        if isinstance(value, list) and value:
            for index, item in enumerate(value):
                self._name((*location, index), item)
                self._add_whole((*location, index), change, item)
        elif change == "added":
            self._add(location, change, None, value)
        else:
            self._add(location, change, value, None)

    def _add(self, location: Location, change: FieldChangeKind, old: Any, new: Any) -> None:
        line_of = self.old_line_of if change == "removed" else self.new_line_of
        self.changes.append(
            FieldChange(
                path=field_path(location, self.names),
                location=location,
                change=change,
                old=old,
                new=new,
                line=line_of(location) if line_of is not None else None,
            )
        )


def _same(old: Any, new: Any) -> bool:
    """Equal as the site would show them: unlike ``==``, 1 is not 1.0 and not true."""
    return old is new or json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True)


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
