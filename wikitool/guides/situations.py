"""A guide's situations: the named cases its facts can be limited to.

A guide may declare ``situations`` (an id, a slug, mapped to a label in the guide's
language: ``abroad: You live abroad``); a fee, document, way to apply, deadline, time,
condition of eligibility or step group then says ``when: [abroad]`` to apply only in
those situations. An item without ``when`` applies in every situation.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

SITUATIONS_KEY = "situations"
WHEN_KEY = "when"


@dataclass(frozen=True)
class Situation:
    """One declared situation: ``id`` (a slug) and ``label`` (in the guide's language)."""

    id: str
    label: str


def read_situations(data: Mapping[str, Any]) -> tuple[Situation, ...]:
    """The situations a guide declares, in their order; malformed entries left out
    (``wikitool check`` refuses them)."""
    declared = data.get(SITUATIONS_KEY)
    if not isinstance(declared, Mapping):
        return ()
    return tuple(
        Situation(key, label.strip())
        for key, label in declared.items()
        if isinstance(key, str) and isinstance(label, str) and label.strip()
    )


def read_when(item: Mapping[str, Any]) -> tuple[str, ...]:
    """The situation ids an item is limited to (``()``: every situation)."""
    value = item.get(WHEN_KEY)
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def applies(when: Collection[str], situation: str | None) -> bool:
    """Whether an item limited to ``when`` applies in ``situation`` (``None``: the page
    shown without choosing one, where every item applies)."""
    return situation is None or not when or situation in when
