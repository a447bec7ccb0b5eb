"""The stats page in Chromium, with figures (review logs from ``stats_logs``): reached
from "What changed", axe-clean (WCAG 2.1 A/AA) at 375 and 1280 px, its chart named and
followed by a table of the same figures, every table reachable from the keyboard, and
nothing asked of a third party."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import OffsiteRequests, axe_violations, build, serving
from playwright.sync_api import Page, expect
from stats_logs import STAFF, write_review_logs

from wikitool.gitstore import WikiStore
from wikitool.services.wiki_init import init_wiki

pytestmark = pytest.mark.browser

NOW = calendar.timegm((2026, 12, 1, 12, 0, 0))


@pytest.fixture(scope="module")
def stats_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The reference wiki with six suggestions' review logs, built and served; its URL."""
    root = tmp_path_factory.mktemp("stats-browser")
    init_wiki(root / "wiki", author=STAFF, when=NOW)
    with WikiStore.open(root / "wiki") as store:
        write_review_logs(store, NOW)
    built = build(root)
    with serving(Path(built.site_dir)) as base_url:
        yield base_url


def _open_from_changes(page: Page, base_url: str) -> None:
    page.goto(base_url + "/changes/")
    page.get_by_role("link", name="How quickly we answer suggestions, in figures").click()
    expect(page.get_by_role("heading", name="How we answer suggestions", level=1)).to_be_visible()


def test_stats_page_is_axe_clean_and_asks_no_third_party(
    page: Page, stats_site: str, offsite: OffsiteRequests
) -> None:
    _open_from_changes(page, stats_site)
    page.wait_for_load_state("networkidle")

    assert axe_violations(page) == []
    assert offsite.urls == []


def test_the_chart_has_a_table_alternative_and_every_table_is_keyboard_reachable(
    page: Page, stats_site: str
) -> None:
    _open_from_changes(page, stats_site)
    chart = page.get_by_role("img", name="Suggestions accepted and not accepted, month by month")
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Suggestions sent, accepted and not accepted each month")
    expect(table).to_be_visible()
    november = table.get_by_role("row", name="November 2026")
    expect(november.get_by_role("cell")).to_have_text(["3", "1", "1", "50%"])
    # Each table scrolls in a box the keyboard reaches (on a phone it is wider than it).
    regions = page.locator(".wt-stats__table")
    expect(regions).to_have_count(3)
    names = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.classList.contains('wt-stats__table')"
            " ? document.activeElement.querySelector('caption').textContent : null"
        )
        if focused:
            names.append(focused)
        if len(names) == 3:
            break
    assert names == [
        "Suggestions sent, accepted and not accepted each month",
        "Open suggestions, and decisions over the last 90 days, by category",
        "Open suggestions by how long they have waited",
    ]
    download = page.get_by_role("link", name="Download these figures (stats.json)")
    answer = page.request.get(download.evaluate("a => a.href"))
    assert answer.ok and answer.json()["overall"]["open"] == 2
