"""Steps in groups, with "or" and "and" between lists, read right in a real browser: each
separator is a line across the column with its word, which stays text a screen reader
reads, and the page passes axe-core's WCAG 2.1 A/AA rules at desktop width and on a phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browsing import axe_violations, serving
from playwright.sync_api import Page, expect
from step_guides import CATEGORY, build_step_site

pytestmark = pytest.mark.browser

PASSPORT = f"/{CATEGORY}/passport-by-situation/"


@pytest.fixture(scope="module")
def steps_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The guides of ``step_guides`` built and served; the base URL."""
    with serving(build_step_site(tmp_path_factory.mktemp("step-site"))) as url:
        yield url


def test_separators_are_words_across_the_column_and_pass_axe(
    page: Page, steps_site: str
) -> None:
    page.goto(steps_site + PASSPORT)
    separators = page.locator("article p.wt-step-or, article p.wt-step-and")

    expect(separators).to_have_count(3)
    assert separators.all_inner_texts() == ["or", "and", "or"]
    rule = separators.first.evaluate("p => getComputedStyle(p, '::before').borderTopStyle")
    assert rule == "solid"
    expect(page.get_by_role("heading", name="Apply from abroad")).to_be_visible()
    assert axe_violations(page) == []
