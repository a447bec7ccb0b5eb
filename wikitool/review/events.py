"""Review events as git commit messages (the Gerrit NoteDb model).

Each event on a suggestion is one commit on ``refs/reviews/<id>``: a subject line, an
optional free-text body, and a final paragraph of trailers that carry the event's data::

    Approve suggestion 01jd...

    Looks right: checked against the fee schedule.

    Event: approve
    Suggestion-Id: 01jd...
    Reviewer: Ana Ruiz <ana@agency.invalid>

Only the last paragraph is read as trailers, so text a person wrote can never forge one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class EventKind(StrEnum):
    """What happened to a suggestion."""

    SUBMITTED = "submitted"
    PLUS_ONE = "+1"
    """The same change suggested again by another citizen (folded into this one)."""
    SUPPORT = "support"
    """Another citizen said "This affects me too" (an optional note, screened, as text)."""
    COMMENT = "comment"
    APPROVE = "approve"
    REQUEST_CHANGES = "request-changes"
    REJECT = "reject"
    MERGE = "merge"
    AMEND = "amend"
    QUESTION = "question"
    """Staff ask the citizen something (``review ask``); shown on the tracking page."""
    ANSWER = "answer"
    """The citizen's answer, sent from the tracking page with their private secret."""
    CONFIRMED = "confirmed"
    """After publication, the author said "Yes": the guide is right now (``review/recheck.py``)."""
    FOLLOW_UP = "follow-up"
    """A report that follows this suggestion was opened (``Followed-By: <its id>``): the
    author said "No, something is still wrong", or staff filed it with ``follows``."""


class SuggestionKind(StrEnum):
    """What a citizen sent: an ``edit`` (new guide text, on a branch) or a ``report`` (in
    words, what is wrong; no branch until staff turn it into an edit). The ``submitted``
    event of a report carries ``Kind: report``; an edit's carries no ``Kind``."""

    EDIT = "edit"
    REPORT = "report"


def suggestion_kind(submitted: ReviewEvent) -> SuggestionKind:
    """The kind a ``submitted`` event records (an unknown one reads as an edit)."""
    try:
        return SuggestionKind(submitted.data.get("Kind", SuggestionKind.EDIT.value))
    except ValueError:
        return SuggestionKind.EDIT


class RejectReason(StrEnum):
    """Why a suggestion was rejected; shown to the citizen on the tracking page."""

    DUPLICATE = "duplicate"
    INCORRECT = "incorrect"
    OUT_OF_SCOPE = "out-of-scope"
    SPAM = "spam"
    OTHER = "other"


_TRAILER = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9-]*): (?P<value>.*)$")
_SUBJECTS = {
    EventKind.SUBMITTED: "Submit suggestion",
    EventKind.PLUS_ONE: "Support suggestion",
    EventKind.SUPPORT: "Another citizen supports suggestion",
    EventKind.COMMENT: "Comment on suggestion",
    EventKind.APPROVE: "Approve suggestion",
    EventKind.REQUEST_CHANGES: "Request changes to suggestion",
    EventKind.REJECT: "Reject suggestion",
    EventKind.MERGE: "Merge suggestion",
    EventKind.AMEND: "Amend suggestion",
    EventKind.QUESTION: "Ask about suggestion",
    EventKind.ANSWER: "Answer about suggestion",
    EventKind.CONFIRMED: "Guide confirmed right after suggestion",
    EventKind.FOLLOW_UP: "Report opened after suggestion",
}


def one_line(text: str, limit: int = 500) -> str:
    """``text`` folded onto one line (trailer values and subjects must not break lines)."""
    return " ".join(text.split())[:limit]


