"""A suggestion is named by its id or a unique start of at least 4 characters, everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from wikitool.gitstore import WikiStore
from wikitool.suggestions.contacts import contact_get
from wikitool.suggestions.input import SuggestionAuthor, SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

RunCli = Callable[..., Result]
GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
AS = ("--as", "Ana Ruiz <ana@agency.invalid>")
COMMANDS = [
    ("review", "show"),
    ("review", "log"),
    ("review", "checkout"),
    ("review", "approve", *AS),
    ("review", "comment", "-m", "Looking", *AS),
    ("review", "request-changes", "-m", "Say when", *AS),
    ("review", "reject", "--reason", "spam", *AS),
    ("review", "merge", *AS),
    ("suggest", "forget"),
]


@pytest.fixture
def suggestion(store: WikiStore, fee_fix: str) -> str:
    """An open suggestion whose author left contact details."""
    author = SuggestionAuthor("Rosa Marin", "rosa@example.org", False)
    found = SuggestionInput(guide=GUIDE, content=fee_fix, summary="First", author=author)
    return suggestion_submit(store, found).id


@pytest.mark.parametrize("short", ["0", "01", "01j"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_an_id_shorter_than_4_characters_is_refused_and_changes_nothing(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], suggestion: str,
    command: tuple[str, ...], short: str,
) -> None:  # fmt: skip
    refs = git(wiki, "for-each-ref")
    group, name, *options = command

    result = run_cli("--repo", str(wiki), group, name, short, *options)

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: a suggestion id needs at least 4 characters: {short} is too short\n"
    )
    assert git(wiki, "for-each-ref") == refs


@pytest.mark.parametrize("length", [4, 8, 26])
def test_forget_takes_a_unique_start_of_the_id(
    wiki: Path, store: WikiStore, run_cli: RunCli, suggestion: str, length: int
) -> None:
    assert contact_get(store, suggestion) is not None

    result = run_cli("--repo", str(wiki), "suggest", "forget", suggestion[:length].upper())

    assert result.exit_code == 0, result.output
    assert result.stdout == f"Deleted the contact details of suggestion {suggestion}\n"
    assert contact_get(store, suggestion) is None
