"""After publication, "Is the guide right now?" (issue 16).

Once a merged suggestion is published (the public status, :mod:`.status`), its author
is asked once, on the tracking page and in the "published" e-mail, whether the guide is
right now. Only the author answers, with the secret of their private link (like an
answer to staff's question, :func:`.conversation.require_author_secret`):

- "Yes" is a ``confirmed`` event on the suggestion's log;
- "No, something is still wrong", with what is still wrong in their words, opens a new
  report on the same guide through the one submission path (``suggestions/submission.py``,
  ``follows: <first id>``), which links the two both ways (``Follows:`` on the report, a
  ``follow-up`` event on the first). Their words are screened like an answer: markup
  refused here, personal data removed by the submission. The report keeps the author's
  contact details and, if they asked to hear back and did not unsubscribe, their wish to.

The first ``confirmed`` or ``follow-up`` after the merge is the answer
(``events.recheck_answer``); after it the question is not asked again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wikitool.errors import ReviewError, SuggestionError
from wikitool.gitstore import WikiStore
from wikitool.mail.outbox import Outbox, author_of
from wikitool.review.conversation import require_author_secret
from wikitool.review.events import (
    EventKind,
    ReviewEvent,
    SuggestionKind,
    one_line,
    recheck_answer,
)
from wikitool.review.log import append_event, checked_id, read_events
from wikitool.review.status import PUBLISHED, public_status
from wikitool.screening.unicode_text import invalid_text_field
from wikitool.suggestions.contacts import contact_get
from wikitool.suggestions.input import (
    SuggestionAuthor,
    SuggestionInput,
)
from wikitool.suggestions.limits import MAX_RATIONALE_CHARS, MAX_SUMMARY_CHARS
from wikitool.suggestions.submission import (
    SubmitResult,
    citizen_identity,
    refuse_markup,
    suggestion_submit,
)

STILL_WRONG = "what is still wrong"
"""How the refusals name the citizen's words."""


@dataclass(frozen=True)
class Rechecked:
    """The answer recorded: ``confirmed``, or the report it opened."""

    right: bool
    follow_up: SubmitResult | None = None
    warnings: list[str] = field(default_factory=list)


def answer_recheck(
    store: WikiStore,
    suggestion_id: str,
    *,
    secret: str,
    right: bool,
    text: str = "",
    published_commit: str | None,
) -> Rechecked:
    """Record the author's answer to "Is the guide right now?" on ``suggestion_id``.

    Args:
        right: "Yes" (True) or "No, something is still wrong" (False, with ``text``).
        published_commit: the commit the public site was built from, if known: the
            question is asked only once the guide shows the change.

    Raises:
        SuggestionError: the text is not text, missing for a "No", given with a "Yes",
            too long, or holds markup.
        NotFoundError: no such suggestion.
        SecretRefused: the secret is missing or wrong.
        ReviewError: the suggestion is not published, or the question was answered.
    """
    bad = invalid_text_field(text, STILL_WRONG) or invalid_text_field(secret, "the secret")
    if bad is not None:
        raise SuggestionError(bad)
    words = text.replace("\r\n", "\n").strip()
    if right and words:
        raise SuggestionError("text is only for “No, something is still wrong”")
    if not right and not words:
        raise SuggestionError(f"{STILL_WRONG} is empty: say what is still wrong in the guide")
    if len(words) > MAX_RATIONALE_CHARS:
        raise SuggestionError(f"{STILL_WRONG} is longer than {MAX_RATIONALE_CHARS} characters")
    checked_id(suggestion_id)
    status = public_status(store, suggestion_id, published_commit=published_commit)
    require_author_secret(store, suggestion_id, secret, "your reply")
    if status.status != PUBLISHED:
        raise ReviewError(
            f"suggestion {suggestion_id} is not published yet: "
            "the question comes once the guide shows it"
        )
    _unanswered(read_events(store, suggestion_id), suggestion_id)
    if right:
        _confirm(store, suggestion_id)
        return Rechecked(right=True)
    refuse_markup(STILL_WRONG, words)
    summary, rationale = _summary_and_rationale(words)
    report = suggestion_submit(
        store,
        SuggestionInput(
            guide=status.guide,
            content="",
            summary=summary,
            rationale=rationale,
            author=_same_author(store, suggestion_id),
            kind=SuggestionKind.REPORT,
            follows=suggestion_id,
        ),
    )
    return Rechecked(right=False, follow_up=report, warnings=report.warnings)


def _unanswered(events: list[ReviewEvent], suggestion_id: str) -> None:
    if recheck_answer(events) is not None:
        raise ReviewError(
            f"suggestion {suggestion_id}: “Is the guide right now?” was answered already"
        )


def _confirm(store: WikiStore, suggestion_id: str) -> ReviewEvent:
    citizen = citizen_identity(suggestion_id)

    def decide(events: list[ReviewEvent]) -> ReviewEvent:
        _unanswered(events, suggestion_id)
        return ReviewEvent(
            kind=EventKind.CONFIRMED,
            suggestion_id=suggestion_id,
            actor=str(citizen),
            text="The author says the guide is right now.",
        )

    return append_event(store, suggestion_id, decide, author=citizen)


def _summary_and_rationale(words: str) -> tuple[str, str]:
    """The report's one-line summary from the citizen's words; all of them as its
    rationale when the summary had to be cut."""
    line = one_line(words, limit=len(words))
    if len(line) <= MAX_SUMMARY_CHARS:
        return line, "" if line == words else words
    cut = line[: MAX_SUMMARY_CHARS - 1].rsplit(" ", 1)[0]
    return cut + "…", words


def _same_author(store: WikiStore, suggestion_id: str) -> SuggestionAuthor:
    """The first suggestion's author as the report's: their contact details, if still
    kept, and their wish to hear back, unless they unsubscribed. Never credited."""
    contact = contact_get(store, suggestion_id)
    if contact is None:
        return SuggestionAuthor()
    outbox = Outbox.of(store)
    recipient = author_of(suggestion_id)
    notify = (
        bool(contact.email)
        and outbox.subscription(recipient) is not None
        and not outbox.unsubscribed(recipient)
    )
    return SuggestionAuthor(name=contact.name, email=contact.email, notify=notify)

