"""Staff decisions on suggestions: comment, approve, request changes, reject.

Every decision is an event appended to the suggestion's review log by compare-and-swap
(:func:`~wikitool.review.log.append_event`): the rules below run on the log as
it is at the moment of writing, and again if another reviewer wrote first, so two
people acting at once never lose an event. Merging is in :mod:`review_merge`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from wikitool.errors import ReviewError
from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.events import (
    EventKind,
    RejectReason,
    ReviewEvent,
    SuggestionState,
    suggestion_state,
)
from wikitool.review.log import append_event, archive_ref, suggestion_ref
from wikitool.review.notify import notify_status
from wikitool.review.policy import load_policy
from wikitool.review.record import (
    VOTES,
    SuggestionRecord,
    amend_commits,
    authors,
    current_votes,
    load_record,
)
from wikitool.review.verdict import Proposal, Verdict, suggestion_verdict
from wikitool.suggestions.submission import NOREPLY_DOMAIN

MAX_TEXT = 5000


class NothingToAppend(Exception):
    """Raised inside a ``decide`` callback: the event is already in the log."""


def review_verdict(
    store: WikiStore, suggestion: str, *, today: date | None = None, check: bool = True
) -> Verdict:
    """Where suggestion ``suggestion`` (id or unique prefix) stands against today's main.

    Raises:
        NotFoundError: no such suggestion.
    """
    record = load_record(store, suggestion)
    main = store.main()
    return suggestion_verdict(
        store, Proposal.of(record), main, load_policy(store, main), today=today, check=check
    )


# -- who may act ------------------------------------------------------------------------


def checked_staff(identity: Identity) -> Identity:
    """``identity`` if it may act as a member of staff.

    Raises:
        ReviewError: it is a citizen's pseudonymous address.
    """
    if identity.email.casefold().endswith("@" + NOREPLY_DOMAIN):
        raise ReviewError(f"{identity} is a citizen's pseudonymous address, not a member of staff")
    return identity


def require_open(events: list[ReviewEvent], suggestion_id: str) -> None:
    """Refuse any action on a merged or rejected suggestion."""
    state = suggestion_state(events)
    if state is SuggestionState.MERGED:
        raise ReviewError(f"suggestion {suggestion_id} is already merged")
    if state is SuggestionState.REJECTED:
        raise ReviewError(f"suggestion {suggestion_id} was rejected; it can no longer be changed")


def _recorded_tip(events: list[ReviewEvent]) -> str:
    for event in reversed(events):
        if event.kind in (EventKind.SUBMITTED, EventKind.AMEND) and event.data.get("Commit"):
            return event.data["Commit"]
    return ""


def clean_text(text: str) -> str:
    """Free text from staff, minus control and invisible formatting characters (it is
    shown on terminals and on the citizen's tracking page)."""
    kept = (
        ch
        for ch in text.replace("\r\n", "\n")
        if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cf"}
    )
    cleaned = "".join(kept).strip()
    if len(cleaned) > MAX_TEXT:
        raise ReviewError(f"the message is longer than {MAX_TEXT} characters")
    return cleaned


def required_text(text: str | None, what: str) -> str:
    """Staff's free text, cleaned; refused when empty (``what`` needs a message)."""
    cleaned = clean_text(text or "")
    if not cleaned:
        raise ReviewError(f'{what} needs a message: pass -m "..."')
    return cleaned


# -- events ------------------------------------------------------------------------------


def append_unless_recorded(
    store: WikiStore,
    suggestion_id: str,
    decide: Callable[[list[ReviewEvent]], ReviewEvent],
    author: Identity,
) -> ReviewEvent | None:
    try:
        return append_event(store, suggestion_id, decide, author=author)
    except NothingToAppend:
        return None


def record_amendment(
    store: WikiStore, record: SuggestionRecord, staff: Identity
) -> SuggestionRecord:
    """Log an ``amend`` event when the branch moved since the log last saw it.

    Staff amend a suggestion with ordinary commits on its branch (``review checkout``).
    The next review action notices and records the new version before acting on it, so
    the audit trail names every version that was approved or merged.

    Returns:
        The record, read again when an event was written.
    """
    if record.state is not SuggestionState.OPEN or record.tip == record.recorded_tip:
        return record
    commits = amend_commits(store, record)
    ids = [sha for sha, _, _ in commits]
    since = ids.index(record.recorded_tip) + 1 if record.recorded_tip in ids else 0
    new = commits[since:] or commits
    tip_author = store.commit_info(record.tip).author

    def decide(events: list[ReviewEvent]) -> ReviewEvent:
        require_open(events, record.id)
        if _recorded_tip(events) == record.tip:
            raise NothingToAppend
        lines = [f"{sha[:12]} {subject}" for sha, _, subject in new]
        return ReviewEvent(
            kind=EventKind.AMEND,
            suggestion_id=record.id,
            actor=tip_author,
            text="\n".join(lines),
            data={"Commit": record.tip, "Previous": _recorded_tip(events)},
        )

    append_unless_recorded(store, record.id, decide, staff)
    return load_record(store, record.id)


def _on_current_version(record: SuggestionRecord, events: list[ReviewEvent]) -> None:
    if _recorded_tip(events) != record.tip:
        raise ReviewError(
            f"suggestion {record.id} changed while you were acting on it; "
            "look at it again (wikitool review show)"
        )


def review_comment(store: WikiStore, suggestion: str, *, staff: Identity, text: str) -> ReviewEvent:
    """Add a comment to an open suggestion.

    Raises:
        ReviewError: no message, or the suggestion is merged or rejected.
        NotFoundError: no such suggestion.
    """
    message = required_text(text, "a comment")
    return _vote_or_comment(store, suggestion, staff, EventKind.COMMENT, message)


def review_approve(
    store: WikiStore, suggestion: str, *, staff: Identity, text: str = ""
) -> ReviewEvent:
    """Approve the current version of an open suggestion.

    Raises:
        ReviewError: the approver wrote or amended the suggestion, already approved this
            version, or the suggestion is merged or rejected.
        NotFoundError: no such suggestion.
    """
    return _vote_or_comment(store, suggestion, staff, EventKind.APPROVE, clean_text(text))


def review_request_changes(
    store: WikiStore, suggestion: str, *, staff: Identity, text: str
) -> ReviewEvent:
    """Ask for changes to the current version; blocks the merge until settled.

    Raises:
        ReviewError: no message, or the suggestion is merged or rejected.
        NotFoundError: no such suggestion.
    """
    message = required_text(text, "a request for changes")
    return _vote_or_comment(store, suggestion, staff, EventKind.REQUEST_CHANGES, message)


def _vote_or_comment(
    store: WikiStore, suggestion: str, staff: Identity, kind: EventKind, text: str
) -> ReviewEvent:
    checked_staff(staff)
    record = load_record(store, suggestion)
    require_open(list(record.events), record.id)
    record = record_amendment(store, record, staff)
    if kind in VOTES and record.awaiting_edit:
        raise ReviewError(
            f"suggestion {record.id} is a report with no edit to vote on yet: "
            "wikitool review checkout gives it a branch to edit"
        )
    email = staff.email.casefold()
    if kind is EventKind.APPROVE and email in authors(store, record):
        raise ReviewError(
            f"{staff} wrote or amended suggestion {record.id} and cannot approve it: "
            "ask a colleague to review it"
        )

    def decide(events: list[ReviewEvent]) -> ReviewEvent:
        require_open(events, record.id)
        _on_current_version(record, events)
        if kind is EventKind.APPROVE:
            mine = [v for v in current_votes(events, record.tip) if v.email == email]
            if mine and mine[0].kind is EventKind.APPROVE:
                raise ReviewError(f"{staff} has already approved suggestion {record.id}")
        data = {"Commit": record.tip} if kind is not EventKind.COMMENT else {}
        return ReviewEvent(
            kind=kind, suggestion_id=record.id, actor=str(staff), text=text, data=data
        )

    event = append_unless_recorded(store, record.id, decide, staff)
    assert event is not None
    return event


@dataclass(frozen=True)
class Closed:
    """A rejected or merged suggestion: its event, and where its tip was archived."""

    event: ReviewEvent
    archived: str | None
    notes: list[str] = field(default_factory=list)


def review_reject(
    store: WikiStore, suggestion: str, *, staff: Identity, reason: RejectReason, text: str = ""
) -> Closed:
    """Reject an open suggestion; its tip moves to ``refs/archive/suggestions/<id>``.

    Raises:
        ReviewError: the reason is ``other`` without a message, or the suggestion is
            merged or rejected.
        NotFoundError: no such suggestion.
    """
    checked_staff(staff)
    message = clean_text(text)
    if reason is RejectReason.OTHER and not message:
        raise ReviewError('rejecting for reason "other" needs a message: pass -m "..."')
    record = load_record(store, suggestion)
    require_open(list(record.events), record.id)
    record = record_amendment(store, record, staff)

    def decide(events: list[ReviewEvent]) -> ReviewEvent:
        require_open(events, record.id)
        return ReviewEvent(
            kind=EventKind.REJECT,
            suggestion_id=record.id,
            actor=str(staff),
            text=message,
            data={"Reason": reason.value, "Commit": record.tip},
        )

    event = append_unless_recorded(store, record.id, decide, staff)
    assert event is not None
    archived, notes = archive_branch(store, record.id)
    notify_status(store, record.id)  # "not accepted", to a citizen who asked to hear back
    return Closed(event, archived, notes)


def archive_branch(store: WikiStore, suggestion_id: str) -> tuple[str | None, list[str]]:
    """Move a decided suggestion's branch tip to ``refs/archive/suggestions/<id>``.

    The archive ref is written before the branch is deleted, both by compare-and-swap,
    so the tip is reachable at every moment, even if someone commits to the branch
    meanwhile (the newer tip is archived instead).

    Returns:
        The archived commit (``None`` when there was no branch), and notes for the user.
    """
    branch, archive = suggestion_ref(suggestion_id), archive_ref(suggestion_id)
    while True:
        tip = store.ref(branch)
        if tip is None:
            return store.ref(archive), []
        current = store.ref(archive)
        if current != tip and not store.update_ref(archive, current, tip):
            continue
        if _checked_out(store, branch):
            return tip, [
                f"the branch {branch.removeprefix('refs/heads/')} is checked out in the "
                "working tree, so it was kept: switch branches, then delete it with "
                f"git branch -D {branch.removeprefix('refs/heads/')}"
            ]
        if store.delete_ref(branch, tip):
            return tip, []


def _checked_out(store: WikiStore, ref: str) -> bool:
    """Whether the staff working tree has ``ref`` checked out (git refuses to delete it)."""
    return store.checked_out_branch() == ref
