"""YAML restricted to plain data: the safe subset guides may use, read and written round-trip.

Front matter comes from citizens, so it is treated as hostile. Every parser event is
vetted as ruamel.yaml's composer pulls it, before the node it stands for is built (the
parser is iterative, so this is linear in the input and stops at the first offence):
no anchors or aliases (an alias bomb loads fast but explodes when walked), no explicit
tags (``!!python/object``, ``!ENV``, ``!include``, and also ``!!str``: quotes do the same
job), no directives or document markers, no nesting deeper than :data:`MAX_DEPTH`, no
value longer than :data:`MAX_SCALAR_CHARS`, mapping keys that are text and appear once,
and no values the constructor would choke on (impossible dates, endless numbers).

Text is read as YAML 1.2 (ruamel's default) but MkDocs reads the same front matter with
PyYAML, as YAML 1.1. Plain values the two read differently (``yes``, ``off``, ``1:30``)
are refused, and quoted when written, so the site and this tool see the same data.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.parser import RoundTripParser
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.util import create_timestamp

from wikitool.errors import GuideError

MAX_DEPTH = 10
"""Deepest nesting of mappings and lists allowed (a guide needs 3)."""

MAX_SCALAR_CHARS = 10_000
"""Longest single value or key allowed, in characters."""

MAX_NUMBER_CHARS = 100
"""Longest number allowed, in characters (Python refuses ints over 4,300 digits)."""

_YAML_CORE = "tag:yaml.org,2002:"
_TIMESTAMP_RE = RoundTripConstructor.timestamp_regexp
_WIDTH = 4096  # never re-wrap long lines: the writer must not reflow what people wrote
# How PyYAML, and so MkDocs, resolves plain values (see the module docstring).
_YAML_1_1 = VersionedResolver(version=(1, 1))
_DIRECTIVE_RE = re.compile(r"^%", re.MULTILINE)  # elsewhere a line cannot start with %
_PLAIN_KINDS = frozenset({"str", "int", "float", "bool", "null", "timestamp"})
_MEANINGS_1_1 = {"bool": "true or false", "int": "a number", "float": "a number"}


@dataclass(frozen=True)
class YamlIndent:
    """How block collections are indented, so rewriting keeps the author's layout.

    ``mapping``: spaces per nested mapping level; ``sequence``: from a list's parent
    key to the item's text; ``offset``: from the parent key to the ``-``.
    """

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


HOUSE_INDENT = YamlIndent()
"""The layout new guides are written with: lists indented under their key."""


def load_plain_yaml(
    text: str,
    *,
    path: str,
    first_line: int,
    max_scalar_chars: int = MAX_SCALAR_CHARS,
    max_nodes: int | None = None,
) -> CommentedMap:
    """Load ``text`` as one YAML mapping of plain data, round-trip (comments kept).

    Args:
        text: the YAML source (LF line endings).
        path: the file it comes from, for error messages.
        first_line: the file line of the first line of ``text`` (1-based).
        max_scalar_chars: the longest value or key allowed.
        max_nodes: how many values, keys and collections the document may have in all
            (None: no limit). The pure-Python parser takes about 50 microseconds a node,
            so a document of a known, small shape should say how small.

    Returns:
        The mapping, with ruamel's line information on every collection.

    Raises:
        GuideError: the YAML is malformed, unsafe, not plain data, or not a mapping.
    """
    directive = _DIRECTIVE_RE.search(text)
    if directive is not None:
        # Checked on the text: ruamel acts on directives (and asserts on bad versions)
        # before it hands out the first event.
        line = first_line + text.count("\n", 0, directive.start())
        raise GuideError(path, "YAML directives (%YAML, %TAG) are not allowed", line)
    yaml = _new_yaml()
    # Every event passes the check as the composer pulls it, so an offence stops the
    # load before the node it would have created (one pass: the pure-Python parser is
    # the slow part of reading a guide).
    yaml.Parser = _PlainDataParser
    yaml.parser.plain_data = _PlainDataCheck(
        path, first_line, yaml.resolver, max_scalar_chars, max_nodes
    )
    try:
        data = yaml.load(text)
    except ReaderError as error:
        # The reader knows the character offset only.
        line = first_line + text.count("\n", 0, error.position)
        raise GuideError(
            path, f"front matter contains a control character (#x{error.character:04x})", line
        ) from None
    except MarkedYAMLError as error:
        raise _syntax_error(error, path=path, first_line=first_line) from None
    except GuideError:
        raise
    except Exception as error:
        # The event check refuses every case found so far, but ruamel.yaml has raised
        # IndexError and AssertionError on malformed input (found by fuzzing): input
        # here is hostile, so a failure inside the library is a refusal, not a crash.
        detail = _one_line(str(error)) or type(error).__name__
        raise GuideError(path, f"front matter cannot be read as YAML ({detail})") from None
    if data is None:
        raise GuideError(path, "front matter is empty", first_line - 1)
    if not isinstance(data, CommentedMap):
        raise GuideError(
            path, "front matter must be a mapping of fields ('key: value' lines)", first_line
        )
    return data


def dump_yaml(data: Any, indent: YamlIndent = HOUSE_INDENT) -> str:
    """Write ``data`` (round-trip loaded or plain) as block YAML with the given layout."""
    yaml = _new_yaml()
    yaml.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    out = io.StringIO()
    yaml.dump(_quote_ambiguous(data), out)
    return out.getvalue()


def _quote_ambiguous(value: Any) -> Any:
    """Quote new plain strings that YAML 1.1 would read as another type (see above).

    Round-trip collections are changed in place (copying them would lose comments);
    plain ones are copied. Strings read from a file keep their style: they were checked.
    """
    if isinstance(value, (CommentedMap, CommentedSeq)):
        keys = list(value.keys()) if isinstance(value, CommentedMap) else range(len(value))
        for position, key in enumerate(keys):
            quoted = _quote_ambiguous(value[key])
            if quoted is not value[key]:
                value[key] = quoted
            if isinstance(value, CommentedMap) and _quote_ambiguous(key) is not key:
                # A key added in code ("n", "off"): the reader refuses it unquoted.
                value.insert(position, _quote_ambiguous(key), value.pop(key))
        return value
    if isinstance(value, Mapping):
        return {_quote_ambiguous(key): _quote_ambiguous(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_quote_ambiguous(item) for item in value]
    if type(value) is str and value and _is_ambiguous(value):
        return SingleQuotedScalarString(value)
    return value


def guess_indent(text: str) -> YamlIndent:
    """Guess the block indentation ``text`` was written with (house style if unclear)."""
    mapping: int | None = None
    sequence: int | None = None
    offset: int | None = None
    key_only_indent: int | None = None  # indent of the previous line if it was `key:`
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if key_only_indent is not None:
            # A list may start at its key's own indent ("indentless"); a mapping may not.
            if stripped.startswith("- ") and offset is None and indent >= key_only_indent:
                offset = indent - key_only_indent
                after_dash = stripped[1:]
                sequence = offset + 1 + len(after_dash) - len(after_dash.lstrip(" "))
            elif not stripped.startswith("-") and mapping is None and indent > key_only_indent:
                mapping = indent - key_only_indent
        if mapping is not None and offset is not None:
            break
        key_only_indent = indent if re.fullmatch(r"[^#]*:", stripped) else None
    mapping = mapping or HOUSE_INDENT.mapping
    if offset is None or sequence is None:
        return YamlIndent(mapping, HOUSE_INDENT.sequence, HOUSE_INDENT.offset)
    return YamlIndent(mapping, max(sequence, offset + 2), offset)


def _new_yaml() -> YAML:
    # A fresh instance per call: YAML objects keep state and are not thread-safe.
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    return yaml


@dataclass
class _Frame:
    """One open collection while walking the event stream."""

    is_mapping: bool
    expecting_key: bool = True
    key_lines: dict[str, int] | None = None


class _PlainDataParser(RoundTripParser):
    """ruamel's round-trip parser, with every event vetted before the composer sees it."""

    plain_data: _PlainDataCheck

    def get_event(self) -> Any:
        event = super().get_event()
        self.plain_data.vet(event)
        return event


