"""A suggestion given as a list of changes, applied to the guide as it was at its base.

The site's form editor sends what the citizen changed, not the whole guide (README, "The
suggestion format"). Three kinds of entry, applied in order, each to the guide as the
ones before it left it:

- a front-matter field, by a path like the checks' (``fees[1].amount``, 0-based
  places): ``set`` a value, ``insert`` an item into a list at a place, ``remove`` a key
  or an item, ``move`` an item to another place of its list;
- a step (the ``step``-th item of the steps section, 1-based, as ``guides/steps.py``
  reads them in page order): new ``text``, ``remove``, or ``insert`` a step ``before`` or
  ``after`` it in its list;
- a section's text (``section``: its heading), the paragraphs under the heading.

Front matter is rewritten by the round-trip writer (comments, key order and quoting
kept) and the body's lines are replaced in place, so a one-fee change is a one-line
diff. The result is then checked exactly like a whole ``content`` suggestion.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from wikitool.errors import GuideError, SuggestionError
from wikitool.guides.frontmatter import dump_guide, parse_guide
from wikitool.guides.markdown_body import headings
from wikitool.guides.plain_yaml import MAX_DEPTH, MAX_SCALAR_CHARS
from wikitool.guides.steps import Step, StepList, read_steps
from wikitool.guides.yaml_edits import insert_item, move_item, remove_entry, set_entry

MAX_CHANGES = 100
"""Most entries one suggestion may hold (a form edit of a whole guide makes about 40)."""
MAX_STEP_CHARS = 2_000
MAX_PATH_CHARS = 200
"""Longest field path or section heading (a guide's deepest is about 40 characters)."""
MAX_SECTION_CHARS = 20_000

FieldOp = Literal["set", "insert", "remove", "move"]
StepOp = Literal["text", "remove", "before", "after"]
Location = tuple[str | int, ...]

_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
_FIELD_RE = re.compile(rf"{_NAME}(?:\.{_NAME}|\[\d{{1,4}}\])*")
_STEP_RE = re.compile(rf"(?P<step>{_NAME}|\[\d{{1,4}}\])")
_ITEM_MARKER_RE = re.compile(
    r"^(?P<indent> {0,3})(?:(?P<number>\d{1,9})(?P<dot>\.)|(?P<bullet>[-*+]))(?P<space>[ \t]+)"
)
# A line of = or - under a line of text makes it a heading (Markdown's "setext" style).
_SETEXT_RE = re.compile(r"[^\n]*\S[^\n]*\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)")
_ITEM_START_RE = re.compile(r"^ {0,3}(?:\d{1,9}\.|[-*+])[ \t]+\S")
_ENTRY_KEYS = {
    "field": {"field", "set", "insert", "value", "remove", "move"},
    "step": {"step", "text", "remove", "insert"},
    "section": {"section", "text"},
}


@dataclass(frozen=True)
class FieldChange:
    """A change to one front-matter field (``fees[1].amount``)."""

    number: int
    field: str
    location: Location
    op: FieldOp
    value: Any = None
    place: int = 0
    """Where ``insert`` puts the new item, or where ``move`` takes the item."""

    @property
    def named(self) -> str:
        return f"changes[{self.number}] ({self.field})"


@dataclass(frozen=True)
class StepChange:
    """New text for a step, a step removed, or a step inserted beside it."""

    number: int
    step: int
    op: StepOp
    text: str = ""

    @property
    def named(self) -> str:
        return f"changes[{self.number}] (step {self.step})"


@dataclass(frozen=True)
class SectionChange:
    """New text for the paragraphs under a section's heading."""

    number: int
    section: str
    text: str

    @property
    def named(self) -> str:
        return f"changes[{self.number}] (section {self.section!r})"


Change = FieldChange | StepChange | SectionChange


# -- reading the list -----------------------------------------------------------------


def parse_changes(value: Any, *, source: str = "suggestion") -> tuple[Change, ...]:
    """Check the shape of a ``changes`` list (not yet against any guide).

    Raises:
        SuggestionError: not a list, empty, too long, or an entry that is malformed
            (``suggestion: changes[2]: 'set' and 'remove' cannot be used together``).
    """
    if not isinstance(value, list):
        raise SuggestionError(f"{source}: changes must be a list of changes")
    if not value:
        raise SuggestionError(f"{source}: changes is empty: say what you changed")
    if len(value) > MAX_CHANGES:
        raise SuggestionError(
            f"{source}: changes has more than {MAX_CHANGES} entries: "
            "send the whole guide as content instead"
        )
    return tuple(_entry(entry, number, source) for number, entry in enumerate(value))


def _entry(entry: Any, number: int, source: str) -> Change:
    where = f"{source}: changes[{number}]"
    if not isinstance(entry, Mapping):
        raise SuggestionError(f"{where}: must be an object with field, step or section")
    kinds = [kind for kind in _ENTRY_KEYS if kind in entry]
    if len(kinds) != 1:
        raise SuggestionError(f"{where}: needs exactly one of field, step and section")
    kind = kinds[0]
    unknown = sorted(set(entry) - _ENTRY_KEYS[kind], key=str)
    if unknown:
        raise SuggestionError(f"{where}: unknown key {_shown(unknown[0])} in a {kind} change")
    if kind == "field":
        return _field_entry(entry, number, where)
    if kind == "step":
        return _step_entry(entry, number, where)
    section = entry["section"]
    if not isinstance(section, str) or not section.strip() or len(section) > MAX_PATH_CHARS:
        raise SuggestionError(f"{where}: section must be a heading's text")
    named = f"{where} (section {section.strip()!r})"
    text = _text(entry, named, MAX_SECTION_CHARS, lines=True)
    if headings(text) or _SETEXT_RE.search(text):
        raise SuggestionError(f"{named}: text cannot hold a heading")
    return SectionChange(number, section.strip(), text)


def _field_entry(entry: Mapping[str, Any], number: int, where: str) -> FieldChange:
    field = entry["field"]
    if not isinstance(field, str) or len(field) > MAX_PATH_CHARS or not _FIELD_RE.fullmatch(field):
        raise SuggestionError(
            f"{where}: field must be a path such as fees[1].amount, got {_shown(field)}"
        )
    location = _location(field)
    ops = [op for op in ("set", "insert", "remove", "move") if op in entry]
    if len(ops) != 1:
        raise SuggestionError(f"{where} ({field}): needs exactly one of set, insert, remove, move")
    op: FieldOp = ops[0]  # type: ignore[assignment]  # one of the four literals above
    if "value" in entry and op != "insert":
        raise SuggestionError(f"{where} ({field}): value goes with insert; set takes its own value")
    if op == "set":
        return FieldChange(number, field, location, op, _value(entry["set"], f"{where} ({field})"))
    if op == "remove":
        if entry["remove"] is not True:
            raise SuggestionError(f"{where} ({field}): remove must be true")
        return FieldChange(number, field, location, op)
    place = entry[op]
    if not _is_place(place):
        raise SuggestionError(f"{where} ({field}): {op} must be a place in the list (0, 1, ...)")
    if op == "move":
        if not isinstance(location[-1], int):
            raise SuggestionError(f"{where} ({field}): move takes a list item, such as channels[0]")
        return FieldChange(number, field, location, op, place=place)
    if "value" not in entry:
        raise SuggestionError(f"{where} ({field}): insert needs the new item as value")
    value = _value(entry["value"], f"{where} ({field})")
    return FieldChange(number, field, location, op, value, place)


def _step_entry(entry: Mapping[str, Any], number: int, where: str) -> StepChange:
    step = entry["step"]
    if not _is_place(step) or step < 1:
        raise SuggestionError(f"{where}: step must be a step's number (1, 2, ...)")
    named = f"{where} (step {step})"
    if "remove" in entry:
        if entry["remove"] is not True:
            raise SuggestionError(f"{named}: remove must be true")
        if len(entry) != 2:
            raise SuggestionError(f"{named}: remove takes no text or insert")
        return StepChange(number, step, "remove")
    if "text" not in entry:
        raise SuggestionError(f"{named}: needs text, or remove: true")
    text = _text(entry, named, MAX_STEP_CHARS, lines=False)
    if "insert" not in entry:
        return StepChange(number, step, "text", text)
    if entry["insert"] not in ("before", "after"):
        raise SuggestionError(f'{named}: insert must be "before" or "after"')
    return StepChange(number, step, entry["insert"], text)


def _text(entry: Mapping[str, Any], where: str, limit: int, *, lines: bool) -> str:
    text = entry.get("text")
    if not isinstance(text, str):
        raise SuggestionError(f"{where}: text must be text")
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise SuggestionError(f"{where}: text is empty")
    if len(text) > limit:
        raise SuggestionError(f"{where}: text is longer than {limit} characters")
    if not lines and ("\n" in text or "\r" in text):
        raise SuggestionError(f"{where}: a step's text is one line")
    return text


def _is_place(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10_000


def _value(value: Any, where: str, depth: int = 0) -> Any:
    """A new value: plain data only (text, numbers, true/false, lists and mappings)."""
    if depth > MAX_DEPTH:
        raise SuggestionError(f"{where}: the value is nested too deeply")
    if isinstance(value, int):  # true and false too
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SuggestionError(f"{where}: numbers must be finite")
        return value
    if isinstance(value, str):
        if len(value) > MAX_SCALAR_CHARS:
            raise SuggestionError(f"{where}: a value is longer than {MAX_SCALAR_CHARS} characters")
        return value
    if isinstance(value, list):
        return [_value(item, where, depth + 1) for item in value]
    if isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str) or not re.fullmatch(_NAME, key):
                raise SuggestionError(f"{where}: {_shown(key)} is not a field name")
        return {key: _value(item, where, depth + 1) for key, item in value.items()}
    if value is None:
        raise SuggestionError(f"{where}: a value cannot be empty (null): use remove")
    raise SuggestionError(
        f"{where}: a value must be text, a number, true/false, a list or a mapping"
    )


def _location(field: str) -> Location:
    steps: list[str | int] = []
    for match in _STEP_RE.finditer(field):
        step = match.group("step")
        steps.append(int(step[1:-1]) if step.startswith("[") else step)
    return tuple(steps)


def _shown(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "...")


# -- applying it ----------------------------------------------------------------------


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
        ]
        if new:
            self.written.append((change, start, len(new)))


