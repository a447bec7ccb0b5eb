"""Properties that hold for any input, checked by hypothesis.

- Front matter round-trip: whatever ``parse_guide`` accepts, ``dump_guide`` writes back
  byte for byte; a guide written from plain data reads back as that data.
- Suggestion parsing: any bytes, and JSON or YAML of any structure, give a suggestion or a
  ``SuggestionError``, never another exception.

The diff renderer and the personal-data scanner have theirs beside their other tests
(``tests/diffing/test_diff_properties.py``, ``tests/screening/test_screening_properties.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import string
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from wikitool.errors import GuideError, SuggestionError
from wikitool.guides.frontmatter import dump_guide, parse_guide, render_guide
from wikitool.guides.plain_yaml import dump_yaml
from wikitool.suggestions.input import (
    SuggestionInput,
    parse_suggestion,
    suggestion_from_mapping,
)

PATH = "content/housing/x.md"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- front matter --------------------------------------------------------------------------

# Text a guide's values hold: any printable character, the odd quote, colon or hash, and
# sometimes words YAML 1.1 reads as something else (yes, off, 1:30, 2026-01-05).
_TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40),
    st.sampled_from(["yes", "No", "off", "~", "null", "1:30", "2026-01-05", "0o17", "1e3",
                     "- item", "a: b", "# not a comment", "'quoted'", '"double"', "&anchor",
                     "*alias", "!tag", "%percent", "@at", "`tick`", "{x}", "[y]", "| bar"]),
)  # fmt: skip
_KEYS = st.one_of(
    st.sampled_from(["title", "summary", "fees", "amount", "note", "tags", "documents"]),
    st.text(string.ascii_lowercase + "_-", min_size=1, max_size=12),
)
_SCALARS = st.one_of(
    _TEXT,
    st.integers(min_value=-(10**15), max_value=10**15),
    # Amounts as guides have them. (ruamel.yaml re-emits a float of 16 significant digits
    # with an exponent, 6.255030343000207e-26, one digit off: no guide has one.)
    st.integers(min_value=0, max_value=10**9).map(lambda cents: cents / 100),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=12,
)
FRONT_MATTER = st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=8)
BODY = st.lists(
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=50),
        st.sampled_from(["## Steps", "1. First", "---", "...", "", "    code", "> quote"]),
    ),
    max_size=8,
).map(lambda lines: "".join(f"{line}\n" for line in lines))


def _as_read(value: Any) -> Any:
    """``value`` as ``GuideSource.data()`` gives it back: dates as ISO text."""
    if isinstance(value, dict):
        return {key: _as_read(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_read(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@SETTINGS
@given(FRONT_MATTER, BODY)
def test_a_guide_written_from_plain_data_reads_back_as_that_data(
    front_matter: dict[str, Any], body: str
) -> None:
    text = render_guide(front_matter, body)
    try:
        guide = parse_guide(text.encode("utf-8"), PATH)
    except GuideError as error:
        # What the writer produces, the reader must take, except for a value too long
        # or too deep for the reader's limits (not generated here).
        raise AssertionError(f"{error}\n{text}") from error
    assert guide.data() == _as_read(front_matter)
    assert guide.body == body
    assert dump_guide(guide) == text


# Front matter as people type it: the YAML-ish characters, in lines of keys and items.
_YAML_LINE = st.one_of(
    st.tuples(_KEYS, st.sampled_from([": ", ":", ":  "]), _TEXT).map("".join),
    st.tuples(st.sampled_from(["  - ", "- ", "    "]), _TEXT).map("".join),
    st.tuples(_KEYS, st.just(":")).map("".join),
    st.sampled_from(["# comment", "", "  # indented comment", "tags: [a, b]", "fees: []",
                     "note: |", "  kept", "summary: >-", "  folded", "x: 'it''s'", 'y: "a\\tb"']),
)  # fmt: skip
_YAML_TEXT = st.lists(_YAML_LINE, min_size=1, max_size=10).map(
    lambda lines: "".join(f"{line}\n" for line in lines)
)
_NEWLINE = st.sampled_from(["\n", "\r\n"])


@SETTINGS
@given(_YAML_TEXT, BODY, _NEWLINE, st.booleans())
def test_whatever_parse_guide_accepts_dump_guide_writes_back_byte_for_byte(
    yaml_text: str, body: str, newline: str, bom: bool
) -> None:
    text = f"---\n{yaml_text}---\n{body}".replace("\n", newline)
    raw = (("\ufeff" if bom else "") + text).encode("utf-8")
    try:
        guide = parse_guide(raw, PATH)
    except GuideError:
        return  # refused: nothing to write back
    assert dump_guide(guide).encode("utf-8") == raw
    assert parse_guide(dump_guide(guide), PATH).data() == guide.data()


@SETTINGS
@given(FRONT_MATTER, _KEYS, _VALUES)
def test_changing_a_value_writes_a_guide_that_reads_back_changed(
    front_matter: dict[str, Any], key: str, value: Any
) -> None:
    guide = parse_guide(render_guide(front_matter, "Body.\n"), PATH)
    guide.front_matter[key] = value
    again = parse_guide(dump_guide(guide), PATH)
    assert again.data() == _as_read({**front_matter, key: value})


# -- suggestion parsing ----------------------------------------------------------------------

_JSON = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=15,
)
_FIELDS = st.sampled_from(["guide", "base", "new", "content", "summary", "rationale", "author"])
# Documents shaped like suggestions (known fields, any values), so the checks after
# decoding are reached, not only the refusal of an unknown field.
_SUGGESTION_LIKE = st.dictionaries(
    st.one_of(_FIELDS, st.text(max_size=8)),
    st.one_of(
        _JSON,
        st.dictionaries(st.sampled_from(["name", "email", "credit", "x"]), _JSON, max_size=3),
    ),
    max_size=8,
)


def _parses_or_refuses(raw: bytes) -> None:
    try:
        suggestion = parse_suggestion(raw, source="s")
    except SuggestionError as error:
        assert "\n" not in str(error), "errors are one line"
        return
    assert isinstance(suggestion, SuggestionInput)


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_give_a_suggestion_or_a_suggestion_error(raw: bytes) -> None:
    _parses_or_refuses(raw)


@SETTINGS
@given(st.one_of(_JSON, _SUGGESTION_LIKE))
def test_json_of_any_structure_gives_a_suggestion_or_a_suggestion_error(data: Any) -> None:
    _parses_or_refuses(json.dumps(data).encode())
    if isinstance(data, dict):
        with contextlib.suppress(SuggestionError):
            suggestion_from_mapping(data)  # the intake's path: JSON already decoded


@SETTINGS
@given(_SUGGESTION_LIKE)
def test_yaml_of_any_structure_gives_a_suggestion_or_a_suggestion_error(data: dict[str, Any]) -> None:
    try:
        text = dump_yaml(data)
    except Exception:  # some generated keys cannot be written as YAML at all
        assume(False)
        return
    _parses_or_refuses(text.encode())
