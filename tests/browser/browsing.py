"""What the browser tests share: the published wiki, the screens, and how to find things.

Test modules import this by name (``from browsing import ...``): pytest puts this folder
on ``sys.path``, and the name is unique in the test suite.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from isolation import isolated_environment
from playwright.sync_api import Browser, Locator, Page, Playwright

from wikitool.gitstore import WikiStore
from wikitool.guides.frontmatter import parse_guide
from wikitool.model import Identity
from wikitool.publishing.preview import serve_directory
from wikitool.publishing.publish import BuildResult, build_site

CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download cannot work offline; these flags keep Debian's
# chromium from stalling on network services it would otherwise try to reach.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright: Playwright, *extra_args: str) -> Browser:
    """Debian's chromium, headless, driven by playwright (fails the test when missing)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs it")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args], timeout=30_000
    )

# Pages the tests visit, by their path under content/.
HOME = "index.md"
CATEGORY = "identity-and-travel/index.md"
PASSPORT = "identity-and-travel/renew-an-adult-passport.md"
BIRTH = "family-and-civil-status/register-a-birth.md"
HOUSING_BENEFIT = "housing/apply-for-housing-benefit.md"
OVERDUE = "family-and-civil-status/change-your-name.md"

# The history the session's wiki is given on top of the reference content.
INIT_DATE = "2026-09-21"
MERGE_DATE = "2026-10-14"
OVERDUE_DATE = "2026-10-26"
MERGED_SUMMARY = "Say that the registry desk in the hospital closes at 6pm"
MERGED_SUGGESTION_ID = "01jd0000000000000000000000"
OVERDUE_REVIEW_BY = "2024-01-31"

STAFF = Identity("Nadia Staff", "nadia@civil-registry.invalid")

SEARCH_TIMEOUT_MS = 15_000

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass(frozen=True)
class Viewport:
    """A screen the site must work on."""

    name: str
    width: int
    height: int
    mobile: bool


DESKTOP = Viewport("desktop", 1280, 800, mobile=False)
PHONE = Viewport("375px", 375, 740, mobile=True)

DESKTOP_ONLY = pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
"""For a test about something the screen width cannot change, and no reader sees."""
PHONE_ONLY = pytest.mark.parametrize("viewport", [PHONE], ids=["375px"], indirect=True)
"""For a test about what a page says, whatever the width: read on the smallest screen."""


@dataclass
class PublishedWiki:
    """The built site, where it is served, and the repository it came from."""

    repo: Path
    site_dir: Path
    base_url: str
    commit: str

    def url(self, page: str) -> str:
        """The URL of a page given its path under ``content/`` (``a/b.md`` -> ``/a/b/``)."""
        return self.base_url + page_path(page)

    def source(self, page: str) -> str:
        """The Markdown of ``content/<page>`` as published (main's tree)."""
        with WikiStore.open(self.repo) as store:
            raw = store.read(self.commit, f"content/{page}")
        assert raw is not None, page
        return raw.decode("utf-8")

    def pages(self) -> dict[str, str]:
        """Every page published, ``path under content/ -> Markdown``."""
        with WikiStore.open(self.repo) as store:
            return {
                f.path.removeprefix("content/"): store.blob(f.blob_id).decode("utf-8")
                for f in store.files(self.commit, "content/")
                if f.path.endswith(".md")
            }

    def front_matter(self, page: str) -> dict[str, Any]:
        """The front matter of ``content/<page>`` as plain data (dates as ISO strings)."""
        return parse_guide(self.source(page), f"content/{page}").data()


@dataclass
class OffsiteRequests:
    """Requests a page tried to make to any host but the loopback server (all blocked)."""

    urls: list[str] = field(default_factory=list)