@dataclass(frozen=True)
class AppliedChanges:
    """The guide a change list makes, and which change wrote each line of its body."""

    text: str
    by_line: Mapping[int, Change]
    """File line (1-based) -> the last change that wrote it."""


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
    by_line.update(_field_lines(text, path, changes))
    return AppliedChanges(text, by_line)


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
    found = read_steps("\n".join(lines), lang)
    lists = found.lists() if found is not None else []
    places = [(step_list, step) for step_list in lists for step in step_list.steps]
    if change.step > len(places):
        raise SuggestionError(
            f"{change.named}: no such step {at_base} (it has {len(places)} steps)"
        )
    step_list, step = places[change.step - 1]
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
    steps = read_steps(text, lang)
    if steps is not None and steps.heading.index == heading.index:
        raise SuggestionError(f"{change.named}: change the steps one by one, with step entries")
    start = heading.index + 1
    end = next((h.index for h in found if h.index > heading.index), len(lines))
    # Keep the blank lines around the paragraphs, so only the text's own lines change.
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    if start == end:  # a section without text yet: the text gets blank lines around it
        at = heading.index + 1
        body.replace(at, at, ["", *change.text.split("\n")], change)
        return
    body.replace(start, end, change.text.split("\n"), change)


def change_for_problem(
    message: str, applied: AppliedChanges, changes: Sequence[Change]
) -> Change | None:
    """The change a check's refusal is about, if one is: the last field change on the
    path it names (``fees[0].amount: ...``), or the change that wrote its line."""
    named = re.search(r": (?P<field>" + _FIELD_RE.pattern + r"): ", message)
    if named is not None:
        location = _location(named.group("field"))
        for change in reversed(changes):
            if isinstance(change, FieldChange):
                shorter = min(len(location), len(change.location))
                if location[:shorter] == change.location[:shorter]:
                    return change
    for line in re.findall(r"^[^:]*:(\d+): |on line (\d+)", message):
        found = applied.by_line.get(int(line[0] or line[1]))
        if found is not None:
            return found
    return None
