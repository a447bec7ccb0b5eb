"""A supporter who leaves an e-mail address is told the outcome, through a real SMTP relay
on loopback: accepted, published, not accepted with the team's explanation; never the
author's own "received". Each supporter has their own one-click unsubscribe, named by a
reference and never by their address; the author's mail is unchanged; nothing is sent
twice; deleting a suggestion's contact details deletes its supporters' too."""

from __future__ import annotations

import sqlite3
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
from wikitool.mail.addresses import recipient
from wikitool.mail.messages import MailSettings, compose
from wikitool.mail.outbox import (
    MessageKind,
    Outbox,
    Queued,
    author_of,
    suggestion_of,
    supporter_of,
)
from wikitool.mail.tokens import token_valid, unsubscribe_token
from wikitool.model import Identity
from wikitool.review.decisions import review_approve, review_reject
from wikitool.review.events import RejectReason
from wikitool.review.merge import review_merge
from wikitool.services.mail_delivery import MailDelivery, deliver, queue_missing, unsubscribe
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.contacts import (
    AUTHOR,
    PRIVATE_STORE_ENV,
    SUPPORTER,
    contacts_of,
    private_store_path,
    supporter_contact_save,
)
from wikitool.suggestions.input import SuggestionAuthor, SuggestionInput
from wikitool.suggestions.notifications import forget_contact
from wikitool.suggestions.submission import suggestion_submit
from wikitool.suggestions.support import SupportInput, support_suggestion

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
STAFF = Identity("Test Staff", "staff@agency.invalid")
REVIEWER = Identity("Ben Osei", "ben.osei@agency.invalid")
EDITS = ["First, ", "To begin, ", "Start here: "]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WikiStore]:
    path = tmp_path_factory.mktemp("supporter-mail") / "wiki"
    with isolated_environment(path.parent):
        init_wiki(path, author=STAFF, when=1_790_000_000)
        with WikiStore.open(path) as opened:
            yield opened


def _submit(store: WikiStore, n: int, email: str) -> str:
    raw = store.read(store.main(), GUIDE)
    assert raw is not None
    content = raw.decode().replace("## Steps\n\n1. ", f"## Steps\n\n1. {EDITS[n]}", 1)
    author = SuggestionAuthor(name="Ana", email=email, notify=True)
    suggestion = SuggestionInput(
        guide=GUIDE, content=content, summary=f"Say what to do first ({n})", author=author
    )
    return suggestion_submit(store, suggestion).id


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return body.get_content()


def _unsubscribe_link(message: EmailMessage) -> tuple[str, str]:
    link = str(message["List-Unsubscribe"]).strip("<>")
    assert link.startswith(f"{INTAKE_URL}/api/unsubscribe?")
    assert link in _text(message)  # the same link, to click
    query = parse_qs(urlsplit(link).query)
    return query["to"][0], query["token"][0]


def _supporters(store: WikiStore, suggestion: str) -> list[str]:
    """The recipient references of the suggestion's supporters who left an address."""
    return [supporter_of(suggestion, c.ref) for c in contacts_of(store, suggestion) if c.ref]


