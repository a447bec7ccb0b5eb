"""A suggestion given as a list of changes, applied to the guide as it was at its base.

The site's form editor sends what the citizen changed, not the whole guide (README, "The
suggestion format"). Three kinds of entry, applied in order, each to the guide as the
ones before it left it:

- a front-matter field, by a path like the checks' (``fees[1].amount``, 0-based
  places): ``set`` a value, ``insert`` an item into a list at a place, ``remove`` a key
  or an item, ``move`` an item to another place of its list;
- a step, by its place among the steps section's items in page order, counted from 0
  through every group as ``guides/steps.py`` reads them (a report's ``steps[N]``): new
  ``text``, ``remove``, or ``insert`` a step ``before`` or ``after`` it in its list;
- a section's text (``section``: its heading), the paragraphs under the heading.

This module is the format: its entries, read and checked as sent (``parse_changes``).
``changed_guide.py`` applies them to the guide.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from wikitool.diffing.field_lookup import ItemName, parse_field_path
from wikitool.errors import SuggestionError
from wikitool.guides.markdown_body import headings
from wikitool.guides.plain_yaml import MAX_DEPTH, MAX_SCALAR_CHARS

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
FIELD_PATH_RE = re.compile(rf"{_NAME}(?:\.{_NAME}|\[\d{{1,4}}\])*")
# A line of = or - under a line of text makes it a heading (Markdown's "setext" style).
_SETEXT_RE = re.compile(r"[^\n]*\S[^\n]*\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
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
        return f"changes[{self.number}] (steps[{self.step}])"


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
    if (
        not isinstance(field, str)
        or len(field) > MAX_PATH_CHARS
        or not FIELD_PATH_RE.fullmatch(field)
    ):
        raise SuggestionError(
            f"{where}: field must be a path such as fees[1].amount, got {_shown(field)}"
        )
    location = field_location(field)
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
    if not _is_place(step):
        raise SuggestionError(f"{where}: step must be a step's place (0, 1, ...)")
    named = f"{where} (steps[{step}])"
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
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value  # from a YAML suggestion (2026-10-27 unquoted)
    if isinstance(value, str):
        if len(value) > MAX_SCALAR_CHARS:
            raise SuggestionError(f"{where}: a value is longer than {MAX_SCALAR_CHARS} characters")
        return _date(value)
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


def _date(text: str) -> str | dt.date:
    """``2026-10-27`` as the date it is: JSON has no dates, YAML writes one unquoted."""
    if _DATE_RE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass  # not a day of the calendar: the schema names the field
    return text


def field_location(field: str) -> Location:
    """A valid field path (``fees[1].amount``, matched by ``FIELD_PATH_RE``: places only,
    no names) as keys and places: ``("fees", 1, "amount")``, read as the review diff's
    paths are (``diffing.field_lookup``)."""
    steps = parse_field_path(field)
    if steps is None or any(isinstance(step, ItemName) for step in steps):
        raise ValueError(f"not a field path of places: {field!r}")
    return tuple(steps)


def _shown(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "...")
