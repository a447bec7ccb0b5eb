"""The schema's quick acceptance test gives jsonschema's verdict, for any front matter.

Valid front matter is accepted by a walk compiled from the schema instead of by
jsonschema's own walk; the errors of anything else still come from jsonschema. So the
compiled walk must accept exactly what ``validator.is_valid`` accepts, and refuse to
compile a schema using anything it does not handle.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from typing import Any

import pytest
from guide_samples import GUIDE, GUIDE_PATH
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitool.guides.frontmatter import parse_guide
from wikitool.schema import (
    _compiled,
    _CompiledSchema,
    _guide_schema,
    _index_schema,
    load_guide_schema,
)
from wikitool.schema.acceptance import value_test

SAMPLE = parse_guide(GUIDE, GUIDE_PATH).data()
DIALECT = "https://json-schema.org/draft/2020-12/schema"

TRICKY_TEXT = [
    "", "x", "ab", "abc", "a" * 120, "a" * 121, "a" * 500, "a" * 501, "<b>", "a\nb", "a\n",
    "\x00", "\x7f", "é", "EUR", "eur", "EURO", "en", "en-GB", "en-gb", "2026-03-14",
    "2026-02-30", "2026-3-14", "２０２６-03-14", "https://x.invalid/a", "https://a b",
    "http://x.invalid", "identity-and-travel", "a--b", "-a", "passport", "true", "1",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=5),
    st.sampled_from([0, 1, 3650, 3651, 1_000_000, 1_000_001, 10**30, -(10**30)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1.0, 75.5, 1e6, 1e6 + 0.5, 3650.0]),
    st.sampled_from(TRICKY_TEXT),
    st.text(max_size=8),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["name", "label", "url", "x", "title"]), inner, max_size=3),
    ),
    max_leaves=8,
)


def locations(data: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in ``data``: the top, each value in a mapping, each item of a list."""
    yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from locations(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from locations(value, (*at, index))


SAMPLE_LOCATIONS = list(locations(SAMPLE))[1:]
FIELD_NAMES = [*sorted(load_guide_schema()["properties"]), "colour", "amount", "note", "url"]


def same_kind(value: Any) -> st.SearchStrategy[Any]:
    """Other values of the type of ``value``."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.sampled_from([-1, 0, 1, 21, 3650, 3651, 999_999, 1_000_001])
    if isinstance(value, float):
        return st.sampled_from([-0.5, -0.0, 0.0, 75.5, 1e6, 1e6 + 0.5, math.inf])
    if isinstance(value, str):
        return st.one_of(st.sampled_from(TRICKY_TEXT), st.text(min_size=1, max_size=12))
    return JSON


@st.composite
def front_matters(draw: st.DrawFn) -> Any:
    """The valid sample with a few values replaced, removed or added."""
    data = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        *parents, last = draw(st.sampled_from(SAMPLE_LOCATIONS))
        container = data
        try:
            for step in parents:
                container = container[step]
            action = draw(st.sampled_from(["same kind", "any value", "remove", "add"]))
            if action == "same kind":  # often still valid: near the limits
                container[last] = draw(same_kind(container[last]))
            elif action == "any value":
                container[last] = draw(JSON)
            elif action == "remove":
                del container[last]
            elif isinstance(container, dict):
                container[draw(st.sampled_from(FIELD_NAMES))] = draw(JSON)
            elif isinstance(container, list):
                container.append(draw(JSON))
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change removed or replaced this place
    return data


def verdicts(schema: _CompiledSchema, data: Any) -> tuple[bool, bool]:
    assert schema.accepts is not None
    return schema.accepts(data), schema.validator.is_valid(data)


def test_the_packaged_schemas_compile() -> None:
    # A schema edit that the quick test does not handle would slow every check down.
    assert _guide_schema().accepts is not None
    assert _index_schema().accepts is not None


def test_the_sample_front_matter_is_accepted() -> None:
    assert verdicts(_guide_schema(), SAMPLE) == (True, True)


BOUNDARY_VALUES = [
    None, True, False, -1, 0, 1, 21, 3650, 3651, 1_000_000, 1_000_001, -0.5, 0.0, 75.5,
    1e6 + 0.5, math.inf, math.nan, [], [1], ["a", "a"], ["passport"], {}, {"x": 1},
    {"name": "A"}, {"url": "https://x.invalid"}, *TRICKY_TEXT,
]  # fmt: skip


REMOVED = object()


def one_change_each() -> Iterator[Any]:
    """The sample with one change: each place given each boundary value, or removed, and
    each mapping given an unknown field."""
    for *parents, last in SAMPLE_LOCATIONS:
        for value in [*BOUNDARY_VALUES, REMOVED]:
            data = copy.deepcopy(SAMPLE)
            container = data
            for step in parents:
                container = container[step]
            if value is REMOVED:
                del container[last]
            else:
                container[last] = value
            yield data
        data = copy.deepcopy(SAMPLE)
        container = data
        for step in (*parents, last):
            container = container[step]
        if isinstance(container, dict):
            container["colour"] = "blue"
            yield data


def test_every_single_change_to_a_guide_gets_the_verdict_of_jsonschema() -> None:
    changed = list(one_change_each())
    differ = [data for data in changed if len(set(verdicts(_guide_schema(), data))) > 1]
    assert differ == []
    accepted = sum(_guide_schema().validator.is_valid(data) for data in changed)
    assert 0 < accepted < len(changed)  # both verdicts were tried


@settings(max_examples=300, deadline=None)
@given(front_matters())
def test_guide_front_matter_gets_the_verdict_of_jsonschema(data: Any) -> None:
    accepted, valid = verdicts(_guide_schema(), data)
    assert accepted == valid


@settings(max_examples=300, deadline=None)
@given(st.one_of(front_matters(), JSON))
def test_index_front_matter_gets_the_verdict_of_jsonschema(data: Any) -> None:
    accepted, valid = verdicts(_index_schema(), data)
    assert accepted == valid


SMALL_SCHEMAS = [
    {"type": ["string", "null"], "minLength": 2},
    {"type": "integer", "minimum": 0, "exclusiveMaximum": 10},
    {"type": "array", "items": False},
    {"type": "array", "items": True, "uniqueItems": True, "minItems": 1, "maxItems": 2},
    {"items": {"type": "number", "maximum": 5}},
    {"required": ["name"], "properties": {"name": {"enum": ["a", "b", 1]}}},
    {"additionalProperties": False, "properties": {"x": {"const": None}}, "maxProperties": 1},
    {"properties": {"url": {"format": "date"}, "name": {"pattern": "^a"}}, "minProperties": 1},
    {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"type": "object"}}, "items": {"$ref": "#/$defs/a"}},
    {"items": {"anyOf": [{"type": "string", "minLength": 2}, {"required": ["x"]}]}},
]


@pytest.mark.parametrize("schema", SMALL_SCHEMAS, ids=range(len(SMALL_SCHEMAS)))
@settings(max_examples=150, deadline=None)
@given(instance=st.one_of(SCALARS, JSON))
def test_each_handled_keyword_gets_the_verdict_of_jsonschema(
    schema: dict[str, Any], instance: Any
) -> None:
    compiled = _compiled({"$schema": DIALECT, **schema})
    accepted, valid = verdicts(compiled, instance)
    assert accepted == valid


RESTATED = [
    ("type", "string"), ("type", "number"), ("type", "integer"), ("type", "boolean"),
    ("type", "object"), ("type", "array"), ("type", "null"), ("type", ["string", "null"]),
    ("minLength", 1), ("minLength", 3), ("maxLength", 120), ("maxLength", 0),
    ("pattern", "^[^<>\\u0000-\\u001f\\u007f]*$"), ("pattern", "^[A-Z]{3}$"), ("pattern", "b"),
]  # fmt: skip


@pytest.mark.parametrize(("keyword", "value"), RESTATED, ids=[str(r) for r in RESTATED])
@settings(max_examples=200, deadline=None)
@given(instance=st.one_of(SCALARS, JSON))
def test_restated_keywords_judge_as_jsonschema_functions_do(
    keyword: str, value: Any, instance: Any
) -> None:
    validator = _guide_schema().validator
    schema = {keyword: value}
    jsonschema_says = not any(validator.VALIDATORS[keyword](validator, value, instance, schema))
    assert value_test(validator, keyword, value, schema)(instance) == jsonschema_says


def test_numbers_that_are_not_equal_to_themselves() -> None:
    fees = copy.deepcopy(SAMPLE)
    fees["fees"][0]["amount"] = math.nan
    assert verdicts(_guide_schema(), fees) == (True, True)  # jsonschema's comparison, kept


MAPPING_SCHEMA = {
    "type": "object",
    "properties": {"fixed": {"type": "integer"}},
    "propertyNames": {"pattern": "^[a-z_]+$"},
    "additionalProperties": {"type": "string", "minLength": 1},
}


@pytest.mark.parametrize(
    "instance",
    [
        {}, {"abroad": "You live abroad"}, {"abroad": ""}, {"Abroad": "x"}, {"fixed": 3},
        {"fixed": "3"}, {"abroad": 3}, {"in_country": "Here", "abroad": "There"}, [], "x",
    ],
)
def test_named_mappings_are_judged_as_jsonschema_judges_them(instance: Any) -> None:
    # The shape of `situations`: names by a pattern, values by a schema.
    compiled = _compiled({"$schema": DIALECT, **MAPPING_SCHEMA})
    assert compiled.accepts is not None
    assert verdicts(compiled, instance) == (compiled.validator.is_valid(instance),) * 2


NOT_COMPILED = [
    ("allOf", {"allOf": [{"type": "string"}]}),
    ("unevaluatedProperties", {"unevaluatedProperties": False}),
    ("patternProperties", {"patternProperties": {"^x": True}, "additionalProperties": False}),
    ("prefixItems", {"prefixItems": [True], "items": False}),
    ("unknown keyword", {"x-editor-hint": "wide"}),
    ("nested $id", {"items": {"$id": "https://other.invalid/s", "type": "string"}}),
    ("nested $schema", {"items": {"$schema": "http://json-schema.org/draft-04/schema#"}}),
    ("recursive $ref", {"$defs": {"node": {"items": {"$ref": "#/$defs/node"}}},
                        "$ref": "#/$defs/node"}),
    ("$ref to the whole schema", {"items": {"$ref": "#"}}),
    ("remote $ref", {"$ref": "https://example.invalid/schema.json"}),
    ("$ref to a missing definition", {"$ref": "#/$defs/nowhere"}),
]


@pytest.mark.parametrize("schema", [row[1] for row in NOT_COMPILED],
                         ids=[row[0] for row in NOT_COMPILED])
def test_schemas_using_what_is_not_handled_are_left_to_jsonschema(schema: dict[str, Any]) -> None:
    assert _compiled({"$schema": DIALECT, **schema}).accepts is None
