"""Front matter as plain data, the data ``parse_guide`` gives, read about 15x faster.

``wikitool.guides.frontmatter.parse_guide`` reads YAML round-trip with ruamel.yaml in
pure Python (about 7 ms a guide, 14 s for a 2,000-guide wiki): right for rewriting a
guide, too slow to publish or check one. A build (and ``check_guide`` on a valid guide,
see ``wikitool.guides.checks``) only needs the plain data, so this module reads
the front matter from libyaml's event stream (C) and builds the data itself, with the
same refusals as ``wikitool.guides.plain_yaml`` (no anchors, aliases, tags, directives,
duplicate keys, deep nesting or huge values) and the same YAML 1.2 reading of plain
values, refusing those YAML 1.1 would read otherwise (``yes``, ``12:30``: PyYAML's
``page.meta`` makes them a boolean and a number).

Anything this fast path is not sure to read exactly as ``parse_guide`` does (an unusual
number such as ``0o17``, a timestamp with a time, any refusal, any YAML error) goes to
``parse_guide`` itself: its data is used, or its error is raised. So both readers always
agree, and the error a member of staff sees is the one ``wikitool check`` prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import yaml  # type: ignore[import-untyped]
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from wikitool.guides.frontmatter import MAX_FRONT_MATTER_CHARS, parse_guide
from wikitool.guides.plain_yaml import MAX_DEPTH, MAX_NUMBER_CHARS, MAX_SCALAR_CHARS

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENING = re.compile(r"---[ \t]*")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_RESOLVER = VersionedResolver(version=(1, 2))
# MkDocs (PyYAML) reads YAML 1.1: a value that is text in 1.2 but not in 1.1 (`yes`,
# `12:30`) is refused by parse_guide, so this reader hands it over.
_RESOLVER_1_1 = VersionedResolver(version=(1, 1))
_CORE = "tag:yaml.org,2002:"
# The first characters that can start a typed plain scalar (``true``, ``12``, ``~``,
# ``yes``...) in either version: a scalar starting otherwise is text, without asking the
# resolvers (most of a guide's values: titles, names, sentences). Empty (no shortcut)
# should a resolver apply whatever the first character.
_TYPED_FIRST: frozenset[str] = (
    frozenset()
    if any(None in r.versioned_resolver for r in (_RESOLVER, _RESOLVER_1_1))
    else frozenset(k for r in (_RESOLVER, _RESOLVER_1_1) for k in r.versioned_resolver)
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_SIMPLE_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_SIMPLE_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_SIMPLE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_DOCUMENT_START = yaml.DocumentStartEvent
_BOUNDARIES = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


@dataclass(frozen=True)
class PageSource:
    """A page split for publishing: its front matter as plain data (``None`` when the
    page has none) and its Markdown body."""

    data: dict[str, Any] | None
    body: str


class _NotSure(Exception):
    """The fast path cannot promise to read this exactly as ``parse_guide`` would."""


def read_page(text: str, path: str) -> PageSource:
    """Split ``text`` (a page as MkDocs read it: LF line endings, no BOM).

    A page that does not start with a ``---`` line has no front matter: its whole text
    is the body, as MkDocs sees it.

    Raises:
        GuideError: the front matter is not closed, not valid YAML, or not plain data
            (the message ``parse_guide`` gives for it).
    """
    first_end = text.find("\n")
    if first_end < 0 or not _OPENING.fullmatch(text[:first_end]):
        return PageSource(None, text)
    closing = _CLOSING.search(text, first_end + 1)
    try:
        if closing is None or closing.end() == len(text):
            raise _NotSure
        yaml_text = text[first_end + 1 : closing.start()]
        if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
            raise _NotSure
        data = _load(yaml_text)
        return PageSource(data, text[closing.end() + 1 :])
    except (_NotSure, yaml.YAMLError):
        guide = parse_guide(text, path)
        return PageSource(guide.data(), guide.body)


def _load(yaml_text: str) -> dict[str, Any]:
    """Build plain data from the event stream, or raise ``_NotSure``."""
    # The parser's events one by one: what yaml.parse does, without its generator and
    # a second call per event.
    parser = _LOADER(yaml_text)
    try:
        root = _build(parser.get_event)
    finally:
        parser.dispose()
    if root is None or type(root) is not dict or not root:
        raise _NotSure
    return root


def _build(next_event: Callable[[], Any]) -> Any:
    root = None
    # The open collection in locals (this loop is most of the reader's time): the
    # container, whether it is a mapping, and its pending key (None: a key comes next);
    # the collections around it are saved on ``outer``.
    container: Any = None
    is_map = False
    key: str | None = None
    outer: list[tuple[Any, bool]] = []
    # Dispatch on the exact event class, most frequent first; a class not named here is
    # not one libyaml makes: not sure.
    while (event := next_event()) is not None:
        kind = type(event)
        if kind is _SCALAR:
            if event.anchor is not None or event.tag is not None or container is None:
                raise _NotSure  # container None: a lone scalar, not a mapping
            value = event.value
            # Text that cannot be typed (most values) without a call; else the judgement.
            if not (_TYPED_FIRST and value and value[0] not in _TYPED_FIRST) or (
                len(value) > MAX_SCALAR_CHARS
            ):
                value = _scalar(event, is_map and key is None)
            if not is_map:
                container.append(value)
            elif key is not None:
                container[key] = value
                key = None
            elif type(value) is not str or value in container:
                raise _NotSure
            else:
                key = value
        elif kind is _MAPPING_START or kind is _SEQUENCE_START:
            if event.anchor is not None or event.tag is not None:
                raise _NotSure
            opened: dict[str, Any] | list[Any] = {} if kind is _MAPPING_START else []
            if container is not None:
                if (is_map and key is None) or len(outer) + 1 >= MAX_DEPTH:
                    raise _NotSure  # a collection as a key, or nested too deep
                if is_map:
                    container[key] = opened
                else:
                    container.append(opened)
                outer.append((container, is_map))
            container, is_map, key = opened, kind is _MAPPING_START, None
        elif kind is _MAPPING_END or kind is _SEQUENCE_END:
            if outer:
                # The collection that ended was the pending key's value: a key comes next.
                container, is_map = outer.pop()
                key = None
            else:
                root, container, is_map, key = container, None, False, None
        elif kind is _DOCUMENT_START:
            if event.explicit or event.version or event.tags:
                raise _NotSure
        elif kind not in _BOUNDARIES:
            raise _NotSure  # an alias
    return root


@lru_cache(maxsize=4096)
def _kind(value: str) -> str:
    """The YAML 1.2 type of a plain scalar; ``ambiguous`` when YAML 1.1 reads text as
    something else. Cached: guides repeat the same keys and values (``EUR``, ``true``)."""
    kind = str(_RESOLVER.resolve(ScalarNode, value, (True, False))).removeprefix(_CORE)
    if kind == "str" and _RESOLVER_1_1.resolve(ScalarNode, value, (True, False)) != f"{_CORE}str":
        return "ambiguous"
    return kind


def _scalar(event: Any, is_key: bool) -> Any:
    value: str = event.value
    if len(value) > MAX_SCALAR_CHARS:
        raise _NotSure
    if event.style not in (None, "") or not event.implicit[0]:
        return value  # quoted or block text
    if _TYPED_FIRST and value and value[0] not in _TYPED_FIRST:
        return value
    kind = _kind(value)
    if kind == "str":
        return value
    if is_key:
        raise _NotSure
    if kind == "null" and value in _NULLS:
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind in ("int", "float") and len(value) > MAX_NUMBER_CHARS:
        raise _NotSure  # int() refuses over 4,300 digits; parse_guide says what is wrong
    if kind == "int" and _SIMPLE_INT.fullmatch(value):
        return int(value)
    if kind == "float" and _SIMPLE_FLOAT.fullmatch(value):
        return float(value)
    if kind == "timestamp" and _SIMPLE_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise _NotSure from None
    raise _NotSure
