"""What the form editor is given to edit (``editable_parts``) is exactly what a change
list addresses: each text sent back unchanged changes nothing, and each one changed
changes its own lines only."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from wikitool.guides.page_source import read_page
from wikitool.suggestions.changed_guide import apply_changes
from wikitool.suggestions.changes import parse_changes
from wikitool.suggestions.editable_parts import editable_parts

ROOT = Path(__file__).parents[2]
GUIDES = sorted(
    path.relative_to(ROOT).as_posix()
    for folder in ("content", "tests/fixtures/real")
    for path in (ROOT / folder).rglob("*.md")
    if path.name != "index.md"
)
BASE = "0123456789abcdef0123456789abcdef01234567"


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.split("\n"), after.split("\n"), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("path", GUIDES)
def test_every_part_sent_back_unchanged_changes_nothing(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    parts = editable_parts(text, path)
    entries = [{"step": s["step"], "text": s["text"]} for s in parts["steps"]]
    entries += [{"section": s["section"], "text": s["text"]} for s in parts["sections"] if s["text"]]
    entries += [{"field": key, "set": value} for key, value in parts["fields"].items()]

    applied = apply_changes(text, parse_changes(entries[:100]), path=path, base=BASE)

    assert parts["steps"], path
    assert applied.text == text


@pytest.mark.parametrize("path", GUIDES)
def test_each_step_changed_changes_its_line_only(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")

    for step in editable_parts(text, path)["steps"]:
        entry = {"step": step["step"], "text": step["text"] + " (checked)"}
        changed = apply_changes(text, parse_changes([entry]), path=path, base=BASE).text
        removed, added = _changed_lines(text, changed)
        assert removed.endswith(step["text"]) and added == "+" + removed[1:] + " (checked)"


def test_a_guide_s_parts_in_the_order_of_the_page() -> None:
    path = "content/identity-and-travel/replace-a-lost-or-stolen-passport.md"
    parts = editable_parts((ROOT / path).read_text(encoding="utf-8"), path)

    assert [(s["step"], s["group"]) for s in parts["steps"][:4]] == [
        (0, "Report the loss"), (1, "Report the loss"), (2, "Report the loss"),
        (3, "Apply for a replacement in Veloria"),
    ]
    assert parts["steps"][2]["text"].startswith("Call the Passport Office emergency line")
    assert [s["section"] for s in parts["sections"]] == [
        "Before you start", "After you apply", "If something goes wrong", "Get help",
    ]
    assert parts["fields"]["title"] == "Replace a lost or stolen passport"


@pytest.mark.parametrize("path", GUIDES)
def test_the_parts_of_a_guide_already_read_are_the_parts_read_again(path: str) -> None:
    # A build hands over the front matter it read for the page: the same parts.
    text = (ROOT / path).read_text(encoding="utf-8")

    assert editable_parts(text, path, read_page(text, path)) == editable_parts(text, path)
