"""The guide a list of changes makes: the guide at the suggestion's base with each
entry (``changes.py``) applied in order.

Front matter is edited round trip (``guides/yaml_edits.py``: comments, key order and
quoting kept; ``dump_guide`` rewrites only the lines an edit touched) and the body's
lines are replaced in place, so a one-fee change is a one-line diff. The result is then
checked exactly like a whole ``content`` suggestion; a refusal is named after the entry
it is about (``change_for_problem``). ``editable_parts`` is what the form editor is given
to edit (``editable_parts.py``): what these entries address, read the way they are applied.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from wikitool.errors import GuideError, SuggestionError
from wikitool.guides.frontmatter import dump_guide, parse_guide
from wikitool.guides.markdown_body import headings
from wikitool.guides.steps import Step, StepGroup, StepList, read_steps
from wikitool.guides.yaml_edits import insert_item, move_item, remove_entry, set_entry
from wikitool.suggestions.changes import (
    FIELD_PATH_RE,
    Change,
    FieldChange,
    Location,
    SectionChange,
    StepChange,
    field_location,
)
from wikitool.suggestions.editable_parts import in_steps, section_text_lines, step_places

_ITEM_MARKER_RE = re.compile(
    r"^(?P<indent> {0,3})(?:(?P<number>\d{1,9})(?P<dot>\.)|(?P<bullet>[-*+]))(?P<space>[ \t]+)"
)
_ITEM_START_RE = re.compile(r"^ {0,3}(?:\d{1,9}\.|[-*+])[ \t]+\S")


@dataclass
class _Body:
    """The body's lines being edited, and the lines each change wrote (to name it when
    a check later refuses one of them)."""

    lines: list[str]
    written: list[tuple[Change, int, int]] = field(default_factory=list)

    def replace(self, start: int, end: int, new: list[str], change: Change) -> None:
        self.lines[start:end] = new
        shift = len(new) - (end - start)
        self.written = [
            (other, first + shift if first >= end else first, count)
            for other, first, count in self.written
            if not start <= first < end  # its lines are gone
        ]
        if new:
            self.written.append((change, start, len(new)))


@dataclass(frozen=True)
class AppliedChanges:
    """The guide a change list makes, and which change wrote each line of its body."""

    text: str
    by_line: Mapping[int, Change]
    """File line (1-based) of the body -> the last change that wrote it."""
    path: str = ""


def apply_changes(
    base_text: str, changes: Sequence[Change], *, path: str, base: str
) -> AppliedChanges:
    """The guide ``base_text`` with ``changes`` applied, written round trip.

    Args:
        base_text: the guide as it is at the suggestion's base.
        changes: from :func:`parse_changes`.
        path: the guide's path, for messages.
        base: the base commit id, for messages (shown short).

    Raises:
        SuggestionError: an entry names a field, step or section the guide does not
            have at ``base``, or asks what its list cannot do; names the entry.
    """
    try:
        guide = parse_guide(base_text, path)
    except GuideError as exc:
        raise SuggestionError(
            f"{path} at base {base[:7]} cannot be edited field by field: {exc}"
        ) from None
    at_base = f"in the guide at base {base[:7]}"
    lang = guide.front_matter.get("lang")
    body = _Body(guide.body.split("\n"))
    for change in changes:
        if isinstance(change, FieldChange):
            _apply_field(guide.front_matter, change, at_base)
        elif isinstance(change, StepChange):
            _apply_step(body, change, lang if isinstance(lang, str) else "", at_base)
        else:
            _apply_section(body, change, lang if isinstance(lang, str) else "", at_base)
    guide.body = "\n".join(body.lines)
    text = dump_guide(guide)
    body_line = text.count("\n") - guide.body.count("\n") + 1  # CRLF counts once too
    by_line = {
        body_line + first + offset: change
        for change, first, count in body.written
        for offset in range(count)
    }
    return AppliedChanges(text, by_line, path)


def _field_lines(text: str, path: str, changes: Sequence[Change]) -> dict[int, Change]:
    """The line of what each field change wrote, where it still is in the new guide."""
    try:
        written = parse_guide(text, path)
    except GuideError:
        return {}  # the checks will say why
    found: dict[int, Change] = {}
    for change in changes:
        if not isinstance(change, FieldChange) or change.op == "remove":
            continue
        location = change.location
        if change.op == "insert":
            location = (*location, change.place)
        elif change.op == "move":
            location = (*location[:-1], change.place)
        line = written.line_of(location)
        if line is not None and _exists(written.front_matter, location):
            found[line] = change
    return found


def _exists(front_matter: CommentedMap, location: Location) -> bool:
    node: Any = front_matter
    for step in location:
        if not _has(node, step):
            return False
        node = node[step]
    return True


def _apply_field(front_matter: CommentedMap, change: FieldChange, at_base: str) -> None:
    missing = SuggestionError(f"{change.named}: no such field {at_base}")
    parent: Any = front_matter
    for step in change.location[:-1]:
        if not _has(parent, step):
            raise missing
        parent = parent[step]
    last = change.location[-1]
    # A mapping may gain a key (a note on a fee); the schema judges which keys exist.
    adding = change.op == "set" and isinstance(parent, CommentedMap) and isinstance(last, str)
    if not adding and not _has(parent, last):
        raise missing
    if change.op == "set":
        set_entry(parent, last, change.value)
    elif change.op == "remove":
        remove_entry(parent, last)
    elif change.op == "insert":
        target = parent[last]
        if not isinstance(target, CommentedSeq):
            raise SuggestionError(f"{change.named}: is not a list: insert adds an item to a list")
        if change.place > len(target):
            raise SuggestionError(
                f"{change.named}: cannot insert at place {change.place}: the list has "
                f"{len(target)} items {at_base}"
            )
        insert_item(target, change.place, change.value)
    else:
        assert isinstance(parent, CommentedSeq) and isinstance(last, int)
        if change.place >= len(parent):
            raise SuggestionError(
                f"{change.named}: cannot move to place {change.place}: the list has "
                f"{len(parent)} items {at_base}"
            )
        move_item(parent, last, change.place)


def _has(container: Any, step: str | int) -> bool:
    if isinstance(container, CommentedMap):
        return isinstance(step, str) and step in container
    if isinstance(container, CommentedSeq):
        return isinstance(step, int) and step < len(container)
    return False


def _apply_step(body: _Body, change: StepChange, lang: str, at_base: str) -> None:
    lines = body.lines
    places = _step_places("\n".join(lines), lang)
    if change.step >= len(places):
        raise SuggestionError(
            f"{change.named}: no such step {at_base} (it has {_count_steps(len(places))})"
        )
    _, step_list, step = places[change.step]
    marker = _ITEM_MARKER_RE.match(lines[step.line])
    assert marker is not None  # read_steps read this line as a list item
    if change.op == "text":
        body.replace(step.line, step.line + 1, [marker.group(0) + change.text], change)
        return
    end = _item_end(lines, step, step_list)
    if change.op == "remove":
        if len(step_list.steps) == 1:
            raise SuggestionError(
                f"{change.named}: is the only step of its list: a list of steps needs at "
                "least one; reword it instead"
            )
        body.replace(step.line, end, [], change)
        return
    number = marker.group("number")
    if number is not None and change.op == "after":
        number = str(int(number) + 1)
    prefix = (
        marker.group("indent")
        + (f"{number}." if number is not None else marker.group("bullet"))
        + marker.group("space")
    )
    at = step.line if change.op == "before" else end
    body.replace(at, at, [prefix + change.text], change)


def _count_steps(count: int) -> str:
    return f"{count} steps: steps[0] to steps[{count - 1}]" if count else "no steps"


def _item_end(lines: list[str], step: Step, step_list: StepList) -> int:
    """The line after a step's item: its continuation lines belong to it."""
    later = [s.line for s in step_list.steps if s.line > step.line]
    if later:
        return later[0]
    end = step.line + 1
    while end < len(lines) and lines[end].strip() and not _ITEM_START_RE.match(lines[end]):
        end += 1
    return end


