"""After publication, "Is the guide right now?" (issue 16), in a real Chromium.

A citizen's suggestion is merged and published (the intake reads the live revision from
``refs/tags/published``). Opened without the secret, the tracking page names the
question and says where to answer it; opened from her private link, it asks. She answers
"No, something is still wrong" with the keyboard and a few words; the page thanks her
and links to the new report, which says what it follows, and ``review show`` of each
shows the link; her link opened again thanks her rather than asking. Another author's
"Yes" is one key press. The page is axe-clean at 375 and 1280 px with the question and after.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from browsing import DESKTOP, DESKTOP_ONLY, PASSPORT, PHONE, STAFF, axe_violations
from click.testing import Result
from playwright.sync_api import Page, expect
from suggesting import citizen_site

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import review_approve
from wikitool.review.merge import review_merge
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import SubmitResult, suggestion_submit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RunCli = Callable[..., Result]

GUIDE = f"content/{PASSPORT}"
ANA = Identity("Ana Ruiz", "ana.ruiz@passports.veloria.invalid")
STILL_WRONG = "The photo code step is still missing."


def _axe_at_both_widths(page: Page) -> None:
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size({"width": viewport.width, "height": viewport.height})
        assert axe_violations(page) == [], viewport.name


def _published(repo: Path, edit: tuple[str, str]) -> SubmitResult:
    """A suggestion making ``edit`` to the passport guide, merged, and the live site's tag
    moved to the merge (as ``wikitool publish`` does)."""
    with WikiStore.open(repo) as store:
        guide = (store.read(store.main(), GUIDE) or b"").decode()
        assert edit[0] in guide
        sent = suggestion_submit(store, SuggestionInput(
            guide=GUIDE, content=guide.replace(*edit, 1), summary="Say it plainly",
        ))
        review_approve(store, sent.id, staff=ANA)
        merged = review_merge(store, sent.id, staff=STAFF).commit
    subprocess.run(["git", "-C", str(repo), "tag", "-f", "published", merged], check=True, capture_output=True)
    return sent


@DESKTOP_ONLY
def test_the_author_says_the_published_guide_is_still_wrong_and_follows_the_new_report(
    page: Page, tmp_path: Path, run_cli: RunCli
) -> None:
    with citizen_site(tmp_path, published_rev="refs/tags/published") as site:
        sent = _published(site.repo, ("## Steps\n\n1. ", "## Steps\n\n1. First, "))
        number, private_link = sent.id, f"{site.track_url(sent.id)}#secret={sent.secret}"

        # Without the secret: the question is named, and where to answer it.
        page.goto(site.track_url(number))
        expect(page.get_by_role("heading", name="Status: Accepted and published")).to_be_visible()
        question = page.get_by_role("region", name="Is the guide right now?")
        expect(question).to_contain_text("open the private link")
        expect(question.get_by_role("button", name="Yes")).to_be_hidden()

        page.goto(private_link)
        page.reload()  # a new fragment alone does not load the page again
        yes = question.get_by_role("button", name="Yes", exact=True)
        expect(yes).to_be_visible()
        _axe_at_both_widths(page)

        yes.focus()
        page.keyboard.press("Tab")
        no = question.get_by_role("button", name="No, something is still wrong")
        expect(no).to_be_focused()
        page.keyboard.press("Enter")
        box = page.get_by_label("What is still wrong?")
        expect(box).to_be_focused()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Send", exact=True)).to_be_focused()
        page.keyboard.press("Enter")  # nothing written yet: the form says so, focus back
        expect(page.locator("#__wt-track-recheck-text-error")).to_have_text("Say what is still wrong in the guide.")
        expect(box).to_be_focused()
        page.keyboard.type(STILL_WRONG)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")

        thanks = page.locator("#__wt-track-rechecked")
        expect(thanks).to_be_focused()
        expect(thanks).to_contain_text("Thank you: we opened a new report about what is still wrong, number ")
        expect(question).to_be_hidden()
        link = thanks.get_by_role("link", name="Track the new report")
        href = link.get_attribute("href") or ""
        found = re.fullmatch(r"\?id=([0-9a-hjkmnp-tv-z]{26})#secret=[A-Za-z0-9_-]{32}", href)
        assert found, href
        report = found.group(1)
        _axe_at_both_widths(page)

        shown = run_cli("--repo", str(site.repo), "review", "show", number)
        assert f"Followed by: {report} (a report: something is still wrong)\n" in shown.stdout, shown.output
        shown = run_cli("--repo", str(site.repo), "review", "show", report)
        assert f"Follows:    {number} (the citizen says it left the guide wrong)\n" in shown.stdout
        assert f"Summary:    {STILL_WRONG}\n" in shown.stdout

        # Her private link to the new report: it says what it follows.
        link.click()
        expect(page.get_by_role("heading", name="Status: Received")).to_be_visible()
        expect(page.get_by_text("This report follows suggestion")).to_contain_text(number)

        # Anyone on the first suggestion's page sees the new report's number, not the question.
        page.goto(site.track_url(number))
        expect(page.get_by_text("so a new report follows it")).to_contain_text(report)
        expect(page.get_by_role("region", name="Is the guide right now?")).to_be_hidden()

        # Her private link again: thanked, not asked again.
        page.goto(private_link)
        page.reload()
        expect(thanks).to_have_text("Thank you: we opened a new report about what is still wrong.")
        expect(page.get_by_text("so a new report follows it")).to_contain_text(report)
        expect(page.get_by_role("region", name="Is the guide right now?")).to_be_hidden()

        # Another author, another published change: "Yes" is one key press, and thanked.
        other = _published(site.repo, ("Calls are free.", "Calls are free from landlines."))
        page.goto(f"{site.track_url(other.id)}#secret={other.secret}")
        yes = question.get_by_role("button", name="Yes", exact=True)
        yes.focus()
        page.keyboard.press("Enter")
        expect(thanks).to_be_focused()
        expect(thanks).to_have_text("Thank you: you told us the guide is right now.")
        expect(question).to_be_hidden()
        assert "Confirmed:  the author says the guide is right now (" in run_cli(
            "--repo", str(site.repo), "review", "show", other.id
        ).stdout
