"""JSON text from outside (a suggestion file, an intake request): decoded strictly.

``json.loads`` keeps the last of two equal keys and turns a digit string of any length
into an int; from a citizen's form or file both are mistakes or probes, so they are
refused here, for every reader of untrusted JSON alike.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

MAX_NUMBER_DIGITS = 100
"""No field the wiki takes is a number this long; Python's own limit (4,300 digits) comes
with a message about sys.set_int_max_str_digits that would mean nothing to a citizen."""


def text_field(
    data: Mapping[str, Any],
    key: str,
    *,
    limit: int | None,
    where: str,
    error: type[Exception],
    required: bool = False,
) -> str:
    """``data[key]`` of a decoded JSON object as text, ``""`` when it is absent.

    Raises:
        error: ``"{where}: {key} must be text"``, ``"... is longer than {limit}
            characters"`` or, when ``required``, ``"... missing required field"``.
    """
    value = data.get(key)
    if value is None:
        if required:
            raise error(f"{where}: missing required field {key!r}")
        return ""
    if not isinstance(value, str):
        raise error(f"{where}: {key} must be text")
    if limit is not None and len(value) > limit:
        raise error(f"{where}: {key} is longer than {limit} characters")
    return value


def loads_strict(text: str) -> Any:
    """``json.loads`` refusing a repeated key and a number over 100 digits.

    Raises:
        json.JSONDecodeError: the text is not JSON.
        ValueError: a key appears twice ("field 'x' appears twice") or a number is too
            long ("a number is longer than 100 digits").
        RecursionError: arrays or objects nested deeper than Python can decode.
    """
    return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_int=_short_int)


def _short_int(digits: str) -> int:
    if len(digits) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number is longer than {MAX_NUMBER_DIGITS} digits")
    return int(digits)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"field {key!r} appears twice")
        out[key] = value
    return out
