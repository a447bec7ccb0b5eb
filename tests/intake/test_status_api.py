"""``GET /api/suggestions/<id>``: where a suggestion stands, and never who sent it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from intake_server import GUIDE, Intake

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.events import EventKind, ReviewEvent
from wikitool.review.log import append_event

STAFF = Identity("Rosa Staff", "rosa@agency.invalid")
STAFF_ACTOR = f"{STAFF.name} <{STAFF.email}>"
ISO_SECOND = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _append(
    store: WikiStore, sid: str, kind: EventKind, text: str = "Staff note: call Ana back", **data: str
) -> None:
    """Append a staff event to the review log directly (as the review commands do)."""
    append_event(
        store, sid,
        lambda events: ReviewEvent(kind=kind, suggestion_id=sid, actor=STAFF_ACTOR, text=text, data=data),
        author=STAFF,
    )


def _status(intake: Intake, sid: str) -> dict[str, Any]:
    response = intake.get(f"/api/suggestions/{sid}")
    assert response.status_code == 200, response.text
    return dict(response.json())


@pytest.fixture
def submitted(intake: Intake, suggestion: dict[str, Any]) -> str:
    """The id of a suggestion just submitted over HTTP by a credited citizen."""
    body = {**suggestion, "author": {"name": "Ana Credited", "email": "ana@example.org", "credit": True}}
    response = intake.post("/api/suggestions", body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_a_new_suggestion_is_received(intake: Intake, submitted: str) -> None:
    status = _status(intake, submitted)

    assert status == {
        "id": submitted,
        "kind": "edit",
        "guide": GUIDE,
        "summary": "Say what to do first",
        "status": "received",
        "reason": None,
        "reason_code": None,
        "question": None,
        "explanation": None,
        "recheck": None,
        "follow_up": None,
        "follows": None,
        "updated": status["updated"],
    }
    assert ISO_SECOND.match(status["updated"])


def test_the_status_never_carries_personal_data_or_staff_notes(
    intake: Intake, submitted: str, store: WikiStore
) -> None:
    _append(store, submitted, EventKind.COMMENT)
    # A rejection's own words are its explanation for the citizen (review reject -m), shown
    # with personal data removed (tests/mail/test_status_mail.py); this one has none.
    _append(store, submitted, EventKind.REJECT, text="", Reason="incorrect")

    text = json.dumps(_status(intake, submitted))  # a 200 with the status, not an error page

    for private in ("Ana", "ana@example.org", "Citizen", "Rosa", "rosa@agency.invalid", "Staff note", "I renewed"):
        assert private not in text


def test_support_from_other_citizens_does_not_start_the_review(
    intake: Intake, submitted: str, suggestion: dict[str, Any]
) -> None:
    assert intake.post("/api/suggestions", suggestion).json()["duplicate"] is True
    assert _status(intake, submitted)["status"] == "received"


@pytest.mark.parametrize("kind", [EventKind.COMMENT, EventKind.APPROVE, EventKind.REQUEST_CHANGES])
def test_any_staff_event_puts_it_in_review(
    intake: Intake, submitted: str, store: WikiStore, kind: EventKind
) -> None:
    _append(store, submitted, kind)
    assert _status(intake, submitted)["status"] == "in review"


@pytest.mark.parametrize(
    ("reason", "code", "public"),
    [
        ("incorrect", "incorrect", "We checked, and the guide was already right."),
        ("duplicate", "duplicate", "The same change was already suggested or made."),
        ("out-of-scope", "out-of-scope", "The change is about something this guide does not cover."),
        ("spam", "spam", "The suggestion was not a change to the guide."),
        ("other", "other", "We decided not to make this change."),
        ("something new", "other", "We decided not to make this change."),
    ],
)
def test_a_rejection_shows_the_public_reason(
    intake: Intake, submitted: str, store: WikiStore, reason: str, code: str, public: str
) -> None:
    _append(store, submitted, EventKind.COMMENT)
    _append(store, submitted, EventKind.REJECT, Reason=reason)

    status = _status(intake, submitted)

    assert (status["status"], status["reason_code"], status["reason"]) == ("rejected", code, public)


def _merge(store: WikiStore, wiki: Path, git: Callable[..., str], sid: str) -> str:
    """Put the suggestion's change on main and record the merge event; returns main's tip."""
    branch = f"refs/heads/suggestions/{sid}"
    main = store.main()
    merged = git(wiki, "commit-tree", f"{branch}^{{tree}}", "-p", main, "-p", branch, "-m", "Merge").strip()
    git(wiki, "update-ref", "refs/heads/main", merged, main)
    _append(store, sid, EventKind.APPROVE)
    _append(store, sid, EventKind.MERGE, **{"Merged-As": merged})
    return merged


def test_a_merged_suggestion_is_accepted(
    intake: Intake, submitted: str, store: WikiStore, wiki: Path, git: Callable[..., str]
) -> None:
    _merge(store, wiki, git, submitted)
    status = _status(intake, submitted)
    assert (status["status"], status["reason"]) == ("accepted", None)


def test_it_is_published_once_the_published_revision_contains_the_merge(
    start_intake: Callable[..., Intake], suggestion: dict[str, Any], store: WikiStore,
    wiki: Path, git: Callable[..., str],
) -> None:
    intake = start_intake(published_rev="refs/tags/published")
    sid = intake.post("/api/suggestions", suggestion).json()["id"]
    git(wiki, "tag", "published", "main")  # the site as deployed before the merge
    merged = _merge(store, wiki, git, sid)
    assert _status(intake, sid)["status"] == "accepted"

    git(wiki, "tag", "-f", "published", merged)  # the deployment moves the ref after a build

    assert _status(intake, sid)["status"] == "published"


NO_SUGGESTION = "no suggestion with this id"


@pytest.mark.parametrize(
    ("sid", "error"),
    [
        ("01m82td1qaxakf756wgvacw96w", NO_SUGGESTION),  # the form of an id, but unknown
        ("not-an-id", NO_SUGGESTION),
        ("01M82TD1QAXAKF756WGVACW96W", NO_SUGGESTION),  # ids are lower case
        ("01m82td1qaxakf756wgvacw96", NO_SUGGESTION),  # one character short
        ("..%2F..%2Fmain", "not found"),  # a path, not an id: no route matches
        ("refs%2Fheads%2Fmain", "not found"),
    ],
)
def test_an_unknown_id_is_not_found(intake: Intake, sid: str, error: str) -> None:
    response = intake.get(f"/api/suggestions/{sid}")
    assert response.status_code == 404
    assert response.json() == {"error": error}
