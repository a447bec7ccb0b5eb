"""``POST /api/suggestions/<id>/forget``: the author deletes their contact details from
the private link, exactly as ``suggest forget`` does; anything else is a 4xx with the
reason and nothing deleted. Asking again is not an error: ``deleted`` says whether
anything was left to delete."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from intake_server import Intake
from smtp_relay import INTAKE_URL, MAIL_FROM, SITE_URL, Relay

from wikitool.gitstore import WikiStore
from wikitool.mail.messages import MailSettings
from wikitool.mail.outbox import MessageKind, MessageState, Outbox, author_of
from wikitool.mail.relay import parse_relay
from wikitool.mail.tokens import answer_token
from wikitool.model import Identity
from wikitool.review.conversation import review_ask
from wikitool.services.mail_delivery import MailDelivery
from wikitool.suggestions.contacts import contact_get, contacts_of
from wikitool.suggestions.input import suggestion_from_mapping
from wikitool.suggestions.submission import suggestion_submit

STAFF = Identity("Rosa Staff", "rosa@agency.invalid")
NOT_YOURS = (
    "this private link does not belong to the suggestion: "
    "use the link from your confirmation page or e-mail"
)
NO_SECRET = "deleting your contact details needs the secret of your private link"
UNKNOWN = "01m8zzzzzzzzzzzzzzzzzzzzzz"


def _submitted(intake: Intake, body: dict[str, Any]) -> tuple[str, str]:
    response = intake.post("/api/suggestions", body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"]), str(response.json()["secret"])


def test_the_author_deletes_their_contact_details_with_their_secret(
    intake: Intake, suggestion: dict[str, Any], store: WikiStore
) -> None:
    notify = {**suggestion, "author": {**suggestion["author"], "notify": True}}
    sid, secret = _submitted(intake, notify)
    report = {k: v for k, v in suggestion.items() if k != "content"}
    other, other_secret = _submitted(intake, {**report, "kind": "report", "summary": "The fee is wrong"})
    supported = intake.post(f"/api/suggestions/{sid}/support", {"email": "ben@example.org"})
    assert supported.status_code == 201, supported.text
    assert len(contacts_of(store, sid)) == 2

    url = f"/api/suggestions/{sid}/forget"
    refused: list[tuple[str, Any, int, str]] = [
        (url, {}, 403, NO_SECRET),
        (url, {"secret": ""}, 403, NO_SECRET),
        (url, {"secret": other_secret}, 403, NOT_YOURS),
        (url, {"secret": secret[:-1]}, 403, NOT_YOURS),
        (url, {"secret": "x" * 101}, 403, NOT_YOURS),
        (url, {"secret": 42}, 400, "secret must be text"),
        (url, '{"secret": "a\\ud800b"}', 400, "secret contains U+D800 (a lone surrogate), which is not text"),
        (url, {"secret": secret, "email": "ana@example.org"}, 400, "unknown field 'email'"),
        (url, "[]", 400, "the request body must be a JSON object"),
        (f"/api/suggestions/{UNKNOWN}/forget", {"secret": secret}, 404, "no suggestion with this id"),
        ("/api/suggestions/not-an-id/forget", {"secret": secret}, 404, "no suggestion with this id"),
    ]
    for path, body, code, error in refused:
        if isinstance(body, str):  # JSON no client library would encode
            response = intake.post(path, content=body.encode(), headers={"Content-Type": "application/json"})
        else:
            response = intake.post(path, body)
        assert (response.status_code, response.json()) == (code, {"error": error}), (body, response.text)
    assert len(contacts_of(store, sid)) == 2 and contact_get(store, other) is not None

    deleted = intake.post(url, {"secret": secret})

    assert (deleted.status_code, deleted.json()) == (200, {"id": sid, "deleted": True})
    assert contacts_of(store, sid) == [] and contact_get(store, sid) is None
    assert contact_get(store, other) is not None  # the other suggestion's are kept
    outbox = Outbox.of(store)
    # As `suggest forget`: one last message, then the author's subscription is stopped.
    assert (MessageKind.FORGOTTEN, MessageState.PENDING) in outbox.messages(author_of(sid))
    assert outbox.subscriptions_of(sid) == []

    again = intake.post(url, {"secret": secret})
    assert (again.status_code, again.json()) == (200, {"id": sid, "deleted": False})
    assert outbox.messages(author_of(sid)).count((MessageKind.FORGOTTEN, MessageState.PENDING)) == 1

    # The secret is not a contact detail: the author can still answer a question.
    review_ask(store, sid, staff=STAFF, text="Which office did you go to?")
    answered = intake.post(f"/api/suggestions/{sid}/answers", {"secret": secret, "text": "Main Street"})
    assert answered.status_code == 201, answered.text


def test_the_link_in_the_authors_mail_deletes_them_too(
    intake: Intake, suggestion: dict[str, Any], store: WikiStore
) -> None:
    sid, _ = _submitted(intake, {**suggestion, "author": {**suggestion["author"], "notify": True}})
    token = answer_token(Outbox.of(store).key(), sid)

    deleted = intake.post(f"/api/suggestions/{sid}/forget", {"secret": token})

    assert (deleted.status_code, deleted.json()) == (200, {"id": sid, "deleted": True})
    assert contact_get(store, sid) is None


def test_deleting_counts_against_the_rate_limit_of_posts(
    start_intake: Callable[..., Intake], suggestion: dict[str, Any], store: WikiStore
) -> None:
    given = suggestion_from_mapping({k: v for k, v in suggestion.items() if k != "website"})
    submitted = suggestion_submit(store, given)
    intake = start_intake(rate_limit=1)
    url = f"/api/suggestions/{submitted.id}/forget"

    guess = intake.post(url, {"secret": "guess"})
    flood = intake.post(url, {"secret": submitted.secret})

    assert guess.status_code == 403
    assert flood.status_code == 429 and flood.headers["Retry-After"]
    assert contact_get(store, submitted.id) is not None


def test_with_smtp_the_last_mail_leaves_at_once_and_the_address_is_wiped(
    start_intake: Callable[..., Intake], suggestion: dict[str, Any], store: WikiStore
) -> None:
    relay = Relay()
    relay.start()
    try:
        mail = MailDelivery(parse_relay(relay.url), MailSettings(MAIL_FROM, SITE_URL, INTAKE_URL))
        # A pass a minute: only the intake's wake-up after a request sends within seconds.
        intake = start_intake(mail=mail, mail_interval=60.0, workers=1)
        sid, secret = _submitted(intake, {**suggestion, "author": {**suggestion["author"], "notify": True}})
        _arrived(relay, "ana@example.org", 1)

        deleted = intake.post(f"/api/suggestions/{sid}/forget", {"secret": secret})

        assert deleted.json() == {"id": sid, "deleted": True}
        received, last = _arrived(relay, "ana@example.org", 2)
        assert received["Subject"] == f"We received your suggestion {sid}"
        assert last["Subject"] == "We deleted your contact details"
        # Once sent, the last message's copy of the address is wiped from the outbox.
        outbox = Outbox.of(store).path
        deadline = time.monotonic() + 10
        while b"ana@example.org" in outbox.read_bytes():
            assert time.monotonic() < deadline, "the address stayed in the outbox"
            time.sleep(0.05)
    finally:
        relay.stop()


def _arrived(relay: Relay, address: str, count: int) -> list[Any]:
    deadline = time.monotonic() + 10
    while len(relay.to(address)) < count:
        assert time.monotonic() < deadline, f"{count} message(s) to {address} did not arrive"
        time.sleep(0.05)
    return relay.to(address)
