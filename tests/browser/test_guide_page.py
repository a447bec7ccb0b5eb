"""A guide page tells a reader at once what to bring, what it costs, and how fresh it is."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urlsplit

import pytest
from browsing import (
    BIRTH,
    CATEGORY,
    DESKTOP_ONLY,
    HOME,
    HOUSING_BENEFIT,
    MERGE_DATE,
    MERGED_SUMMARY,
    OVERDUE,
    PASSPORT,
    PHONE_ONLY,
    PublishedWiki,
    date_pattern,
    glance_panel,
    money_pattern,
    steps_list,
    visible_text,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

OVERDUE_NOTICE = re.compile(
    r"overdue|was due|due for (a )?(check|review) since|not been checked since"
    r"|review date (has )?passed|may be out of date",
    re.IGNORECASE,
)


@PHONE_ONLY
@pytest.mark.parametrize("guide", [PASSPORT, BIRTH, HOUSING_BENEFIT])
def test_glance_panel_shows_each_fee_from_the_front_matter(
    page: Page, published: PublishedWiki, guide: str
) -> None:
    fees = published.front_matter(guide)["fees"]
    page.goto(published.url(guide))

    panel = visible_text(glance_panel(page))

    if fees in ([], "free"):
        assert re.search(r"\bfree\b|\bno fee", panel, re.IGNORECASE), panel
    for fee in fees if isinstance(fees, list) else []:
        assert fee["label"] in panel
        assert re.search(money_pattern(fee["amount"], fee["currency"]), panel, re.I), (fee, panel)


@PHONE_ONLY
def test_glance_panel_shows_who_can_apply_what_to_bring_how_long_and_how(
    page: Page, published: PublishedWiki
) -> None:
    meta = published.front_matter(PASSPORT)
    page.goto(published.url(PASSPORT))

    panel = visible_text(glance_panel(page))

    for document in meta["documents"]:
        assert document["name"] in panel
    assert meta["eligibility"][0] in panel
    (days,) = meta["time"]
    assert re.search(rf"\b{days['min']}\b.*\b{days['max']} (calendar )?days", panel)
    for way in ("online", "in person", "by post"):
        assert way in panel.lower()
    for law in meta["legal_basis"]:
        assert law["title"] in panel


def test_glance_panel_comes_before_the_steps(page: Page, published: PublishedWiki) -> None:
    page.goto(published.url(PASSPORT))

    panel, steps = glance_panel(page), steps_list(page)

    expect(panel).to_be_visible()
    expect(steps).to_be_visible()
    # DOCUMENT_POSITION_FOLLOWING: the steps come after the panel in reading order.
    assert panel.evaluate("(p, s) => p.compareDocumentPosition(s) & 4", steps.element_handle())


@PHONE_ONLY
def test_guide_says_when_it_changed_and_when_its_agency_checked_it(
    page: Page, published: PublishedWiki
) -> None:
    meta = published.front_matter(BIRTH)
    page.goto(published.url(BIRTH))

    text = visible_text(page.locator(".md-content"))

    assert re.search(rf"Last updated:? (on )?{date_pattern(MERGE_DATE)}", text, re.I), text
    checked = rf"Checked by {re.escape(meta['agency'])}:? on {date_pattern(meta['last_reviewed'])}"
    assert re.search(checked, text, re.I), text


@PHONE_ONLY
def test_guide_lists_recent_changes_and_counts_citizen_improvements(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(published.url(BIRTH))

    text = visible_text(page.locator(".md-content"))

    assert MERGED_SUMMARY in text
    assert re.search(date_pattern(MERGE_DATE), text)
    assert re.search(r"\b1 improvement suggested by (citizens|a citizen)\b", text, re.I), text


@PHONE_ONLY
@pytest.mark.parametrize(("guide", "overdue"), [(OVERDUE, True), (PASSPORT, False)])
def test_notice_shows_only_when_the_review_date_has_passed(
    page: Page, published: PublishedWiki, guide: str, overdue: bool
) -> None:
    page.goto(published.url(guide))

    notice = page.locator(".md-content").get_by_text(OVERDUE_NOTICE)

    if overdue:
        expect(notice.first).to_be_visible()
    else:
        expect(notice).to_have_count(0)


@pytest.mark.parametrize("guide", [PASSPORT, BIRTH])
def test_suggest_an_edit_points_at_this_guide(
    page: Page, published: PublishedWiki, guide: str
) -> None:
    page.goto(published.url(guide))

    link = page.get_by_role("link", name=re.compile(r"suggest an edit", re.I))
    expect(link.first).to_be_visible()
    href = link.first.get_attribute("href") or ""
    target = page.evaluate("href => new URL(href, document.baseURI).href", href)

    assert urlsplit(target).hostname == "127.0.0.1", "the suggestion page is part of the site"
    assert guide.removesuffix(".md") in unquote(target), target
    expect(page.get_by_text(re.compile(r"Is something wrong on this page\?"))).to_be_visible()


@DESKTOP_ONLY
def test_guide_describes_itself_to_search_engines(page: Page, published: PublishedWiki) -> None:
    meta = published.front_matter(PASSPORT)
    page.goto(published.url(PASSPORT))

    description = page.locator("meta[name='description']")
    expect(description).to_have_attribute("content", meta["summary"])
    blocks = page.locator("script[type='application/ld+json']").all_text_contents()
    data = [json.loads(block) for block in blocks]
    types = {
        t
        for item in data
        for t in ([item["@type"]] if isinstance(item["@type"], str) else item["@type"])
    }
    assert types & {"GovernmentService", "HowTo"}, data
    assert any(item.get("name") == meta["title"] for item in data), data


@pytest.mark.parametrize("where", [HOME, CATEGORY, PASSPORT])
def test_page_fits_the_screen_without_sideways_scrolling(
    page: Page, published: PublishedWiki, where: str
) -> None:
    page.goto(published.url(where))

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0, f"{where} is {overflow}px wider than the screen"
