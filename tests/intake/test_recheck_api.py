"""``POST /api/suggestions/<id>/recheck``: once a suggestion is published, its author is
asked once "Is the guide right now?". "Yes" is recorded; "No, something is still wrong"
opens a report on the same guide that follows the first, linked both ways. Only the
private link's secret answers; anything else is a 4xx with the reason and nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from intake_server import GUIDE, Intake
from review_samples import ANA, BEN, HELPLINE

from wikitool.gitstore import WikiStore
from wikitool.mail.outbox import MessageKind, MessageState, Outbox, author_of
from wikitool.review.decisions import review_approve
from wikitool.review.merge import review_merge
from wikitool.review.show import review_show
from wikitool.suggestions.contacts import contact_get

UNKNOWN = "01m82td1qaxakf756wgvacw96w"  # the form of an id, but no suggestion
NOT_YOURS = (
    "this private link does not belong to the suggestion: "
    "use the link from your confirmation page or e-mail"
)
STILL_WRONG = "The fee is still wrong: it is 89 euros now. Call me on 020 7946 0958."


def _submitted(intake: Intake, body: dict[str, Any]) -> tuple[str, str]:
    response = intake.post("/api/suggestions", body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"]), str(response.json()["secret"])


def _merged(store: WikiStore, sid: str) -> str:
    review_approve(store, sid, staff=ANA)
    return review_merge(store, sid, staff=BEN).commit


def _status(intake: Intake, sid: str) -> dict[str, Any]:
    response = intake.get(f"/api/suggestions/{sid}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_the_author_says_once_whether_the_published_guide_is_right(
    start_intake: Callable[..., Intake],
    suggestion: dict[str, Any],
    store: WikiStore,
    wiki: Path,
    git: Callable[..., str],
    refs: Callable[[], list[str]],
) -> None:
    intake = start_intake(published_rev="refs/tags/published")
    first, secret = _submitted(intake, {**suggestion, "author": {**suggestion["author"], "notify": True}})
    still_open, open_secret = _submitted(
        intake, {**suggestion, "content": suggestion["content"].replace(*HELPLINE)}
    )
    git(wiki, "tag", "published", "main")  # the site as deployed before the merge
    merged = _merged(store, first)
    assert (_status(intake, first)["status"], _status(intake, first)["recheck"]) == ("accepted", None)

    url = f"/api/suggestions/{first}/recheck"
    no = {"secret": secret, "right": False, "text": "Still wrong"}
    not_yet = "is not published yet: the question comes once the guide shows it"
    before: list[tuple[str, Any, int, str]] = [
        (url, {**no, "right": True, "text": ""}, 409, f"suggestion {first} {not_yet}"),
        (f"/api/suggestions/{still_open}/recheck", {**no, "secret": open_secret}, 409,
         f"suggestion {still_open} {not_yet}"),
    ]
    after: list[tuple[str, Any, int, str]] = [
        (url, {"right": True}, 403, "your reply needs the secret of your private link"),
        (url, {**no, "secret": ""}, 403, "your reply needs the secret of your private link"),
        (url, {**no, "secret": open_secret}, 403, NOT_YOURS),
        (url, {**no, "secret": secret[:-1]}, 403, NOT_YOURS),
        (f"/api/suggestions/{UNKNOWN}/recheck", no, 404, "no suggestion with this id"),
        ("/api/suggestions/not-an-id/recheck", no, 404, "no suggestion with this id"),
        (url, {**no, "text": "<img src=x onerror=alert(1)>"}, 400,
         "what is still wrong: line 1: HTML event handler attribute onerror in <img>"),
        (url, {**no, "text": "See [the fee](javascript:alert(1))"}, 400,
         "what is still wrong: line 1: javascript: URL in a Markdown link or image"),
        (url, {**no, "text": "  "}, 400, "what is still wrong is empty: say what is still wrong in the guide"),
        (url, {**no, "text": "x" * 5001}, 400, "what is still wrong is longer than 5000 characters"),
        (url, {**no, "right": True}, 400, "text is only for “No, something is still wrong”"),
        (url, {"secret": secret, "text": "Still wrong"}, 400,
         "right must be true (yes) or false (no, something is still wrong)"),
        (url, {**no, "right": "no"}, 400, "right must be true (yes) or false (no, something is still wrong)"),
        (url, {**no, "text": 42}, 400, "text must be text"),
        (url, {**no, "email": "ana@example.org"}, 400, "unknown field 'email'"),
        ("/api/suggestions", {**suggestion, "kind": "report", "content": None, "follows": first}, 400,
         "follows is set only by answering “Is the guide right now?” from the private link"),
    ]
    written = refs()
    logs = {ref: git(wiki, "rev-parse", ref).strip() for ref in written if ref.startswith("refs/reviews/")}
    for table in (before, after):
        for path, body, code, error in table:
            response = intake.post(path, {k: v for k, v in body.items() if v is not None})
            assert (response.status_code, response.json()) == (code, {"error": error}), (path, body)
        git(wiki, "tag", "-f", "published", merged)  # the deployment moves the ref after a build
    assert refs() == written
    assert {ref: git(wiki, "rev-parse", ref).strip() for ref in logs} == logs

    assert (_status(intake, first)["status"], _status(intake, first)["recheck"]) == ("published", "asked")

    response = intake.post(url, {"secret": secret, "right": False, "text": STILL_WRONG, "website": ""})

    assert response.status_code == 201, response.text
    answer = response.json()
    follow_up = answer["follow_up"]
    assert answer == {
        "id": first,
        "recheck": "no",
        "follow_up": {
            "id": follow_up["id"],
            "status_url": f"{intake.url}/api/suggestions/{follow_up['id']}",
            "secret": follow_up["secret"],
        },
        "warnings": ["summary: removed personal data (phone number)"],
    }
    assert len(follow_up["secret"]) >= 32 and follow_up["secret"] != secret
    first_status, report = _status(intake, first), _status(intake, follow_up["id"])
    assert (first_status["recheck"], first_status["follow_up"]) == ("no", follow_up["id"])
    assert (report["kind"], report["guide"], report["status"], report["follows"]) == (
        "report", GUIDE, "received", first,
    )
    assert report["summary"].startswith("The fee is still wrong: it is 89 euros now. Call me on ")
    assert "7946" not in report["summary"]

    # The same citizen goes on: the report keeps her contact details and her wish to hear back.
    contact = contact_get(store, follow_up["id"])
    assert contact is not None and (contact.name, contact.email) == ("Ana", "ana@example.org")
    assert (MessageKind.RECEIVED, MessageState.PENDING) in Outbox.of(store).messages(author_of(follow_up["id"]))

    # Both ways in the review record, as review show gives it.
    assert review_show(store, first).to_json()["followed_by"] == [follow_up["id"]]
    assert review_show(store, follow_up["id"]).to_json()["follows"] == first

    # Asked once: after the answer, neither "No" nor "Yes" is taken again.
    for again in (no, {"secret": secret, "right": True}):
        refused = intake.post(url, again)
        assert (refused.status_code, refused.json()["error"]) == (
            409, f"suggestion {first}: “Is the guide right now?” was answered already",
        )


def test_yes_is_recorded_and_the_question_is_not_asked_again(
    start_intake: Callable[..., Intake],
    suggestion: dict[str, Any],
    store: WikiStore,
    wiki: Path,
    git: Callable[..., str],
) -> None:
    intake = start_intake(published_rev="refs/tags/published")
    sid, secret = _submitted(intake, suggestion)
    git(wiki, "tag", "published", _merged(store, sid))
    url = f"/api/suggestions/{sid}/recheck"

    bot = intake.post(url, {"secret": "guess", "right": False, "text": "Buy now", "website": "x"})
    assert (bot.status_code, bot.json()) == (201, {"id": sid, "warnings": []})
    assert _status(intake, sid)["recheck"] == "asked"  # the honeypot wrote nothing

    response = intake.post(url, {"secret": secret, "right": True})

    assert (response.status_code, response.json()) == (
        201, {"id": sid, "recheck": "yes", "follow_up": None, "warnings": []},
    )
    status = _status(intake, sid)
    assert (status["recheck"], status["follow_up"]) == ("yes", None)
    shown = review_show(store, sid).to_json()
    assert shown["confirmed"] is not None and shown["followed_by"] == []
    again = intake.post(url, {"secret": secret, "right": False, "text": "Still wrong"})
    assert again.status_code == 409


def test_an_author_who_unsubscribed_is_not_written_to_about_the_new_report(
    start_intake: Callable[..., Intake],
    suggestion: dict[str, Any],
    store: WikiStore,
    wiki: Path,
    git: Callable[..., str],
) -> None:
    intake = start_intake(published_rev="refs/tags/published")
    sid, secret = _submitted(intake, {**suggestion, "author": {**suggestion["author"], "notify": True}})
    git(wiki, "tag", "published", _merged(store, sid))
    Outbox.of(store).stop(author_of(sid), drop_pending=True)  # her unsubscribe link

    response = intake.post(f"/api/suggestions/{sid}/recheck", {"secret": secret, "right": False, "text": "Still wrong"})

    assert response.status_code == 201, response.text
    report = response.json()["follow_up"]["id"]
    assert Outbox.of(store).subscription(author_of(report)) is None
    contact = contact_get(store, report)
    assert contact is not None and contact.email == "ana@example.org"  # kept, as for any report
