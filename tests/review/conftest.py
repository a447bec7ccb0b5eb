"""Fixtures for staff review: a guide, suggestions submitted against it, members of staff."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from model_two_guides import PASSPORT_V2, PASSPORT_V2_PATH
from review_samples import FIRST_STEP, GUIDE, Submit

from wikitool.gitstore import WikiStore
from wikitool.suggestions.input import SuggestionAuthor, SuggestionInput
from wikitool.suggestions.submission import suggestion_submit


@pytest.fixture
def submit(store: WikiStore, published: str) -> Submit:
    """Submit a suggestion that applies ``(old, new)`` text edits to the guide; returns its id."""

    def run(
        *edits: tuple[str, str],
        summary: str = "Clearer first step",
        base: str | None = None,
        author: dict[str, Any] | None = None,
        rationale: str = "",
    ) -> str:
        source = published
        if base is not None:
            raw = store.read(base, GUIDE)
            assert raw is not None
            source = raw.decode("utf-8")
        content = source
        for old, new in edits or (FIRST_STEP,):
            assert old in content, old
            content = content.replace(old, new, 1)
        suggestion = SuggestionInput(
            guide=GUIDE,
            content=content,
            summary=summary,
            base=base,
            rationale=rationale,
            author=SuggestionAuthor(**author) if author else SuggestionAuthor(),
        )
        return suggestion_submit(store, suggestion).id

    return run


@pytest.fixture
def submit_to_situations_guide(
    wiki: Path, store: WikiStore, git: Callable[..., str]
) -> Callable[..., str]:
    """Commit the model 2 passport guide (situations in the country and abroad) to main;
    returns a function that submits ``(old, new)`` text edits of it and gives the id."""
    (wiki / PASSPORT_V2_PATH).write_text(PASSPORT_V2, encoding="utf-8")
    git(wiki, "add", PASSPORT_V2_PATH)
    git(wiki, "commit", "-qm", "Add the model 2 passport guide")

    def run(*edits: tuple[str, str], summary: str = "Correct the passport guide") -> str:
        content = PASSPORT_V2
        for old, new in edits:
            assert content.count(old) == 1, old
            content = content.replace(old, new)
        suggestion = SuggestionInput(guide=PASSPORT_V2_PATH, content=content, summary=summary)
        return suggestion_submit(store, suggestion).id

    return run


RunCli = Callable[..., Result]


@pytest.fixture
def review(run_cli: RunCli, wiki: Path) -> Callable[..., Result]:
    """Run ``wikitool --repo WIKI review ...``."""

    def run(*args: str) -> Result:
        return run_cli("--repo", str(wiki), "review", *args)

    return run


@pytest.fixture
def review_json(review: Callable[..., Result]) -> Callable[..., Any]:
    """Run a review command with ``--json`` and parse its output (it must succeed)."""

    def run(*args: str) -> Any:
        result = review(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run
