"""A suggestion carrying script, in the body or in front matter, is refused before
anything is written; a front matter value that merely looks like an attack is text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hostile_markup import (
    FRONT_MATTER_PAYLOADS,
    PAYLOADS,
    Payload,
    with_body_payload,
    with_front_matter_payload,
)
from wiki_state import GUIDE, repository_state

RunCli = Callable[..., Result]

INSERTED_AT = 85
"""The line of the passport guide where a body payload starts (just before ## Steps)."""


def _submit(run_cli: RunCli, wiki: Path, tmp_path: Path, content: str) -> Result:
    document = tmp_path / "suggestion.json"
    document.write_text(json.dumps({"guide": GUIDE, "content": content, "summary": "Fix the form link"}))
    return run_cli("--repo", str(wiki), "suggest", "submit", str(document))


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_a_suggestion_with_script_in_the_body_is_refused(
    shared_wiki: Path, run_cli: RunCli, tmp_path: Path, shared_passport: str, payload: Payload
) -> None:
    before = repository_state(shared_wiki)

    result = _submit(run_cli, shared_wiki, tmp_path, with_body_payload(shared_passport, payload))

    assert result.exit_code == 1, result.output
    lines = range(INSERTED_AT, INSERTED_AT + payload.markdown.count("\n") + 1)
    assert result.stderr in {f"Error: {GUIDE}:{n}: {payload.refused_with}\n" for n in lines}
    assert repository_state(shared_wiki) == before


@pytest.mark.parametrize("payload", [p for p in FRONT_MATTER_PAYLOADS if p.refused_with], ids=str)
def test_a_suggestion_with_html_in_front_matter_is_refused_by_the_schema(
    shared_wiki: Path, run_cli: RunCli, tmp_path: Path, shared_passport: str, payload: Payload
) -> None:
    before = repository_state(shared_wiki)

    result = _submit(
        run_cli, shared_wiki, tmp_path, with_front_matter_payload(shared_passport, payload)
    )

    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {GUIDE}:{payload.refused_with}\n"
    assert repository_state(shared_wiki) == before


@pytest.mark.parametrize("payload", [p for p in FRONT_MATTER_PAYLOADS if not p.refused_with], ids=str)
def test_quotes_in_front_matter_are_text_and_accepted(
    wiki: Path, run_cli: RunCli, tmp_path: Path, passport: str, payload: Payload
) -> None:
    result = _submit(run_cli, wiki, tmp_path, with_front_matter_payload(passport, payload))
    assert result.exit_code == 0, result.output
