"""Review logs with known times, for the stats page's tests (site and browser).

Written with the review log's own functions (``write_event``, ``append_event``), each
event at a set time relative to ``now`` (the built commit's date):

| id | guide's folder | what happens (days before ``now``) | at ``now`` |
| --- | --- | --- | --- |
| ACCEPTED | identity-and-travel | sent 10, comment 8, approve 7, merged 6 | merged |
| REJECTED | identity-and-travel | sent 20, rejected 15 | rejected |
| WAITING | family-and-civil-status | sent 3, comment 2.5 (rejected 2 days *after* now) | open |
| FORGOTTEN | family-and-civil-status | sent 40, a citizen's +1 at 30 (not an answer) | open |
| OLD | vehicles | sent 200, merged 190 (outside the 90 days) | merged |
| LATER | vehicles | sent 1 day *after* now | not counted |
"""

from __future__ import annotations

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.events import EventKind, ReviewEvent
from wikitool.review.log import append_event, review_ref, write_event

DAY = 86_400
STAFF = Identity("Rita Reviewer", "rita@agency.invalid")
ACCEPTED = "01stats000000000000000000a"
REJECTED = "01stats000000000000000000b"
WAITING = "01stats000000000000000000c"
FORGOTTEN = "01stats000000000000000000d"
OLD = "01stats000000000000000000e"
LATER = "01stats000000000000000000f"

PASSPORT = "content/identity-and-travel/renew-an-adult-passport.md"
BIRTH = "content/family-and-civil-status/register-a-birth.md"
VEHICLE = "content/vehicles/appeal-a-parking-fine.md"


def _citizen(suggestion_id: str) -> Identity:
    return Identity(f"Citizen {suggestion_id}", f"{suggestion_id}@suggestions.invalid")


def _submit(store: WikiStore, suggestion_id: str, guide: str, when: int) -> None:
    event = ReviewEvent(
        EventKind.SUBMITTED, suggestion_id, f"Citizen {suggestion_id}", data={"Guide": guide}
    )
    commit = write_event(store, event, parent=None, author=_citizen(suggestion_id), when=when)
    assert store.update_ref(review_ref(suggestion_id), None, commit)


def _event(
    store: WikiStore,
    suggestion_id: str,
    kind: EventKind,
    when: int,
    data: dict[str, str] | None = None,
) -> None:
    actor = _citizen(suggestion_id) if kind is EventKind.PLUS_ONE else STAFF
    append_event(
        store,
        suggestion_id,
        lambda _events: ReviewEvent(
            kind, suggestion_id, str(actor), text="Checked.", data=data or {}
        ),
        author=actor,
        when=when,
    )


def write_review_logs(store: WikiStore, now: int) -> None:
    """The six suggestions of the table above."""

    def at(days: float) -> int:
        return now - round(days * DAY)

    _submit(store, ACCEPTED, PASSPORT, at(10))
    _event(store, ACCEPTED, EventKind.COMMENT, at(8))
    _event(store, ACCEPTED, EventKind.APPROVE, at(7))
    _event(store, ACCEPTED, EventKind.MERGE, at(6))
    _submit(store, REJECTED, PASSPORT, at(20))
    _event(store, REJECTED, EventKind.REJECT, at(15), {"Reason": "incorrect"})
    _submit(store, WAITING, BIRTH, at(3))
    _event(store, WAITING, EventKind.COMMENT, at(2.5))
    _event(store, WAITING, EventKind.REJECT, at(-2), {"Reason": "spam"})
    _submit(store, FORGOTTEN, BIRTH, at(40))
    _event(store, FORGOTTEN, EventKind.PLUS_ONE, at(30))
    _submit(store, OLD, VEHICLE, at(200))
    _event(store, OLD, EventKind.MERGE, at(190))
    _submit(store, LATER, VEHICLE, at(-1))
