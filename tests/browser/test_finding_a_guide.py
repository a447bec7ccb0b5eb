"""A reader finds a procedure from the home page or from search, in a few taps."""

from __future__ import annotations

import re

import pytest
from browsing import BIRTH, CATEGORY, HOME, OVERDUE, PASSPORT, PublishedWiki, page_path, search
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_home_to_category_to_guide_in_two_taps(page: Page, published: PublishedWiki) -> None:
    category = published.front_matter(CATEGORY)["title"]
    guide = published.front_matter(PASSPORT)["title"]
    page.goto(published.url(HOME))

    # The page's own links, not the navigation drawer a phone keeps off screen.
    content = page.locator(".md-content")
    content.get_by_role("link", name=category, exact=True).first.click()
    expect(page).to_have_url(published.url(CATEGORY))
    content.get_by_role("link", name=guide, exact=True).first.click()

    expect(page).to_have_url(published.url(PASSPORT))
    expect(page.get_by_role("heading", level=1)).to_have_text(guide)


def test_home_lists_recently_updated_guides_newest_first(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(published.url(HOME))
    hrefs = page.locator(".md-content a[href]").evaluate_all(
        "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).pathname)"
    )
    newest, older = page_path(OVERDUE), page_path(BIRTH)
    assert newest in hrefs and older in hrefs, "the home page links no recently updated guide"
    assert hrefs.index(newest) < hrefs.index(older)


def steps_section(markdown: str) -> str:
    """The text of a guide's ``## Steps`` section, link targets dropped."""
    match = re.search(r"^## Steps\n(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, "the guide has no Steps section"
    return re.sub(r"\]\([^)]*\)", "]", match.group(1))


def word_only_in(guide: str, pages: dict[str, str]) -> str:
    """A word from ``guide``'s steps that no other page uses, so search must find it."""
    others = " ".join(text for path, text in pages.items() if path != guide).lower()
    words: list[str] = re.findall(r"[A-Za-z]{6,}", steps_section(pages[guide]))
    for word in words:
        if not re.search(rf"\b{word.lower()}", others):
            return word.lower()
    raise AssertionError(f"every word in {guide}'s steps is used elsewhere")


def test_search_finds_a_guide_by_a_word_from_its_steps(
    page: Page, published: PublishedWiki
) -> None:
    word = word_only_in(PASSPORT, published.pages())
    page.goto(published.url(HOME))

    results = search(page, word)

    results.filter(has_text=published.front_matter(PASSPORT)["title"]).first.click()
    # Generous: on a loaded machine the phone layout's search overlay settles slowly.
    expect(page).to_have_url(re.compile(re.escape(published.url(PASSPORT))), timeout=15_000)
