"""Categories are named by their index page's title everywhere the site names them (the
menu, the home page's topics, "What changed"), not by their folder's name."""

from __future__ import annotations

import pytest
from html_tree import parse_html
from main_commits import commit_to_main
from site_history import STAFF, BuiltSite, isolated_git

from wikitool.gitstore import WikiStore
from wikitool.publishing.publish import build_site
from wikitool.services.wiki_init import init_wiki

INIT_TIME = 1_790_000_000
REFERENCE_GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
VISA_GUIDE = "united-kingdom/apply-for-a-visitor-visa.md"
# (path under content/, front matter title or None for a page without front matter)
CATEGORY_PAGES = {
    "united-kingdom/index.md": "United Kingdom",
    "united-kingdom/scotland/index.md": "Scotland (devolved services)",
    "united-kingdom/scotland/about-scotland.md": "About Scotland",
    "trade-and-industry/index.md": "Trade & <i>Industry</i>",
    "no-index-here/about-this-folder.md": "About this folder",
}


def _index_page(title: str) -> bytes:
    return f"---\ntitle: {title}\nsummary: Guides for {title}.\n---\n\nSome guides.\n".encode()


def _guide(store: WikiStore) -> bytes:
    """The reference passport guide's front matter, moved, with a short body."""
    raw = store.read(store.main(), REFERENCE_GUIDE)
    assert raw is not None
    front_matter = raw.decode().split("\n---\n", 1)[0]
    front_matter = front_matter.replace(
        "category: identity-and-travel", "category: united-kingdom"
    ).replace("title: Renew an adult passport", "title: Apply for a visitor visa")
    return f"{front_matter}\n---\n\n## Steps\n\n1. Apply.\n2. Wait.\n".encode()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The reference wiki with a `united-kingdom` category (and a nested folder) added."""
    root = tmp_path_factory.mktemp("titles")
    with isolated_git(root):
        init_wiki(root / "wiki", author=STAFF, when=INIT_TIME)
        with WikiStore.open(root / "wiki") as store:
            changes = {f"content/{p}": _index_page(t) for p, t in CATEGORY_PAGES.items()}
            changes[f"content/{VISA_GUIDE}"] = _guide(store)
            commit = commit_to_main(
                store,
                changes,
                "Add the United Kingdom\n",
                when=INIT_TIME + 60,
                author=STAFF,
                committer=STAFF,
            )
            build_site(store, root / "site", strict=True)
    return BuiltSite(root / "wiki", root / "site", commit)


def _menu(html: str) -> str:
    return parse_html(html).find("nav", "md-nav--primary").text


def test_a_guide_page_names_its_category_by_the_index_page_title(site: BuiltSite) -> None:
    menu = _menu(site.page(VISA_GUIDE))

    assert "United Kingdom" in menu
    assert "United kingdom" not in menu


@pytest.mark.parametrize(
    ("page", "shown", "not_shown"),
    [
        ("united-kingdom/scotland/about-scotland.md", "Scotland (devolved services)", "Scotland\n"),
        # A folder without an index page keeps the name MkDocs gives it.
        ("no-index-here/about-this-folder.md", "No index here", "no-index-here"),
        # A reference category whose folder name reads differently from its title.
        ("identity-and-travel/index.md", "Identity and travel", "Identity-and-travel"),
    ],
)
def test_every_folder_is_named_in_the_menu(
    site: BuiltSite, page: str, shown: str, not_shown: str
) -> None:
    menu = _menu(site.page(page))

    assert shown in menu
    assert not_shown not in menu


def test_a_title_is_shown_as_text_never_as_markup(site: BuiltSite) -> None:
    nav = parse_html(site.page("trade-and-industry/index.md")).find("nav", "md-nav--primary")

    assert "Trade & <i>Industry</i>" in nav.text
    assert not nav.find_all("i")


def test_the_home_page_topics_use_the_title(site: BuiltSite) -> None:
    topics = parse_html(site.page("index.md")).find("section", "wt-home__topics").text

    assert "United Kingdom" in topics
    assert "United kingdom" not in topics


def test_what_changed_names_the_category_by_its_title(site: BuiltSite) -> None:
    feed = parse_html(site.file("changes/index.html")).find("ul", "wt-feed").text

    assert "United Kingdom" in feed
    assert "Apply for a visitor visa" in feed
