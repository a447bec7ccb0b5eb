"""A conversation, not a form (issue 16), end to end in Debian's chromium with a real SMTP
relay on loopback (aiosmtpd) and the real intake sending through it (``--smtp``).

A citizen suggests a fix from the guide's page and ticks "Tell me what happens to my
suggestion"; the "received" mail comes. Staff ask a question (``review ask``); the mail
carries it and her private link; she opens that link and answers with the keyboard. A
second citizen, on the guide's page, says "This affects me too" and is counted in
``review list``. Staff approve, merge and ``wikitool publish``; the "accepted" and
"published" mails come, each once.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsing import PASSPORT, PHONE_ONLY
from click.testing import Result
from playwright.sync_api import Browser, Page, expect
from smtp_relay import INTAKE_URL, MAIL_FROM, SITE_URL, Relay
from suggesting import CitizenSite, citizen_site, tracking_id

from wikitool.mail.messages import MailSettings
from wikitool.mail.relay import parse_relay
from wikitool.services.mail_delivery import MailDelivery

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RunCli = Callable[..., Result]

ANA = "Ana Ruiz <ana.ruiz@passports.veloria.invalid>"
EMAIL = "marta.lindqvist@example.org"
SUMMARY = "Say the whole fee"
QUESTION = "Which office did you go to?"
ANSWER = "The office on Main Street, last Tuesday."


def _mail(relay: Relay, count: int) -> list[EmailMessage]:
    """The first ``count`` messages to the citizen, once that many have arrived."""
    deadline = time.monotonic() + 20
    while len(relay.to(EMAIL)) < count:
        assert time.monotonic() < deadline, f"{count} message(s) to {EMAIL} did not arrive"
        time.sleep(0.05)
    return relay.to(EMAIL)


def _body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def _private_link(text: str, number: str) -> str:
    """The tracking link with the citizen's secret, as the mail shows it."""
    found = re.search(
        rf"{re.escape(SITE_URL)}/track/\?id={number}#secret=[A-Za-z0-9_-]{{32}}", text
    )
    assert found, text
    return found.group(0)


def _on_test_site(site: CitizenSite, link: str) -> str:
    """A link of the mail (to the public site) opened on the test's site on loopback."""
    parts = urlsplit(link)
    return f"{site.base_url}{parts.path}?{parts.query}#{parts.fragment}"


def _supporters(run_cli: RunCli, site: CitizenSite, number: str) -> int:
    listed = run_cli("--repo", str(site.repo), "review", "list", "--json")
    assert listed.exit_code == 0, listed.output
    (row,) = [r for r in json.loads(listed.stdout) if r["id"] == number]
    return int(row["supporters"])


