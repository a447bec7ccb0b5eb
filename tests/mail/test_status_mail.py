"""A citizen who asked to hear back gets one plain message per change of status, through a
real SMTP relay on loopback: received, not accepted (with the explanation), accepted,
published, and a last one when their details are deleted. A relay that is down delays
the mail and loses none, and nothing arrives twice."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from isolation import isolated_environment
from smtp_relay import INTAKE_URL, MAIL_FROM, SITE_URL, Relay
from sqlite_files import stored_bytes

from wikitool.gitstore import WikiStore
from wikitool.mail.outbox import MessageKind, MessageState, Outbox, author_of
from wikitool.mail.tokens import token_valid
from wikitool.model import Identity
from wikitool.review.decisions import review_approve, review_reject
from wikitool.review.events import EventKind, RejectReason, ReviewEvent
from wikitool.review.log import append_event
from wikitool.review.merge import review_merge
from wikitool.review.status import public_status
from wikitool.services.mail_delivery import MailDelivery, deliver, queue_missing, unsubscribe
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.input import SuggestionAuthor, SuggestionInput
from wikitool.suggestions.notifications import forget_contact
from wikitool.suggestions.submission import suggestion_submit

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
STAFF = Identity("Test Staff", "staff@agency.invalid")
REVIEWER = Identity("Ben Osei", "ben.osei@agency.invalid")
EDITS = [
    ("## Steps\n\n1. ", "## Steps\n\n1. First, "),
    ("## Steps\n\n1. ", "## Steps\n\n1. To begin, "),
    ("## Steps\n\n1. ", "## Steps\n\n1. Start here: "),
    ("## Steps\n\n1. ", "## Steps\n\n1. Before anything else, "),
    ("## Steps\n\n1. ", "## Steps\n\n1. As a first step, "),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WikiStore]:
    path = tmp_path_factory.mktemp("mail") / "wiki"
    with isolated_environment(path.parent):
        init_wiki(path, author=STAFF, when=1_790_000_000)
        with WikiStore.open(path) as opened:
            yield opened


class Citizen:
    """Submits suggestion number ``n`` (its own edit) asking to hear back."""

    def __init__(self, store: WikiStore) -> None:
        self.store = store
        raw = store.read(store.main(), GUIDE)
        assert raw is not None
        self.published = raw.decode()

    def submit(self, n: int, email: str, *, notify: bool = True, name: str = "Ana") -> str:
        content = self.published.replace(*EDITS[n], 1)
        author = SuggestionAuthor(name=name, email=email, notify=notify)
        suggestion = SuggestionInput(
            guide=GUIDE, content=content, summary=f"Say what to do first ({n})", author=author
        )
        return suggestion_submit(self.store, suggestion).id


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return body.get_content()


def _unsubscribe_link(message: EmailMessage) -> tuple[str, str]:
    """The recipient and token of a message's List-Unsubscribe link."""
    link = str(message["List-Unsubscribe"]).strip("<>")
    assert link.startswith(f"{INTAKE_URL}/api/unsubscribe?")
    query = parse_qs(urlsplit(link).query)
    return query["to"][0], query["token"][0]


