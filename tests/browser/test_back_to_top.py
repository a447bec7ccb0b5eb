"""The floating "Back to top" button (mkdocs-material's ``navigation.top``) never covers
the page's title, even when a keyboard reader moves the focus onto it near the top of
the page (issue 13: it floated at the top centre, over the title)."""

from __future__ import annotations

import pytest
from browsing import PASSPORT, PublishedWiki
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

MAX_TABS = 10
# The theme shows the button only while the reader scrolls back up, not at the very top.
DOWN_PX, BACK_UP_PX = 300, 260


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_back_to_top_focused_from_the_keyboard_leaves_the_title_in_sight(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(published.url(PASSPORT))
    # A reader who went down a little and came back up to the title: the button shows.
    page.mouse.wheel(0, DOWN_PX)
    page.wait_for_function(f"window.scrollY >= {DOWN_PX - 10}")
    page.mouse.wheel(0, -BACK_UP_PX)
    button = page.get_by_role("button", name="Back to top")
    expect(button).to_be_visible()
    # Their focus is at the end of the guide's text (where they had read to); the
    # button comes next in the page's order. Focused without scrolling, as it was.
    page.locator("article a, article button").last.evaluate("e => e.focus({preventScroll: true})")

    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    expect(button).to_be_focused()

    title = page.locator("article h1").first.bounding_box()
    box = button.bounding_box()
    assert title is not None and box is not None
    assert title["y"] >= 0, "the title must be in sight for this test to mean anything"
    assert not _overlap(box, title), (box, title)
