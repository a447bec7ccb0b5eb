"""Mail delivery for a wiki: queue what statuses are missing, then send what is due.

One pass, as the intake's sender loop and ``wikitool mail send`` run it. Every other
command only queues (``review/notify.py``, ``suggestions/notifications.py``): mail is
sent wherever a sender runs with the relay's settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from wikitool.errors import WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.mail.messages import MailSettings
from wikitool.mail.outbox import Outbox
from wikitool.mail.relay import Relay
from wikitool.mail.sender import DEFAULT_BACKOFF, Backoff, SendReport, send_due
from wikitool.mail.tokens import token_valid
from wikitool.review.notify import notify_all
from wikitool.suggestions.notifications import contact_of


@dataclass(frozen=True)
class MailDelivery:
    """The relay and the settings messages are sent with."""

    relay: Relay
    settings: MailSettings
    backoff: Backoff = DEFAULT_BACKOFF


def queue_missing(store: WikiStore, published_rev: str | None) -> int:
    """Queue each subscribed citizen's message for a status they were not told of yet
    ("published" once ``published_rev`` contains the merge); returns how many."""
    published = None
    if published_rev:
        try:
            published = store.resolve(published_rev)
        except WikitoolError:
            published = None  # nothing published yet
    return notify_all(store, published_commit=published)


def deliver(store: WikiStore, delivery: MailDelivery, *, now: float | None = None) -> SendReport:
    """Send every message due now, batch after batch; a relay in trouble leaves them
    queued for later."""
    total = SendReport()
    while True:
        report = send_due(
            Outbox.of(store),
            delivery.relay,
            delivery.settings,
            contact_of(store),
            now=now,
            backoff=delivery.backoff,
        )
        total.sent += report.sent
        total.retrying += report.retrying
        total.dropped += report.dropped
        total.failed += report.failed
        total.problem = report.problem or total.problem
        if report.problem or not (report.sent + report.dropped + report.failed):
            return total


def unsubscribe_link_valid(store: WikiStore, recipient: str, token: str) -> bool:
    """Whether ``token`` is the unsubscribe token of ``recipient`` (nothing changes)."""
    return token_valid(Outbox.of(store).key(), recipient, token)


def unsubscribe(store: WikiStore, recipient: str, token: str) -> bool:
    """Stop the mail to ``recipient`` if ``token`` is its unsubscribe token.

    Returns:
        True when the token is valid (whether or not mail was still going to it).
    """
    if not unsubscribe_link_valid(store, recipient, token):
        return False
    Outbox.of(store).stop(recipient, drop_pending=True)
    return True


def subscription_language(store: WikiStore, recipient: str) -> str | None:
    """The language ``recipient`` is written to in, if it ever subscribed."""
    subscription = Outbox.of(store).subscription(recipient)
    return subscription.lang if subscription else None