class _PlainDataCheck:
    """Walks the event stream, refusing the first event that is not plain data."""

    def __init__(
        self,
        path: str,
        first_line: int,
        resolver: Any,
        max_scalar_chars: int = MAX_SCALAR_CHARS,
        max_nodes: int | None = None,
    ) -> None:
        self.path = path
        self.first_line = first_line
        self.resolver = resolver
        self.max_scalar_chars = max_scalar_chars
        self.max_nodes = max_nodes
        self.nodes = 0
        self.stack: list[_Frame] = []

    def vet(self, event: Event) -> None:
        problem = _event_problem(
            event, self.stack, self.resolver, self.first_line, self.max_scalar_chars
        )
        if problem is None and self.max_nodes is not None and isinstance(event, NodeEvent):
            self.nodes += 1
            if self.nodes > self.max_nodes:
                problem = f"front matter has more than {self.max_nodes} keys and values"
        if problem is not None:
            raise GuideError(self.path, problem, self.first_line + event.start_mark.line)


def _event_problem(
    event: Event,
    stack: list[_Frame],
    resolver: Any,
    first_line: int,
    max_scalar_chars: int = MAX_SCALAR_CHARS,
) -> str | None:
    """What is wrong with one parser event, given the collections open around it."""
    if isinstance(event, DocumentStartEvent):
        if event.explicit:
            return "YAML document markers are not allowed inside front matter"
        return None
    if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
        stack.pop()
        _node_done(stack)
        return None
    if not isinstance(event, NodeEvent):
        return None
    if isinstance(event, AliasEvent):
        return f"YAML aliases and anchors are not allowed (found alias '*{event.anchor}')"
    if event.anchor is not None:
        return f"YAML aliases and anchors are not allowed (found anchor '&{event.anchor}')"
    tag = getattr(event, "tag", None)
    if tag is not None:
        return f"YAML tags are not allowed (found '{_tag_text(tag)}')"
    frame = stack[-1] if stack else None
    is_key = frame is not None and frame.is_mapping and frame.expecting_key
    if isinstance(event, CollectionStartEvent):
        if is_key:
            return "mapping keys must be text, not a list or mapping"
        if len(stack) >= MAX_DEPTH:
            return f"front matter is nested more than {MAX_DEPTH} levels deep"
        is_mapping = isinstance(event, MappingStartEvent)
        stack.append(_Frame(is_mapping, key_lines={} if is_mapping else None))
        return None
    assert isinstance(event, ScalarEvent)
    problem = _scalar_problem(event, is_key, resolver, max_scalar_chars)
    if problem is None and is_key and frame is not None and frame.key_lines is not None:
        first = frame.key_lines.get(event.value)
        if first is not None:
            problem = f"duplicate key '{event.value}' (first defined on line {first})"
        else:
            frame.key_lines[event.value] = first_line + event.start_mark.line
    _node_done(stack)
    return problem


