"""The menu names a category by its index page's title, on a phone (behind the menu
button) as on a desktop, and the page stays accessible."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import PHONE, STAFF, PublishedWiki, Viewport, axe_violations, build, serving
from playwright.sync_api import Page, expect

from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.services.wiki_init import init_wiki

pytestmark = pytest.mark.browser

INIT_TIME = 1_790_000_000
CATEGORY = "united-kingdom/index.md"
GUIDE = "united-kingdom/apply-for-a-visitor-visa.md"
REFERENCE_GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"


def _add_category(store: WikiStore) -> None:
    """A `united-kingdom` folder whose index page is titled "United Kingdom", and a guide."""
    main = store.main()
    raw = store.read(main, REFERENCE_GUIDE)
    assert raw is not None
    front_matter = raw.decode().split("\n---\n", 1)[0]
    guide = front_matter.replace(
        "category: identity-and-travel", "category: united-kingdom"
    ).replace("title: Renew an adult passport", "title: Apply for a visitor visa")
    index = "---\ntitle: United Kingdom\nsummary: Visas and travel to the United Kingdom.\n---\n"
    commit = store.write_files_commit(
        parents=[main],
        base_tree=store.commit_info(main).tree,
        changes={
            f"content/{CATEGORY}": f"{index}\nGuides for the United Kingdom.\n".encode(),
            f"content/{GUIDE}": f"{guide}\n---\n\n## Steps\n\n1. Apply.\n2. Wait.\n".encode(),
        },
        message="Add the United Kingdom\n",
        author=STAFF,
        committer=STAFF,
        when=INIT_TIME + 60,
    )
    assert store.update_ref(MAIN_REF, main, commit)


@pytest.fixture(scope="module")
def titled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedWiki]:
    """The reference wiki with the `united-kingdom` category, built and served."""
    root: Path = tmp_path_factory.mktemp("menu-titles")
    init_wiki(root / "wiki", author=STAFF, when=INIT_TIME)
    with WikiStore.open(root / "wiki") as store:
        _add_category(store)
    built = build(root)
    with serving(built.site_dir) as base_url:
        yield PublishedWiki(root / "wiki", built.site_dir, base_url, built.commit)


def test_the_menu_names_the_category_by_its_title(
    page: Page, titled: PublishedWiki, viewport: Viewport
) -> None:
    page.goto(titled.url(GUIDE))
    menu = page.get_by_role("navigation", name="Navigation")
    if viewport == PHONE:
        # On a phone the menu is behind the button in the header; it opens on the
        # guide's own category, named at the top of the drawer.
        shown = menu.locator("label.md-nav__title").filter(has_text="United Kingdom")
        expect(shown).not_to_be_in_viewport()
        page.locator("label.md-header__button[for='__drawer']").click()
    else:
        shown = menu.get_by_role("link", name="United Kingdom", exact=True)

    expect(shown).to_be_in_viewport()
    expect(menu).not_to_contain_text(re.compile("United kingdom"))
    assert axe_violations(page) == []
