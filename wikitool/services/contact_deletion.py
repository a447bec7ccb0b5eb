"""Contact details deleted by the citizen, from their private link (issue 16).

The tracking page opened with the author's private link (``#secret=...``, or the answer
token of their e-mails) offers "Delete my contact details". The intake hands the secret
here; it is checked as an answer's is (``conversation.require_author_secret``, constant
time), then the details go exactly as ``suggest forget`` deletes them
(:func:`forget_contact`: the author's and the supporters' addresses, the author's
subscription stopped, one last message "we deleted your contact details").

Asking again, or after ``privacy purge`` ran, is not an error: the citizen wanted the
details gone and they are (``False``: there was nothing left to delete). The secret's
hash stays: it is not a contact detail, and it still lets the author answer a question.
"""

from __future__ import annotations

from wikitool.errors import NotFoundError, SuggestionError
from wikitool.gitstore import WikiStore
from wikitool.review.conversation import require_author_secret
from wikitool.review.log import checked_id, review_ref
from wikitool.screening.unicode_text import invalid_text_field
from wikitool.suggestions.notifications import forget_contact


def forget_by_citizen(store: WikiStore, suggestion_id: str, *, secret: str) -> bool:
    """Delete the contact details of ``suggestion_id`` for the citizen holding its secret.

    Returns:
        True when there were contact details to delete; False when none were kept (never
        given, or already deleted).

    Raises:
        SuggestionError: the secret is not text.
        NotFoundError: no such suggestion.
        SecretRefused: the secret is missing or is not this suggestion's.
    """
    bad = invalid_text_field(secret, "the secret")
    if bad is not None:
        raise SuggestionError(bad)
    if store.ref(review_ref(checked_id(suggestion_id))) is None:
        raise NotFoundError(f"no suggestion {suggestion_id}")
    require_author_secret(store, suggestion_id, secret, "deleting your contact details")
    return forget_contact(store, suggestion_id)
