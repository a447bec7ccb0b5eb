"""What the checks need to know about a page's Markdown body: headings, sections, links.

A careful line scan, not a full parser: it skips fenced code blocks and inline code
spans (where ``## Steps`` or ``[x](y.md)`` are only examples), and reports 0-based line
indexes into the body. Whether a section holds a numbered list is left to
Python-Markdown, the renderer MkDocs uses, because only it knows exactly when ``1.``
starts a list (for instance not straight after a paragraph line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import markdown  # type: ignore[import-untyped]  # ships no type information

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


@dataclass(frozen=True)
class Link:
    """A link or image destination as written, and the body line it is on."""

    index: int
    target: str


def lines_outside_code(body: str) -> Iterator[tuple[int, str]]:
    """Each body line that is not inside a fenced code block, with its 0-based index."""
    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        match = _FENCE_RE.match(line)
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
            text = _ATTR_LIST_RE.sub("", (match.group(2) or "").strip())
            found.append(Heading(index, len(match.group(1)), text))
    return found


def section_text(body: str, heading: Heading) -> str:
    """The lines under ``heading`` up to the next heading of the same or a higher level."""
    lines = body.split("\n")
    end = len(lines)
    for other in headings(body):
        if other.index > heading.index and other.level <= heading.level:
            end = other.index
            break
    return "\n".join(lines[heading.index + 1 : end])


def has_ordered_list(text: str) -> bool:
    """Whether Python-Markdown renders ``text`` with a numbered list in it."""
    html = markdown.markdown(text, extensions=_MARKDOWN_EXTENSIONS)
    return "<ol" in html


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