@PHONE_ONLY
def test_a_citizen_hears_back_answers_a_question_and_is_supported_until_published(
    page: Page, browser: Browser, tmp_path: Path, run_cli: RunCli
) -> None:
    relay = Relay()
    relay.start()
    mail = MailDelivery(parse_relay(relay.url), MailSettings(MAIL_FROM, SITE_URL, INTAKE_URL))
    try:
        with citizen_site(tmp_path, mail=mail, published_rev="refs/tags/published") as site:
            repo = str(site.repo)

            # She suggests from the guide's page and asks to hear back.
            page.goto(site.url(PASSPORT))
            page.get_by_role("link", name="Suggest an edit").click()
            page.get_by_label("Step 5", exact=True).fill("Pay the whole fee of 86 euros.")
            page.get_by_label("Summary of your change").fill(SUMMARY)
            page.get_by_label("I agree that the team keeps my name").check()
            page.get_by_label("Your e-mail address", exact=True).fill(EMAIL)
            page.get_by_label("Tell me what happens to my suggestion").check()
            page.get_by_role("button", name="Send suggestion").click()
            expect(
                page.get_by_role("heading", name=re.compile("your suggestion was sent"))
            ).to_be_focused()
            number = tracking_id(page)

            (received,) = _mail(relay, 1)
            assert received["Subject"] == f"We received your suggestion {number}"
            text = _body(received)
            assert "Thank you. We received your suggestion" in text
            assert SUMMARY in text
            private = _private_link(text, number)

            # Staff ask; the mail carries the question and the same private link.
            asked = run_cli("--repo", repo, "review", "ask", number, "-m", QUESTION, "--as", ANA)
            assert asked.exit_code == 0, asked.output
            _, question = _mail(relay, 2)
            assert question["Subject"] == (
                f"The team has a question about your suggestion {number}"
            )
            text = _body(question)
            assert f"Their question: {QUESTION}" in text
            assert f"Answer it from this link, which is yours alone: {private}" in text

            # She opens the link from the mail and answers with the keyboard.
            page.goto(_on_test_site(site, private))
            expect(
                page.get_by_role("heading", name="Status: Waiting for your answer")
            ).to_be_visible()
            expect(page.get_by_role("region", name="The team's question")).to_contain_text(QUESTION)
            answer = page.get_by_label("Your answer", exact=True)
            answer.focus()
            page.keyboard.type(ANSWER)
            page.keyboard.press("Tab")
            expect(page.get_by_role("button", name="Send your answer")).to_be_focused()
            page.keyboard.press("Enter")
            expect(page.get_by_text("Thank you: your answer was sent to the team.")).to_be_focused()
            expect(page.get_by_role("heading", name="Status: Being reviewed")).to_be_visible()
            shown = run_cli("--repo", repo, "review", "show", number)
            assert f"    {ANSWER}\n" in shown.stdout, shown.output

            # A second citizen, in her own browser, finds it on the guide's page.
            before = _supporters(run_cli, site, number)
            assert before == 0
            other = browser.new_context(locale="en-GB", timezone_id="UTC")
            try:
                guide = other.new_page()
                guide.goto(site.url(PASSPORT))
                item = (
                    guide.get_by_role("region", name="Already suggested for this guide")
                    .get_by_role("listitem")
                    .filter(has_text=SUMMARY)
                )
                expect(item).to_contain_text(f"Supporters: {before}")
                item.get_by_role("button", name="This affects me too").click()
                expect(item.get_by_role("status")).to_have_text(
                    "Thank you. The team sees that this affects you too."
                )
                expect(item).to_contain_text(f"Supporters: {before + 1}")
            finally:
                other.close()
            assert _supporters(run_cli, site, number) == before + 1

            # Staff approve and merge: "accepted".
            approved = run_cli("--repo", repo, "review", "approve", number, "--as", ANA)
            assert approved.exit_code == 0, approved.output
            assert "1 of 1 approvals; ready to merge" in approved.output, approved.output
            merged = run_cli("--repo", repo, "review", "merge", number, "--as", ANA)
            assert merged.exit_code == 0, merged.output
            accepted = _mail(relay, 3)[2]
            assert accepted["Subject"] == f"Your suggestion {number} was accepted"
            text = _body(accepted)
            assert "was accepted" in text and SUMMARY in text
            assert f"Where it stands: {private}" in text

            # The site is published: "published".
            published = run_cli(
                "--repo",
                repo,
                "publish",
                "--out",
                str(tmp_path / "live"),
                "--intake-url",
                site.intake_url,
            )
            assert published.exit_code == 0, published.output
            live = _mail(relay, 4)[3]
            assert live["Subject"] == f"Your suggestion {number} is now in the guide"
            text = _body(live)
            assert "now shows your suggestion" in text and SUMMARY in text
            assert "Thank you for helping." in text

            # Her private link says so too: the intake reads the live site's revision from
            # the tag publish moved (--published-rev), and asks whether the guide is right.
            page.reload()  # still on her private link
            expect(
                page.get_by_role("heading", name="Status: Accepted and published")
            ).to_be_visible()
            expect(
                page.get_by_role("region", name="Is the guide right now?")
            ).to_be_visible()
            assert f"Is the guide right now? If something is still wrong, tell us from this link, which is yours alone: {private}" in text

            # Each arrived once, and nothing more came.
            time.sleep(1)
            subjects = [m["Subject"] for m in relay.to(EMAIL)]
            assert len(subjects) == len(set(subjects)) == 4, subjects
    finally:
        relay.stop()
