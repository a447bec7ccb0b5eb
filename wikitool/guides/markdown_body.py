"""What the checks need to know about a page's Markdown body: headings, sections, links.

A careful line scan, not a full parser: it skips fenced code blocks and inline code
spans (where ``## Steps`` or ``[x](y.md)`` are only examples), and reports 0-based line
indexes into the body. Whether a section holds a numbered list is left to
Python-Markdown, the renderer MkDocs uses, because only it knows exactly when ``1.``
starts a list (for instance not straight after a paragraph line).

Building a Python-Markdown instance loads its extensions, a sixth of the time of a
short conversion, so each thread keeps one (an instance is not thread-safe), reset
before each document.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import markdown  # type: ignore[import-untyped]  # ships no type information
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ATTR_LIST_RE = re.compile(r"\s*\{[^{}]*\}$")  # `## Steps {#steps}` (attr_list extension)
_CODE_SPAN_RE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_LINK_TEXT = r"\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\]"
_DESTINATION = r"(?:<(?P<angled>[^<>\n]*)>|(?P<bare>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*))"
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?"""
_INLINE_LINK_RE = re.compile(rf"!?{_LINK_TEXT}\(\s*{_DESTINATION}{_TITLE}\s*\)")
_REFERENCE_RE = re.compile(rf"^ {{0,3}}{_LINK_TEXT}:[ \t]*{_DESTINATION}")
_ORDERED_ITEM_RE = re.compile(r"^ {0,3}\d{1,9}\.[ \t]+\S")
_MARKDOWN_EXTENSIONS = ["fenced_code", "tables"]  # what MkDocs always enables (besides toc)


@dataclass(frozen=True)
class Heading:
    """An ATX heading (``## Text``) outside code."""

    index: int
    level: int
    text: str
    braces: str = ""
    """A ``{...}`` ending the heading, taken off ``text`` (``{#id}``, ``{when: abroad}``)."""


@dataclass(frozen=True)
class Link:
    """A link or image destination as written, and the body line it is on."""

    index: int
    target: str


def lines_outside_code(body: str) -> Iterator[tuple[int, str]]:
    """Each body line that is not inside a fenced code block, with its 0-based index."""
    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        # A fence line holds ``` or ~~~: most lines are ruled out without the pattern.
        match = _FENCE_RE.match(line) if "```" in line or "~~~" in line else None
        if fence is None:
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = match.group(1)
                continue
            yield index, line
        elif (
            match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not match.group(2).strip()
        ):
            fence = None


def headings(body: str) -> list[Heading]:
    """The ATX headings of a body, in order."""
    found = []
    for index, line in lines_outside_code(body):
        match = _HEADING_RE.match(line)
        if match:
            text = (match.group(2) or "").strip()
            braces = _ATTR_LIST_RE.search(text)
            if braces is None:
                found.append(Heading(index, len(match.group(1)), text))
            else:
                found.append(
                    Heading(
                        index,
                        len(match.group(1)),
                        text[: braces.start()],
                        braces.group(0).strip(),
                    )
                )
    return found


def section_text(body: str, heading: Heading, among: Sequence[Heading] | None = None) -> str:
    """The lines under ``heading`` up to the next heading of the same or a higher level.

    ``among`` is ``headings(body)`` when the caller has it already.
    """
    lines = body.split("\n")
    end = len(lines)
    for other in headings(body) if among is None else among:
        if other.index > heading.index and other.level <= heading.level:
            end = other.index
            break
    return "\n".join(lines[heading.index + 1 : end])


def has_ordered_list(text: str) -> bool:
    """Whether Python-Markdown renders ``text`` with a numbered list in it.

    The same answer as ``"<ol" in markdown.markdown(text, extensions=...)``: a list in
    the parsed blocks is rendered as ``<ol>`` (no later step removes elements), so the
    conversion stops there; without one, the whole HTML is still searched, as raw HTML
    such as ``<ol>`` passes through into it.
    """
    renderer = _thread_renderer()
    renderer.reset()  # before, not after: a conversion that raised leaves state behind
    try:
        html: str = renderer.convert(text)
    except _OrderedListFound:
        return True
    return "<ol" in html


class _OrderedListFound(Exception):
    """Ends a conversion once its parsed blocks hold a numbered list."""


class _StopAtOrderedList(Treeprocessor):  # type: ignore[misc]  # markdown is untyped
    """The first tree step: the rest (inline markup, serializing) cannot remove a list,
    and is most of the work on a list of steps full of links."""

    def run(self, root: Element) -> None:
        if next(root.iter("ol"), None) is not None:
            raise _OrderedListFound


_renderers = threading.local()


def _thread_renderer() -> markdown.Markdown:
    renderer: markdown.Markdown | None = getattr(_renderers, "markdown", None)
    if renderer is None:
        renderer = markdown.Markdown(extensions=_MARKDOWN_EXTENSIONS)
        # Priority above every built-in tree step (inline is 20): it runs first.
        renderer.treeprocessors.register(_StopAtOrderedList(renderer), "ordered_list", 100)
        _renderers.markdown = renderer
    return renderer


def has_list_after_paragraph(text: str) -> bool:
    """Whether a ``1.`` line directly follows a line of text (Python-Markdown then
    renders no list: it needs a blank line first)."""
    previous = ""
    for _, line in lines_outside_code(text):
        if (
            _ORDERED_ITEM_RE.match(line)
            and previous.strip()
            and not _ORDERED_ITEM_RE.match(previous)
        ):
            return True
        previous = line
    return False


def links(body: str) -> list[Link]:
    """Inline links, images and reference definitions outside code, in order."""
    found = []
    for index, line in lines_outside_code(body):
        if "[" not in line:
            continue  # both kinds of link start with `[`
        reference = _REFERENCE_RE.match(line)
        if reference:
            found.append(Link(index, _destination(reference)))
            continue
        # Blank out code spans, keeping columns, so `[x](y)` inside them is not a link.
        scannable = _CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line)
        for match in _INLINE_LINK_RE.finditer(scannable):
            found.append(Link(index, _destination(match)))
    return found


def _destination(match: re.Match[str]) -> str:
    angled = match.group("angled")
    return angled if angled is not None else match.group("bare")
