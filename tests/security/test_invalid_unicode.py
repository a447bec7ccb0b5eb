"""Text that is not Unicode is refused at the edge, in every field, and nothing is written.

A lone surrogate (a JSON ``"\\ud800"`` escape, a YAML ``"\\uD800"``) cannot be encoded by
git, SQLite or the HTTP response: before, it crashed half way through a write (with
``author.email``, after the branch and review log were written). A noncharacter
(U+FDD0-U+FDEF, U+xFFFE, U+xFFFF) is valid UTF-8 but not text people exchange. Each way
in, ``wikitool suggest submit FILE`` and the intake's suggestion, report and feedback,
refuses them in every field with one line naming it (exit 1, or a 400 with the reason),
and the repository's refs and objects and the SQLite stores beside it stay as they were.
A NUL (a JSON ``"\\u0000"`` escape) is refused the same way: it got past the check of the
raw bytes, and git refuses it in a commit message (``git fsck --strict``).
"""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from wiki_state import GUIDE, everything_state, post_json

from wikitool.cli import cli
from wikitool.errors import SuggestionError
from wikitool.gitstore import WikiStore
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

PAGE = "identity-and-travel/renew-an-adult-passport.md"
BAD = ["\ud800", "\udfff", "\ufdd0", "\uffff", "\U0010fffe", "\x00", "\ufffe", "\udbff", "\ufdef"]

AUTHOR = {"name": "Ana", "email": "ana@example.org", "credit": True}
EDIT: dict[str, Any] = {
    "guide": PAGE,
    "content": None,  # the published guide with its first step reworded (set below)
    "summary": "Say what to do first",
    "rationale": "I renewed mine last week.",
    "author": AUTHOR,
}
CHANGES: dict[str, Any] = {
    "guide": PAGE,
    "changes": [
        {"step": 0, "text": "Check the photo rules first."},
        {"field": "fees[2].note", "set": "Includes the renewal fee. Book online."},
        {"section": "After you apply", "text": "You get a letter within a week."},
    ],
    "summary": "Clearer first step, fee note and what happens next",
    "author": AUTHOR,
}
REPORT: dict[str, Any] = {
    "kind": "report",
    "guide": PAGE,
    "about": "fees[0]",
    "summary": "The online fee is 89 euros now",
    "rationale": "The payment page asked for 89.",
    "author": {"name": "Ana", "email": "ana@example.org", "credit": False},
}
FEEDBACK: dict[str, Any] = {
    "page": PAGE,
    "section": "steps",
    "helpful": False,
    "wrong": "Step 3 is out of date.",
}

# What is sent and which field of it holds the bad character: (document, field path).
SUGGESTION_FIELDS = [
    ("edit", "guide"), ("edit", "content"), ("edit", "summary"), ("edit", "rationale"),
    ("edit", "author.name"), ("edit", "author.email"), ("edit", "base"), ("edit", "kind"),
    ("edit", "a field name"),
    ("changes", "changes[0].text"), ("changes", "changes[1].field"), ("changes", "changes[1].set"),
    ("changes", "changes[2].section"), ("changes", "changes[2].text"),
    ("report", "about"), ("report", "summary"), ("report", "rationale"),
    ("report", "author.name"), ("report", "author.email"),
]  # fmt: skip
FEEDBACK_FIELDS = [("feedback", "page"), ("feedback", "section"), ("feedback", "wrong"),
                   ("feedback", "a field name")]  # fmt: skip


def _spoiled(document: dict[str, Any], field: str, bad: str) -> dict[str, Any]:
    """``document`` with ``bad`` put into ``field`` (a path like ``changes[1].set``)."""
    spoiled = copy.deepcopy(document)
    if field == "a field name":
        spoiled["summary" + bad] = "x"
        return spoiled
    if field in ("base", "kind") and field not in spoiled:
        spoiled[field] = ""
    steps: list[str | int] = []
    for part in field.replace("]", "").split("."):
        name, *index = part.split("[")
        steps += [name, *(int(i) for i in index)]
    *parents, last = steps
    container: Any = spoiled
    for step in parents:
        container = container[step]
    # In the middle of the text, so no trimming or splitting of the field removes it.
    value = container[last]
    container[last] = value[: len(value) // 2] + bad + value[len(value) // 2 :]
    return spoiled


def _cases(fields: list[tuple[str, str]], offset: int) -> list[Any]:
    # Each field gets one of the bad characters in turn, so every kind reaches every way in.
    return [
        pytest.param(doc, field, BAD[(n + offset) % len(BAD)], id=f"{doc}-{field}")
        for n, (doc, field) in enumerate(fields)
    ]


@pytest.fixture(scope="module")
def documents(
    shared_wiki: Path, shared_passport: str, shared_intake: httpx.Client
) -> Iterator[dict[str, dict[str, Any]]]:
    """The valid documents each case spoils, each first sent whole and accepted, so the
    stores exist and a spoiled field is the only reason for a refusal. After the module,
    real git finds the repository whole."""
    edit = {
        **EDIT,
        "content": shared_passport.replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1),
    }
    sent = {"edit": edit, "changes": CHANGES, "report": REPORT, "feedback": FEEDBACK}
    before = everything_state(shared_wiki)
    for name, document in sent.items():
        path = "/api/feedback" if name == "feedback" else "/api/suggestions"
        answer = post_json(shared_intake, path, document)
        assert answer.status_code == 201, (name, answer.text)
    after = everything_state(shared_wiki)
    assert after[0] != before[0] and after[1] != before[1]  # refs and objects written
    assert {"private.sqlite3", "feedback.sqlite3"} <= set(after[2])  # type: ignore[arg-type]
    yield sent
    subprocess.run(["git", "-C", str(shared_wiki), "fsck", "--full", "--strict"], check=True,
                   capture_output=True)  # fmt: skip


