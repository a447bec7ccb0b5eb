"""Which of a guide's situations a change affects, read from the front matter.

Each field change knows the situations of the items it is inside, before and after
(``when``, narrowed by an enclosing item's own): changing a fee limited to ``abroad``
affects ``abroad``; moving it from ``in-country`` to ``abroad`` affects both; a change
to anything without ``when`` (a title, a fee for everyone) affects every situation, and
so does any change to the text: which step group a text change falls in (``### Title
{when: abroad}``) is not read here yet, so the text is taken to concern everyone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wikitool.diffing.changes import AffectedSituations, FieldChange, FieldChangeKind
from wikitool.guides.situations import SITUATIONS_KEY, Situation, read_situations, read_when

Scope = frozenset[str] | None
"""The situations a value applies in; None: every one."""


@dataclass(frozen=True)
class Reach:
    """The situations the old and the new version of a value apply in."""

    old: Scope = None
    new: Scope = None

    def into(self, old_item: Any, new_item: Any) -> Reach:
        """The reach inside a list item, narrowed by its ``when`` on each side."""
        return Reach(_narrow(self.old, old_item), _narrow(self.new, new_item))

    def affected(
        self, location: tuple[str | int, ...], change: FieldChangeKind, old: Any, new: Any
    ) -> tuple[str, ...]:
        """The situation ids a change at ``location`` affects, sorted; ``()``: every one."""
        if location[:1] == (SITUATIONS_KEY,):
            if len(location) > 1:
                return (str(location[1]),)
            declared = [v for v in (old, new) if isinstance(v, Mapping)]
            return tuple(sorted({str(key) for value in declared for key in value}))
        sides = {"removed": (self.old,), "added": (self.new,)}.get(change, (self.old, self.new))
        if any(side is None for side in sides):
            return ()
        return tuple(sorted(set().union(*(side for side in sides if side is not None))))


def affected_situations(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    fields: Sequence[FieldChange],
    *,
    text_changed: bool,
) -> AffectedSituations | None:
    """The situations a change to a guide affects, or None if neither version declares any.

    Args:
        old: the old front matter as plain data (empty for a new guide).
        new: the new front matter as plain data (empty for a deleted guide).
        fields: the field changes between them (:func:`~wikitool.diffing.fields.field_changes`).
        text_changed: whether the text (or a front matter that could not be read) changed;
            it counts as every situation.
    """
    declared = {s.id: s for s in (*read_situations(old), *read_situations(new))}
    if not declared:
        return None
    if text_changed or any(not change.situations for change in fields):
        return AffectedSituations(every=True)
    ids = {situation for change in fields for situation in change.situations}
    known = [s for s in _in_new_order(old, new) if s.id in ids]
    unknown = [Situation(i, i) for i in sorted(ids - declared.keys())]  # check refuses these
    return AffectedSituations(every=False, situations=(*known, *unknown))


def _in_new_order(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Situation]:
    """Declared situations with their new labels in the new order, then the removed ones."""
    current = list(read_situations(new))
    ids = {s.id for s in current}
    return current + [s for s in read_situations(old) if s.id not in ids]


def _narrow(scope: Scope, item: Any) -> Scope:
    when = read_when(item) if isinstance(item, Mapping) else ()
    if not when:
        return scope
    return frozenset(when) if scope is None else scope & frozenset(when)
