"""A fast yes/no on a value against a JSON Schema: the verdict of jsonschema's ``is_valid``.

Most pages checked are valid, and jsonschema spends most of its time walking the schema (a
new validator object for every value it descends into, a reference lookup for every
``$ref``): about 1 ms a guide. :func:`compile_acceptance` turns a schema into plain
closures once, following the few walk keywords the guide schema uses as jsonschema's own
functions follow them, and judging each value with jsonschema's keyword functions: about
6 times faster. It only ever says "valid"; a page it does not accept is validated by
jsonschema, which finds and describes the errors. A schema using anything else is not
compiled (:class:`NotCompilable`), and jsonschema judges every page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jsonschema import Draft202012Validator

Acceptance = Callable[[Any], bool]

# Keywords that only judge the value in hand (never descend into a subschema, never read
# the validator's schema): jsonschema's own function for each is called as it is.
_VALUE_KEYWORDS = frozenset(
    {
        "type", "required", "minLength", "maxLength", "pattern", "format", "minimum",
        "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
        "minProperties", "maxProperties", "uniqueItems", "enum", "const",
    }
)  # fmt: skip
# Keywords that never make a value invalid (`$schema` and `$id` only at the top).
_ANNOTATIONS = frozenset(
    {"title", "description", "$comment", "default", "examples", "deprecated", "$defs"}
)
_LOCAL_REF_RE = re.compile(r"#/\$defs/([A-Za-z0-9_-]+)")


class NotCompilable(Exception):
    """The schema uses a keyword or form the acceptance test does not handle."""


def compile_acceptance(validator: Draft202012Validator) -> Acceptance:
    """A function telling whether ``validator`` finds no error in a value, without
    jsonschema's walk: the same verdict as ``validator.is_valid``, several times faster.

    The walk keywords (``properties``, ``items``, ``additionalProperties: false``,
    ``anyOf`` and ``$ref`` to the root's ``$defs``) are followed here as jsonschema's
    functions for them follow them (its ``_keywords.py``); the keywords that judge a
    value are left to jsonschema (see ``value_test``). Anything else (another walk keyword such as
    ``allOf`` or ``unevaluatedProperties``, an unknown keyword, a nested ``$id`` or
    ``$schema``, a recursive reference) raises ``NotCompilable``: then jsonschema
    judges every value, as before.
    """
    root = validator.schema
    if not isinstance(root, dict):
        raise NotCompilable("a boolean schema")
    defs = root.get("$defs", {})
    is_type = validator.is_type
    compiled_defs: dict[str, Acceptance | None] = {}

    def reference(ref: object) -> Acceptance:
        match = _LOCAL_REF_RE.fullmatch(ref) if isinstance(ref, str) else None
        if match is None or match.group(1) not in defs:
            raise NotCompilable(f"$ref {ref!r}")
        name = match.group(1)
        if name not in compiled_defs:
            compiled_defs[name] = None  # being compiled: a reference back to it is recursion
            compiled_defs[name] = subschema(defs[name])
        accepts = compiled_defs[name]
        if accepts is None:
            raise NotCompilable(f"recursive $ref {ref!r}")
        return accepts

    def properties(each: dict[str, Acceptance]) -> Acceptance:
        pairs = tuple(each.items())

        def accepts(instance: Any) -> bool:
            if is_type(instance, "object"):
                for name, check in pairs:
                    if name in instance and not check(instance[name]):
                        return False
            return True

        return accepts

    def no_other_properties(known: frozenset[str]) -> Acceptance:
        def accepts(instance: Any) -> bool:
            if is_type(instance, "object"):
                for name in instance:
                    if name not in known:
                        return False
            return True

        return accepts

    def other_properties(known: frozenset[str], each: Acceptance) -> Acceptance:
        def accepts(instance: Any) -> bool:
            if not isinstance(instance, dict):
                return True
            return all(each(v) for k, v in instance.items() if k not in known)

        return accepts

    def property_names(each: Acceptance) -> Acceptance:
        def accepts(instance: Any) -> bool:
            return not isinstance(instance, dict) or all(each(k) for k in instance)

        return accepts

    def items(each: Acceptance) -> Acceptance:
        def accepts(instance: Any) -> bool:
            if is_type(instance, "array"):
                for item in instance:
                    if not each(item):
                        return False
            return True

        return accepts

    def any_of(branches: tuple[Acceptance, ...]) -> Acceptance:
        def accepts(instance: Any) -> bool:
            return any(branch(instance) for branch in branches)

        return accepts

    def subschema(schema: Any, top: bool = False) -> Acceptance:
        if schema is True or schema is False:
            return lambda instance: schema
        if not isinstance(schema, dict):
            raise NotCompilable(f"schema {schema!r}")
        checks: list[Acceptance] = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or (top and keyword in ("$schema", "$id")):
                continue
            if keyword in _VALUE_KEYWORDS:
                checks.append(value_test(validator, keyword, value, schema))
            elif keyword == "$ref":
                checks.append(reference(value))
            elif keyword == "properties" and isinstance(value, dict):
                checks.append(properties({name: subschema(s) for name, s in value.items()}))
            elif keyword == "additionalProperties" and value is False:
                if "patternProperties" in schema:
                    raise NotCompilable("patternProperties")
                checks.append(no_other_properties(frozenset(schema.get("properties", {}))))
            elif keyword == "additionalProperties" and isinstance(value, dict):
                if "patternProperties" in schema:
                    raise NotCompilable("patternProperties")
                known = frozenset(schema.get("properties", {}))
                checks.append(other_properties(known, subschema(value)))
            elif keyword == "propertyNames":
                checks.append(property_names(subschema(value)))
            elif keyword == "anyOf" and isinstance(value, list) and value:
                checks.append(any_of(tuple(subschema(branch) for branch in value)))
            elif keyword == "items" and "prefixItems" not in schema:
                checks.append(items(subschema(value)))
            else:
                raise NotCompilable(f"keyword {keyword!r}")
        if len(checks) == 1:
            return checks[0]
        every = tuple(checks)

        def accepts(instance: Any) -> bool:
            # A loop, not all() over a generator: this runs for every value, and is faster.
            for check in every:  # noqa: SIM110
                if not check(instance):
                    return False
            return True

        return accepts

    return subschema(root, top=True)


def value_test(
    validator: Draft202012Validator, keyword: str, value: Any, schema: dict[str, Any]
) -> Acceptance:
    """Whether a value passes one keyword that judges the value alone.

    The four keywords of every line of text (``type``, ``minLength``, ``maxLength``,
    ``pattern``) are jsonschema's functions for them restated without building an error
    message (its ``_keywords.py``, line for line; a test compares them); every other
    keyword runs jsonschema's own function.
    """
    is_type = validator.is_type
    if keyword == "type":
        types = (value,) if isinstance(value, str) else tuple(value)  # its ensure_list
        if len(types) == 1:
            (only,) = types
            return lambda instance: is_type(instance, only)
        return lambda instance: any(is_type(instance, name) for name in types)
    if keyword == "minLength":
        return lambda instance: not (is_type(instance, "string") and len(instance) < value)
    if keyword == "maxLength":
        return lambda instance: not (is_type(instance, "string") and len(instance) > value)
    if keyword == "pattern":
        if not isinstance(value, str):
            raise NotCompilable(f"pattern {value!r}")
        search = re.compile(value).search  # what re.search(value, instance) uses
        return lambda instance: not (is_type(instance, "string") and not search(instance))
    function = validator.VALIDATORS.get(keyword)
    if function is None:
        raise NotCompilable(f"keyword {keyword!r} unknown to this jsonschema")

    def accepts(instance: Any) -> bool:
        for _error in function(validator, value, instance, schema) or ():
            return False
        return True

    return accepts
