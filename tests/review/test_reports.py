"""Staff and a citizen's report: nothing to vote on or merge until it is an edit, and
``review checkout`` makes it one, on main's current guide."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from review_samples import ANA, BEN, CARA, GUIDE, HELPLINE, staff

from wikitool.gitstore import WikiStore
from wikitool.review.events import SuggestionKind
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import repair_branches, suggestion_submit

Git = Callable[..., str]
Review = Callable[..., Result]
FIRST_STEP_LINE = "1. Get a passport photo."
HOURS_FIX = "1. Get a passport photo. Photo shops close at 4 pm."


@pytest.fixture
def report(store: WikiStore) -> str:
    """A report on the passport guide's steps, as the intake or ``suggest submit`` makes it."""
    suggestion = SuggestionInput(
        guide=GUIDE,
        content="",
        summary="The opening hours are wrong",
        kind=SuggestionKind.REPORT,
        about="steps",
    )
    return suggestion_submit(store, suggestion).id


def _commit_as(git: Git, repo: Path, who: object, message: str) -> str:
    name, email = str(who).removesuffix(">").split(" <")
    git(repo, "-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "-qam", message)
    return git(repo, "rev-parse", "HEAD").strip()


def _log_tip(git: Git, wiki: Path, sid: str) -> str:
    return git(wiki, "rev-parse", f"refs/reviews/{sid}").strip()


@pytest.mark.parametrize(
    ("action", "error"),
    [
        (("approve",), "is a report with no edit to vote on yet: wikitool review checkout gives it a branch to edit"),
        (("request-changes", "-m", "Say 4 pm"), "is a report with no edit to vote on yet"),
        (("merge",), "cannot be merged: it is a report with no edit yet: wikitool review checkout gives it a branch from main's current guide to edit"),
    ],
    ids=["approve", "request-changes", "merge"],
)
def test_a_report_with_no_edit_cannot_be_voted_on_or_merged(
    wiki: Path, report: str, review: Review, git: Git, action: tuple[str, ...], error: str
) -> None:
    before = _log_tip(git, wiki, report), git(wiki, "rev-parse", "main").strip()

    refused = review(action[0], report, *action[1:], *staff(ANA))

    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"Error: suggestion {report} {error}"), refused.stderr
    assert refused.stderr.count("\n") == 1
    assert (_log_tip(git, wiki, report), git(wiki, "rev-parse", "main").strip()) == before


def test_a_report_never_gets_a_branch_by_itself(
    wiki: Path, store: WikiStore, report: str, review: Review, git: Git
) -> None:
    assert repair_branches(store) == 0
    assert review("list").exit_code == 0  # which repairs half-made suggestions too
    assert git(wiki, "for-each-ref", "refs/heads/suggestions/") == ""
    git(wiki, "fsck", "--full", "--strict")


def test_staff_turn_a_report_into_an_edit_and_merge_it(
    wiki: Path, report: str, review: Review, git: Git, published: str
) -> None:
    checkout = review("checkout", report)

    assert checkout.exit_code == 0, checkout.output
    words = git(wiki, "rev-parse", f"refs/reviews/{report}^").strip()
    # main has not moved since the citizen's revision: the branch starts at their words.
    assert git(wiki, "rev-parse", f"suggestions/{report}").strip() == words
    page = wiki / GUIDE
    page.write_text(page.read_text().replace(FIRST_STEP_LINE, HOURS_FIX, 1))
    edited = _commit_as(git, wiki, CARA, "Say when photo shops close")

    shown = json.loads(review("show", report, "--json").stdout)
    assert (shown["kind"], shown["about"], shown["tip"]) == ("report", "steps", edited)
    assert shown["awaiting_edit"] is False
    assert [(f["path"], f["added"], f["removed"]) for f in shown["files"]] == [(GUIDE, 1, 1)]
    assert "report" not in json.loads(review("list", "--json").stdout)[0]["flags"]
    assert review("approve", report, *staff(CARA)).exit_code == 1  # Cara wrote the edit
    assert review("approve", report, *staff(ANA)).exit_code == 0

    merged = review("merge", report, *staff(BEN))

    assert merged.exit_code == 0, merged.output
    assert git(wiki, "rev-parse", "main^2").strip() == edited
    assert git(wiki, "show", f"main:{GUIDE}") == published.replace(FIRST_STEP_LINE, HOURS_FIX, 1)
    assert git(wiki, "log", "-1", "--format=%s", "main") == "The opening hours are wrong\n"
    git(wiki, "fsck", "--full", "--strict")


def test_a_report_on_an_older_revision_is_edited_on_mains_current_guide(
    wiki: Path, report: str, review: Review, git: Git, published: str
) -> None:
    page = wiki / GUIDE
    page.write_text(published.replace(*HELPLINE))
    newer_main = _commit_as(git, wiki, ANA, "Say calls are free from mobiles too")

    assert review("checkout", report).exit_code == 0

    start = git(wiki, "rev-parse", f"suggestions/{report}").strip()
    words = git(wiki, "rev-parse", f"refs/reviews/{report}^").strip()
    assert git(wiki, "rev-parse", f"{start}^1", f"{start}^2").split() == [words, newer_main]
    assert page.read_text() == published.replace(*HELPLINE)  # main's guide, not the old one
    (row,) = json.loads(review("list", "--json").stdout)
    assert (row["flags"], row["added"], row["removed"]) == (["report"], 0, 0)
    assert review("merge", report, *staff(BEN)).exit_code == 1

    page.write_text(page.read_text().replace(FIRST_STEP_LINE, HOURS_FIX, 1))
    _commit_as(git, wiki, CARA, "Say when photo shops close")
    (row,) = json.loads(review("list", "--json").stdout)
    assert (row["flags"], row["added"], row["removed"], row["stale"]) == ([], 1, 1, False)
    assert review("approve", report, *staff(ANA)).exit_code == 0
    assert review("merge", report, *staff(BEN)).exit_code == 0
    assert git(wiki, "show", f"main:{GUIDE}") == published.replace(*HELPLINE).replace(
        FIRST_STEP_LINE, HOURS_FIX, 1
    )
    git(wiki, "fsck", "--full", "--strict")


def test_suggest_submit_takes_a_report_from_a_yaml_file(
    wiki: Path, tmp_path: Path, run_cli: Callable[..., Result], review: Review, git: Git
) -> None:
    document = tmp_path / "report.yaml"
    document.write_text(
        "kind: report\n"
        "guide: identity-and-travel/renew-an-adult-passport.md\n"
        "about: fees[0].amount\n"
        "summary: The online fee went up last month\n"
    )

    result = run_cli("--repo", str(wiki), "suggest", "submit", "--json", str(document))

    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["kind"], out["branch"], out["guide"]) == ("report", None, GUIDE)
    (row,) = json.loads(review("list", "--json").stdout)
    assert (row["id"], row["about"]) == (out["id"], "fees[Online renewal].amount")
    assert git(wiki, "for-each-ref", "refs/heads/suggestions/") == ""
