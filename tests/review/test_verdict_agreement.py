"""One verdict: ``review list``, ``review show``, ``review merge`` and the public status
read a suggestion's standing from the same function, so they agree on every case."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from click.testing import Result
from main_commits import commit_to_main
from review_samples import (
    ANA,
    BEN,
    FEE,
    FIRST_STEP,
    FIRST_STEP_OTHER,
    GUIDE,
    HELPLINE,
    Submit,
    staff,
)

from wikitool.gitstore import WikiStore
from wikitool.model import TOOL_IDENTITY
from wikitool.review.events import SuggestionKind
from wikitool.review.status import public_status
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

LINKED = "content/identity-and-travel/replace-a-lost-or-stolen-passport.md"
OTHER = "content/vehicles/pay-a-parking-fine.md"


@dataclass(frozen=True)
class Case:
    """A suggestion, what happens to main and the review, and the standing expected."""

    name: str
    edit: tuple[str, str] | None  # None: a report (in words, no edit yet)
    approvers: tuple[str, ...]
    main_change: str | None  # "other guide", "same guide", "same line", "linked guide deleted"
    request_changes: bool
    reject: bool
    flags: set[str]
    merge_exit: int
    blocker: str | None  # a phrase of the first reason merge gives, and show's "Ready: no"
    status: str


CASES = [
    Case("fresh", FIRST_STEP, (), None, False, False, set(), 1, "needs 1 approval", "received"),
    Case("approved", FIRST_STEP, ("ana",), None, False, False, set(), 0, None, "in review"),
    Case("stale", FIRST_STEP, ("ana",), "other guide", False, False, {"stale"}, 0, None, "in review"),
    Case("guide changed elsewhere", FIRST_STEP, ("ana",), "same guide", False, False, {"stale", "guide-changed"}, 0, None, "in review"),
    Case("conflict", FIRST_STEP, ("ana",), "same line", False, False, {"stale", "guide-changed", "conflict"}, 3, "does not merge cleanly", "in review"),
    Case("sensitive, one approval", FEE, ("ana",), None, False, False, {"sensitive"}, 1, "needs 2 approvals", "in review"),
    Case("sensitive, two approvals", FEE, ("ana", "ben"), None, False, False, {"sensitive"}, 0, None, "in review"),
    Case("changes requested", FIRST_STEP, ("ana",), None, True, False, set(), 1, "changes were requested", "in review"),
    Case("merged guide fails checks", FIRST_STEP, ("ana",), "linked guide deleted", False, False, {"stale"}, 1, "would not pass wikitool check", "in review"),
    Case("rejected", FIRST_STEP, (), None, False, True, set(), 1, "rejected", "rejected"),
    Case("report, no edit yet", None, (), "other guide", False, False, {"report", "stale"}, 1, "a report with no edit yet", "received"),
]
PEOPLE = {"ana": ANA, "ben": BEN}


def _change_main(store: WikiStore, how: str | None) -> None:
    if how is None:
        return
    path, old, new = {
        "other guide": (OTHER, "## Steps", "## Steps\n\nPay within 30 days.\n"),
        "same guide": (GUIDE, *HELPLINE),
        "same line": (GUIDE, *FIRST_STEP_OTHER),
    }.get(how, (LINKED, "", ""))
    raw = store.read(store.main(), path)
    assert raw is not None
    changed = None if how == "linked guide deleted" else raw.decode().replace(old, new, 1).encode()
    commit_to_main(store, {path: changed}, f"Staff edit: {how}", when=1_800_000_000, author=BEN, committer=TOOL_IDENTITY)


def _report(store: WikiStore) -> str:
    words = SuggestionInput(GUIDE, "", "The opening hours are wrong", kind=SuggestionKind.REPORT)
    return suggestion_submit(store, words).id


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_list_show_merge_and_status_agree(
    case: Case, store: WikiStore, submit: Submit, review: Callable[..., Result]
) -> None:
    suggestion = submit(case.edit) if case.edit else _report(store)
    for who in case.approvers:
        assert review("approve", suggestion, *staff(PEOPLE[who])).exit_code == 0
    if case.request_changes:
        assert review("request-changes", suggestion, "-m", "Say which office", *staff(BEN)).exit_code == 0
    if case.reject:
        assert review("reject", suggestion, "--reason", "duplicate", *staff(BEN)).exit_code == 0
    _change_main(store, case.main_change)

    listed = json.loads(review("list", "--state", "all", "--json").stdout)
    row = next(r for r in listed if r["id"] == suggestion)
    shown = json.loads(review("show", suggestion, "--json").stdout)
    text = review("show", suggestion).stdout
    status = public_status(store, suggestion).status

    # The listing leaves the merged guides unchecked; everything else is the same verdict.
    assert set(row["flags"]) == case.flags - {"fails-checks"}
    for key in ("stale", "guide_changed", "conflict", "mergeable", "sensitive", "changes_requested", "required_approvals", "approvers"):
        assert row[key] == shown[key], key
    assert set(row["flags"]) <= {"report", "stale", "guide-changed", "conflict", "sensitive"}
    assert status == case.status

    merged = review("merge", suggestion, *staff(BEN))
    assert merged.exit_code == case.merge_exit, merged.output
    if case.blocker is None:
        assert shown["ready"] and not shown["blockers"]
        assert "Ready:      yes" in text
        assert public_status(store, suggestion).status == "accepted"
    else:
        assert not shown["ready"]
        assert case.blocker in shown["blockers"][0]
        shown_as = "Decision:   reject" if case.reject else f"Ready:      no: {shown['blockers'][0]}"
        assert shown_as in text
        assert case.blocker in merged.output
        assert public_status(store, suggestion).status == case.status