def page_path(page: str) -> str:
    """The site path MkDocs gives a page (``use_directory_urls``)."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        return "/" + stem.removesuffix("index")
    return f"/{stem}/"


# -- building and serving a site ----------------------------------------------------------


def build(root: Path, *, strict: bool = True) -> BuildResult:
    """Build the wiki at ``root / "wiki"`` into ``root / "site"``, isolated from the user's git."""
    # Session fixtures run before the per-test environment isolation: isolate here.
    with isolated_environment(root), WikiStore.open(root / "wiki") as store:
        return build_site(store, root / "site", strict=strict)


@contextmanager
def serving(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 (any free port) from a thread; yields the base URL."""
    server = serve_directory(site_dir, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# -- finding things on a page --------------------------------------------------------------

GLANCE = re.compile(r"at a glance", re.IGNORECASE)


def glance_panel(page: Page) -> Locator:
    """The guide's at-a-glance panel: a region labelled, or a block headed, "At a glance"."""
    labelled = page.get_by_role("region", name=GLANCE).or_(
        page.get_by_role("complementary", name=GLANCE)
    )
    if labelled.count():
        return labelled.first
    return page.get_by_role("heading", name=GLANCE).first.locator("xpath=..")


def steps_list(page: Page) -> Locator:
    """The ordered list that follows the guide's "Steps" heading."""
    return page.locator("article h2:has-text('Steps') ~ ol").first


def open_search(page: Page) -> Locator:
    """Open material's search (behind the header icon on a phone) and return its input."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    box.wait_for(state="visible")
    return box


def search(page: Page, words: str) -> Locator:
    """Type ``words`` into the search box; returns the result links once some show."""
    open_search(page).press_sequentially(words)
    results = page.locator(".md-search-result__link")
    results.first.wait_for(timeout=SEARCH_TIMEOUT_MS)
    return results


def changes_page_url(page: Page, published: PublishedWiki) -> str:
    """The "What changed" page, found the way a reader finds it: a link on the home page."""
    page.goto(published.url(HOME))
    link = page.get_by_role("link", name=re.compile(r"what changed|all changes", re.I))
    if not link.count():
        raise AssertionError('the home page has no "What changed" link')
    href = link.first.get_attribute("href")
    assert href is not None
    resolved = page.evaluate("href => new URL(href, document.baseURI).href", href)
    assert isinstance(resolved, str)
    return resolved


def visible_text(locator: Locator) -> str:
    """The rendered text of ``locator`` with whitespace collapsed."""
    return " ".join(locator.inner_text().split())


MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]  # fmt: skip


def date_pattern(iso: str) -> str:
    """A regex for ``iso`` as a page may write it: 2026-10-06, 6 October 2026, Oct 6, 2026."""
    year, month, day = (int(part) for part in iso.split("-"))
    name = MONTHS[month - 1]
    mon = f"(?:{name}|{name[:3]}\\.?)"
    return f"(?:{iso}|0?{day} {mon},? {year}|{mon} 0?{day},? {year}|0?{day}/0?{month}/{year})"


def money_pattern(amount: float, currency: str) -> str:
    """A regex for a fee as a page may write it: €86, EUR 86.00, 86 €, 1,000 euros; 0 is Free."""
    whole = float(amount).is_integer()
    numbers = {f"{amount:,.2f}", f"{amount:.2f}", f"{amount:.2f}".replace(".", ",")}
    if whole:
        numbers |= {f"{int(amount):,}", str(int(amount)), f"{int(amount):,}".replace(",", " ")}
    number = "(?:" + "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True)) + ")"
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency, currency)
    unit = f"(?:{re.escape(symbol)}|{currency})"
    words = "|free" if amount == 0 else ""
    return rf"(?:{unit}\s?{number}(?![\d.,])|(?<![\d.,]){number}\s?(?:{unit}|euros?){words})"


def axe_violations(page: Page) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on the page, one line each.

    Measured at rest: a colour mid-transition (search results fading in) is neither the
    colour before nor after, and axe would judge its contrast by chance. Two frames go by
    first: a step that scrolls the page (focus on a heading at the top) makes Material
    show "Back to top" on the scroll event, and its fade starts a frame later.
    """
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')", timeout=5_000
    )
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    found = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found
