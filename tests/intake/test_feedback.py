"""Feedback from the page widget: stored outside git, personal data removed, listed for staff."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from intake_server import GUIDE, Intake

from wikitool.gitstore import WikiStore
from wikitool.services.feedback import (
    FeedbackError,
    FeedbackInput,
    feedback_from_mapping,
    feedback_list,
    feedback_save,
    feedback_store_path,
)

PAGE = "identity-and-travel/renew-an-adult-passport.md"
RunCli = Callable[..., Result]


def test_feedback_goes_in_and_staff_list_it(
    intake: Intake, wiki: Path, run_cli: RunCli, refs: Callable[[], list[str]]
) -> None:
    before = refs()

    sent = int(time.time())
    response = intake.post("/api/feedback", {"page": PAGE, "section": "steps", "helpful": False,
                                             "wrong": "Step 3 says 75 euros, I paid 86."})

    assert response.status_code == 201, response.text
    assert response.json()["warnings"] == []
    listed = run_cli("--repo", str(wiki), "feedback", "list", "--json")
    assert listed.exit_code == 0, listed.output
    [item] = json.loads(listed.stdout)
    assert item == {
        "id": response.json()["id"], "page": GUIDE, "section": "steps", "helpful": False,
        "wrong": "Step 3 says 75 euros, I paid 86.", "redacted": [], "created": item["created"],
    }
    assert sent <= item["created"] <= time.time()  # a Unix time: when it was received
    assert refs() == before  # nothing in git


def test_personal_data_in_the_text_is_removed_before_it_is_stored(
    intake: Intake, store: WikiStore
) -> None:
    wrong = "The fee is wrong. Mail me at ana.lopez@example.org or call +44 20 7946 0958."

    response = intake.post("/api/feedback", {"page": PAGE, "wrong": wrong})

    assert response.json()["warnings"] == ["wrong: removed personal data (e-mail address, phone number)"]
    [item] = feedback_list(store)
    assert item.wrong == "The fee is wrong. Mail me at [e-mail removed] or call [phone number removed]."
    assert item.redacted == ("e-mail address", "phone number")
    raw = feedback_store_path(store).read_bytes()
    assert b"ana.lopez" not in raw and b"7946" not in raw


def test_an_official_helpline_a_reader_quotes_is_kept(store: WikiStore) -> None:
    saved = feedback_save(store, FeedbackInput(page=GUIDE, wrong="The helpline 0800 555 0142 is closed"))
    assert saved.wrong == "The helpline 0800 555 0142 is closed"
    assert saved.redacted == ()


def test_the_store_is_private_to_its_owner(intake: Intake, store: WikiStore) -> None:
    intake.post("/api/feedback", {"page": PAGE, "helpful": True})
    path = feedback_store_path(store)
    assert path.is_relative_to(store.git_dir)
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_filled_honeypot_stores_nothing(intake: Intake, store: WikiStore) -> None:
    response = intake.post("/api/feedback", {"page": PAGE, "helpful": True, "website": "x"})
    assert response.status_code == 201
    assert feedback_list(store) == []


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"page": PAGE, "helpful": True, "rating": 5}, "feedback: unknown field 'rating'"),
        ({"helpful": True}, "feedback: page must be the page's source path, e.g. travel/visa.md"),
        ({"page": "../secrets.md", "helpful": True}, "feedback: guide path '../secrets.md' has an empty, '.' or '..' segment"),
        ({"page": "/identity/", "helpful": True}, "feedback: guide path '/identity/' is absolute"),
        ({"page": PAGE, "helpful": "yes"}, "feedback: helpful must be true, false or null"),
        ({"page": PAGE}, "feedback: empty: send helpful (true or false) or wrong (text)"),
        ({"page": PAGE, "helpful": None, "wrong": "   "}, "feedback: empty: send helpful (true or false) or wrong (text)"),
        ({"page": PAGE, "wrong": "x" * 2001}, "feedback: wrong is longer than 2000 characters"),
        ({"page": PAGE, "wrong": 5}, "feedback: wrong must be text"),
        ({"page": PAGE, "wrong": "a\u202eb"}, "feedback: wrong contains invisible characters"),
        ({"page": PAGE, "helpful": True, "section": "two words"}, "feedback: section must be a heading id (no spaces)"),
    ],
)
def test_invalid_feedback_is_refused_with_one_line(
    intake: Intake, store: WikiStore, body: dict[str, Any], error: str
) -> None:
    with pytest.raises(FeedbackError) as refused:
        feedback_from_mapping(body)
    assert str(refused.value) == error

    response = intake.post("/api/feedback", body)

    assert response.status_code == 400
    assert response.json() == {"error": error}
    assert feedback_list(store) == []


@pytest.mark.parametrize(
    ("content", "headers", "status"),
    [
        (b'{"page": ', {"Content-Type": "application/json"}, 400),
        (b"\xff", {"Content-Type": "application/json"}, 400),
        (b'{"page": "x.md", "helpful": true}', {"Content-Type": "text/plain"}, 415),
        (b'{"wrong": "' + b"a" * 9000 + b'"}', {"Content-Type": "application/json"}, 413),
    ],
)
def test_feedback_has_the_same_body_checks(
    intake: Intake, content: bytes, headers: dict[str, str], status: int
) -> None:
    assert intake.post("/api/feedback", content=content, headers=headers).status_code == status


def test_staff_list_one_page_as_text(
    store: WikiStore, wiki: Path, run_cli: RunCli
) -> None:
    other = "housing/apply-for-social-housing.md"
    feedback_save(store, feedback_from_mapping({"page": PAGE, "helpful": True}), now=1_790_000_000)
    feedback_save(store, feedback_from_mapping({"page": other, "helpful": False, "section": "fees",
                                                "wrong": "Fee\nchanged\x1b[31m"}), now=1_790_000_060)

    everything = run_cli("--repo", str(wiki), "feedback", "list")
    one_page = run_cli("--repo", str(wiki), "feedback", "list", "--page", f"content/{other}")

    assert everything.exit_code == 0, everything.output
    assert everything.stdout.splitlines() == [
        f"DATE (UTC)        {'PAGE':<{len(PAGE)}}  HELPFUL      WHAT IS WRONG",
        f"2026-09-21 14:13  {PAGE}  helpful",
        f"2026-09-21 14:14  {other + '#fees':<{len(PAGE)}}  not helpful  'Fee changed\\x1b[31m'",
    ]
    assert "2 item(s) of feedback" in everything.stderr
    assert one_page.stdout.splitlines() == [
        f"DATE (UTC)        {'PAGE':<{len(other) + 5}}  HELPFUL      WHAT IS WRONG",
        f"2026-09-21 14:14  {other}#fees  not helpful  'Fee changed\\x1b[31m'",
    ]


def test_listing_with_no_feedback_yet(wiki: Path, run_cli: RunCli) -> None:
    listed = run_cli("--repo", str(wiki), "feedback", "list", "--json")
    assert listed.exit_code == 0
    assert json.loads(listed.stdout) == []


def test_listing_an_invalid_page_is_a_user_error(wiki: Path, run_cli: RunCli) -> None:
    listed = run_cli("--repo", str(wiki), "feedback", "list", "--page", "../x.md")
    assert listed.exit_code == 1
    assert listed.stderr == "Error: guide path '../x.md' has an empty, '.' or '..' segment\n"
