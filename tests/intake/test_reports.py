"""A citizen's report (``"kind": "report"``): what is wrong, in words, with no new text.

Posted to the intake like any suggestion, it is tracked like one: listed with the
``report`` flag, shown, its status read by the tracking page, rejected by staff. It has
no branch; its words are a commit that changes nothing, kept by its review log.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from intake_server import GUIDE, Intake

from wikitool.gitstore import WikiStore

STAFF = ("--as", "Rosa Staff <rosa@agency.invalid>")

OPENING_HOURS: dict[str, Any] = {
    "kind": "report",
    "guide": "identity-and-travel/renew-an-adult-passport.md",
    "about": "Steps",
    "summary": "The opening hours are wrong",
    "rationale": "The passport office closes at 4 pm now, not 5 pm.",
    "website": "",
}


@pytest.fixture
def review(run_cli: Callable[..., Result], wiki: Path) -> Callable[..., Result]:
    """Run ``wikitool --repo WIKI review ...``."""
    return lambda *args: run_cli("--repo", str(wiki), "review", *args)


def _status(intake: Intake, sid: str) -> dict[str, Any]:
    response = intake.get(f"/api/suggestions/{sid}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_report_goes_from_the_intake_to_the_backlog_and_back_to_the_citizen(
    intake: Intake,
    review: Callable[..., Result],
    refs: Callable[[], list[str]],
    wiki: Path,
    git: Callable[..., str],
) -> None:
    before = set(refs())
    posted = intake.post("/api/suggestions", OPENING_HOURS)
    assert posted.status_code == 201, posted.text
    sid = posted.json()["id"]
    assert posted.json()["warnings"] == []
    # Only its review log: no branch, no content claim.
    assert set(refs()) - before == {f"refs/reviews/{sid}"}

    listed = review("list")
    assert listed.exit_code == 0, listed.output
    row = next(line for line in listed.stdout.splitlines() if line.startswith(sid))
    assert row.endswith(" report  The opening hours are wrong"), row
    (entry,) = json.loads(review("list", "--json").stdout)
    assert (entry["kind"], entry["about"], entry["flags"]) == ("report", "steps", ["report"])
    assert (entry["ready"], entry["added"], entry["removed"]) == (False, 0, 0)

    shown = review("show", sid)
    assert shown.exit_code == 0, shown.output
    assert "Report:     about steps (what is wrong, in the citizen's words)" in shown.stdout
    assert "Summary:    The opening hours are wrong" in shown.stdout
    assert "Rationale:  The passport office closes at 4 pm now, not 5 pm." in shown.stdout
    assert "Ready:      no: it is a report with no edit yet" in shown.stdout
    assert "Text:" not in shown.stdout  # no diff: nothing is changed
    assert "submitted (report about steps)" in review("log", sid).stdout

    status = _status(intake, sid)
    assert (status["kind"], status["status"], status["guide"]) == ("report", "received", GUIDE)
    assert status["summary"] == "The opening hours are wrong"

    rejected = review("reject", sid, "--reason", "incorrect", "-m", "We checked: 5 pm.", *STAFF)
    assert rejected.exit_code == 0, rejected.output
    status = _status(intake, sid)
    assert (status["status"], status["reason_code"]) == ("rejected", "incorrect")
    assert review("list").stdout.strip() == "No open suggestions."

    git(wiki, "fsck", "--full", "--strict")


# (what the report sends differently, the one line the intake answers with)
BAD_REPORTS = [
    pytest.param({"summary": None}, "suggestion: missing required field 'summary'", id="no-summary"),
    pytest.param({"summary": "  "}, "suggestion: summary is empty: say in one line what is wrong",
                 id="empty-summary"),
    pytest.param({"about": "opening hours"}, "about: 'opening hours' names nothing in " + GUIDE,
                 id="about-nothing"),
    pytest.param({"about": "fees[7]"}, "about: 'fees[7]' names nothing in " + GUIDE,
                 id="about-no-such-fee"),
    pytest.param({"about": "steps[99]"}, "about: steps[99] is not a step of " + GUIDE,
                 id="about-no-such-step"),
    pytest.param({"content": "---\ntitle: x\n---\n"},
                 "suggestion: a report has no content: say what is wrong in summary and rationale",
                 id="content-with-report"),
    pytest.param({"kind": "complaint"}, "suggestion: unknown kind 'complaint'", id="unknown-kind"),
    pytest.param({"kind": "edit"}, "suggestion: about is for a report (kind: report), not an edit",
                 id="about-on-an-edit"),
    pytest.param({"new": True}, "suggestion: a report is about an existing guide (new: false)",
                 id="new-guide-report"),
    pytest.param({"guide": "identity-and-travel/no-such-guide.md"},
                 "content/identity-and-travel/no-such-guide.md does not exist", id="no-such-guide"),
]


@pytest.mark.parametrize(("change", "error"), BAD_REPORTS)
def test_a_bad_report_is_refused_with_one_line_and_nothing_written(
    intake: Intake, refs: Callable[[], list[str]], change: dict[str, Any], error: str
) -> None:
    before = refs()
    body = {k: v for k, v in {**OPENING_HOURS, **change}.items() if v is not None}

    response = intake.post("/api/suggestions", body)

    assert response.status_code == 400, response.text
    assert response.json()["error"].startswith(error), response.json()["error"]
    assert "\n" not in response.json()["error"]
    assert refs() == before


@pytest.mark.parametrize(
    ("words", "kept", "warning"),
    [
        pytest.param({"summary": "Wrong hours, mail ana@example.org"},
                     "Wrong hours, mail [e-mail removed]", "summary: removed personal data (e-mail address)",
                     id="e-mail-in-summary"),
        pytest.param({"rationale": "Call me: +44 20 7946 0958"}, "The opening hours are wrong",
                     "rationale: removed personal data (phone number)", id="phone-in-rationale"),
    ],
)
def test_personal_data_in_a_reports_words_is_removed_not_refused(
    intake: Intake, words: dict[str, str], kept: str, warning: str, store: WikiStore
) -> None:
    response = intake.post("/api/suggestions", {**OPENING_HOURS, **words})

    assert response.status_code == 201, response.text
    assert response.json()["warnings"] == [warning]
    status = _status(intake, response.json()["id"])
    assert status["summary"] == kept
    log = subprocess.run(
        ["git", "-C", str(store.git_dir), "log", "--format=%B", f"refs/reviews/{status['id']}"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "example.org" not in log and "7946" not in log


def test_the_honeypot_answers_a_report_like_any_suggestion_and_writes_nothing(
    intake: Intake, refs: Callable[[], list[str]]
) -> None:
    before = refs()

    response = intake.post("/api/suggestions", {**OPENING_HOURS, "website": "https://spam.example"})

    assert response.status_code == 201
    assert refs() == before