def test_received_mail_has_tracking_link_and_one_click_unsubscribe(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    suggestion = Citizen(store).submit(0, "ana.received@example.org", name="Ana Müller")
    report = deliver(store, delivery)
    assert (report.sent, report.problem) == (1, "")
    (message,) = relay.to("ana.received@example.org")
    assert message["Subject"] == f"We received your suggestion {suggestion}"
    assert message["To"].addresses[0].display_name == "Ana Müller"  # encoded, then decoded
    assert message["From"].addresses[0].addr_spec == MAIL_FROM
    assert message["Message-ID"].endswith("@agency.example.org>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Auto-Submitted"] == "auto-generated"
    recipient, token = _unsubscribe_link(message)
    assert recipient == author_of(suggestion)
    assert token_valid(Outbox.of(store).key(), recipient, token)
    text = _text(message)
    assert f"{SITE_URL}/track/?id={suggestion}" in text
    assert "Renew an adult passport" in text  # the guide by its title
    assert "Say what to do first (0)" in text
    assert str(message["List-Unsubscribe"]).strip("<>") in text  # the same link, to click


def test_no_mail_without_notify_and_nothing_queued_twice(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    quiet = Citizen(store).submit(1, "quiet@example.org", notify=False)
    assert Outbox.of(store).messages(author_of(quiet)) == []
    assert queue_missing(store, None) == 0  # every status already told: nothing new
    assert deliver(store, delivery).sent == 0
    assert relay.to("quiet@example.org") == []


def test_rejection_carries_the_explanation_screened_for_personal_data(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    suggestion = Citizen(store).submit(2, "ana.rejected@example.org")
    explanation = "Step 1 is right as it is. Call Ana on +44 20 7946 0958 if unsure."
    review_reject(
        store, suggestion, staff=STAFF, reason=RejectReason.INCORRECT, text=explanation
    )
    status = public_status(store, suggestion)
    assert status.explanation.startswith("Step 1 is right as it is.")
    assert "7946" not in status.explanation
    deliver(store, delivery)
    _, rejected = relay.to("ana.rejected@example.org")
    assert rejected["Subject"] == f"Your suggestion {suggestion} was not accepted"
    text = _text(rejected)
    assert "The reason: We checked, and the guide was already right." in text
    assert "What the team said: Step 1 is right as it is." in text
    assert "7946" not in text
    # Rejected is final: nothing more is queued for this suggestion.
    assert Outbox.of(store).subscription(author_of(suggestion)).stopped is not None  # type: ignore[union-attr]


def test_relay_down_during_three_changes_then_each_message_arrives_exactly_once(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    citizen = Citizen(store)
    merged = citizen.submit(3, "ana.merged@example.org")
    rejected = citizen.submit(4, "ana.down@example.org")
    deliver(store, delivery)  # the two "received" messages
    before = len(relay.messages)
    relay.stop()
    try:
        review_approve(store, merged, staff=REVIEWER)
        review_merge(store, merged, staff=STAFF, note="Thank you, it reads better.")
        review_reject(store, rejected, staff=STAFF, reason=RejectReason.OTHER, text="Not now.")
        published = store.main()
        assert queue_missing(store, published) == 1  # "published": the site now shows it
        down = deliver(store, delivery)
        assert (down.sent, down.retrying) == (0, 3)
        assert down.problem
        soon = deliver(store, delivery, now=time.time() + 30)  # before the back-off ends
        assert (soon.sent, soon.retrying) == (0, 0)
    finally:
        relay.start()
    later = time.time() + 3600
    report = deliver(store, delivery, now=later)
    assert (report.sent, report.retrying, report.failed) == (3, 0, 0)
    assert deliver(store, delivery, now=later + 3600).sent == 0
    arrived = relay.messages[before:]
    ids = [m["Message-ID"] for m in arrived]
    assert len(ids) == len(set(ids)) == 3
    subjects = sorted(m["Subject"] for m in arrived)
    assert subjects == sorted(
        [
            f"Your suggestion {merged} was accepted",
            f"Your suggestion {merged} is now in the guide",
            f"Your suggestion {rejected} was not accepted",
        ]
    )
    accepted = next(m for m in arrived if m["Subject"].endswith("was accepted"))
    assert "A note from the team: Thank you, it reads better." in _text(accepted)
    assert public_status(store, merged).explanation == "Thank you, it reads better."


def test_forgetting_sends_a_last_message_then_wipes_the_address(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    suggestion = Citizen(store).submit(0, "ana.forget@example.org")
    assert forget_contact(store, suggestion)
    deliver(store, delivery)
    # The "received" message was queued before the details were deleted: not sent.
    (last,) = relay.to("ana.forget@example.org")
    assert last["Subject"] == "We deleted your contact details"
    assert "List-Unsubscribe" not in last
    kinds = Outbox.of(store).messages(author_of(suggestion))
    assert kinds == [
        (MessageKind.RECEIVED, MessageState.DROPPED),
        (MessageKind.FORGOTTEN, MessageState.SENT),
    ]
    outbox = Path(Outbox.of(store).path)
    assert b"ana.forget@example.org" not in stored_bytes(outbox)
    assert oct(outbox.stat().st_mode & 0o777) == "0o600"


def test_unsubscribing_stops_the_mail_and_a_forged_token_does_not(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    suggestion = Citizen(store).submit(1, "ana.stop@example.org")
    recipient = author_of(suggestion)
    deliver(store, delivery)
    (received,) = relay.to("ana.stop@example.org")
    _, token = _unsubscribe_link(received)
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert not unsubscribe(store, recipient, forged)
    assert not unsubscribe(store, author_of("01m8zzzzzzzzzzzzzzzzzzzzzz"), token)
    assert unsubscribe(store, recipient, token)
    review_reject(store, suggestion, staff=STAFF, reason=RejectReason.DUPLICATE)
    deliver(store, delivery)
    assert len(relay.to("ana.stop@example.org")) == 1


def test_a_message_a_killed_process_did_not_queue_is_queued_by_the_next_pass(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    suggestion = Citizen(store).submit(2, "ana.killed@example.org")
    outbox = Outbox.of(store)
    # Killed after the review log and before the outbox: the subscription was written
    # first, the "received" message never was.
    with closing(sqlite3.connect(outbox.path)) as db, db:
        db.execute("DELETE FROM message WHERE recipient = ?", (author_of(suggestion),))
    # A rejection written by a process killed before it queued its message.
    append_event(
        store,
        suggestion,
        lambda events: ReviewEvent(
            kind=EventKind.REJECT, suggestion_id=suggestion, actor=str(STAFF),
            text="", data={"Reason": "spam"},
        ),
        author=STAFF,
    )
    assert queue_missing(store, None) == 1  # the status now: not accepted
    assert queue_missing(store, None) == 0
    deliver(store, delivery)
    (message,) = relay.to("ana.killed@example.org")
    assert message["Subject"] == f"Your suggestion {suggestion} was not accepted"
