"""A citizen who asked to hear back: subscribed when they submit, their address looked up
when a message is sent, and a last message when their contact details are deleted.

The outbox (``mail/outbox.py``) holds a reference to the suggestion's author, never the
address, which stays in the contact store (``contacts.py``) and goes when it is deleted.
"""

from __future__ import annotations

from wikitool.errors import GuideError
from wikitool.gitstore import WikiStore
from wikitool.guides.page_source import read_page
from wikitool.locales.language import page_language
from wikitool.mail.outbox import STAFF_PREFIX, MessageKind, Outbox, Queued, author_of
from wikitool.mail.sender import ContactLookup
from wikitool.suggestions.contacts import contact_forget, contact_get


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


def contact_of(store: WikiStore) -> ContactLookup:
    """The sender's lookup of a message's recipient in this wiki's contact store."""

    def lookup(queued: Queued) -> tuple[str, str] | None:
        if queued.recipient.startswith(STAFF_PREFIX):  # an owner's digest
            return "", queued.recipient.removeprefix(STAFF_PREFIX)
        if queued.recipient != author_of(queued.suggestion_id):
            return None  # only authors have contact details so far
        contact = contact_get(store, queued.suggestion_id)
        if contact is None or not contact.email:
            return None
        return contact.name, contact.email

    return lookup


def forget_contact(store: WikiStore, suggestion_id: str, *, kept_days: int | None = None) -> bool:
    """Delete a suggestion's contact details; a citizen who asked for mail is told, once.

    The last message keeps its own copy of the address until it is sent (or given up),
    then the outbox wipes it. Messages queued before and not yet sent are not sent.
    ``kept_days``: deleted because that many days passed since the decision (``privacy
    purge``), not because the citizen asked; the last message says which.

    Returns:
        True when there were contact details to delete.
    """
    contact = contact_get(store, suggestion_id)
    if contact is not None and contact.email:
        outbox = Outbox.of(store)
        recipient = author_of(suggestion_id)
        outbox.enqueue(
            MessageKind.FORGOTTEN,
            recipient,
            {"kept_days": str(kept_days)} if kept_days else {},
            farewell_to=(contact.name, contact.email),
        )
        outbox.stop(recipient, drop_pending=False)
    return contact_forget(store, suggestion_id)
