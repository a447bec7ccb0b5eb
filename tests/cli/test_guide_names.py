"""A guide is named on the command line with or without ``content/`` and ``.md``.

``history``, ``feedback list --page``, ``review list --guide`` and ``suggest edit`` all
read the name the same way (``typed_guide_path``); a folder or guide main does not have
is an error, not an empty list.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from wikitool.errors import UnsafePathError
from wikitool.gitstore import WikiStore
from wikitool.guides.paths import typed_guide_path
from wikitool.services.feedback import feedback_from_mapping, feedback_save
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

RunCli = Callable[..., Result]
GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
OTHER = "content/housing/apply-for-housing-benefit.md"
SPELLINGS = [
    "identity-and-travel/renew-an-adult-passport",
    "identity-and-travel/renew-an-adult-passport.md",
    "identity-and-travel/renew-an-adult-passport/",
    "content/identity-and-travel/renew-an-adult-passport",
    "content/identity-and-travel/renew-an-adult-passport.md",
]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_names_the_guide(typed: str) -> None:
    assert typed_guide_path(typed) == GUIDE


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("housing/fees.txt", "guide path 'housing/fees.txt' is not a .md file under content/"),
        ("../mkdocs.yml", "guide path '../mkdocs.yml' has an empty, '.' or '..' segment"),
        ("/etc/passwd", "guide path '/etc/passwd.md' is absolute"),
        ("", "guide path is empty"),
        ("/", "guide path is empty"),
    ],
)
def test_a_name_that_is_no_guide_is_refused(typed: str, error: str) -> None:
    with pytest.raises(UnsafePathError) as raised:
        typed_guide_path(typed)
    assert str(raised.value) == error


@pytest.mark.parametrize("typed", SPELLINGS)
def test_history_takes_any_spelling(wiki: Path, run_cli: RunCli, typed: str) -> None:
    canonical = run_cli("--repo", str(wiki), "history", GUIDE, "--json")
    result = run_cli("--repo", str(wiki), "history", typed, "--json")
    assert result.exit_code == 0, result.output
    assert result.stdout == canonical.stdout
    assert [c["path"] for c in json.loads(result.stdout)] == [GUIDE]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_feedback_list_takes_any_spelling(
    store: WikiStore, wiki: Path, run_cli: RunCli, typed: str
) -> None:
    for page in (GUIDE, OTHER):
        feedback_save(store, feedback_from_mapping({"page": page, "helpful": True}))

    result = run_cli("--repo", str(wiki), "feedback", "list", "--page", typed, "--json")

    assert result.exit_code == 0, result.output
    assert [item["page"] for item in json.loads(result.stdout)] == [GUIDE]


@pytest.mark.parametrize("typed", [*SPELLINGS, "identity-and-travel", "content/identity-and-travel/"])
def test_review_list_takes_any_spelling_of_a_guide_or_folder(
    store: WikiStore, wiki: Path, run_cli: RunCli, fee_fix: str, typed: str
) -> None:
    suggestion = suggestion_submit(store, SuggestionInput(guide=GUIDE, content=fee_fix, summary="First")).id

    result = run_cli("--repo", str(wiki), "review", "list", "--guide", typed, "--json")

    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)] == [suggestion]


@pytest.mark.parametrize(
    ("typed", "code", "output"),
    [
        ("housing", 0, "No open suggestions.\n"),
        ("housing/apply-for-housing-benefit", 0, "No open suggestions.\n"),
        ("housing/no-such-guide", 1, "Error: no guide or folder housing/no-such-guide on main\n"),
        ("housing/no-such-guide.md", 1, "Error: no guide or folder housing/no-such-guide.md on main\n"),
        ("identity-and-travl", 1, "Error: no guide or folder identity-and-travl on main\n"),
        ("content/nowhere/", 1, "Error: no guide or folder content/nowhere/ on main\n"),
        ("../mkdocs.yml", 1, "Error: no guide or folder ../mkdocs.yml on main\n"),
    ],
)
def test_review_list_of_a_guide_or_folder_main_does_not_have(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], typed: str, code: int, output: str
) -> None:
    refs = git(wiki, "for-each-ref")
    result = run_cli("--repo", str(wiki), "review", "list", "--guide", typed)
    assert result.exit_code == code
    assert (result.stdout if code == 0 else result.stderr) == output
    assert git(wiki, "for-each-ref") == refs


def test_review_list_shows_a_suggested_new_guide_main_does_not_have_yet(
    store: WikiStore, wiki: Path, run_cli: RunCli, published: str
) -> None:
    new = "identity-and-travel/renew-a-passport-abroad"
    suggestion = suggestion_submit(
        store, SuggestionInput(guide=f"{new}.md", content=published, summary="A new guide", new=True)
    ).id

    result = run_cli("--repo", str(wiki), "review", "list", "--guide", new, "--json")

    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)] == [suggestion]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_suggest_edit_takes_any_spelling(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    monkeypatch.setenv("EDITOR", "sed -i s/Pay.the.fee/Then.pay.the.fee/")

    result = run_cli("--repo", str(wiki), "suggest", "edit", typed, "-m", "Say when to pay")

    assert result.exit_code == 0, result.output
    suggestion = result.stdout.strip()
    changed = git(wiki, "diff", "--name-only", "main", f"refs/heads/suggestions/{suggestion}")
    assert changed.splitlines() == [GUIDE]
