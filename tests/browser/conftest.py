"""A real browser on the published reference wiki.

The site is built once per session from a wiki repository made by ``init_wiki`` plus a
few commits that give it history (a merged citizen suggestion, a guide whose review is
overdue), served on loopback by a threaded static server, and read by Debian's chromium
through playwright. Every request to a host other than 127.0.0.1 is blocked and
recorded, so a test can assert that a page asked no third party for anything.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from browsing import (
    BIRTH,
    DESKTOP,
    INIT_DATE,
    MERGE_DATE,
    MERGED_SUGGESTION_ID,
    MERGED_SUMMARY,
    OVERDUE,
    OVERDUE_DATE,
    OVERDUE_REVIEW_BY,
    PHONE,
    STAFF,
    OffsiteRequests,
    PublishedWiki,
    Viewport,
    build,
    launch_chromium,
    serving,
)
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, expect

from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

# Pages are static and local: what is not there within seconds is not coming. Search
# (a web worker indexing the site) gets longer in `browsing.search`.
TIMEOUT_MS = 3_000
expect.set_options(timeout=TIMEOUT_MS)

CITIZEN = Identity(f"Citizen {MERGED_SUGGESTION_ID}", "citizen@noreply.invalid")


def _noon(iso: str) -> int:
    """Seconds since the epoch at 12:00 UTC on ``iso`` (the same date in time zones near UTC)."""
    year, month, day = (int(part) for part in iso.split("-"))
    return calendar.timegm((year, month, day, 12, 0, 0))


def _edit(store: WikiStore, parent: str, path: str, old: bytes, new: bytes) -> bytes:
    text = store.read(parent, path)
    assert text is not None and old in text, (path, old)
    return text.replace(old, new, 1)


def give_history(store: WikiStore) -> str:
    """Commit a merged citizen suggestion and a late review on top of main; returns the tip."""
    start = store.main()
    birth = f"content/{BIRTH}"
    merged = store.write_files_commit(
        parents=[start],
        base_tree=store.commit_info(start).tree,
        changes={
            birth: _edit(
                store,
                start,
                birth,
                b"or go to the registry desk in the hospital.",
                b"or go to the registry desk in the hospital. The desk closes at 6pm.",
            )
        },
        message=(
            f"{MERGED_SUMMARY}\n\nI registered my daughter last week and the desk was closed"
            f" at 6.\n\nSuggestion-Id: {MERGED_SUGGESTION_ID}\nBase: {start}\n"
            f"Reviewed-by: {STAFF}\n"
        ),
        author=CITIZEN,
        committer=STAFF,
        when=_noon(MERGE_DATE),
    )
    overdue = f"content/{OVERDUE}"
    text = store.read(merged, overdue)
    assert text is not None
    text = re.sub(rb"last_reviewed: \S+", b"last_reviewed: 2023-07-31", text, count=1)
    text = re.sub(rb"review_by: \S+", b"review_by: " + OVERDUE_REVIEW_BY.encode(), text, count=1)
    tip = store.write_files_commit(
        parents=[merged],
        base_tree=store.commit_info(merged).tree,
        changes={overdue: text},
        message="Record when the name change guide was last checked\n",
        author=STAFF,
        committer=STAFF,
        when=_noon(OVERDUE_DATE),
    )
    assert store.update_ref(MAIN_REF, start, tip)
    return tip


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedWiki]:
    """The reference wiki with some history, built once (strictly) and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("published")
    init_wiki(root / "wiki", author=STAFF, when=_noon(INIT_DATE))
    with WikiStore.open(root / "wiki") as store:
        tip = give_history(store)
    built = build(root)
    assert built.commit == tip
    with serving(built.site_dir) as base_url:
        yield PublishedWiki(root / "wiki", built.site_dir, base_url, built.commit)


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """Debian's chromium, headless, driven by playwright."""
    launched = launch_chromium(playwright_driver)
    yield launched
    launched.close()


@pytest.fixture(params=[DESKTOP, PHONE], ids=lambda v: v.name)
def viewport(request: pytest.FixtureRequest) -> Viewport:
    """Each test that takes a page runs at desktop width and on a 375 px phone.

    A test about something the width cannot change pins one screen with
    ``@DESKTOP_ONLY``.
    """
    chosen = request.param
    assert isinstance(chosen, Viewport)
    return chosen


@pytest.fixture
def offsite() -> OffsiteRequests:
    """What the test's pages tried to fetch from other hosts."""
    return OffsiteRequests()


@pytest.fixture
def context(
    browser: Browser, viewport: Viewport, offsite: OffsiteRequests
) -> Iterator[BrowserContext]:
    """A fresh browser profile at the test's viewport, with third-party requests blocked."""
    made = browser.new_context(
        viewport={"width": viewport.width, "height": viewport.height},
        is_mobile=viewport.mobile,
        has_touch=viewport.mobile,
        locale="en-GB",
        timezone_id="UTC",
    )
    made.set_default_timeout(TIMEOUT_MS)

    def only_loopback(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            offsite.urls.append(route.request.url)
            route.abort("blockedbyclient")

    made.route("**/*", only_loopback)
    yield made
    made.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A tab in the test's browser profile."""
    return context.new_page()
