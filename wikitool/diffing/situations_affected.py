"""Which of a guide's situations a change affects.

Each field change knows the situations of the items it is inside, before and after
(``when``, narrowed by an enclosing item's own): changing a fee limited to ``abroad``
affects ``abroad``; moving it from ``in-country`` to ``abroad`` affects both; a change
to anything without ``when`` (a title, a fee for everyone) affects every situation. A
changed line of the text affects the situations of the step group it is in, before and
after (``### Apply from abroad {when: abroad}``, read by ``guides/steps.py``); any other
line of the text, every situation.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wikitool.diffing.changes import AffectedSituations, BodyHunk, FieldChange, FieldChangeKind
from wikitool.guides.frontmatter import GuideSource
from wikitool.guides.situations import SITUATIONS_KEY, Situation, read_situations, read_when
from wikitool.guides.steps import read_steps

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
    text: Sequence[tuple[str, ...]],
) -> AffectedSituations | None:
    """The situations a change to a guide affects, or None if neither version declares any.

    Args:
        old: the old front matter as plain data (empty for a new guide).
        new: the new front matter as plain data (empty for a deleted guide).
        fields: the field changes between them (:func:`~wikitool.diffing.fields.field_changes`).
        text: the situations each changed line of the text affects (:func:`text_situations`).
    """
    declared = {s.id: s for s in (*read_situations(old), *read_situations(new))}
    if not declared:
        return None
    each = [*(change.situations for change in fields), *text]
    if any(not situations for situations in each):
        return AffectedSituations(every=True)
    ids = {situation for situations in each for situation in situations}
    known = [s for s in _in_new_order(old, new) if s.id in ids]
    unknown = [Situation(i, i) for i in sorted(ids - declared.keys())]  # check refuses these
    return AffectedSituations(every=False, situations=(*known, *unknown))


def text_situations(
    old: GuideSource | None, new: GuideSource | None, hunks: Sequence[BodyHunk]
) -> list[tuple[str, ...]]:
    """The situations each changed line of ``hunks`` affects, ``()`` for every one.

    A line in a step group limited to situations (``{when: ...}``) affects those, on the
    side (old, new or both) it is changed on; any other line of the text affects every
    situation. Lines of the front matter (a diff of the whole file, when only its wording
    changed) are left to the field changes.
    """
    old_scope, new_scope = _line_scopes(old), _line_scopes(new)
    found: list[tuple[str, ...]] = []
    for hunk in hunks:
        for line in hunk.lines:
            if line.kind == "context":
                continue
            # A line has the number of each side it is on: old removed, new added, both changed.
            sides = [
                side
                for side in (old_scope(line.old_line), new_scope(line.new_line))
                if side is not None
            ]
            if sides:
                found.append(() if any(not side for side in sides) else _union(sides))
    return found


def _line_scopes(source: GuideSource | None) -> Callable[[int | None], tuple[str, ...] | None]:
    """Finds the situations of a file line of ``source`` (its step group's ``when``), or
    None for no line of the text."""
    if source is None:
        return lambda _: None
    lang = source.data().get("lang")
    steps = read_steps(source.body, lang if isinstance(lang, str) else "")
    groups = [g for g in steps.groups if g.line is not None] if steps is not None else []
    starts = [g.line for g in groups if g.line is not None]

    def scope(file_line: int | None) -> tuple[str, ...] | None:
        index = None if file_line is None else file_line - source.body_line
        if index is None or index < 0:
            return None
        if steps is None or not steps.heading.index < index < steps.end:
            return ()
        position = bisect_right(starts, index) - 1
        return groups[position].when if position >= 0 else ()

    return scope


def _union(sides: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(sorted({situation for side in sides for situation in side}))


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