@pytest.mark.parametrize(("document", "field", "bad"), _cases(SUGGESTION_FIELDS, 0))
def test_suggest_submit_refuses_it_in_every_field_and_writes_nothing(
    shared_wiki: Path, documents: dict[str, dict[str, Any]], tmp_path: Path,
    document: str, field: str, bad: str,
) -> None:  # fmt: skip
    path = tmp_path / "suggestion.json"
    path.write_bytes(json.dumps(_spoiled(documents[document], field, bad)).encode("ascii"))
    before = everything_state(shared_wiki)

    result = CliRunner().invoke(cli, ["--repo", str(shared_wiki), "suggest", "submit", str(path)])

    assert result.exit_code == 1, result.output
    code = f"U+{ord(bad):04X}"
    assert result.output.splitlines() == [
        f"Error: {path}: {field} contains {code} ({_kind(bad)}), which is not text"
    ]
    assert everything_state(shared_wiki) == before


@pytest.mark.parametrize(
    ("document", "field", "bad"), _cases(SUGGESTION_FIELDS + FEEDBACK_FIELDS, 3)
)
def test_the_intake_answers_400_naming_the_field_and_writes_nothing(
    shared_wiki: Path, shared_intake: httpx.Client, documents: dict[str, dict[str, Any]],
    document: str, field: str, bad: str,
) -> None:  # fmt: skip
    before = everything_state(shared_wiki)
    target = "/api/feedback" if document == "feedback" else "/api/suggestions"

    answer = post_json(shared_intake, target, _spoiled(documents[document], field, bad))

    assert answer.status_code == 400, answer.text
    source = "feedback" if document == "feedback" else "suggestion"
    code = f"U+{ord(bad):04X}"
    assert answer.json() == {
        "error": f"{source}: {field} contains {code} ({_kind(bad)}), which is not text"
    }
    assert everything_state(shared_wiki) == before


YAML_FILES = [
    ("a raw noncharacter", "rationale: Fee is 89\ufdd0 now\n", "rationale contains U+FDD0 (a noncharacter), which is not text"),
    ("an escaped lone surrogate", 'author: {name: Ana, email: "ana\\uD800@example.org"}\n',
     "author.email contains U+D800 (a lone surrogate), which is not text"),
    ("a surrogate encoded in UTF-8 bytes", "summary: Fee \udcff\n", "is not valid UTF-8"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "line", "error"), YAML_FILES, ids=[c[0] for c in YAML_FILES])
def test_a_yaml_suggestion_file_is_refused_the_same_way(
    shared_wiki: Path, documents: dict[str, dict[str, Any]], tmp_path: Path,
    case: str, line: str, error: str,
) -> None:  # fmt: skip
    path = tmp_path / "suggestion.yaml"
    lines = ["kind: report", f"guide: {PAGE}", "summary: The fee is wrong", line]
    # "surrogatepass" writes the bytes a broken encoder would (ED B3 BF for U+DCFF).
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    before = everything_state(shared_wiki)

    result = CliRunner().invoke(cli, ["--repo", str(shared_wiki), "suggest", "submit", str(path)])

    assert result.exit_code == 1, result.output
    [message] = result.output.splitlines()
    assert message.startswith(f"Error: {path}") and message.endswith(error)
    assert everything_state(shared_wiki) == before


def _kind(bad: str) -> str:
    if bad == "\x00":
        return "a NUL character"
    return "a lone surrogate" if 0xD800 <= ord(bad) <= 0xDFFF else "a noncharacter"


def test_a_suggestion_made_in_code_is_checked_again_by_the_submission(
    shared_wiki: Path, documents: dict[str, dict[str, Any]]
) -> None:
    # suggest edit builds its SuggestionInput from the editor and argv, where Python reads
    # bytes that are not UTF-8 as lone surrogates ("surrogateescape").
    content = documents["edit"]["content"]
    before = everything_state(shared_wiki)

    with WikiStore.open(shared_wiki) as store, pytest.raises(SuggestionError) as refused:
        suggestion_submit(store, SuggestionInput(GUIDE, content, "Fee is 89 \udcff"))

    assert str(refused.value) == "summary contains U+DCFF (a lone surrogate), which is not text"
    assert everything_state(shared_wiki) == before
