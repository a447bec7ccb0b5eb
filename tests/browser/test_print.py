"""People print procedures: a printed guide is the guide, not the website around it."""

from __future__ import annotations

import re

import pytest
from browsing import PASSPORT, PublishedWiki, glance_panel, steps_list
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_printed_guide_keeps_the_steps_and_drops_navigation_and_search(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(published.url(PASSPORT))

    page.emulate_media(media="print")

    expect(steps_list(page)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for chrome in (".md-header", ".md-search", ".md-sidebar--primary", ".md-footer"):
        expect(page.locator(chrome)).to_be_hidden()


def test_printed_guide_keeps_the_glance_panel_and_drops_the_edit_button(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(published.url(PASSPORT))
    edit = page.get_by_role("link", name=re.compile(r"suggest an edit", re.I))
    expect(edit.first).to_be_visible()

    page.emulate_media(media="print")

    expect(glance_panel(page)).to_be_visible()
    expect(edit.first).to_be_hidden()