@dataclass(frozen=True)
class ReviewEvent:
    """One event in a suggestion's review log."""

    kind: EventKind
    suggestion_id: str
    actor: str
    """Who acted: ``Name <email>`` of staff, or ``Citizen <id>`` for a submission."""
    time: int = 0
    """Seconds since the epoch (the event commit's time)."""
    text: str = ""
    """Free text: a comment, the reason for a decision."""
    data: Mapping[str, str] = field(default_factory=dict)
    """Other trailers: ``Commit``, ``Base``, ``Guide``, ``Reason``, ``Merged-As``..."""
    commit: str = ""
    """The id of the event's own commit (empty until written)."""

    def message(self) -> str:
        """The commit message that records this event."""
        trailers = {
            "Event": self.kind.value,
            "Suggestion-Id": self.suggestion_id,
            "Reviewer": self.actor,
            **self.data,
        }
        lines = [f"{_SUBJECTS[self.kind]} {self.suggestion_id}", ""]
        body = self.text.strip()
        if body:
            lines += [body, ""]
        lines.append(trailer_block(list(trailers.items())))
        return "\n".join(lines) + "\n"

    @classmethod
    def from_message(cls, message: str, *, time: int = 0, commit: str = "") -> ReviewEvent:
        """Read an event back from its commit message.

        Raises:
            ValueError: the message carries no ``Event:`` trailer of a known kind.
        """
        paragraphs = [p for p in re.split(r"\n\s*\n", message.strip()) if p.strip()]
        trailers = parse_trailers(paragraphs[-1]) if paragraphs else {}
        try:
            kind = EventKind(trailers.pop("Event"))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"commit {commit[:12]} is not a review event") from exc
        text = "\n\n".join(paragraphs[1:-1]) if len(paragraphs) > 2 else ""
        return cls(
            kind=kind,
            suggestion_id=trailers.pop("Suggestion-Id", ""),
            actor=trailers.pop("Reviewer", ""),
            time=time,
            text=text,
            data=trailers,
            commit=commit,
        )


def parse_trailers(paragraph: str) -> dict[str, str]:
    """``Key: value`` lines of one paragraph; the first value wins for a repeated key."""
    out: dict[str, str] = {}
    for line in paragraph.splitlines():
        match = _TRAILER.match(line.strip())
        if match and match.group("key") not in out:
            out[match.group("key")] = match.group("value").strip()
    return out


def suggestion_id_in(message: str) -> str | None:
    """The ``Suggestion-Id`` trailer of a commit message (a suggestion or its merge)."""
    return parse_trailers(message.rsplit("\n\n", 1)[-1]).get("Suggestion-Id")


def trailer_block(trailers: Sequence[tuple[str, str]]) -> str:
    """Trailer lines for a commit message (values folded onto one line)."""
    return "\n".join(f"{key}: {one_line(value)}" for key, value in trailers)


SUPPORT_EVENTS = (EventKind.SUPPORT, EventKind.PLUS_ONE)


def supporters_in(events: Sequence[ReviewEvent]) -> int:
    """The supporters a log counts: each "This affects me too" and each identical
    suggestion folded in. One per person cannot be enforced (citizens are anonymous);
    the intake's rate limit is what bounds them."""
    return sum(1 for e in events if e.kind in SUPPORT_EVENTS)


class SuggestionState(StrEnum):
    """Where a suggestion stands, derived from its review log."""

    OPEN = "open"
    MERGED = "merged"
    REJECTED = "rejected"


def suggestion_state(events: Sequence[ReviewEvent]) -> SuggestionState:
    """The state the log ends in: merged or rejected once decided, otherwise open."""
    for event in reversed(events):
        if event.kind is EventKind.MERGE:
            return SuggestionState.MERGED
        if event.kind is EventKind.REJECT:
            return SuggestionState.REJECTED
    return SuggestionState.OPEN


def open_question(events: Sequence[ReviewEvent]) -> ReviewEvent | None:
    """The question waiting for the citizen's answer: the latest ``question`` with no
    ``answer`` after it, on a suggestion still open (a decision closes the conversation)."""
    if suggestion_state(events) is not SuggestionState.OPEN:
        return None
    for event in reversed(events):
        if event.kind is EventKind.ANSWER:
            return None
        if event.kind is EventKind.QUESTION:
            return event
    return None


RECHECK_EVENTS = (EventKind.CONFIRMED, EventKind.FOLLOW_UP)


def recheck_answer(events: Sequence[ReviewEvent]) -> ReviewEvent | None:
    """The answer to "Is the guide right now?", asked once a merged suggestion is
    published: the first ``confirmed`` or ``follow-up`` after the merge, if any. The one
    rule of "asked once": the tracking page asks while this is ``None``."""
    merged = False
    for event in events:
        merged = merged or event.kind is EventKind.MERGE
        if merged and event.kind in RECHECK_EVENTS:
            return event
    return None


def followed_by(events: Sequence[ReviewEvent]) -> list[str]:
    """The ids of the reports opened after this suggestion (``follow-up`` events), oldest
    first."""
    return [
        e.data["Followed-By"]
        for e in events
        if e.kind is EventKind.FOLLOW_UP and e.data.get("Followed-By")
    ]
