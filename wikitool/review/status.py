"""A suggestion's public status, as the "track your suggestion" page shows it.

Derived from the review log only, and it never carries personal data: no name (not even
a credited one), no e-mail, no staff comment. The states:

``received``
    submitted; no member of staff has acted on it yet (+1s from other citizens do not count).
``in review``
    a member of staff commented, approved, asked for changes or amended it, or the
    citizen answered staff's question.
``waiting for your answer``
    staff asked the citizen a question (``review ask``) not yet answered; the question
    is shown (``question``), with any personal data in it removed: it is written for the
    citizen, but anyone holding the id may read the status.
``accepted``
    merged into ``main``.
``published``
    merged, and the revision the public site was built from contains the merge. The
    intake knows that revision only when told (``intake serve --published-rev REV``, a ref
    the deployment moves after uploading a build); otherwise a merged suggestion stays
    ``accepted``. A merge event names its commit on ``main`` in a ``Merged-As:`` trailer.
``rejected``
    with the public reason (the ``Reason:`` trailer of the reject event, in plain words).

Once published, the author is asked "Is the guide right now?" (``review/recheck.py``):
``recheck`` is ``asked`` until they answer, then ``yes`` or ``no``; a "No" opened a
report, ``follow_up``. A report that follows another names it (``follows``). The ids are
public like any suggestion's; who answered and what they wrote are not shown.

A rejection's explanation (``review reject -m``) and a merge's public note (``review
merge -m``) are shown as ``explanation``, with any personal data in them removed first
(``screening/personal_data.py``, allowing the contacts the wiki itself publishes): staff
may quote what a citizen wrote to them. Other staff comments stay staff matters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from wikitool.errors import NotFoundError, WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.locales.catalogues import N_
from wikitool.review.events import (
    EventKind,
    RejectReason,
    ReviewEvent,
    SuggestionKind,
    SuggestionState,
    open_question,
    recheck_answer,
    suggestion_kind,
    suggestion_state,
)
from wikitool.review.log import read_events
from wikitool.screening.personal_data import redact, scan
from wikitool.suggestions.published_contacts import published_contacts_at

RECEIVED = "received"
IN_REVIEW = "in review"
WAITING = "waiting for your answer"
ACCEPTED = "accepted"
PUBLISHED = "published"
REJECTED = "rejected"
RECHECK_ASKED, RECHECK_YES, RECHECK_NO = "asked", "yes", "no"

PUBLIC_REASONS = {
    RejectReason.DUPLICATE: N_("The same change was already suggested or made."),
    RejectReason.INCORRECT: N_("We checked, and the guide was already right."),
    RejectReason.OUT_OF_SCOPE: N_("The change is about something this guide does not cover."),
    RejectReason.SPAM: N_("The suggestion was not a change to the guide."),
    RejectReason.OTHER: N_("We decided not to make this change."),
}
"""In English as the API gives them; the mail translates them (they are catalogue labels)."""

_STAFF_EVENTS = {
    EventKind.COMMENT,
    EventKind.APPROVE,
    EventKind.REQUEST_CHANGES,
    EventKind.AMEND,
    EventKind.QUESTION,
    EventKind.ANSWER,
}


@dataclass(frozen=True)
class PublicStatus:
    """What anyone holding a suggestion's id may see about it."""

    id: str
    guide: str
    summary: str
    status: str
    updated: int
    """Seconds since the epoch of the last event that changed the status."""
    reason_code: str | None = None
    reason: str | None = None
    kind: SuggestionKind = SuggestionKind.EDIT
    """An edit (new text) or a report (what is wrong, in words)."""
    explanation: str = ""
    """What staff said to the citizen with the decision, personal data removed."""
    question: str = ""
    """Staff's question waiting for the citizen's answer, personal data removed."""
    recheck: str = ""
    """Where "Is the guide right now?" stands: ``asked`` once published, then ``yes`` or
    ``no`` (empty before publication)."""
    follow_up: str = ""
    """The report the author's "No" opened."""
    follows: str = ""
    """The suggestion this report follows up."""

    def to_json(self) -> dict[str, object]:
        """The body of ``GET /api/suggestions/<id>``."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "guide": self.guide,
            "summary": self.summary,
            "status": self.status,
            "reason": self.reason,
            "reason_code": self.reason_code,
            "explanation": self.explanation or None,
            "question": self.question or None,
            "recheck": self.recheck or None,
            "follow_up": self.follow_up or None,
            "follows": self.follows or None,
            "updated": datetime.fromtimestamp(self.updated, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


def public_status(
    store: WikiStore, suggestion_id: str, *, published_commit: str | None = None
) -> PublicStatus:
    """The public status of a suggestion.

    Args:
        published_commit: the commit the public site was built from, if known.

    Raises:
        NotFoundError: no suggestion has this id (or it is not of the form of an id).
    """
    events = read_events(store, suggestion_id)
    if not events or events[0].kind is not EventKind.SUBMITTED:
        raise NotFoundError(f"no suggestion {suggestion_id}")
    submitted = events[0]
    status, decisive = _status(events)
    reason_code = reason = None
    explanation = ""
    if status in (REJECTED, ACCEPTED):
        explanation = _screened(store, decisive.text)
    if status == REJECTED:
        code = _reject_reason(decisive)
        reason_code, reason = code.value, PUBLIC_REASONS[code]
    elif status == ACCEPTED and published_commit:
        merged_as = decisive.data.get("Merged-As", "")
        if merged_as and _contains(store, published_commit, merged_as):
            status = PUBLISHED
    question = open_question(events)
    recheck, follow_up = _recheck(events) if status == PUBLISHED else ("", "")
    return PublicStatus(
        id=suggestion_id,
        guide=submitted.data.get("Guide", ""),
        summary=_summary(store, submitted),
        status=status,
        updated=decisive.time,
        reason_code=reason_code,
        reason=reason,
        kind=suggestion_kind(submitted),
        explanation=explanation,
        question=_screened(store, question.text) if question else "",
        recheck=recheck,
        follow_up=follow_up,
        follows=submitted.data.get("Follows", ""),
    )


def _recheck(events: list[ReviewEvent]) -> tuple[str, str]:
    """Where "Is the guide right now?" stands, and the report a "No" opened."""
    answer = recheck_answer(events)
    if answer is None:
        return RECHECK_ASKED, ""
    if answer.kind is EventKind.CONFIRMED:
        return RECHECK_YES, ""
    return RECHECK_NO, answer.data.get("Followed-By", "")


def _status(events: list[ReviewEvent]) -> tuple[str, ReviewEvent]:
    """The status and the event that set it. Merged or rejected is the log's state, as
    the verdict reads it (``suggestion_state``); an open one is in review once staff
    acted on it."""
    state = suggestion_state(events)
    if state is not SuggestionState.OPEN:
        wanted = EventKind.MERGE if state is SuggestionState.MERGED else EventKind.REJECT
        decisive = next(e for e in reversed(events) if e.kind is wanted)
        return (ACCEPTED if state is SuggestionState.MERGED else REJECTED), decisive
    question = open_question(events)
    if question is not None:
        return WAITING, question
    acted = [e for e in events[1:] if e.kind in _STAFF_EVENTS]
    return (IN_REVIEW, acted[-1]) if acted else (RECEIVED, events[0])


def _reject_reason(event: ReviewEvent) -> RejectReason:
    try:
        return RejectReason(event.data.get("Reason", "").strip().lower())
    except ValueError:
        return RejectReason.OTHER


def _screened(store: WikiStore, text: str) -> str:
    """Staff's words for the citizen with any personal data removed."""
    text = text.strip()
    if not text:
        return ""
    findings = scan(text, published_contacts_at(store, store.main()))
    return redact(text, findings) if findings else text


def _summary(store: WikiStore, submitted: ReviewEvent) -> str:
    """The subject of the suggestion commit: the citizen's summary, already redacted."""
    commit = submitted.data.get("Commit", "")
    if not commit:
        return ""
    return store.commit_info(commit).message.split("\n", 1)[0]


# (published, merged) -> contained. Walking history is the one costly step of a status
# read, and both commits are immutable, so the answer never changes.
_CONTAINS: dict[tuple[str, str], bool] = {}
_CONTAINS_MAX = 10_000


def _contains(store: WikiStore, descendant: str, ancestor: str) -> bool:
    key = (descendant, ancestor)
    if key not in _CONTAINS:
        try:
            found = store.is_ancestor(ancestor, descendant)
        except WikitoolError:  # an unknown commit: the site is not known to show the change
            found = False
        if len(_CONTAINS) >= _CONTAINS_MAX:
            _CONTAINS.clear()
        _CONTAINS[key] = found
    return _CONTAINS[key]
