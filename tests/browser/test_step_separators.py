"""Steps in groups, with "or" and "and" between lists, read right in a real browser: each
separator is a line across the column with its word, which stays text a screen reader
reads; choosing a situation leaves only its groups and the separators between them; and
the page passes axe-core's WCAG 2.1 A/AA rules at desktop width and on a phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browsing import axe_violations, serving
from playwright.sync_api import Page, expect
from step_guides import PASSPORT, build_step_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def steps_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The guides of ``step_guides`` built and served; the base URL."""
    with serving(build_step_site(tmp_path_factory.mktemp("step-site"))) as url:
        yield url


def test_separators_are_words_across_the_column_and_pass_axe(
    page: Page, steps_site: str
) -> None:
    page.goto(f"{steps_site}/{PASSPORT}/")
    separators = page.locator("article p.wt-step-or, article p.wt-step-and")

    expect(separators).to_have_count(4)
    assert separators.all_inner_texts() == ["or", "or", "and", "or"]
    rule = separators.first.evaluate("p => getComputedStyle(p, '::before').borderTopStyle")
    assert rule == "solid"
    expect(page.get_by_role("heading", name="Apply from abroad")).to_be_visible()
    assert axe_violations(page) == []


def test_choosing_a_situation_shows_only_its_groups_and_separators(
    page: Page, steps_site: str
) -> None:
    page.goto(f"{steps_site}/{PASSPORT}/")
    body = page.locator("article .wt-body")
    veloria = body.get_by_role("heading", name="Apply in Veloria")
    abroad = body.get_by_role("heading", name="Apply from abroad")
    between = body.locator("p.wt-step-or").nth(1)  # joins the Veloria and abroad groups

    page.locator("#wt-situation-choice").select_option(label="You live abroad")

    expect(abroad).to_be_visible()
    expect(veloria).to_be_hidden()
    expect(between).to_be_hidden()
    expect(body.get_by_role("heading", name="Prepare")).to_be_visible()
    assert "situation=abroad" in page.url
    assert axe_violations(page) == []

    page.locator("#wt-situation-choice").select_option(label="The passport is for a child under 16")

    expect(veloria).to_be_visible()
    expect(abroad).to_be_hidden()
    assert body.locator("p.wt-step-or:visible").all_inner_texts() == ["or", "or"]
