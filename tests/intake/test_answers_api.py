"""``POST /api/suggestions/<id>/answers``: the author answers staff's question with the
secret only their confirmation page carries; anything else is a 4xx with the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from intake_server import Intake

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.conversation import review_ask
from wikitool.review.decisions import review_reject
from wikitool.review.events import RejectReason
from wikitool.review.log import review_ref
from wikitool.suggestions.input import suggestion_from_mapping
from wikitool.suggestions.submission import suggestion_submit

STAFF = Identity("Rosa Staff", "rosa@agency.invalid")
QUESTION = "Which office did you go to? (We can reach you at rosa@agency.invalid.)"
NOT_YOURS = (
    "this private link does not belong to the suggestion: "
    "use the link from your confirmation page or e-mail"
)


def _submitted(intake: Intake, body: dict[str, Any]) -> tuple[str, str]:
    response = intake.post("/api/suggestions", body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"]), str(response.json()["secret"])


def test_the_author_answers_the_question_with_their_secret(
    intake: Intake, suggestion: dict[str, Any], store: WikiStore
) -> None:
    sid, secret = _submitted(intake, suggestion)
    report = {k: v for k, v in suggestion.items() if k != "content"}
    other, other_secret = _submitted(intake, {**report, "kind": "report", "summary": "The fee is wrong"})
    assert len(secret) >= 22 and secret not in (sid, other_secret)
    duplicate = intake.post("/api/suggestions", suggestion).json()
    assert (duplicate["duplicate"], duplicate["secret"]) == (True, None)  # a +1 answers nothing
    closed, closed_secret = _submitted(intake, {**suggestion, "content": suggestion["content"].replace("First,", "Before anything,")})
    for asked in (sid, closed):
        review_ask(store, asked, staff=STAFF, text=QUESTION)
    review_reject(store, closed, staff=STAFF, reason=RejectReason.INCORRECT)

    status = intake.get(f"/api/suggestions/{sid}").json()
    assert status["status"] == "waiting for your answer"
    assert status["question"].startswith("Which office did you go to? (We can reach you at ")
    assert "rosa@agency.invalid" not in status["question"]  # personal data removed, even staff's

    url = f"/api/suggestions/{sid}/answers"
    refused: list[tuple[str, Any, int, str]] = [
        (url, {"text": "Main Street"}, 403, "the answer needs the secret of your private link"),
        (url, {"secret": "", "text": "Main Street"}, 403, "the answer needs the secret of your private link"),
        (url, {"secret": other_secret, "text": "Main Street"}, 403, NOT_YOURS),
        (url, {"secret": secret[:-1], "text": "Main Street"}, 403, NOT_YOURS),
        (f"/api/suggestions/{other}/answers", {"secret": other_secret, "text": "Main Street"}, 409,
         f"suggestion {other} has no question waiting for an answer"),
        (f"/api/suggestions/{closed}/answers", {"secret": closed_secret, "text": "Main Street"}, 409,
         f"suggestion {closed} was rejected; it can no longer be changed"),
        (url, {"secret": secret, "text": "<img src=x onerror=alert(1)>"}, 400, "the answer: line 1: HTML event handler attribute onerror in <img>"),
        (url, {"secret": secret, "text": "x" * 5001}, 400, "the answer is longer than 5000 characters"),
        (url, {"secret": secret, "text": ""}, 400, "the answer is empty: write your answer to the question"),
        (url, {"secret": secret, "text": 42}, 400, "text must be text"),
        (url, f'{{"secret": "{secret}", "text": "Main \\ud800 Street"}}', 400, "text contains U+D800 (a lone surrogate), which is not text"),
        (url, {"secret": secret, "text": "Main Street", "name": "Ana"}, 400, "unknown field 'name'"),
        ("/api/suggestions/not-an-id/answers", {"secret": secret, "text": "Main Street"}, 404, "no suggestion with this id"),
    ]
    logs = {s: store.ref(review_ref(s)) for s in (sid, other, closed)}
    for path, body, code, error in refused:
        if isinstance(body, str):  # JSON no client library would encode
            response = intake.post(path, content=body.encode(), headers={"Content-Type": "application/json"})
        else:
            response = intake.post(path, body)
        assert (response.status_code, response.json()) == (code, {"error": error}), (body, response.text)
    assert {s: store.ref(review_ref(s)) for s in logs} == logs

    response = intake.post(url, {"secret": secret, "text": "The Main Street office; call me on 020 7946 0958."})

    assert response.status_code == 201, response.text
    assert response.json() == {
        "id": sid, "status": "in review", "warnings": ["answer: removed personal data (phone number)"],
    }
    assert intake.get(f"/api/suggestions/{sid}").json()["status"] == "in review"
    again = intake.post(url, {"secret": secret, "text": "And another thing"})
    assert (again.status_code, again.json()["error"]) == (409, f"suggestion {sid} has no question waiting for an answer")


def test_answers_meet_the_honeypot_and_the_rate_limit(
    start_intake: Callable[..., Intake], suggestion: dict[str, Any], store: WikiStore
) -> None:
    submitted = suggestion_submit(store, suggestion_from_mapping({k: v for k, v in suggestion.items() if k != "website"}))
    review_ask(store, submitted.id, staff=STAFF, text=QUESTION)
    log = store.ref(review_ref(submitted.id))
    intake = start_intake(rate_limit=1)
    url = f"/api/suggestions/{submitted.id}/answers"

    bot = intake.post(url, {"secret": "guess", "text": "Buy now", "website": "http://spam.example"})
    assert (bot.status_code, bot.json()) == (201, {"id": submitted.id, "warnings": []})
    flood = intake.post(url, {"secret": submitted.secret, "text": "Main Street"})
    assert flood.status_code == 429 and flood.headers["Retry-After"]
    assert flood.json()["error"].startswith("too many requests: try again in ")
    assert store.ref(review_ref(submitted.id)) == log
