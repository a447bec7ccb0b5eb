"""A guide with fee alternatives, an add-on and times in words reads right in a real
browser and passes axe-core's WCAG 2.1 A/AA rules, at desktop width and on a phone."""

from __future__ import annotations

import pytest
from browsing import PublishedWiki, axe_violations
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

COMPANY = "business/register-a-limited-company.md"


def test_fee_alternatives_add_ons_and_times_pass_axe(page: Page, published: PublishedWiki) -> None:
    page.goto(published.url(COMPANY))
    costs = page.locator(".wt-panel__fact", has_text="What it costs")
    takes = page.locator(".wt-panel__fact", has_text="How long it takes")

    expect(costs).to_contain_text("One of:")
    expect(costs).to_contain_text("Same-day registration: + €130.00")
    expect(takes).to_contain_text("Usually within 1 working day")
    expect(takes).to_contain_text("Up to 10 working days")
    assert axe_violations(page) == []


def test_a_free_procedure_says_free_and_passes_axe(page: Page, published: PublishedWiki) -> None:
    page.goto(published.url("housing/apply-for-housing-benefit.md"))
    costs = page.locator(".wt-panel__fact", has_text="What it costs")

    expect(costs).to_contain_text("Free")
    assert axe_violations(page) == []
