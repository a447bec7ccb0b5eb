"""The JSON Schema of guide front matter, shipped in the package, and validation against it.

The schema file (``guide.schema.json``) is the contract editors can use too; this module
checks a parsed page against it and turns jsonschema's findings into one-line problems
that name the field and the file line, in plain English.

Most pages checked are valid, and jsonschema spends most of its time walking the schema
(a new validator object for every value it descends into, a reference lookup for every
``$ref``): about 1 ms a guide. So each schema is also compiled once into an acceptance
test that walks it with plain closures and judges each value with jsonschema's own
keyword functions (see :mod:`wikitool.schema.acceptance`): about 6 times faster, and the same
verdict as ``validator.is_valid``. A page it accepts has no errors; any other page is
validated by jsonschema, which finds and describes them.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, Protocol

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from wikitool.model import Problem
from wikitool.schema.acceptance import Acceptance, NotCompilable, compile_acceptance

_SCHEMA_FILE = "guide.schema.json"

# What each type is called in messages.
_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}

# Keywords about one value: at most one of these is reported per value, in this order
# (a wrong type explains everything else; a bad pattern explains a failed format).
_VALUE_RANK = {"type": 0, "pattern": 1, "format": 2}
MAX_GUESSES = 20
"""Unknown fields in one mapping up to which each gets a "did you mean" guess."""


class FrontMatterPage(Protocol):
    """What validation reads of a page (a guide's view of its file satisfies it): where
    it is, its front matter as plain data, and the file line of a key."""

    @property
    def path(self) -> str: ...

    def data(self) -> dict[str, Any]: ...

    def line_of(self, location: Sequence[str | int]) -> int | None: ...


def schema_path() -> Traversable:
    """The packaged guide schema file (for publishing it beside the site)."""
    return files(__name__) / _SCHEMA_FILE


@cache
def _schema_text() -> str:
    return schema_path().read_text(encoding="utf-8")


def load_guide_schema() -> dict[str, Any]:
    """The guide front matter schema as a fresh dict (callers may change their copy)."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@dataclass(frozen=True)
class _CompiledSchema:
    """A schema's validator, and its acceptance test (``None``: the schema uses a keyword
    the acceptance test does not handle, so jsonschema judges every page)."""

    validator: Draft202012Validator
    accepts: Acceptance | None


def _compiled(schema: dict[str, Any]) -> _CompiledSchema:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    try:
        accepts: Acceptance | None = compile_acceptance(validator)
    except NotCompilable:
        accepts = None
    return _CompiledSchema(validator, accepts)


@cache
def _guide_schema() -> _CompiledSchema:
    return _compiled(load_guide_schema())


@cache
def _index_schema() -> _CompiledSchema:
    # Home and category pages are not guides: they only need a plain title (MkDocs
    # options such as `hide` are allowed beside it).
    defs = load_guide_schema()["$defs"]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["title"],
        "properties": {
            "title": {"$ref": "#/$defs/plainLine", "minLength": 3, "maxLength": 120},
            "summary": {"$ref": "#/$defs/plainLine"},
        },
        "$defs": defs,
    }
    return _compiled(schema)


@cache
def _pattern_messages() -> dict[str, str]:
    """What a value failing each of the schema's patterns must be, in words."""
    schema = load_guide_schema()
    defs = schema["$defs"]
    fees = defs["fee"]["properties"]
    online = schema["properties"]["apply"]["properties"]["online"]["properties"]
    return {
        defs["slug"]["pattern"]: (
            "must be a slug of lowercase letters, digits and single hyphens, "
            "like 'identity-and-travel'"
        ),
        defs["date"]["pattern"]: "must be a date in the form YYYY-MM-DD",
        fees["currency"]["pattern"]: "must be a three-letter currency code in capitals, like EUR",
        online["url"]["pattern"]: "must be a web address starting with https://, without spaces",
        defs["email"]["pattern"]: "must be an e-mail address such as help@agency.example",
        defs["phone"]["pattern"]: "must be a phone number: digits, spaces and + ( ) - . only",
        schema["properties"]["fees"]["pattern"]: "must be a list of fees, 'free' or 'not stated'",
        schema["properties"]["time"]["pattern"]: "must be a list of times or 'not stated'",
    }


def validate_front_matter(guide: FrontMatterPage) -> list[Problem]:
    """Check a guide's front matter against the guide schema.

    Returns:
        One error per problem, with the file line of the offending key (the opening
        ``---`` for a missing top-level field), sorted by line.
    """
    return _validate(guide, _guide_schema())


def validate_index_front_matter(guide: FrontMatterPage) -> list[Problem]:
    """Check the front matter of a home or category page: it needs a plain ``title``."""
    return _validate(guide, _index_schema())


