"""A citizen who asked to hear back: subscribed when they submit (or support with an
address), their address looked up when a message is sent, and a last message to the
author when their contact details are deleted.

The outbox (``mail/outbox.py``) holds a reference to the suggestion's author or to one
supporter, never the address, which stays in the contact store (``contacts.py``) and
goes when it is deleted. What each is told is decided in ``review/notify.py``.
"""

from __future__ import annotations

from wikitool.errors import GuideError
from wikitool.gitstore import WikiStore
from wikitool.guides.page_source import read_page
from wikitool.locales.language import page_language
from wikitool.mail.outbox import (
    STAFF_PREFIX,
    MessageKind,
    Outbox,
    Queued,
    author_of,
    supporter_of,
    supporter_ref,
)
from wikitool.mail.sender import ContactLookup
from wikitool.suggestions.contacts import (
    contact_forget,
    contact_get,
    supporter_contact_get,
    supporter_contact_save,
)


def guide_facts(path: str, content: bytes | None) -> tuple[str, str]:
    """A guide's title (its path when it has none) and language, for the messages."""
    if content is None:
        return path, page_language(None)
    try:
        # The fast reader (libyaml): the guide was already checked whole.
        text = content.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        front_matter = read_page(text, path).data or {}
    except (GuideError, UnicodeDecodeError):
        return path, page_language(None)
    title = front_matter.get("title")
    return (
        title if isinstance(title, str) and title.strip() else path,
        page_language(front_matter.get("lang")),
    )


def subscribe_author(store: WikiStore, suggestion_id: str, lang: str) -> None:
    """Record that the author of ``suggestion_id`` wants to hear what happens to it.

    Written before the suggestion's review log, so a process killed in between leaves a
    subscription the next status pass (``review/notify.py``) finds and acts on.
    """
    Outbox.of(store).subscribe(author_of(suggestion_id), suggestion_id, lang)


def subscribe_supporter(store: WikiStore, suggestion_id: str, email: str, guide: str) -> None:
    """Keep a supporter's address and record that they are to be told the outcome, in
    the language of the suggestion's guide (giving the address is their consent)."""
    ref = supporter_contact_save(store, suggestion_id, email)
    _, lang = guide_facts(guide, store.read(store.main(), guide) if guide else None)
    Outbox.of(store).subscribe(supporter_of(suggestion_id, ref), suggestion_id, lang)


def contact_of(store: WikiStore) -> ContactLookup:
    """The sender's lookup of a message's recipient in this wiki's contact store."""

    def lookup(queued: Queued) -> tuple[str, str] | None:
        if queued.recipient.startswith(STAFF_PREFIX):  # an owner's digest
            return "", queued.recipient.removeprefix(STAFF_PREFIX)
        ref = supporter_ref(queued.recipient)
        if ref is not None:
            contact = supporter_contact_get(store, queued.suggestion_id, ref)
        elif queued.recipient == author_of(queued.suggestion_id):
            contact = contact_get(store, queued.suggestion_id)
        else:
            return None
        if contact is None or not contact.email:
            return None
        return contact.name, contact.email

    return lookup


def forget_contact(store: WikiStore, suggestion_id: str, *, kept_days: int | None = None) -> bool:
    """Delete a suggestion's contact details (its author's and its supporters'); an
    author who asked for mail is told, once.

    The last message keeps its own copy of the address until it is sent (or given up),
    then the outbox wipes it. Messages queued before and not yet sent are not sent, and
    supporters are sent nothing more (their addresses are gone with the author's).
    ``kept_days``: deleted because that many days passed since the decision (``privacy
    purge``), not because the citizen asked; the last message says which.

    Returns:
        True when there were contact details to delete.
    """
    outbox = Outbox.of(store)
    for subscription in outbox.subscriptions_of(suggestion_id):
        if supporter_ref(subscription.recipient) is not None:  # no last message: not asked
            outbox.stop(subscription.recipient, drop_pending=True)
    contact = contact_get(store, suggestion_id)
    if contact is not None and contact.email:
        recipient = author_of(suggestion_id)
        outbox.enqueue(
            MessageKind.FORGOTTEN,
            recipient,
            {"kept_days": str(kept_days)} if kept_days else {},
            farewell_to=(contact.name, contact.email),
        )
        outbox.stop(recipient, drop_pending=False)
    return contact_forget(store, suggestion_id)
