"""Staff ask the citizen a question; the citizen answers it (issue 16).

Both are events on the suggestion's review log, appended by compare-and-swap like every
decision: ``question`` (``review ask``, by staff) and ``answer`` (from the tracking page,
by the citizen holding the suggestion's private secret, :mod:`..suggestions.answer_secrets`).
While a question has no answer the public status is "waiting for your answer".

An answer needs an open question: one answer per question, so the tracking page is not a
channel for anything at any time (staff ask again when they need more). The answer is
screened like a rationale: personal data the wiki does not publish is removed (in the
guide's phone regions), markup and invisible characters are refused, and text that is not
text (``screening/unicode_text.py``) is refused before anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wikitool.errors import ReviewError, SuggestionError
from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import (
    append_unless_recorded,
    checked_staff,
    require_open,
    required_text,
)
from wikitool.review.events import EventKind, ReviewEvent, open_question
from wikitool.review.log import append_event, checked_id, read_events
from wikitool.review.notify import notify_status
from wikitool.review.record import load_record
from wikitool.screening.unicode_text import invalid_text_field
from wikitool.suggestions.answer_secrets import answer_secret_matches
from wikitool.suggestions.guide_regions import guide_regions
from wikitool.suggestions.published_contacts import published_contacts_at
from wikitool.suggestions.submission import citizen_identity, redacted_words, refuse_markup

MAX_ANSWER_CHARS = 5000
"""As long as a rationale may be."""
NOT_YOUR_LINK = (
    "this private link does not belong to the suggestion: "
    "use the link from your confirmation page or e-mail"
)
"""A secret that is not the suggestion's (answering, or deleting one's contact details)."""


class SecretRefused(ReviewError):
    """The answer's secret is missing or is not this suggestion's (the intake's 403)."""


@dataclass(frozen=True)
class Answered:
    """The recorded answer and what screening removed from it."""

    event: ReviewEvent
    warnings: list[str] = field(default_factory=list)


def review_ask(store: WikiStore, suggestion: str, *, staff: Identity, text: str) -> ReviewEvent:
    """Ask the citizen behind an open suggestion a question.

    Raises:
        ReviewError: no message, not staff, or the suggestion is merged or rejected.
        NotFoundError: no such suggestion.
    """
    checked_staff(staff)
    question = required_text(text, "a question")
    record = load_record(store, suggestion)
    require_open(list(record.events), record.id)

    def decide(events: list[ReviewEvent]) -> ReviewEvent:
        require_open(events, record.id)
        return ReviewEvent(
            kind=EventKind.QUESTION, suggestion_id=record.id, actor=str(staff), text=question
        )

    event = append_unless_recorded(store, record.id, decide, staff)
    assert event is not None
    notify_status(store, record.id)  # the question, to a citizen who asked to hear back
    return event


def answer_question(store: WikiStore, suggestion_id: str, *, secret: str, text: str) -> Answered:
    """Record the citizen's answer to the open question on ``suggestion_id``.

    Raises:
        SuggestionError: the text is not text, empty, too long, or holds markup.
        SecretRefused: the secret is missing or wrong.
        ReviewError: the suggestion is merged or rejected, or no question is open.
        NotFoundError: no such suggestion.
    """
    bad = invalid_text_field(text, "the answer") or invalid_text_field(secret, "the secret")
    if bad is not None:
        raise SuggestionError(bad)
    words = text.replace("\r\n", "\n").strip()
    if not words:
        raise SuggestionError("the answer is empty: write your answer to the question")
    if len(words) > MAX_ANSWER_CHARS:
        raise SuggestionError(f"the answer is longer than {MAX_ANSWER_CHARS} characters")
    checked_id(suggestion_id)
    require_author_secret(store, suggestion_id, secret, "the answer")
    events = read_events(store, suggestion_id)
    _answerable(events, suggestion_id)
    refuse_markup("the answer", words)
    main = store.main()
    guide = events[0].data.get("Guide", "")
    regions = guide_regions(store, main, store.read(main, guide) if guide else None)
    words, warning = redacted_words(
        "answer", words, published_contacts_at(store, main), regions
    )
    citizen = citizen_identity(suggestion_id)

    def decide(events: list[ReviewEvent]) -> ReviewEvent:
        _answerable(events, suggestion_id)
        return ReviewEvent(
            kind=EventKind.ANSWER, suggestion_id=suggestion_id, actor=str(citizen), text=words
        )

    event = append_event(store, suggestion_id, decide, author=citizen)
    return Answered(event, [warning] if warning else [])


def require_author_secret(store: WikiStore, suggestion_id: str, secret: str, what: str) -> None:
    """Refuse ``what`` (an answer, a reply after publication) unless ``secret`` is the
    author's: their confirmation page's secret or their e-mails' answer token.

    Raises:
        SecretRefused: the secret is missing or is not this suggestion's.
    """
    if not secret:
        raise SecretRefused(f"{what} needs the secret of your private link")
    if not answer_secret_matches(store, suggestion_id, secret):
        raise SecretRefused(NOT_YOUR_LINK)


def _answerable(events: list[ReviewEvent], suggestion_id: str) -> None:
    """Refuse an answer to a decided suggestion, or when no question waits for one."""
    require_open(events, suggestion_id)
    if open_question(events) is None:
        raise ReviewError(
            f"suggestion {suggestion_id} has no question waiting for an answer"
        )
