"""A guide with channels and deadlines, as a reader sees it at 1280 and 375 px: every
way to reach each channel, the deadline in words, and no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import pytest
from browsing import PublishedWiki, axe_violations
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

APPEAL = "vehicles/appeal-a-parking-fine.md"


def _fact(page: Page, label: str) -> Locator:
    return page.locator(".wt-panel__fact", has=page.locator("dt", has_text=label))


def test_a_guide_with_channels_and_deadlines_has_no_wcag_21_aa_violation(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(published.url(APPEAL))
    expect(_fact(page, "Deadlines")).to_be_visible()

    assert axe_violations(page) == []


def test_the_reader_sees_each_way_to_reach_the_agency_and_the_deadline(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(published.url(APPEAL))

    how = _fact(page, "How to apply")
    expect(
        how.get_by_role("link", name="parking-appeals@vehicles.veloria.invalid")
    ).to_have_attribute("href", "mailto:parking-appeals@vehicles.veloria.invalid")
    expect(how.get_by_role("link", name="0800 555 0137")).to_have_attribute(
        "href", "tel:08005550137"
    )
    expect(how).to_contain_text("Optional: prepare first")
    expect(_fact(page, "Deadlines").locator("dd")).to_have_text(
        "Appeal: 28 days after the date on the fine notice, received"
        " Suggest a change to: Appeal"  # its link, named for screen readers
    )
    # On a phone too, nothing in the panel is wider than the page.
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('.wt-panel *')]"
        ".some(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
    )
    assert overflow is False
