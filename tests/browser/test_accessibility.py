"""Every kind of page passes axe-core's WCAG 2.1 A/AA rules and asks no third party for anything.

Run on each kind of page a reader meets, at desktop width and on a 375 px phone.
"""

from __future__ import annotations

import pytest
from browsing import (
    CATEGORY,
    HOME,
    PASSPORT,
    OffsiteRequests,
    PublishedWiki,
    axe_violations,
    changes_page_url,
    search,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PLACES = [
    "home",
    "category",
    "guide",
    "guide with sources",
    "guide with situations",
    "guide with a situation chosen",
    "changes",
    "search results",
    "not found",
]
# A guide naming its publisher and the official pages its facts come from.
WITH_SOURCES = "vehicles/register-a-used-vehicle.md"
# A reference guide with situations, step groups limited to them and several ways to apply.
WITH_SITUATIONS = "identity-and-travel/replace-a-lost-or-stolen-passport.md"


def visit(page: Page, published: PublishedWiki, place: str) -> None:
    """Open one kind of page as a reader would (its scripts have run when this returns)."""
    if place == "changes":
        page.goto(changes_page_url(page, published))
    elif place == "search results":
        page.goto(published.url(HOME))
        search(page, "passport")
    elif place == "guide with sources":
        page.goto(published.url(WITH_SOURCES))
        # The test is about the sources' list: it must be there to be measured.
        expect(page.locator(".wt-panel dt", has_text="Sources")).to_be_visible()
    elif place == "guide with situations":
        page.goto(published.url(WITH_SITUATIONS))
        expect(page.get_by_label("Your situation")).to_be_visible()
    elif place == "not found":
        # The site's own 404 page, as the web server (and `wikitool serve`) answers it.
        answer = page.goto(published.base_url + "/no-such-guide/")
        assert answer is not None and answer.status == 404
        expect(page.get_by_role("heading", name="404 - Not found")).to_be_visible()
    elif place == "guide with a situation chosen":
        # The state a shared link opens: one situation's facts, the others hidden.
        page.goto(published.url(WITH_SITUATIONS) + "?situation=abroad")
        expect(page.get_by_label("Your situation")).to_have_value("abroad")
    else:
        page.goto(published.url({"home": HOME, "category": CATEGORY, "guide": PASSPORT}[place]))


@pytest.mark.parametrize("place", PLACES)
def test_page_has_no_wcag_21_aa_violation(page: Page, published: PublishedWiki, place: str) -> None:
    visit(page, published, place)

    assert axe_violations(page) == []


@pytest.mark.parametrize("place", PLACES)
def test_page_asks_no_third_party_host_for_anything(
    page: Page, published: PublishedWiki, offsite: OffsiteRequests, place: str
) -> None:
    visit(page, published, place)
    # Late requests too: fonts, analytics and the like start after the load event.
    page.wait_for_load_state("networkidle")

    assert offsite.urls == []
