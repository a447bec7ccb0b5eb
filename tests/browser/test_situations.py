"""A guide with three situations in a real browser: the reader chooses theirs with the
keyboard alone and sees only what applies to it, in the panel and in the steps; the choice is in the URL, so a shared
link opens on it; axe-core finds no WCAG 2.1 A/AA violation at 1280 and 375 px; without
JavaScript, and on paper, every situation shows under its own heading."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browsing import DESKTOP_ONLY, PublishedWiki, axe_violations, build, serving
from playwright.sync_api import Browser, Locator, Page, expect
from situation_guides import SITUATIONS, SITUATIONS_GUIDE, guide_text, situations_wiki

pytestmark = pytest.mark.browser

CHOICE = "#wt-situation-choice"
# The guide's step groups, limited to situations with "### Title {when: ...}".
STEP_GROUPS = ("in-country child", "abroad")


@pytest.fixture(scope="module")
def situations_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedWiki]:
    """The reference wiki with the three-situation passport guide, built by
    ``wikitool build`` and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("situations")
    situations_wiki(root, {SITUATIONS_GUIDE: guide_text()})
    built = build(root)
    with serving(built.site_dir) as base_url:
        yield PublishedWiki(root / "wiki", built.site_dir, base_url, built.commit)


def _open(page: Page, site: PublishedWiki, query: str = "") -> None:
    page.goto(site.url(SITUATIONS_GUIDE) + query)


def _section(page: Page, situation: str) -> Locator:
    return page.locator(f".wt-situation[data-situation='{situation}']")


def _shown(page: Page) -> list[str]:
    """The situations whose section a reader sees."""
    return [s for s in SITUATIONS if _section(page, s).is_visible()]


def _steps_shown(page: Page) -> list[str]:
    """The step groups a reader sees, by their situations."""
    groups = page.locator("article .wt-step-group")
    expect(groups).to_have_count(len(STEP_GROUPS))
    return [w for w in STEP_GROUPS if page.locator(f".wt-step-group[data-when='{w}']").is_visible()]


def test_the_picker_passes_axe_before_and_after_a_choice(
    page: Page, situations_site: PublishedWiki
) -> None:
    _open(page, situations_site)
    expect(page.get_by_label("Your situation")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Your situation").select_option("abroad")

    expect(_section(page, "in-country")).to_be_hidden()
    assert axe_violations(page) == []


def test_choosing_with_the_keyboard_alone_shows_only_that_situation(
    page: Page, situations_site: PublishedWiki
) -> None:
    _open(page, situations_site)
    for _ in range(80):  # the header, search and menu come first
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == CHOICE[1:]:
            break
    expect(page.locator(CHOICE)).to_be_focused()

    page.keyboard.press("ArrowDown")  # Every situation -> You live in Veloria
    page.keyboard.press("ArrowDown")  # -> You live abroad

    expect(page.locator(CHOICE)).to_have_value("abroad")
    expect(page.locator(CHOICE)).to_be_focused()  # no focus theft
    expect(_section(page, "abroad")).to_be_visible()
    expect(_section(page, "abroad").get_by_role("heading", level=3)).to_have_text(
        SITUATIONS["abroad"]
    )
    assert _shown(page) == ["abroad"]
    assert _steps_shown(page) == ["abroad"]
    assert page.url.endswith("?situation=abroad")
    expect(page.get_by_role("status")).to_have_text(
        "Showing only what applies: " + SITUATIONS["abroad"]
    )


@DESKTOP_ONLY
def test_typing_the_start_of_a_label_chooses_it(
    page: Page, situations_site: PublishedWiki
) -> None:
    _open(page, situations_site)
    page.locator(CHOICE).focus()

    page.keyboard.type("The")

    expect(page.locator(CHOICE)).to_have_value("child")
    assert _shown(page) == ["child"]
    assert _steps_shown(page) == ["in-country child"]


@DESKTOP_ONLY
def test_every_situation_again_shows_everything_and_leaves_the_url(
    page: Page, situations_site: PublishedWiki
) -> None:
    _open(page, situations_site, "?situation=abroad")

    page.locator(CHOICE).select_option("")

    assert _shown(page) == list(SITUATIONS)
    assert _steps_shown(page) == list(STEP_GROUPS)
    assert "situation=" not in page.url
    expect(page.get_by_role("status")).to_have_text("Showing every situation")


def test_a_shared_link_opens_on_its_situation(page: Page, situations_site: PublishedWiki) -> None:
    _open(page, situations_site, "?situation=abroad")

    expect(page.locator(CHOICE)).to_have_value("abroad")
    assert _shown(page) == ["abroad"]
    costs = _section(page, "abroad").locator(".wt-panel__fact", has_text="What it costs")
    expect(costs).to_contain_text("Courier return: + €12.00")
    assert _steps_shown(page) == ["abroad"]


@DESKTOP_ONLY
def test_a_situation_the_guide_does_not_declare_is_ignored(
    page: Page, situations_site: PublishedWiki
) -> None:
    _open(page, situations_site, "?situation=on-the-moon")

    expect(page.locator(CHOICE)).to_have_value("")
    assert _shown(page) == list(SITUATIONS)
    expect(page.get_by_role("status")).to_have_text("")


def test_without_javascript_every_situation_shows_under_its_heading(
    browser: Browser, situations_site: PublishedWiki
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(situations_site.url(SITUATIONS_GUIDE) + "?situation=abroad")

        expect(page.locator("form.wt-situation-picker")).to_be_hidden()
        assert _shown(page) == list(SITUATIONS)
        headings = page.locator(".wt-situation").get_by_role("heading", level=3)
        expect(headings).to_have_text(list(SITUATIONS.values()))
        assert _steps_shown(page) == list(STEP_GROUPS)
    finally:
        context.close()


@DESKTOP_ONLY
def test_paper_gets_every_situation_whatever_was_chosen(
    page: Page, situations_site: PublishedWiki
) -> None:
    _open(page, situations_site, "?situation=abroad")

    page.emulate_media(media="print")

    assert _shown(page) == list(SITUATIONS)
    assert _steps_shown(page) == list(STEP_GROUPS)
    expect(page.locator("form.wt-situation-picker")).to_be_hidden()
    expect(page.get_by_role("heading", name=re.compile("At a glance"))).to_be_visible()


@DESKTOP_ONLY
def test_the_table_of_contents_drops_a_heading_the_choice_hides(
    page: Page, situations_site: PublishedWiki
) -> None:
    _open(page, situations_site)
    contents = page.locator(".md-sidebar--secondary .md-nav--secondary")
    at_home = contents.get_by_role("link", name="Apply in Veloria")
    abroad = contents.get_by_role("link", name="Apply from abroad")
    expect(at_home).to_be_visible()

    page.locator(CHOICE).select_option("abroad")

    expect(at_home).to_be_hidden()
    expect(abroad).to_be_visible()
    expect(contents.get_by_role("link", name="Steps")).to_be_visible()

    page.locator(CHOICE).select_option("")
    expect(at_home).to_be_visible()


@DESKTOP_ONLY
def test_the_status_line_says_a_label_as_written(
    page: Page, situations_site: PublishedWiki
) -> None:
    label = "Under 16 ($& $' <b>x</b>)"  # replacement patterns and markup, as text
    page.goto(situations_site.url(SITUATIONS_GUIDE))
    page.locator(f"{CHOICE} option[value='child']").evaluate("(o, t) => o.text = t", label)

    page.locator(CHOICE).select_option("child")

    expect(page.get_by_role("status")).to_have_text("Showing only what applies: " + label)
    expect(page.get_by_role("status").locator("b")).to_have_count(0)