def _node_done(stack: list[_Frame]) -> None:
    """A node finished: in a mapping, a key is followed by a value and a value by a key."""
    if stack and stack[-1].is_mapping:
        stack[-1].expecting_key = not stack[-1].expecting_key


def _scalar_problem(
    event: ScalarEvent, is_key: bool, resolver: Any, max_scalar_chars: int
) -> str | None:
    value: str = event.value
    if len(value) > max_scalar_chars:
        return f"a {'key' if is_key else 'value'} is longer than {max_scalar_chars} characters"
    if event.style is not None:  # quoted and block scalars are always text
        return None
    kind = str(resolver.resolve(ScalarNode, value, (True, False))).removeprefix(_YAML_CORE)
    if is_key and kind == "merge":
        return "YAML merge keys ('<<') are not allowed"
    if is_key and kind == "null":
        return "a mapping key is empty"
    if is_key and kind != "str":
        return f"mapping keys must be text (found {value}); put the key in quotes"
    if kind not in _PLAIN_KINDS:  # `=` (YAML 1.1 "value"), `<<` as a value
        return f"'{value}' is special in YAML: put it in quotes"
    if kind in ("int", "float") and len(value) > MAX_NUMBER_CHARS:
        return f"a number is longer than {MAX_NUMBER_CHARS} characters"
    if kind in ("int", "float") and not _is_number(value):
        return f"'{value}' is not a valid number: put it in quotes if it is text"
    if kind == "float" and not _is_finite(value):
        return f"numbers must be finite (found '{value}')"
    if kind == "timestamp" and not _is_valid_timestamp(value):
        return f"'{value}' is not a valid date"
    if kind == "str" and _is_ambiguous(value):
        meaning = _MEANINGS_1_1.get(_kind_1_1(value), "something else")
        problem = f"'{value}' is ambiguous YAML (MkDocs reads it as {meaning})"
        if meaning == "true or false":
            return f"{problem}: write true or false, or put it in quotes"
        return f"{problem}: put it in quotes"
    return None


