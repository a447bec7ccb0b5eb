"""A front matter field named the way the review diff names it, found in a guide.

The inverse of :func:`wikitool.diffing.fields.field_path`: ``fees`` is a top-level key,
``fees[0]`` a list item by its place (from 0, as the diff writes an unnamed item),
``fees[Online renewal]`` an item by its name (:func:`item_identity.item_names`, cut as
the diff cuts it), and ``.amount`` a key inside: ``fees[Online renewal].amount``.
Found, a field is named again as the diff would name it, so a place given by position
reads as the item's name (``fees[0]`` -> ``fees[Online renewal]``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wikitool.diffing.fields import Location, field_path
from wikitool.diffing.item_identity import item_names, short_name

_STEP_RE = re.compile(r"(?P<dot>\.?)(?P<key>[A-Za-z_][A-Za-z0-9_-]*)|\[(?P<item>[^\[\]]+)\]")


class ItemName(str):
    """A list item named by its name in a field path (``fees[Online renewal]``)."""


def parse_field_path(text: str) -> list[str | int | ItemName] | None:
    """``fees[Online renewal].amount`` as ``["fees", ItemName("Online renewal"),
    "amount"]``, ``fees[0]`` as ``["fees", 0]``; ``None`` when ``text`` is not a field
    path (it starts with a top-level key, then items and ``.keys``)."""
    steps: list[str | int | ItemName] = []
    at = 0
    while at < len(text):
        match = _STEP_RE.match(text, at)
        if match is None or (at == 0 and (match.group("key") is None or match.group("dot"))):
            return None
        if match.group("key") is not None and at > 0 and not match.group("dot"):
            return None  # "fees[0]amount"
        item = match.group("item")
        if item is None:
            steps.append(match.group("key"))
        else:
            item = item.strip()
            steps.append(int(item) if item.isdigit() else ItemName(item))
        at = match.end()
    return steps or None


def find_field(front_matter: Mapping[str, Any], text: str) -> str | None:
    """The field ``text`` names in ``front_matter``, named as the review diff names it,
    or ``None`` when it names nothing there."""
    steps = parse_field_path(text.strip())
    if steps is None:
        return None
    location: Location = ()
    names: dict[Location, str] = {}
    node: Any = front_matter
    for step in steps:
        if isinstance(step, str) and not isinstance(step, ItemName):
            if not isinstance(node, Mapping) or step not in node:
                return None
            location, node = (*location, step), node[step]
            continue
        if not isinstance(node, list):
            return None
        found = item_names(node)
        index = step if isinstance(step, int) else _named(found, step)
        if index is None or index >= len(node):
            return None
        location, node = (*location, index), node[index]
        name = found[index]
        if name is not None:
            names[location] = name
    return field_path(location, names)


def _named(names: list[str | None], wanted: str) -> int | None:
    """The place of the item named ``wanted`` (in full or cut as paths cut it; letter
    case aside)."""
    folded = " ".join(wanted.split()).casefold()
    for index, name in enumerate(names):
        if name is not None and folded in (name.casefold(), short_name(name).casefold()):
            return index
    return None
