"""A citizen who asked to hear back controls their data from the links they were given
(issue 16), in a real Chromium, with the keyboard alone, axe-clean at 375 and 1280 px
before and after:

- "Delete my contact details" on the tracking page opened with the private link asks for
  a confirmation ("No, keep them" and Escape go back), then deletes exactly what `suggest
  forget` deletes, with its last e-mail queued, and says so plainly. The control is not
  offered without the link's secret; a wrong secret deletes nothing and says why; asking
  again says nothing is kept.
- The unsubscribe link's page (the intake's, no script): its one button is reached with
  Tab and pressed with Enter.

One site and intake serve the module.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from browsing import DESKTOP, DESKTOP_ONLY, PASSPORT, PHONE, axe_violations
from playwright.sync_api import Page, expect
from suggesting import CitizenSite, citizen_site

from wikitool.gitstore import WikiStore
from wikitool.mail.messages import UNSUBSCRIBE_PATH
from wikitool.mail.outbox import MessageKind, MessageState, Outbox, author_of
from wikitool.mail.tokens import unsubscribe_token
from wikitool.suggestions.contacts import contact_get

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPORT = {
    "kind": "report",
    "guide": PASSPORT,
    "about": "steps",
    "summary": "The opening hours are wrong",
    "author": {"name": "Ana Ruiz", "email": "ana.ruiz@example.org", "notify": True},
    "website": "",
}
DELETED = (
    "Your contact details were deleted. We no longer keep your name or e-mail address for "
    "this suggestion. If you asked for e-mails about it, one last e-mail says so, and you "
    "will get no more."
)
NOTHING_KEPT = (
    "We keep no contact details for this suggestion: you gave none, or they were deleted already."
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CitizenSite]:
    with citizen_site(tmp_path_factory.mktemp("forgetting")) as served:
        yield served


def _report(site: CitizenSite) -> tuple[str, str]:
    """A report sent by a citizen who asked to hear back: its number and secret."""
    sent = httpx.post(f"{site.intake_url}/api/suggestions", json=REPORT, timeout=30)
    assert sent.status_code == 201, sent.text
    return str(sent.json()["id"]), str(sent.json()["secret"])


def _axe_at_both_widths(page: Page) -> list[str]:
    found = []
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size({"width": viewport.width, "height": viewport.height})
        found += [f"{viewport.name}: {v}" for v in axe_violations(page)]
    page.set_viewport_size({"width": DESKTOP.width, "height": DESKTOP.height})
    return found


def _tab_to_delete(page: Page) -> None:
    """From the last fact shown (the guide's link), Tab reaches the control next."""
    page.locator("#__wt-track-guide").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Delete my contact details")).to_be_focused()


@DESKTOP_ONLY
def test_the_citizen_deletes_their_contact_details_with_the_keyboard(
    page: Page, site: CitizenSite
) -> None:
    number, secret = _report(site)
    region = page.get_by_role("region", name="Your contact details")

    # Anyone with the number sees the status, not the control.
    page.goto(site.track_url(number))
    expect(page.get_by_role("heading", name="Status: Received")).to_be_visible()
    expect(region).to_be_hidden()

    # A link whose secret is wrong deletes nothing, and says why.
    page.goto("about:blank")
    page.goto(f"{site.track_url(number)}#secret={secret[:-2]}xx")
    _tab_to_delete(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Yes, delete my contact details")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert").filter(has_text="This link does not let you delete")).to_be_visible()
    with WikiStore.open(site.repo) as store:
        assert contact_get(store, number) is not None

    page.goto("about:blank")
    page.goto(f"{site.track_url(number)}#secret={secret}")
    expect(region).to_be_visible()
    assert _axe_at_both_widths(page) == []

    _tab_to_delete(page)
    page.keyboard.press("Enter")  # the confirmation takes the focus
    question = region.locator("p", has_text="Delete your name and e-mail address now?")
    expect(question).to_be_focused()
    assert _axe_at_both_widths(page) == []
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="No, keep them")).to_be_focused()
    page.keyboard.press("Enter")  # back, nothing sent
    expect(page.get_by_role("button", name="Delete my contact details")).to_be_focused()
    page.keyboard.press("Enter")
    expect(question).to_be_focused()
    page.keyboard.press("Escape")  # back too
    expect(page.get_by_role("button", name="Delete my contact details")).to_be_focused()
    with WikiStore.open(site.repo) as store:
        assert contact_get(store, number) is not None

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Yes, delete my contact details")).to_be_focused()
    page.keyboard.press("Enter")

    done = region.get_by_text(DELETED)
    expect(done).to_be_focused()
    expect(page.get_by_role("button", name="Delete my contact details")).to_be_hidden()
    assert _axe_at_both_widths(page) == []
    with WikiStore.open(site.repo) as store:
        assert contact_get(store, number) is None
        messages = Outbox.of(store).messages(author_of(number))
    assert (MessageKind.FORGOTTEN, MessageState.PENDING) in messages

    # Coming back later: nothing is kept, and the page says so.
    page.reload()
    _tab_to_delete(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(region.get_by_text(NOTHING_KEPT)).to_be_focused()


@DESKTOP_ONLY
def test_the_unsubscribe_page_is_used_with_the_keyboard(page: Page, site: CitizenSite) -> None:
    number, _ = _report(site)
    recipient = author_of(number)
    with WikiStore.open(site.repo) as store:
        token = unsubscribe_token(Outbox.of(store).key(), recipient)
    page.goto(f"{site.intake_url}/{UNSUBSCRIBE_PATH}?to={recipient}&token={token}")
    button = page.get_by_role("button", name="Stop the e-mails")
    expect(button).to_be_visible()
    assert _axe_at_both_widths(page) == []

    page.keyboard.press("Tab")  # the page's one control comes first
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_text(f"You will get no more e-mails about suggestion {number}.")).to_be_visible()
    assert _axe_at_both_widths(page) == []
    with WikiStore.open(site.repo) as store:
        subscription = Outbox.of(store).subscription(recipient)
    assert subscription is not None and subscription.stopped is not None