def test_a_supporter_with_an_address_hears_the_rejection_with_its_explanation_once(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    suggestion = _submit(store, 0, "ana.author@example.org")
    support_suggestion(
        store, suggestion, SupportInput(note="Same for me", email="bo.supporter@example.org")
    )
    support_suggestion(store, suggestion, SupportInput(note="Me too"))  # no address
    roles = [(c.role, c.email) for c in contacts_of(store, suggestion)]
    assert roles == [(AUTHOR, "ana.author@example.org"), (SUPPORTER, "bo.supporter@example.org")]
    deliver(store, delivery)
    assert len(relay.to("ana.author@example.org")) == 1  # the author's "received"
    assert relay.to("bo.supporter@example.org") == []  # "received" is the author's alone

    review_reject(
        store, suggestion, staff=STAFF, reason=RejectReason.INCORRECT,
        text="Step 1 is right as it is.",
    )
    deliver(store, delivery)
    assert queue_missing(store, None) == 0  # a second pass finds nothing new...
    assert deliver(store, delivery).sent == 0  # ...and sends nothing twice

    (told,) = relay.to("bo.supporter@example.org")
    assert told["Subject"] == f"The suggestion {suggestion} you supported was not accepted"
    assert told["From"].addresses[0].addr_spec == MAIL_FROM
    assert told["To"].addresses[0].display_name == ""  # a supporter gives no name
    text = _text(told)
    assert "What the team said: Step 1 is right as it is." in text
    assert "The reason: We checked, and the guide was already right." in text
    assert "Say what to do first (0)" in text
    assert f"{SITE_URL}/track/?id={suggestion}" in text
    assert "you supported this suggestion" in text
    assert "your suggestion" not in text.lower()
    # Its own unsubscribe: a reference to this supporter, never the address.
    to, token = _unsubscribe_link(told)
    (supporter,) = _supporters(store, suggestion)
    assert to == supporter != author_of(suggestion)
    assert suggestion_of(to) == suggestion
    assert "bo.supporter" not in to
    assert told["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert token_valid(Outbox.of(store).key(), to, token)
    assert unsubscribe(store, to, token)
    assert not unsubscribe(store, author_of(suggestion), token)  # not the author's token
    # The author's mail is unchanged: "received", then "not accepted".
    subjects = [m["Subject"] for m in relay.to("ana.author@example.org")]
    assert subjects == [
        f"We received your suggestion {suggestion}",
        f"Your suggestion {suggestion} was not accepted",
    ]
    assert b"bo.supporter@example.org" not in stored_bytes(Outbox.of(store).path)


def test_one_supporter_unsubscribing_stops_neither_the_author_nor_the_others(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    suggestion = _submit(store, 1, "ana.merged@example.org")
    for email in ("cy.stops@example.org", "di.stays@example.org", "di.stays@example.org"):
        support_suggestion(store, suggestion, SupportInput(email=email))
    stops, stays = _supporters(store, suggestion)  # the same address twice: one supporter
    assert unsubscribe(store, stops, unsubscribe_token(Outbox.of(store).key(), stops))
    review_approve(store, suggestion, staff=REVIEWER)
    review_merge(store, suggestion, staff=STAFF, note="Thank you, it reads better.")
    assert queue_missing(store, store.main()) == 2  # "published": to the author and to Di
    deliver(store, delivery)
    assert deliver(store, delivery).sent == 0

    assert relay.to("cy.stops@example.org") == []
    author = [m["Subject"] for m in relay.to("ana.merged@example.org")]
    assert author == [
        f"We received your suggestion {suggestion}",
        f"Your suggestion {suggestion} was accepted",
        f"Your suggestion {suggestion} is now in the guide",
    ]
    accepted, published = relay.to("di.stays@example.org")
    assert accepted["Subject"] == f"The suggestion {suggestion} you supported was accepted"
    assert "A note from the team: Thank you, it reads better." in _text(accepted)
    assert published["Subject"] == f"The suggestion {suggestion} you supported is now in the guide"
    assert _unsubscribe_link(accepted)[0] == _unsubscribe_link(published)[0] == stays
    assert Outbox.of(store).messages(stops) == []


def test_deleting_the_contact_details_deletes_the_supporters_and_their_pending_mail(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    suggestion = _submit(store, 2, "ana.forgets@example.org")
    support_suggestion(store, suggestion, SupportInput(email="ed.forgotten@example.org"))
    (supporter,) = _supporters(store, suggestion)
    assert forget_contact(store, suggestion)
    assert contacts_of(store, suggestion) == []
    assert Outbox.of(store).subscription(supporter).stopped is not None  # type: ignore[union-attr]
    review_reject(store, suggestion, staff=STAFF, reason=RejectReason.DUPLICATE)
    deliver(store, delivery)
    assert relay.to("ed.forgotten@example.org") == []  # no farewell: the author asked
    assert Outbox.of(store).messages(supporter) == []
    assert b"ed.forgotten@example.org" not in stored_bytes(private_store_path(store))


@pytest.mark.parametrize(
    ("lang", "subject"),
    [
        ("en", "The suggestion {id} you supported was accepted"),
        ("fr", "La suggestion {id} que vous avez soutenue a été acceptée"),
        ("es", "La sugerencia {id} que apoyó fue aceptada"),
        ("de", "Der Vorschlag {id}, den Sie unterstützt haben, wurde angenommen"),
    ],
)
def test_a_supporter_is_written_to_in_the_guides_language(lang: str, subject: str) -> None:
    number = "01m8abcdefghjkmnpqrstvwxyz"
    queued = Queued(
        row=1, message_id="c0ffee", kind=MessageKind.ACCEPTED,
        recipient=supporter_of(number, "0123456789abcdef"), suggestion_id=number, lang=lang,
        params={"guide": "Passeport", "summary": "Étape 1"}, attempts=0, created=0,
    )
    settings = MailSettings(MAIL_FROM, SITE_URL, INTAKE_URL)
    message = compose(queued, recipient("", "zoe@example.org"), settings, "t" * 32)
    assert message["Subject"] == subject.format(id=number)
    assert message["Content-Language"] == lang



def test_a_contact_store_from_before_supporter_mail_gains_references(
    store: WikiStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "private.sqlite3"
    with closing(sqlite3.connect(old)) as db, db:
        db.execute(
            "CREATE TABLE supporter_contact (suggestion_id TEXT NOT NULL, email TEXT NOT NULL, "
            "created INTEGER NOT NULL, PRIMARY KEY (suggestion_id, email))"
        )
        db.execute("INSERT INTO supporter_contact VALUES ('s1', 'old@example.org', 1)")
    monkeypatch.setenv(PRIVATE_STORE_ENV, str(old))
    (kept,) = contacts_of(store, "s1")
    assert (kept.email, kept.ref) == ("old@example.org", "")  # never subscribed: no mail
    ref = supporter_contact_save(store, "s1", "old@example.org")  # supports again
    assert len(ref) == 16
    assert [c.ref for c in contacts_of(store, "s1")] == [ref]
