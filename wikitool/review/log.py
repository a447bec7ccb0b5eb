"""A suggestion's review log: the append-only chain of event commits on ``refs/reviews/<id>``.

Each append is a compare-and-swap on the ref. When another reviewer appended first, the
log is read again and the caller's ``decide`` function runs again on the new state, so a
decision is always taken on the log it is appended to and no event is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable

from wikitool.errors import NotFoundError
from wikitool.gitstore import WikiStore
from wikitool.ids import is_suggestion_id
from wikitool.model import TOOL_IDENTITY, Identity
from wikitool.review.events import EventKind, ReviewEvent

REVIEWS_PREFIX = "refs/reviews/"
SUGGESTIONS_PREFIX = "refs/heads/suggestions/"
ARCHIVE_PREFIX = "refs/archive/suggestions/"


def review_ref(suggestion_id: str) -> str:
    """The review log ref of a suggestion."""
    return REVIEWS_PREFIX + suggestion_id


def suggestion_ref(suggestion_id: str) -> str:
    """The branch of an open suggestion."""
    return SUGGESTIONS_PREFIX + suggestion_id


def archive_ref(suggestion_id: str) -> str:
    """Where a merged or rejected suggestion's tip is kept."""
    return ARCHIVE_PREFIX + suggestion_id


def checked_id(suggestion_id: str) -> str:
    """``suggestion_id`` if it has the form of an id (safe in a ref name).

    Raises:
        NotFoundError: it does not.
    """
    if not is_suggestion_id(suggestion_id):
        raise NotFoundError(f"no suggestion {suggestion_id!r}: ids are 26 letters and digits")
    return suggestion_id


def read_events(store: WikiStore, suggestion_id: str, tip: str | None = None) -> list[ReviewEvent]:
    """The suggestion's events, oldest first.

    Raises:
        NotFoundError: there is no suggestion with this id.
    """
    tip = tip or store.ref(review_ref(checked_id(suggestion_id)))
    if tip is None:
        raise NotFoundError(f"no suggestion {suggestion_id}")
    events = []
    for info in store.walk_first_parent(tip):
        try:
            event = ReviewEvent.from_message(info.message, time=info.commit_time, commit=info.id)
        except ValueError:
            continue  # not an event (cannot happen for logs this tool wrote); skip, don't fail
        events.append(event)
        if event.kind is EventKind.SUBMITTED:
            # The log starts here. A report's submission has its report commit (on the
            # revision the citizen saw) as parent, to keep it reachable: not read further.
            break
    events.reverse()
    return events


def write_event(
    store: WikiStore,
    event: ReviewEvent,
    *,
    parent: str | None,
    author: Identity,
    when: int | None = None,
) -> str:
    """Write an event commit (not yet on the ref); returns its id."""
    return store.write_commit(
        tree=store.empty_tree(),
        parents=[parent] if parent else [],
        message=event.message(),
        author=author,
        committer=TOOL_IDENTITY,
        when=when,
    )


def append_event(
    store: WikiStore,
    suggestion_id: str,
    decide: Callable[[list[ReviewEvent]], ReviewEvent],
    *,
    author: Identity,
    when: int | None = None,
) -> ReviewEvent:
    """Append the event ``decide(current_events)`` returns, by compare-and-swap.

    ``decide`` raises (a ``ReviewError``) when the event is not allowed in the current
    state; it is called again whenever another writer got there first.

    Returns:
        The event as written (with its commit id and time).
    """
    ref = review_ref(checked_id(suggestion_id))
    while True:
        tip = store.ref(ref)
        if tip is None:
            raise NotFoundError(f"no suggestion {suggestion_id}")
        event = decide(read_events(store, suggestion_id, tip))
        commit = write_event(store, event, parent=tip, author=author, when=when)
        if store.update_ref(ref, tip, commit):
            info = store.commit_info(commit)
            return ReviewEvent.from_message(info.message, time=info.commit_time, commit=commit)
