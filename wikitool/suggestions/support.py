""""This affects me too": another citizen supports an open suggestion.

A support is a ``support`` event on the suggestion's review log (``refs/reviews/<id>``),
written by a pseudonymous citizen identity like a submission's, with the supporter's
optional note as its text. The note is screened as a rationale is before it is written:
text that is not text is refused, personal data is redacted (with the contacts the wiki
publishes allowed and phone numbers read in the guide's regions), and markup is refused
(the guide screen's judgement: a note is shown as text, but it has no need of HTML
either). An e-mail address left with a support goes to the private contact store only
(role ``supporter``), and the supporter is subscribed to be told the outcome (accepted,
published, not accepted), in the guide's language (``notifications.py``).

One support per person cannot be enforced: citizens are anonymous, and a browser can
always clear what it keeps. The intake's rate limit is what bounds them, as it bounds
submissions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wikitool.errors import NotFoundError, SuggestionError
from wikitool.gitstore import WikiStore
from wikitool.ids import new_suggestion_id
from wikitool.json_text import text_field
from wikitool.mail.addresses import address_problem
from wikitool.review.events import (
    EventKind,
    ReviewEvent,
    SuggestionState,
    suggestion_state,
    supporters_in,
)
from wikitool.review.log import append_event, checked_id, read_events
from wikitool.screening.markup import find_unsafe_markup
from wikitool.screening.personal_data import redact, scan
from wikitool.screening.unicode_text import invalid_text_field
from wikitool.suggestions.guide_regions import guide_regions
from wikitool.suggestions.input import MAX_EMAIL_CHARS
from wikitool.suggestions.limits import MAX_NOTE_CHARS
from wikitool.suggestions.notifications import subscribe_supporter
from wikitool.suggestions.published_contacts import published_contacts_at
from wikitool.suggestions.submission import citizen_identity

_FIELDS = {"note", "email"}


class SuggestionClosedError(SuggestionError):
    """The suggestion was merged or rejected: there is nothing left to support."""


@dataclass(frozen=True)
class SupportInput:
    """A support as the citizen sent it: an optional note and e-mail address."""

    note: str = ""
    email: str = ""


@dataclass(frozen=True)
class SupportResult:
    """What the intake answers: the suggestion's supporters now, and any warnings."""

    id: str
    supporters: int
    warnings: list[str] = field(default_factory=list)


def support_from_mapping(data: Mapping[str, Any]) -> SupportInput:
    """Check the fields of a support's decoded JSON body.

    Raises:
        SuggestionError: text that is not text (checked first), an unknown field, a field
            of the wrong type, a note too long or with markup, or no e-mail address.
    """
    not_text = invalid_text_field(data)
    if not_text is not None:
        raise SuggestionError(f"support: {not_text}")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        shown = unknown[0] if len(unknown[0]) <= 40 else unknown[0][:40] + "..."
        raise SuggestionError(f"support: unknown field {shown!r}")
    note = _text(data, "note", MAX_NOTE_CHARS).strip()
    email = _text(data, "email", MAX_EMAIL_CHARS).strip()
    unsafe = find_unsafe_markup(note)
    if unsafe:
        raise SuggestionError(f"support: note: {unsafe[0].message}; write plain words")
    problem = address_problem(email) if email else None
    if problem:  # the one judgement of an address mail will be sent to
        raise SuggestionError(f"support: email {problem}")
    return SupportInput(note=note, email=email)


def _text(data: Mapping[str, Any], key: str, limit: int) -> str:
    return text_field(data, key, limit=limit, where="support", error=SuggestionError)


def support_suggestion(
    store: WikiStore, suggestion_id: str, support: SupportInput
) -> SupportResult:
    """Record ``support`` on open suggestion ``suggestion_id``.

    Raises:
        NotFoundError: no suggestion has this id.
        SuggestionClosedError: it was merged or rejected (checked again on the log the
            event is appended to, so a decision racing the support wins).
    """
    events = read_events(store, checked_id(suggestion_id))
    _refuse_closed(events)
    note, warnings = _redacted_note(store, events[0], support.note)
    supporter = citizen_identity(new_suggestion_id())

    def decide(current: list[ReviewEvent]) -> ReviewEvent:
        _refuse_closed(current)
        return ReviewEvent(
            kind=EventKind.SUPPORT, suggestion_id=suggestion_id, actor=str(supporter), text=note
        )

    append_event(store, suggestion_id, decide, author=supporter)
    if support.email:
        subscribe_supporter(store, suggestion_id, support.email, events[0].data.get("Guide", ""))
    supporters = supporters_in(read_events(store, suggestion_id))
    return SupportResult(suggestion_id, supporters, warnings)


def _refuse_closed(events: list[ReviewEvent]) -> None:
    if not events or events[0].kind is not EventKind.SUBMITTED:
        raise NotFoundError("no suggestion with this id")
    state = suggestion_state(events)
    if state is not SuggestionState.OPEN:
        raise SuggestionClosedError(
            f"this suggestion is closed ({state.value}): it can no longer be supported"
        )


def _redacted_note(store: WikiStore, submitted: ReviewEvent, note: str) -> tuple[str, list[str]]:
    """The note with personal data removed, screened against main as a rationale is
    against its base: the contacts main publishes allowed, phones in the guide's regions."""
    if not note:
        return "", []
    main = store.main()
    regions = guide_regions(store, main, store.read(main, submitted.data.get("Guide", "")))
    findings = scan(note, published_contacts_at(store, main), regions)
    if not findings:
        return note, []
    kinds = ", ".join(sorted({f.kind for f in findings}))
    return redact(note, findings), [f"note: removed personal data ({kinds})"]
