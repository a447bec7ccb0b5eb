"""The steps section of a guide's HTML made to say what ``guides/steps.py`` read: each
group limited to some situations wrapped in ``<div class="wt-step-group"
data-when="a b">`` (the site's script hides it when another situation is chosen), each
``or``/``and`` paragraph given ``class="wt-step-or"``/``"wt-step-and"``, and the text of
every step, list by list, for the JSON-LD; and, when asked, a second version with each
step's "Suggest a change" link at the end of its item (``fact_links``): the page shows
that one, the search index reads the first. A separator joining two groups stands
between their wrappers, with the situations where both show as its own ``data-when``.

It runs on the sanitized HTML: the sanitizer drops ``data-*`` attributes and ``wt-``
classes from page text, so only this module, reading the parsed convention, adds them.
The HTML's top-level ``<h3>`` and lists in the section are the parser's group headings
and lists in the same order (``check`` refuses what would make them differ: raw HTML,
a list glued to a paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from html import escape, unescape

from wikitool.guides.steps import StepGroup, Steps

_TAG_RE = re.compile(r'<(/?)([A-Za-z][A-Za-z0-9]*)((?:[^>"]|"[^"]*")*)>')
_HEADERLINK_RE = re.compile(r'(?<![^\s])class="headerlink"(?![^\s/])')
_VOID = frozenset({"br", "col", "hr", "img"})  # what the sanitizer lets through


@dataclass(frozen=True)
class MarkedSteps:
    """The page's HTML with its steps marked, and each list's step texts in page order."""

    html: str
    texts: list[list[str]]
    linked: str | None = None
    """``html`` with each step's link, when links were asked for."""


@dataclass
class _Block:
    """A top-level element of the page: its tag, where it is and its text."""

    tag: str
    start: int
    start_tag_end: int
    end: int = 0
    text: str = ""
    items: list[str] = field(default_factory=list)
    item_ends: list[int] = field(default_factory=list)
    """Where each of a list's own items closes (its ``</li>``)."""


StepLink = Callable[[int, str], str]
"""The HTML ending a step's item, from its place (from 0, through every list) and text."""


def mark_steps(
    html: str,
    steps: Steps,
    headings: Collection[str],
    joins: Mapping[str, str],
    link: StepLink | None = None,
) -> MarkedSteps:
    """Mark the steps section of ``html`` (after its ``<h2>``, one of ``headings``,
    casefolded) as ``steps`` reads it; ``joins`` maps each separator word (casefolded)
    to ``or`` or ``and`` (``catalogues.step_joins``); ``link`` gives what ends each
    step's item."""
    section = _section(_top_level_blocks(html), headings)
    if section is None:
        return MarkedSteps(html, [])
    starts = [index for index, block in enumerate(section) if block.tag == "h3"]
    # A page check refuses may hold fewer headings than groups: mark those that match.
    titled = [group for group in steps.groups if group.line is not None]
    group_at = dict(zip(starts, titled, strict=False))
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), not overlapping
    joining: set[int] = set()  # separators that end a group, joining it to the next
    group: StepGroup | None = None
    for index, block in enumerate(section):
        group = group_at.get(index, group) if block.tag == "h3" else group
        word = joins.get(block.text.strip().casefold()) if block.tag == "p" else None
        if word is None:
            continue
        attributes = f'class="wt-step-{word}"'
        following = group_at.get(index + 1)
        if group is not None and following is not None:
            joining.add(index)
            shown = _shown_in_both(group.when, following.when)
            if shown is not None:
                attributes += f' data-when="{escape(" ".join(shown))}"'
        edits.append((block.start, block.start_tag_end, f"<p {attributes}>"))
    for first, group in group_at.items():
        if not group.when:
            continue
        after = [s for s in starts if s > first]
        last = (after[0] if after else len(section)) - 1
        last -= 1 if last in joining else 0  # the separator shows beside both groups
        ids = escape(" ".join(group.when))
        opening = f'<div class="wt-step-group" data-when="{ids}">'
        edits.append((section[first].start, section[first].start, opening))
        edits.append((section[last].end, section[last].end, "</div>"))
    lists = [block for block in section if block.tag in ("ol", "ul")]
    texts = [block.items for block in lists]
    if link is None:
        return MarkedSteps(_apply(html, edits), texts)
    links: list[tuple[int, int, str]] = []
    for block in lists:
        for end, text in zip(block.item_ends, block.items, strict=False):
            links.append((end, end, link(len(links), text)))
    return MarkedSteps(_apply(html, edits), texts, _apply(html, edits + links))


def _shown_in_both(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...] | None:
    """The situations where two groups both show (``None``: every one). ``()`` when none:
    the separator then shows only while no situation is chosen."""
    if not first or not second:
        return (first or second) or None
    return tuple(situation for situation in first if situation in second)


def _apply(html: str, edits: list[tuple[int, int, str]]) -> str:
    out, position = [], 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(html[position:start])
        out.append(replacement)
        position = end
    out.append(html[position:])
    return "".join(out)


def _section(blocks: list[_Block], headings: Collection[str]) -> list[_Block] | None:
    for index, block in enumerate(blocks):
        if block.tag == "h2" and block.text.strip().casefold() in headings:
            rest = blocks[index + 1 :]
            end = next((i for i, b in enumerate(rest) if b.tag in ("h1", "h2")), len(rest))
            return rest[:end]
    return None


def _top_level_blocks(html: str) -> list[_Block]:
    """The top-level elements, their offsets, their text (a heading's permalink left
    out) and, for a list, the text of each of its own items.

    A tag pattern, not an HTML parser: the sanitizer's output is serialized from a parsed
    tree (every element closed, ``<`` escaped in text, attribute values double-quoted,
    no comments, no script or style), so each ``<`` starts a tag. Three times faster
    than ``html.parser`` on a guide, and the build reads every guide.
    """
    blocks: list[_Block] = []
    depth = 0
    skip = 0  # inside a heading's permalink
    position = 0
    for tag_match in _TAG_RE.finditer(html):
        start = tag_match.start()
        if depth and not skip and start > position:
            _add_text(blocks[-1], unescape(html[position:start]))
        position = tag_match.end()
        closing, tag, attributes = tag_match.group(1, 2, 3)
        tag = tag.lower()
        if closing:
            if tag in _VOID or depth == 0:
                continue
            if tag == "li" and depth == 2 and blocks[-1].tag in ("ol", "ul"):
                blocks[-1].item_ends.append(start)
            depth -= 1
            if tag == "a" and skip:
                skip -= 1
            if depth == 0:
                block = blocks[-1]
                block.end = position
                block.items = [" ".join(item.split()) for item in block.items]
            continue
        if depth == 0:
            blocks.append(_Block(tag, start, position))
        elif tag == "a" and _HEADERLINK_RE.search(attributes):
            skip += 1
        elif tag == "li" and depth == 1 and blocks[-1].tag in ("ol", "ul"):
            blocks[-1].items.append("")
        if tag not in _VOID:
            depth += 1
        elif depth == 0:
            blocks[-1].end = blocks[-1].start_tag_end
    return blocks


def _add_text(block: _Block, text: str) -> None:
    block.text += text
    if block.items:
        block.items[-1] += text
