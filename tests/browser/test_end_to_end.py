"""The whole loop, in a real Chromium on a phone-sized screen: a citizen with no account
fixes a wrong fee from the guide's page and gets a tracking link; two members of staff
approve and merge from the command line; the site is rebuilt; the guide shows the new
fee and the tracking page says the suggestion was accepted. Nothing personal the citizen
typed is in git.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from browsing import PASSPORT, PHONE_ONLY, glance_panel, money_pattern, steps_list
from click.testing import Result
from playwright.sync_api import Page, expect
from suggesting import citizen_site, everything_in_git, tracking_id

from wikitool.gitstore import WikiStore
from wikitool.suggestions.contacts import contact_get

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RunCli = Callable[..., Result]

ANA = "Ana Ruiz <ana.ruiz@passports.veloria.invalid>"
BEN = "Ben Osei <ben.osei@passports.veloria.invalid>"
SUMMARY = "The online renewal fee is now 89 euros"
NAME = "Marta Lindqvist"
EMAIL = "marta.lindqvist@example.org"


@PHONE_ONLY
def test_a_citizen_fixes_a_wrong_fee_from_a_phone_and_sees_it_accepted_and_live(
    page: Page, tmp_path: Path, run_cli: RunCli
) -> None:
    with citizen_site(tmp_path) as site:
        # The citizen reads the guide and sees the old fee.
        page.goto(site.url(PASSPORT))
        expect(glance_panel(page)).to_contain_text(re.compile(money_pattern(86, "EUR")))
        expect(steps_list(page)).to_contain_text("Pay the fee of 86 euros.")

        # She suggests the fix from the page.
        page.get_by_role("link", name="Suggest an edit").click()
        fee = page.get_by_role("group", name="Fee 1", exact=True)
        amount = fee.get_by_label("Amount", exact=True)
        expect(amount).to_have_value("86")
        amount.fill("89")
        step = page.get_by_label("Step 5", exact=True)
        expect(step).to_have_value("Pay the fee of 86 euros.")
        step.fill("Pay the fee of 89 euros.")
        expect(page.locator("#__wt-changed-list li")).to_have_text(
            ["Online renewal: €86.00 → €89.00", "Step 5 reworded"]
        )
        page.get_by_label("Summary of your change").fill(SUMMARY)
        page.get_by_label("Why is this change needed?").fill(
            "I renewed my passport online last week and paid 89 euros."
        )
        page.get_by_label("I agree that the team keeps my name").check()
        page.get_by_label("Your name", exact=True).fill(NAME)
        page.get_by_label("Your e-mail address", exact=True).fill(EMAIL)
        page.get_by_role("button", name="Send suggestion").click()

        expect(
            page.get_by_role("heading", name=re.compile("your suggestion was sent"))
        ).to_be_focused()
        number = tracking_id(page)
        track = page.get_by_role("link", name="Track your suggestion")
        expect(track).to_be_visible()
        tracking_url = page.evaluate(
            "href => new URL(href, document.baseURI).href", track.get_attribute("href")
        )
        track.click()
        expect(page.get_by_role("heading", name="Status: Received")).to_be_visible()

        # Two members of staff approve (a fee is a sensitive field) and one merges.
        repo = str(site.repo)
        first = run_cli("--repo", repo, "review", "approve", number, "--as", ANA)
        assert first.exit_code == 0, first.output
        assert "1 of 2 approvals; not ready to merge" in first.output
        second = run_cli("--repo", repo, "review", "approve", number, "--as", BEN)
        assert second.exit_code == 0, second.output
        assert "2 of 2 approvals; ready to merge" in second.output
        merged = run_cli("--repo", repo, "review", "merge", number, "--as", BEN)
        assert merged.exit_code == 0, merged.output
        assert f"Merged suggestion {number}" in merged.output

        # The deployment rebuilds main; the page shows the change.
        built = site.rebuild()
        with WikiStore.open(site.repo) as store:
            assert built.commit == store.main()
        page.goto(site.url(PASSPORT))
        expect(glance_panel(page)).to_contain_text(re.compile(money_pattern(89, "EUR")))
        expect(steps_list(page)).to_contain_text("Pay the fee of 89 euros.")
        expect(page.locator(".wt-changes")).to_contain_text(SUMMARY)
        expect(page.locator(".wt-changes")).to_contain_text("Suggested by a citizen")

        # Her tracking link now says accepted.
        page.goto(tracking_url)
        expect(page.get_by_role("heading", name="Status: Accepted")).to_be_visible()
        expect(page.locator("#__wt-track-summary")).to_have_text(SUMMARY)

        # Her contact details are in the private store only, never in git.
        with WikiStore.open(site.repo) as store:
            contact = contact_get(store, number)
        assert contact is not None and (contact.name, contact.email) == (NAME, EMAIL)
        history = everything_in_git(site.repo)
        assert SUMMARY in history and number in history
        assert EMAIL not in history
        assert NAME not in history
