"""The "What changed" page and its feed show what was merged across the wiki."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from browsing import (
    BIRTH,
    DESKTOP_ONLY,
    MERGE_DATE,
    MERGED_SUMMARY,
    PublishedWiki,
    changes_page_url,
    date_pattern,
    page_path,
    visible_text,
)
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_changes_page_lists_a_merged_suggestion_with_its_date_and_guide(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(changes_page_url(page, published))

    content = page.locator(".md-content")

    assert MERGED_SUMMARY in visible_text(content)
    assert re.search(date_pattern(MERGE_DATE), visible_text(content))
    paths = content.locator("a[href]").evaluate_all(
        "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).pathname)"
    )
    assert page_path(BIRTH) in paths


@DESKTOP_ONLY
def test_changes_feed_is_announced_and_carries_the_change(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(changes_page_url(page, published))

    feed = page.locator(
        "link[rel='alternate'][type='application/atom+xml'],"
        "link[rel='alternate'][type='application/rss+xml']"
    )
    href = feed.first.get_attribute("href", timeout=1_000)
    assert href, "the changes page announces no Atom or RSS feed"
    url = page.evaluate("href => new URL(href, document.baseURI).href", href)
    response = page.request.get(url)

    assert response.ok
    root = ET.fromstring(response.body())
    titles = [el.text or "" for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "title"]
    assert any(MERGED_SUMMARY in title for title in titles), titles
