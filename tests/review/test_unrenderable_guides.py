"""A guide the site cannot render never reaches main from a citizen: ``suggest submit``
refuses it, and ``review merge`` refuses a suggestion a staff amendment made so, with
the same message (the intake's row is in tests/intake/test_suggestions_api.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from review_samples import ANA, BEN, CARA, GUIDE, Submit, staff

Git = Callable[..., str]
Review = Callable[..., Result]
HELPLINE = "Calls are free."
UNRENDERABLE = "Calls are free. Type `<![` here."


def cannot_render(line: int) -> str:
    """``check``'s one message for a guide with `` `<![` `` on ``line``."""
    return (
        f"{GUIDE}:{line}: the site cannot render this line: its HTML reader fails (expected "
        "name token at '<![` here.'); write it another way"
    )


def _line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if words in line)


def test_suggest_submit_refuses_a_guide_the_site_cannot_render_and_writes_nothing(
    wiki: Path, run_cli: Callable[..., Result], git: Git, published: str, tmp_path: Path
) -> None:
    content = published.replace(HELPLINE, UNRENDERABLE, 1)
    document = tmp_path / "suggestion.json"
    document.write_text(json.dumps({"guide": GUIDE, "content": content, "summary": "Fix"}))
    refs_before = git(wiki, "for-each-ref")

    result = run_cli("--repo", str(wiki), "suggest", "submit", str(document))

    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {cannot_render(_line_of(content, UNRENDERABLE))}\n",
    )
    assert git(wiki, "for-each-ref") == refs_before


def test_review_merge_refuses_a_suggestion_amended_into_a_guide_the_site_cannot_render(
    wiki: Path, submit: Submit, review: Review, git: Git
) -> None:
    sid = submit()
    assert review("checkout", sid).exit_code == 0
    page = wiki / GUIDE
    page.write_text(page.read_text().replace(HELPLINE, UNRENDERABLE, 1))
    name, email = CARA.name, CARA.email
    git(wiki, "-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "-qam", "Amend")
    assert review("approve", sid, *staff(ANA)).exit_code == 0
    main_before = git(wiki, "rev-parse", "main")

    merged = review("merge", sid, *staff(BEN))

    line = _line_of(page.read_text(), UNRENDERABLE)
    assert merged.exit_code == 1
    assert merged.stderr.count("\n") == 1
    assert f"the merged guide would not pass wikitool check: {cannot_render(line)}" in (
        merged.stderr
    )
    assert git(wiki, "rev-parse", "main") == main_before
