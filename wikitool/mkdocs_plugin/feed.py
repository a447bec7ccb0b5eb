"""The "What changed" Atom feed (RFC 4287), built with ElementTree so every value is
escaped as XML text, and written beside the site's pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urljoin

from mkdocs.config.defaults import MkDocsConfig

from wikitool.mkdocs_plugin.changes import is_page_change, title_from_path
from wikitool.mkdocs_plugin.collected import SiteFacts
from wikitool.mkdocs_plugin.config import WikitoolConfig

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


def write_feed(facts: SiteFacts, options: WikitoolConfig, config: MkDocsConfig) -> None:
    """Write the feed of the latest changes to pages at ``options.feed`` in the site.

    Links are absolute with ``site_url``; without it, relative to the feed and ids are
    ``urn:wikitool:...``.
    """
    site_url = config.site_url or ""
    changes = facts.pages.get(options.changes_page)
    changes_url = changes.url if changes is not None else ""
    entries = []
    commits = facts.history.commits if facts.history is not None else []
    for commit in commits[: options.changes_limit]:
        if not any(is_page_change(c) for c in commit.changes):
            continue
        guides = [
            facts.pages[c.current_path]
            for c in commit.changes
            if c.current_path in facts.pages and is_page_change(c)
        ]
        target = guides[0].url if guides else changes_url
        entries.append(
            FeedEntry(
                id=urljoin(site_url, f"{changes_url}#{commit.commit}")
                if site_url
                else f"urn:wikitool:change:{commit.commit}",
                title=commit.subject,
                updated=commit.date,
                link=urljoin(site_url, target) if site_url else target or "./",
                guides=tuple(g.title for g in guides)
                or tuple(title_from_path(c.path) for c in commit.changes),
                suggested=bool(commit.suggestion_ids),
            )
        )
    feed = atom_feed(
        title=f"{config.site_name}: {options.changes_title}",
        feed_id=urljoin(site_url, options.feed)
        if site_url
        else f"urn:wikitool:feed:{quote(config.site_name, safe='')}",
        self_link=urljoin(site_url, options.feed) if site_url else options.feed,
        page_link=urljoin(site_url, changes_url) if site_url else changes_url or "./",
        entries=entries,
    )
    target_file = Path(config.site_dir) / options.feed
    target_file.parent.mkdir(parents=True, exist_ok=True)
    target_file.write_bytes(feed)


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
