"""A guide in French on an English site: read in French, and accessible at 1280 and
375 px (axe-core, WCAG 2.1 A/AA), with its language announced to assistive technology;
a guide in Arabic laid out right to left, its panel's edge on the right; a guide in
Italian, which has no catalogue, its English labels saying they are English."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import DESKTOP, DESKTOP_ONLY, PHONE, PublishedWiki, axe_violations, build, serving
from language_guides import FRENCH
from playwright.sync_api import Page, expect

from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

pytestmark = pytest.mark.browser

REFERENCE = Path(__file__).resolve().parents[2]
PASSPORT = "content/identity-and-travel/renew-an-adult-passport.md"
ARABIC = PASSPORT.replace(".md", "-ar.md")
ITALIAN = PASSPORT.replace(".md", "-it.md")


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedWiki]:
    """The reference wiki with the French guide and the passport guide in Arabic and
    Italian added, built with ``wikitool build``."""
    root = tmp_path_factory.mktemp("french")
    source = root / "source"
    for part in ("content", "theme"):
        shutil.copytree(REFERENCE / part, source / part)
    shutil.copy(REFERENCE / "mkdocs.yml", source / "mkdocs.yml")
    (source / FRENCH.path).write_text(FRENCH.text(), encoding="utf-8")
    english = (REFERENCE / PASSPORT).read_text(encoding="utf-8")
    for path, lang in ((ARABIC, "ar"), (ITALIAN, "it")):
        (source / path).write_text(english.replace("\nlang: en\n", f"\nlang: {lang}\n", 1), "utf-8")
    init_wiki(root / "wiki", source=source, author=Identity("Staff", "s@x.invalid"))
    built = build(root)
    with serving(built.site_dir) as base_url:
        yield PublishedWiki(root / "wiki", built.site_dir, base_url, built.commit)


def test_the_french_guide_passes_axe_and_reads_in_french(
    page: Page, french_site: PublishedWiki
) -> None:
    page.goto(french_site.url(FRENCH.path.removeprefix("content/")))

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".wt-panel__title")).to_have_text("En bref")
    expect(page.locator(".wt-panel dt").first).to_have_text("Coût")
    expect(page.locator("article h2", has_text="Étapes")).to_be_visible()
    assert axe_violations(page) == []


def test_once_its_review_date_passes_the_notice_is_in_french(
    page: Page, french_site: PublishedWiki
) -> None:
    # The site is not rebuilt: the theme's script shows the notice the build worded.
    page.clock.set_fixed_time("2099-05-01T12:00:00Z")
    page.goto(french_site.url(FRENCH.path.removeprefix("content/")))

    notice = page.locator(".wt-review")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("Ce guide n’est peut-être plus à jour")
    expect(notice.locator("time")).to_have_text("6 avril 2099")
    assert axe_violations(page) == []


@DESKTOP_ONLY
def test_a_guide_in_arabic_reads_right_to_left_and_passes_axe(
    page: Page, french_site: PublishedWiki
) -> None:
    page.goto(french_site.url(ARABIC.removeprefix("content/")))

    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("body")).to_have_attribute("dir", "rtl")
    edges = page.locator(".wt-panel").evaluate(
        "panel => [getComputedStyle(panel).borderRightStyle, getComputedStyle(panel).borderLeftStyle]"
    )
    assert edges == ["solid", "none"]  # the edge lines start at
    # Its labels are English (no Arabic catalogue): said so, and kept left to right.
    label = page.locator(".wt-panel dt").first.locator("span")
    assert label.evaluate("e => [e.closest('[lang]').lang, getComputedStyle(e).direction]") == [
        "en",
        "ltr",
    ]
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size({"width": viewport.width, "height": viewport.height})
        assert axe_violations(page) == [], viewport.name
    # The keyboard alone reaches "Suggest an edit" right to left, and follows it.
    suggest = page.locator("a.wt-suggest")
    for _ in range(60):
        page.keyboard.press("Tab")
        if suggest.evaluate("link => link === document.activeElement"):
            break
    expect(suggest).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(
        re.compile(r"/suggest/\?guide=identity-and-travel/renew-an-adult-passport-ar\.md$")
    )


LANGUAGE_OF = "element => element.closest('[lang]').lang"
"""The language the browser gives an element: that of its nearest ``lang``."""


@DESKTOP_ONLY
def test_english_labels_on_a_page_without_a_catalogue_say_so_and_pass_axe(
    page: Page, french_site: PublishedWiki
) -> None:
    page.goto(french_site.url(ITALIAN.removeprefix("content/")))

    label = page.locator(".wt-panel dt").first.locator("span")
    expect(label).to_have_text("What it costs")
    assert label.evaluate(LANGUAGE_OF) == "en"
    assert page.locator(".wt-panel__title span").evaluate(LANGUAGE_OF) == "en"
    assert page.locator(".wt-freshness__checked time").evaluate(LANGUAGE_OF) == "it"
    assert page.locator(".wt-body ol li").first.evaluate(LANGUAGE_OF) == "it"
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size({"width": viewport.width, "height": viewport.height})
        assert axe_violations(page) == [], viewport.name