def _kind_1_1(value: str) -> str:
    return str(_YAML_1_1.resolve(ScalarNode, value, (True, False))).removeprefix(_YAML_CORE)


def _is_ambiguous(value: str) -> bool:
    """Whether plain ``value``, text in YAML 1.2, is something else in YAML 1.1."""
    return _kind_1_1(value) != "str"


def _is_number(value: str) -> bool:
    """Whether a scalar the resolver calls a number really is one (``+_`` is not)."""
    digits = value.replace("_", "").lstrip("+-").lower()
    if digits in (".inf", ".nan"):
        return True
    bases = {"0x": 16, "0o": 8, "0b": 2}
    try:
        if digits[:2] in bases:
            int(digits[2:], bases[digits[:2]])
        else:
            float(digits)
    except ValueError:
        return False
    return True


def _is_finite(value: str) -> bool:
    """Whether a valid float scalar is finite (``.inf``, ``.nan`` and ``1e999`` are not)."""
    digits = value.replace("_", "").lstrip("+-").lower()
    return digits not in (".inf", ".nan") and math.isfinite(float(digits))


def _is_valid_timestamp(value: str) -> bool:
    match = _TIMESTAMP_RE.match(value)
    if match is None:
        return False
    try:
        create_timestamp(**match.groupdict())
    except (ValueError, OverflowError):
        return False
    return True


def _syntax_error(error: MarkedYAMLError, *, path: str, first_line: int) -> GuideError:
    mark = error.problem_mark or error.context_mark
    line = first_line + mark.line if mark is not None else None
    problem = _one_line(str(error.problem or "malformed YAML"))
    context = _one_line(str(error.context or ""))
    where = f" ({context})" if context and not context.startswith("in ") else ""
    return GuideError(path, f"invalid YAML: {problem}{where}", line)


def _tag_text(tag: Any) -> str:
    """A tag as the author wrote it: ``!!str``, ``!ENV``, ``!<tag:...>``."""
    handle = getattr(tag, "handle", None)
    suffix = getattr(tag, "suffix", None)
    if handle and suffix is not None:
        return f"{handle}{suffix}"
    text = str(tag)
    if text.startswith(_YAML_CORE):
        return "!!" + text.removeprefix(_YAML_CORE)
    return text if text.startswith("!") else f"!<{text}>"


def _one_line(text: str) -> str:
    return " ".join(text.split())
