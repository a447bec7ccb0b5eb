"""Queue the message a subscribed citizen gets when their suggestion's status changes.

The status is the public one (``status.py``): received, accepted, published, rejected
("in review" sends nothing). Each decision queues its message right after its event is
written; :func:`notify_all` passes over every subscription still active and queues what
is missing, which covers a process killed between the two writes and "published", which
no decision records (``wikitool publish`` moves a tag; the intake and ``wikitool mail
send`` run it with the published revision). The outbox queues one message per status,
so a pass that finds nothing new writes nothing.
"""

from __future__ import annotations

import time

from wikitool.errors import NotFoundError
from wikitool.gitstore import WikiStore
from wikitool.mail.outbox import MessageKind, Outbox, Subscription, author_of
from wikitool.review.status import ACCEPTED, PUBLISHED, RECEIVED, REJECTED, public_status
from wikitool.suggestions.notifications import guide_facts

_KINDS = {
    RECEIVED: MessageKind.RECEIVED,
    ACCEPTED: MessageKind.ACCEPTED,
    PUBLISHED: MessageKind.PUBLISHED,
    REJECTED: MessageKind.REJECTED,
}
_FINAL = {PUBLISHED, REJECTED}
ABANDONED_SECONDS = 3600
"""A subscription whose suggestion was never written (its submission died) is let go."""


def notify_status(
    store: WikiStore, suggestion_id: str, *, published_commit: str | None = None
) -> bool:
    """Queue the message for the suggestion's current status, if its author subscribed.

    Returns:
        True when a message was newly queued.
    """
    outbox = Outbox.of(store)
    subscription = outbox.subscription(author_of(suggestion_id))
    if subscription is None or subscription.stopped is not None:
        return False
    return _notify(store, outbox, subscription, published_commit)


def notify_all(store: WikiStore, *, published_commit: str | None = None) -> int:
    """Queue what every active subscription is missing; returns how many were queued."""
    outbox = Outbox.of(store)
    return sum(
        _notify(store, outbox, s, published_commit)
        for s in outbox.active()
        if s.suggestion_id  # not staff, whose digest is about no one suggestion
    )


def _notify(
    store: WikiStore, outbox: Outbox, subscription: Subscription, published: str | None
) -> bool:
    try:
        status = public_status(store, subscription.suggestion_id, published_commit=published)
    except NotFoundError:
        if time.time() - subscription.created > ABANDONED_SECONDS:
            outbox.stop(subscription.recipient, drop_pending=True)
        return False
    kind = _KINDS.get(status.status)
    if kind is None:
        return False
    title, _ = guide_facts(status.guide, store.read(store.main(), status.guide))
    params = {"guide": title, "summary": status.summary}
    if status.reason:
        params["reason"] = status.reason
    if status.explanation:
        params["explanation"] = status.explanation
    queued = outbox.enqueue(kind, subscription.recipient, params)
    if status.status in _FINAL:
        outbox.stop(subscription.recipient, drop_pending=False)
    return queued
