"""A site built without an intake: the suggestion page gives the citizen a file to send to
the agency, and that file is exactly what staff's ``wikitool suggest submit`` takes."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from browsing import DESKTOP_ONLY, PASSPORT, PublishedWiki, axe_violations
from click.testing import Result
from playwright.sync_api import Page, expect
from suggesting import change_text, open_editor

from wikitool.gitstore import WikiStore
from wikitool.suggestions.contacts import contact_get

pytestmark = pytest.mark.browser

RunCli = Callable[..., Result]


def suggest_url(published: PublishedWiki, guide: str) -> str:
    return f"{published.base_url}/suggest/?guide={guide}"


def fill_in_a_fee_fix(page: Page, published: PublishedWiki) -> None:
    field = open_editor(page, suggest_url(published, PASSPORT))
    change_text(field, "Pay the fee of 86 euros.", "Pay the fee of 89 euros.")
    page.get_by_label("Summary of your change").fill("The online fee is now 89 euros")
    page.get_by_label("Why is this change needed?").fill("I renewed last week.")
    page.get_by_label("I agree that the team keeps my name").check()
    page.get_by_label("Your e-mail address", exact=True).fill("ana.citizen@example.org")


@DESKTOP_ONLY
def test_the_downloaded_file_is_a_suggestion_staff_can_submit(
    page: Page, published: PublishedWiki, tmp_path: Path, run_cli: RunCli
) -> None:
    fill_in_a_fee_fix(page, published)
    expect(page.get_by_text("This site does not take suggestions online.")).to_be_visible()

    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download suggestion file").click()

    download = downloading.value
    assert download.suggested_filename == "suggestion-renew-an-adult-passport.json"
    expect(page.get_by_role("heading", name="Your suggestion file is ready")).to_be_focused()
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document == {
        "guide": PASSPORT,
        "base": published.commit,
        "content": published.source(PASSPORT).replace("86 euros.", "89 euros.", 1),
        "summary": "The online fee is now 89 euros",
        "rationale": "I renewed last week.",
        "author": {"email": "ana.citizen@example.org"},
    }
    # Staff submit it to their own copy of the wiki (the session's wiki stays as built).
    wiki = tmp_path / "agency-wiki"
    subprocess.run(["git", "clone", "-q", str(published.repo), str(wiki)], check=True)

    result = run_cli("--repo", str(wiki), "suggest", "submit", str(saved))

    assert result.exit_code == 0, result.output
    number = result.output.strip()
    assert re.fullmatch(r"[0-9a-hjkmnp-tv-z]{26}", number), result.output
    with WikiStore.open(wiki) as store:
        branch = store.resolve(f"refs/heads/suggestions/{number}")
        assert store.commit_info(branch).parents == (published.commit,)
        assert store.read(branch, f"content/{PASSPORT}") == document["content"].encode()
        contact = contact_get(store, number)
    assert contact is not None and contact.email == "ana.citizen@example.org"


@DESKTOP_ONLY
def test_a_publish_between_the_page_and_the_guides_source_loads_the_source_again(
    page: Page, published: PublishedWiki, tmp_path: Path
) -> None:
    # The site moved on after the page was served: its sources' commit file names a later
    # commit than the page. The guide's source is read again, and the suggestion's base is
    # the commit that source is the guide at.
    later = "0123456789abcdef" * 2 + "01234567"
    sources = []
    page.on("request", lambda r: sources.append(r.url) if "/sources/" in r.url else None)
    page.route(
        "**/suggest/sources/commit.txt",
        lambda route: route.fulfill(status=200, content_type="text/plain", body=later + "\n"),
    )
    fill_in_a_fee_fix(page, published)

    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download suggestion file").click()

    downloading.value.save_as(tmp_path / "suggestion.json")
    document = json.loads((tmp_path / "suggestion.json").read_text(encoding="utf-8"))
    assert document["base"] == later
    assert later != published.commit
    source = f"sources/{PASSPORT.removesuffix('.md')}.json"
    assert [url.rpartition("/suggest/")[2] for url in sources] == [
        source, "sources/commit.txt", source, "sources/commit.txt"
    ]


def test_the_download_page_has_no_wcag_21_aa_violation(
    page: Page, published: PublishedWiki
) -> None:
    fill_in_a_fee_fix(page, published)
    with page.expect_download():
        page.get_by_role("button", name="Download suggestion file").click()
    page.get_by_role("heading", name="Your suggestion file is ready").wait_for()

    assert axe_violations(page) == []


def test_the_tracking_page_says_there_is_nothing_to_track_without_an_intake(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(f"{published.base_url}/track/?id=01jd0000000000000000000000")

    expect(page.get_by_text("This site does not take suggestions online")).to_be_visible()
    expect(page.get_by_label("Your suggestion number")).to_be_hidden()
    assert axe_violations(page) == []


def test_guides_have_no_feedback_widget_without_an_intake(
    page: Page, published: PublishedWiki
) -> None:
    page.goto(published.url(PASSPORT))

    expect(page.get_by_text("Was this page helpful?")).to_have_count(0)
    expect(page.get_by_role("link", name="Is something wrong on this page?")).to_be_visible()
