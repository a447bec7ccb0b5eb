"""A command's text arguments must be text: one ``Error:`` line, exit 1, nothing written.

Python reads argv bytes that are not UTF-8 (a Latin-1 terminal, a pasted binary) as lone
surrogates such as U+DCFF, which git cannot encode: ``review comment -m $'\\xff'`` ended
in a traceback after the command had started. Noncharacters are refused the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from wiki_state import GUIDE, repository_state

from wikitool.cli import cli
from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.events import SuggestionKind
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

STAFF = Identity("Test Staff", "staff@agency.invalid")
FIXED_TIME = 1_790_000_000


@pytest.fixture(scope="module")
def open_suggestion(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A wiki with one open suggestion: its path and the suggestion's id."""
    wiki = tmp_path_factory.mktemp("text-arguments") / "wiki"
    init_wiki(wiki, author=STAFF, when=FIXED_TIME)
    with WikiStore.open(wiki) as store:
        report = SuggestionInput(GUIDE, "", "The fee is wrong", kind=SuggestionKind.REPORT)
        return wiki, suggestion_submit(store, report).id


COMMANDS = [
    # (the command, with ID for the suggestion's id; the error)
    (["review", "comment", "ID", "-m", "The fee \udcff is 89"], "--message contains U+DCFF (a lone surrogate)"),
    (["review", "approve", "ID", "-m", "Fine\udce9"], "--message contains U+DCE9 (a lone surrogate)"),
    (["review", "request-changes", "ID", "-m", "Say \ufdd0 why"], "--message contains U+FDD0 (a noncharacter)"),
    (["review", "reject", "ID", "--reason", "other", "-m", "No\uffff"], "--message contains U+FFFF (a noncharacter)"),
    (["review", "comment", "ID", "-m", "Fine", "--as", "Dan \udcff <dan@agency.invalid>"], "--as contains U+DCFF (a lone surrogate)"),
    (["review", "show", "01\udcff"], "ID contains U+DCFF (a lone surrogate)"),
    (["history", "identity-and-travel/\udcff"], "GUIDE contains U+DCFF (a lone surrogate)"),
    # Before the editor opens.
    (["suggest", "edit", "identity-and-travel/renew-an-adult-passport", "--summary", "x\udcff"],
     "--summary contains U+DCFF (a lone surrogate)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("command", "error"),
    COMMANDS,
    ids=[" ".join(c[0][:2]) + f" {n}" for n, c in enumerate(COMMANDS)],
)
def test_a_text_argument_that_is_not_text_is_refused_in_one_line(
    open_suggestion: tuple[Path, str], command: list[str], error: str
) -> None:
    wiki, suggestion_id = open_suggestion
    before = repository_state(wiki)
    args = [suggestion_id if arg == "ID" else arg for arg in command]

    result = CliRunner().invoke(cli, ["--repo", str(wiki), *args], env={"EDITOR": "false"})

    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {error}, which is not text\n"
    assert repository_state(wiki) == before
