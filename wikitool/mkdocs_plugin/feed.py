"""The "What changed" Atom feed (RFC 4287), built with ElementTree so every value is
escaped as XML text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    """One change: what it was, when, the guides it touched and where to read it."""

    id: str
    title: str
    updated: datetime
    link: str
    guides: tuple[str, ...]
    suggested: bool


def atom_feed(
    *, title: str, feed_id: str, self_link: str, page_link: str, entries: Sequence[FeedEntry]
) -> bytes:
    """The feed as UTF-8 XML; links may be relative to the feed's own address."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", feed_id)
    newest = max((e.updated for e in entries), default=datetime(1970, 1, 1, tzinfo=UTC))
    _text(feed, "updated", newest.isoformat())
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_link, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page_link, type="text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", title)
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(item, "title", entry.title)
        _text(item, "id", entry.id)
        _text(item, "updated", entry.updated.isoformat())
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=entry.link, type="text/html")
        who = "Suggested by a citizen. " if entry.suggested else ""
        _text(item, "summary", f"{who}Guides changed: {', '.join(entry.guides)}.")
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = _xml_chars(value)


def _xml_chars(value: str) -> str:
    # XML 1.0 cannot hold most control characters even escaped; a commit subject might.
    return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20)