def _validate(guide: FrontMatterPage, schema: _CompiledSchema) -> list[Problem]:
    data = guide.data()
    if schema.accepts is not None and schema.accepts(data):
        return []
    problems = _problems(guide, schema.validator.iter_errors(data))
    return sorted(problems, key=lambda p: (p.line or 0, p.message))


def _problems(guide: FrontMatterPage, found: Iterable[ValidationError]) -> list[Problem]:
    errors = sorted(found, key=_rank)
    reported: set[tuple[Any, ...]] = set()
    problems: list[Problem] = []
    for error in errors:
        if error.validator == "anyOf":
            # Not "valid under none of the given schemas": what is wrong with the
            # alternative the value was meant to be (a fee, or a choose_one group).
            problems += _problems(guide, _closest_branch(error))
            continue
        location = tuple(error.absolute_path)
        if error.validator in ("required", "additionalProperties"):
            key = (location, error.validator)
        else:
            key = (location, "value")
        if key in reported:
            continue  # required/additionalProperties: all names were reported at once
        reported.add(key)
        for message, at in _describe(error, location):
            problems.append(Problem(guide.path, guide.line_of(at), message))
    return problems


def _closest_branch(error: ValidationError) -> list[ValidationError]:
    """The errors of the ``anyOf`` alternative the value comes closest to: the one with
    the fewest missing, unknown or mistyped fields in the value itself, then fewest errors."""
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def distance(errors: list[ValidationError]) -> tuple[int, int]:
        shallow = sum(
            1
            for e in errors
            if not e.relative_path and e.validator in ("required", "additionalProperties", "type")
        )
        return shallow, len(errors)

    return min(branches.values(), key=distance, default=[])


def _rank(error: ValidationError) -> int:
    return _VALUE_RANK.get(str(error.validator), len(_VALUE_RANK))


def _describe(
    error: ValidationError, location: Sequence[str | int]
) -> Iterable[tuple[str, Sequence[str | int]]]:
    """Plain-English messages for one jsonschema error, each with where it points."""
    prefix = f"{dotted_location(location)}: " if location else ""
    keyword = error.validator
    value: Any = error.instance
    limit: Any = error.validator_value
    if keyword == "required":
        for name in limit:
            if name not in value:
                yield f"{prefix}missing required field '{name}'", location
        return
    if keyword == "additionalProperties":
        schema: Any = error.schema
        known = sorted(schema.get("properties", {}))
        unknown = [name for name in value if name not in known]
        # A guess for each of a few typos; thousands of unknown fields (hostile front
        # matter) would cost seconds of difflib and help nobody.
        guess = len(unknown) <= MAX_GUESSES
        for name in unknown:
            hint = _did_you_mean(name, known) if guess else ""
            yield f"{prefix}unknown field '{name}'{hint}", (*location, name)
        return
    yield prefix + _value_message(error), location


def _value_message(error: ValidationError) -> str:
    keyword = error.validator
    value: Any = error.instance
    limit: Any = error.validator_value
    if keyword == "type":
        wanted = [limit] if isinstance(limit, str) else list(limit)
        expected = " or ".join(_TYPE_NAMES.get(name, name) for name in wanted)
        return f"must be {expected}, not {_kind_of(value)}"
    if keyword == "pattern":
        return _pattern_message(str(value), str(limit))
    if keyword == "format":
        return f"{_show(value)} is not a real date" if limit == "date" else error.message
    if keyword == "minimum":
        return f"{_show(value)} is less than the minimum of {limit}"
    if keyword == "maximum":
        return f"{_show(value)} is more than the maximum of {limit}"
    if keyword == "minLength":
        return f"must be at least {limit} characters long"
    if keyword == "maxLength":
        return f"must be at most {limit} characters long (it has {len(value)})"
    if keyword == "minItems":
        return f"must list at least {limit} item{'s' if limit != 1 else ''}"
    if keyword == "minProperties":
        return "must not be empty"
    if keyword == "enum":
        allowed = ", ".join(str(option) for option in limit)
        return f"must be one of {allowed}, not {_show(value)}"
    if keyword == "uniqueItems":
        return "must not list the same item twice"
    return " ".join(error.message.split())


def _pattern_message(value: str, pattern: str) -> str:
    known = _pattern_messages().get(pattern)
    if known is not None:
        return known
    # Otherwise it is the plainLine pattern: one line of text, no HTML.
    if "<" in value or ">" in value:
        return "must be plain text without HTML"
    if "\n" in value:
        return "must be a single line of text"
    return "must not contain control characters"


def dotted_location(location: Sequence[str | int]) -> str:
    """``["fees", 0, "amount"]`` -> ``fees[0].amount``."""
    text = ""
    for step in location:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping of fields"


def _show(value: Any) -> str:
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:39] + "…"
        return repr(short) if "'" in short else f"'{short}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
