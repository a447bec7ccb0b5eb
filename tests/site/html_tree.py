"""Read built pages the way a reader's browser would: elements, attributes and text.

A small tree built with the standard library's HTML parser, enough for the site tests to
ask "the text of the element with class X" or "every attribute on the page".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements a browser lays out as blocks: innerText puts a line break around them.
_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    """One element: its tag, attributes, and children (elements or text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    content: Element | None = None
    """A ``<template>``'s inert content: as in a browser, not among its children."""

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """Elements inside (or equal to) this one with ``tag`` and/or class ``cls``."""
        return [
            el
            for el in self.iter()
            if (tag is None or el.tag == tag)
            and (cls is None or cls in el.attrs.get("class", "").split())
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        """The first such element (fails the test when there is none)."""
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls!r}> on the page"
        return found[0]

    @property
    def text(self) -> str:
        """The element's text, whitespace collapsed (as ``innerText`` roughly reads it),
        without the "Suggest a change" link after each fact and step (``a.wt-fix``): the
        fact as a reader reads it. Tests of those links find them by their class."""
        parts: list[str] = []

        def walk(node: Element) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in ("script", "style") and not _is_fact_link(child):
                    block = child.tag in _BLOCKS
                    parts.append(" " if block else "")
                    walk(child)
                    parts.append(" " if block else "")

        walk(self)
        return " ".join("".join(parts).split())

    @property
    def raw_text(self) -> str:
        """The element's own text exactly (a script's source)."""
        return "".join(c for c in self.children if isinstance(c, str))


def _is_fact_link(element: Element) -> bool:
    return element.tag == "a" and "wt-fix" in element.attrs.get("class", "").split()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self._stack[-1].children.append(element)
        if tag == "template":
            element.content = Element(tag, {})  # its closing tag ends the content
            self._stack.append(element.content)
        elif tag not in _VOID:
            self._stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack[-1].children.append(Element(tag, {n: v or "" for n, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    """The document's tree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
