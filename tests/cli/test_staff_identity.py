"""An action without ``--as`` says whose name it recorded, and where that name came from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import review_approve
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

RunCli = Callable[..., Result]
GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
ANA = Identity("Ana Ruiz", "ana@agency.invalid")
ACTIONS = [
    ("comment", "-m", "Checking the fee"),
    ("approve",),
    ("request-changes", "-m", "Say from when"),
    ("reject", "--reason", "duplicate"),
    ("merge",),
]
SOURCES = [
    # (environment, --as, who is recorded, the line on standard error)
    ({}, "Ben Osei <ben@agency.invalid>", "Ben Osei <ben@agency.invalid>", ""),
    ({"WIKITOOL_STAFF": "Wen Li <wen@agency.invalid>"}, None, "Wen Li <wen@agency.invalid>",
     "Recorded as Wen Li <wen@agency.invalid> (from WIKITOOL_STAFF)\n"),
    ({"GIT_AUTHOR_NAME": "Gil Ames", "GIT_AUTHOR_EMAIL": "gil@agency.invalid"}, None,
     "Gil Ames <gil@agency.invalid>",
     "Recorded as Gil Ames <gil@agency.invalid> (from GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL)\n"),
    ({}, None, "Test Staff <staff@agency.invalid>",
     "Recorded as Test Staff <staff@agency.invalid> (from git config)\n"),
]  # fmt: skip


@pytest.fixture
def approved(store: WikiStore, fee_fix: str) -> str:
    """An open suggestion Ana approved: every action, merge included, can follow."""
    found = SuggestionInput(guide=GUIDE, content=fee_fix, summary="Say what to do first")
    suggestion = suggestion_submit(store, found).id
    review_approve(store, suggestion, staff=ANA)
    return suggestion


@pytest.mark.parametrize(("env", "as_option", "who", "said"), SOURCES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a[0])
def test_an_action_says_whose_name_the_machine_recorded(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], monkeypatch: pytest.MonkeyPatch,
    approved: str, action: tuple[str, ...], env: dict[str, str], as_option: str | None,
    who: str, said: str,
) -> None:  # fmt: skip
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    name, *options = action
    chosen = ("--as", as_option) if as_option else ()

    result = run_cli("--repo", str(wiki), "review", name, approved, *options, *chosen)

    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines(True) if "Recorded" in line] == (
        [said] if said else []
    )
    last = git(wiki, "log", "-1", "--format=%an <%ae>", f"refs/reviews/{approved}").strip()
    assert last == who


def test_a_refused_action_records_nothing_and_says_nothing_of_it(
    wiki: Path, run_cli: RunCli, store: WikiStore, fee_fix: str, git: Callable[..., str]
) -> None:
    found = SuggestionInput(guide=GUIDE, content=fee_fix, summary="Say what to do first")
    suggestion = suggestion_submit(store, found).id
    refs = git(wiki, "for-each-ref")

    result = run_cli("--repo", str(wiki), "review", "merge", suggestion)

    assert result.exit_code == 1
    assert "Recorded" not in result.stderr
    assert result.stderr.startswith("Error: ")
    assert git(wiki, "for-each-ref") == refs
