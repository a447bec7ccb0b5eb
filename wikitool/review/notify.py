"""Queue the message a subscribed citizen gets when a suggestion's status changes.

Who is told what is decided here, once: the author who asked to hear back is told
every status; a supporter who left an address is told the outcome only (accepted,
published, not accepted with the explanation), never "received", which is the
author's own (``supporter_ref`` in ``mail/outbox.py`` tells them apart).

The status is the public one (``status.py``): received, accepted, published, rejected
("in review" sends nothing). Each decision queues its message right after its event is
written; :func:`notify_all` passes over every subscription still active and queues what
is missing, which covers a process killed between the two writes and "published", which
no decision records (``wikitool publish`` moves a tag; the intake and ``wikitool mail
send`` run it with the published revision). The outbox queues one message per status,
so a pass that finds nothing new writes nothing.
"""

from __future__ import annotations

import hashlib
import time

from wikitool.errors import NotFoundError
from wikitool.gitstore import WikiStore
from wikitool.mail.outbox import MessageKind, Outbox, Subscription, supporter_ref
from wikitool.review.status import (
    ACCEPTED,
    PUBLISHED,
    RECEIVED,
    REJECTED,
    WAITING,
    public_status,
)
from wikitool.suggestions.notifications import guide_facts

_KINDS = {
    RECEIVED: MessageKind.RECEIVED,
    ACCEPTED: MessageKind.ACCEPTED,
    PUBLISHED: MessageKind.PUBLISHED,
    REJECTED: MessageKind.REJECTED,
    WAITING: MessageKind.QUESTION,
}
_FINAL = {PUBLISHED, REJECTED}
_AUTHOR_ONLY = {RECEIVED, WAITING}
"""Statuses only the author is told of (a question is theirs to answer): a supporter
hears the outcome."""
ABANDONED_SECONDS = 3600
"""A subscription whose suggestion was never written (its submission died) is let go."""


def notify_status(
    store: WikiStore, suggestion_id: str, *, published_commit: str | None = None
) -> bool:
    """Queue the message for the suggestion's current status to everyone subscribed to
    it (its author, its supporters who left an address).

    Returns:
        True when a message was newly queued.
    """
    outbox = Outbox.of(store)
    queued = [
        _notify(store, outbox, s, published_commit) for s in outbox.subscriptions_of(suggestion_id)
    ]
    return any(queued)


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
    if kind is None or (status.status in _AUTHOR_ONLY and supporter_ref(subscription.recipient)):
        return False
    title, _ = guide_facts(status.guide, store.read(store.main(), status.guide))
    params = {"guide": title, "summary": status.summary}
    if status.reason:
        params["reason"] = status.reason
    if status.explanation:
        params["explanation"] = status.explanation
    dedupe = ""
    if status.question:
        # One message per question (the default is one per kind): named by when it was
        # asked and what it says.
        params["question"] = status.question
        asked = f"{status.updated}\0{status.question}".encode()
        dedupe = f"{subscription.recipient}:question:{hashlib.sha256(asked).hexdigest()[:32]}"
    queued = outbox.enqueue(kind, subscription.recipient, params, dedupe=dedupe)
    if status.status in _FINAL:
        outbox.stop(subscription.recipient, drop_pending=False)
    return queued
