"""Staff ask, the citizen answers (issue 16), in a real Chromium: a citizen sends a
suggestion and gets a private tracking link; staff ask a question with ``review ask``;
the private link shows the question and takes the answer, typed and sent with the
keyboard; ``review show`` shows it. The same page opened without the link's secret shows
the question but no form. The page is axe-clean at 375 and 1280 px with the question and
after the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from browsing import DESKTOP, DESKTOP_ONLY, PASSPORT, PHONE, axe_violations
from click.testing import Result
from playwright.sync_api import Page, expect
from suggesting import citizen_site, tracking_id

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RunCli = Callable[..., Result]

ANA = "Ana Ruiz <ana.ruiz@passports.veloria.invalid>"
QUESTION = "Which office did you go to?"
ANSWER = "The office on Main Street, last Tuesday."


def _axe_at_both_widths(page: Page) -> None:
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size({"width": viewport.width, "height": viewport.height})
        assert axe_violations(page) == [], viewport.name


@DESKTOP_ONLY
def test_the_citizen_answers_the_teams_question_from_the_private_link(
    page: Page, tmp_path: Path, run_cli: RunCli
) -> None:
    with citizen_site(tmp_path) as site:
        page.goto(site.url(PASSPORT))
        page.get_by_role("link", name="Suggest an edit").click()
        page.get_by_label("Step 5", exact=True).fill("Pay the fee of 89 euros.")
        page.get_by_label("Summary of your change").fill("The fee is 89 euros now")
        page.get_by_role("button", name="Send suggestion").click()
        expect(page.get_by_role("heading", name=re.compile("your suggestion was sent"))).to_be_focused()
        number = tracking_id(page)
        track = page.get_by_role("link", name="Track your suggestion")
        private_link = page.evaluate("href => new URL(href, document.baseURI).href", track.get_attribute("href"))
        assert re.fullmatch(rf".*/track/\?id={number}#secret=[A-Za-z0-9_-]{{32}}", private_link), private_link

        asked = run_cli("--repo", str(site.repo), "review", "ask", number, "-m", QUESTION, "--as", ANA)
        assert asked.exit_code == 0, asked.output

        # Without the secret, anyone with the number sees the question, not the form.
        page.goto(site.track_url(number))
        expect(page.get_by_role("heading", name="Status: Waiting for your answer")).to_be_visible()
        expect(page.locator("#__wt-track-question-text")).to_have_text(QUESTION)
        expect(page.get_by_label("Your answer", exact=True)).to_be_hidden()
        expect(page.get_by_text("To answer, open the private link")).to_be_visible()

        page.goto(private_link)
        expect(page.get_by_role("region", name="The team's question")).to_contain_text(QUESTION)
        answer = page.get_by_label("Your answer", exact=True)
        expect(answer).to_be_visible()
        _axe_at_both_widths(page)

        answer.focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # nothing typed yet: the form says so, focus back
        expect(page.locator("#__wt-track-answer-error")).to_have_text("Write your answer to the team's question.")
        expect(answer).to_be_focused()
        page.keyboard.type(ANSWER)
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Send your answer")).to_be_focused()
        page.keyboard.press("Enter")

        thanks = page.get_by_text("Thank you: your answer was sent to the team.")
        expect(thanks).to_be_focused()
        expect(page.get_by_role("heading", name="Status: Being reviewed")).to_be_visible()
        expect(page.get_by_role("region", name="The team's question")).to_be_hidden()
        _axe_at_both_widths(page)

        shown = run_cli("--repo", str(site.repo), "review", "show", number)
        assert shown.exit_code == 0, shown.output
        assert f"    {QUESTION}\n" in shown.stdout and f"    {ANSWER}\n" in shown.stdout
