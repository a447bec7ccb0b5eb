"""A citizen who ticks "Tell me what happens to my suggestion" hears back by e-mail, and
the team's explanation of a rejection reaches both the mail and the tracking page,
personal data removed; the pages on the way pass axe at 375 and 1280 px."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsing import DESKTOP, PASSPORT, PHONE, PHONE_ONLY, axe_violations
from click.testing import Result
from playwright.sync_api import Page, expect
from smtp_relay import INTAKE_URL, MAIL_FROM, SITE_URL, Relay
from suggesting import citizen_site, tracking_id

from wikitool.mail.messages import MailSettings
from wikitool.mail.relay import parse_relay
from wikitool.services.mail_delivery import MailDelivery

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EMAIL = "marta.lindqvist@example.org"
EXPLANATION = "The photo rule changes only in March. Ana can explain: +44 20 7946 0958."


def _arrived(relay: Relay, count: int) -> list:  # type: ignore[type-arg]
    deadline = time.monotonic() + 20
    while len(relay.to(EMAIL)) < count:
        assert time.monotonic() < deadline, f"{count} message(s) to {EMAIL} did not arrive"
        time.sleep(0.05)
    return relay.to(EMAIL)


def _axe_at_both_widths(page: Page) -> list[str]:
    found = []
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size({"width": viewport.width, "height": viewport.height})
        found += [f"{viewport.name}: {v}" for v in axe_violations(page)]
    page.set_viewport_size({"width": PHONE.width, "height": PHONE.height})
    return found


@PHONE_ONLY
def test_a_citizen_asks_to_hear_back_and_reads_why_it_was_not_accepted(
    page: Page, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    relay = Relay()
    relay.start()
    mail = MailDelivery(parse_relay(relay.url), MailSettings(MAIL_FROM, SITE_URL, INTAKE_URL))
    try:
        with citizen_site(tmp_path, mail=mail) as site:
            page.goto(site.url(PASSPORT))
            page.get_by_role("link", name="Suggest an edit").click()
            step = page.get_by_label("Step 5", exact=True)
            expect(step).to_have_value("Pay the fee of 86 euros.")
            step.fill("Pay the whole fee of 86 euros.")
            page.get_by_label("Summary of your change").fill("Say the whole fee")
            page.get_by_label("I agree that the team keeps my name").check()
            page.get_by_label("Your e-mail address", exact=True).fill(EMAIL)
            page.get_by_label("Tell me what happens to my suggestion").check()
            assert _axe_at_both_widths(page) == []
            page.get_by_role("button", name="Send suggestion").click()
            expect(
                page.get_by_role("heading", name=re.compile("your suggestion was sent"))
            ).to_be_focused()
            number = tracking_id(page)

            (received,) = _arrived(relay, 1)
            assert received["Subject"] == f"We received your suggestion {number}"

            rejected = run_cli(
                "--repo", str(site.repo), "review", "reject", number,
                "--reason", "other", "-m", EXPLANATION,
            )
            assert rejected.exit_code == 0, rejected.output
            _, not_accepted = _arrived(relay, 2)
            text = not_accepted.get_body(("plain",)).get_content()
            assert "What the team said: The photo rule changes only in March." in text
            assert "7946" not in text

            page.get_by_role("link", name="Track your suggestion").click()
            expect(page.get_by_role("heading", name="Status: Not accepted")).to_be_visible()
            explanation = page.locator("#__wt-track-explanation")
            expect(explanation).to_contain_text(
                "What the team said: The photo rule changes only in March."
            )
            expect(explanation).not_to_contain_text("7946")
            assert _axe_at_both_widths(page) == []

            # The unsubscribe link's page (opening it changes nothing), on the test intake.
            link = urlsplit(str(received["List-Unsubscribe"]).strip("<>"))
            page.goto(f"{site.intake_url}{link.path}?{link.query}")
            expect(page.get_by_role("button", name="Stop the e-mails")).to_be_visible()
            assert _axe_at_both_widths(page) == []
            page.get_by_role("button", name="Stop the e-mails").click()
            expect(page.get_by_text(re.compile("You will get no more e-mails"))).to_be_visible()
    finally:
        relay.stop()
