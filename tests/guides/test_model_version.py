"""A guide says which version of the guide model it follows; one of a newer model than
this wikitool reads is refused whole, by check, build and submission, with one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from guide_edits import commit_guide_edits

from wikitool.errors import SuggestionError
from wikitool.gitstore import WikiStore
from wikitool.guides.model_version import CURRENT_MODEL
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

RunCli = Callable[..., Result]
GUIDE = "content/vehicles/pay-a-parking-fine.md"
MODEL_1_WIKI = Path(__file__).resolve().parents[1] / "fixtures" / "wiki-model-1"
START = ("---\nmodel: 2\n", "---\n{model}")
NEWER = CURRENT_MODEL + 1
REFUSED = (
    f"model: {NEWER} is a newer guide model than this wikitool reads (up to {CURRENT_MODEL}): "
    "upgrade wikitool before you check, build or edit this guide"
)


def _with_model(line: str) -> tuple[str, str]:
    return START[0], START[1].format(model=line)


@pytest.mark.parametrize(
    ("line", "exit_code", "output"),
    [
        ("", 0, ""),
        (f"model: {CURRENT_MODEL}\n", 0, ""),
        (f"model: {NEWER}\n", 1, f"{GUIDE}:2: {REFUSED}\n"),
        # A newer guide may hold fields this version does not know: one line, not a flood.
        (f"model: {NEWER}\nsituations: {{abroad: You live abroad}}\n", 1, f"{GUIDE}:2: {REFUSED}\n"),
        ("model: 0\n", 1, f"{GUIDE}:2: model: 0 is less than the minimum of 1\n"),
        ("model: two\n", 1, f"{GUIDE}:2: model: must be a whole number, not the text 'two'\n"),
    ],
    ids=["absent", "current", "newer", "newer with unknown fields", "zero", "not a number"],
)
def test_check_reads_the_model_version(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], line: str, exit_code: int, output: str
) -> None:
    commit_guide_edits(wiki, git, GUIDE, _with_model(line))

    result = run_cli("--repo", str(wiki), "check", "--strict")

    assert (result.exit_code, result.stdout) == (exit_code, output)


def test_a_model_1_guide_that_says_model_2_is_told_what_to_say_the_model_2_way(
    wiki: Path, run_cli: RunCli, git: Callable[..., str]
) -> None:
    text = (MODEL_1_WIKI / GUIDE).read_text(encoding="utf-8")
    (wiki / GUIDE).write_text(text.replace("---\n", f"---\nmodel: {CURRENT_MODEL}\n", 1))
    git(wiki, "commit", "-q", "-am", "Say model 2 without migrating")

    result = run_cli("--repo", str(wiki), "check", "--strict")

    assert (result.exit_code, result.stdout) == (
        1,
        f"{GUIDE}:21: processing_time: processing_time is model 1: say it as time "
        "(migrate does it)\n"
        f"{GUIDE}:31: apply: apply is model 1: list the ways to apply as channels "
        "(migrate does it)\n",
    )


def test_build_holds_back_a_guide_of_a_newer_model_and_builds_the_others(
    wiki: Path, tmp_path: Path, run_cli: RunCli, git: Callable[..., str]
) -> None:
    commit_guide_edits(wiki, git, GUIDE, _with_model(f"model: {NEWER}\n"))

    result = run_cli("--repo", str(wiki), "build", "--out", str(tmp_path / "site"))

    assert result.exit_code == 4  # built, with a guide held back
    assert f"  {GUIDE}:2: {REFUSED} (left out)\n" in result.stdout
    assert (tmp_path / "site" / "vehicles" / "appeal-a-parking-fine" / "index.html").is_file()
    assert not (tmp_path / "site" / "vehicles" / "pay-a-parking-fine").exists()


def test_a_suggestion_of_a_newer_model_is_refused_and_nothing_is_written(
    store: WikiStore,
) -> None:
    raw = store.read(store.main(), GUIDE)
    assert raw is not None
    old, new = _with_model(f"model: {NEWER}\n")
    refs_before = store.refs("refs/")

    with pytest.raises(SuggestionError, match="newer guide model"):
        suggestion_submit(
            store,
            SuggestionInput(
                guide=GUIDE,
                content=raw.decode().replace(old, new, 1),
                summary="Follow the new guide model",
            ),
        )
    assert store.refs("refs/") == refs_before