def _apply_section(body: _Body, change: SectionChange, lang: str, at_base: str) -> None:
    lines = body.lines
    text = "\n".join(lines)
    found = headings(text)
    named = [h for h in found if h.text.strip().casefold() == change.section.casefold()]
    if not named:
        raise SuggestionError(f"{change.named}: no such section {at_base}")
    if len(named) > 1:
        raise SuggestionError(f"{change.named}: {len(named)} sections have this heading {at_base}")
    heading = named[0]
    if in_steps(heading, read_steps(text, lang)):
        raise SuggestionError(f"{change.named}: change the steps one by one, with step entries")
    start, end = section_text_lines(lines, heading, found)
    if start == end:  # a section without text yet: the text gets blank lines around it
        at = heading.index + 1
        body.replace(at, at, ["", *change.text.split("\n")], change)
        return
    body.replace(start, end, change.text.split("\n"), change)


def _step_places(body: str, lang: str) -> list[tuple[StepGroup, StepList, Step]]:
    """Every step of the steps section in page order, with its group and list: the
    place of a step in this list is its ``step`` in a change list."""
    return step_places(read_steps(body, lang))


def change_for_problem(
    message: str, applied: AppliedChanges, changes: Sequence[Change]
) -> Change | None:
    """The change a check's refusal is about, if one is: the last field change on the
    path it names (``fees[0].amount: ...``), or the change that wrote its line."""
    if not changes:
        return None
    named = re.search(r": (?P<field>" + FIELD_PATH_RE.pattern + r"): ", message)
    if named is not None:
        location = field_location(named.group("field"))
        for change in reversed(changes):
            if isinstance(change, FieldChange):
                shorter = min(len(location), len(change.location))
                if location[:shorter] == change.location[:shorter]:
                    return change
    lines = [int(a or b) for a, b in re.findall(r"^[^:]*:(\d+): |on line (\d+)", message)]
    if not lines:
        return None
    # The front matter's lines are found only now: a guide that passes never pays for it.
    by_line = {**_field_lines(applied.text, applied.path, changes), **applied.by_line}
    return next((by_line[line] for line in lines if line in by_line), None)
