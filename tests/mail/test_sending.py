"""The outbox and the sender on their own: a temporary refusal waits with back-off, a
permanent one fails, a message too old is given up, a claimed message is not claimed
again, and the outbox file is its owner's only."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest
from smtp_relay import Relay

from wikitool.mail.outbox import MessageKind, MessageState, Outbox
from wikitool.mail.sender import Backoff, send_due
from wikitool.services.mail_delivery import MailDelivery

ID = "01m8abcdefghjkmnpqrstvwxyz"


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    box = Outbox(tmp_path / "wikitool" / "outbox.sqlite3")
    box.subscribe(f"suggestion:{ID}", ID, "en")
    return box


def _queue(outbox: Outbox, kind: MessageKind = MessageKind.RECEIVED) -> None:
    assert outbox.enqueue(kind, f"suggestion:{ID}", {"guide": "Passports", "summary": "Fee"})


def _send(outbox: Outbox, delivery: MailDelivery, address: str, now: float) -> tuple[int, int, int]:
    report = send_due(
        outbox, delivery.relay, delivery.settings, lambda q: ("Ana", address), now=now,
        backoff=Backoff(first=60, cap=600, give_up_after=3600),
    )
    return report.sent, report.retrying, report.failed


def test_the_outbox_is_its_owners_only_and_queues_a_status_once(outbox: Outbox) -> None:
    _queue(outbox)
    assert not outbox.enqueue(MessageKind.RECEIVED, f"suggestion:{ID}", {})
    assert not outbox.enqueue(MessageKind.RECEIVED, "suggestion:01m8zzzzzzzzzzzzzzzzzzzzzz", {})
    assert stat.S_IMODE(outbox.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(outbox.path.parent.stat().st_mode) == 0o700


def test_a_claimed_message_is_not_claimed_by_a_second_sender(outbox: Outbox) -> None:
    _queue(outbox)
    now = time.time()
    assert len(outbox.claim_due(now)) == 1
    assert outbox.claim_due(now) == []  # leased to the first sender
    assert len(outbox.claim_due(now + 600)) == 1  # the first sender died: taken again


def test_a_temporary_refusal_waits_twice_as_long_each_time(
    outbox: Outbox, relay: Relay, delivery: MailDelivery
) -> None:
    relay.keeper.answers["busy@example.org"] = "451 4.3.0 Try again later"
    _queue(outbox)
    now = time.time()
    assert _send(outbox, delivery, "busy@example.org", now) == (0, 1, 0)
    assert _send(outbox, delivery, "busy@example.org", now + 59) == (0, 0, 0)  # not due yet
    assert _send(outbox, delivery, "busy@example.org", now + 60) == (0, 1, 0)
    assert _send(outbox, delivery, "busy@example.org", now + 60 + 119) == (0, 0, 0)
    del relay.keeper.answers["busy@example.org"]
    assert _send(outbox, delivery, "busy@example.org", now + 60 + 120) == (1, 0, 0)
    assert outbox.counts() == {"sent": 1}


def test_a_permanent_refusal_fails_at_once_and_an_old_message_is_given_up(
    outbox: Outbox, relay: Relay, delivery: MailDelivery
) -> None:
    relay.keeper.answers["gone@example.org"] = "550 5.1.1 No such mailbox"
    _queue(outbox)
    assert _send(outbox, delivery, "gone@example.org", time.time()) == (0, 0, 1)
    _queue(outbox, MessageKind.REJECTED)
    relay.keeper.answers["gone@example.org"] = "421 4.3.2 Shutting down"
    assert _send(outbox, delivery, "gone@example.org", time.time() + 7200) == (0, 0, 1)
    assert outbox.messages(f"suggestion:{ID}") == [
        (MessageKind.RECEIVED, MessageState.FAILED),
        (MessageKind.REJECTED, MessageState.FAILED),
    ]
