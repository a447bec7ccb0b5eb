"""A whole guide compared: new and deleted guides, unreadable sides, line counts, JSON."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from diff_samples import GUIDE, GUIDE_PATH, edit, field_lines, file_line

from wikitool.diffing import GuideDiff, count_lines, guide_diff, render_text
from wikitool.guides.frontmatter import parse_guide

GUIDE_KEYS = set(parse_guide(GUIDE, GUIDE_PATH).data())
GUIDE_LINES = GUIDE.count("\n") + (not GUIDE.endswith("\n"))


def test_a_new_guide_shows_every_field_and_line_as_added() -> None:
    diff = guide_diff(GUIDE_PATH, None, GUIDE.encode())

    assert diff.status == "new"
    assert (diff.added_lines, diff.removed_lines) == (GUIDE_LINES, 0)
    assert diff.changed_keys == GUIDE_KEYS
    assert {change.change for change in diff.fields} == {"added"}
    (hunk,) = diff.body
    assert {line.kind for line in hunk.lines} == {"added"}
    assert hunk.new_start == parse_guide(GUIDE, GUIDE_PATH).body_line
    rendered = render_text(diff, color=False)
    assert rendered.startswith(f"{GUIDE_PATH}: new guide ({GUIDE_LINES} lines)\n")
    assert 'title: added "Renew an adult passport"' in field_lines(rendered)
    assert (
        'fees[Paper form by post]: added {label: "Paper form by post", amount: 95, currency: "EUR"}'
        in field_lines(rendered)
    )


def test_a_deleted_guide_shows_every_field_and_line_as_removed() -> None:
    diff = guide_diff(GUIDE_PATH, GUIDE.encode(), None)

    assert diff.status == "deleted"
    assert (diff.added_lines, diff.removed_lines) == (0, GUIDE_LINES)
    assert diff.changed_keys == GUIDE_KEYS
    assert {change.change for change in diff.fields} == {"removed"}
    assert {line.kind for hunk in diff.body for line in hunk.lines} == {"removed"}
    assert render_text(diff, color=False).startswith(
        f"{GUIDE_PATH}: guide deleted ({GUIDE_LINES} lines)\n"
    )


@pytest.mark.parametrize(
    ("old", "new"), [(GUIDE.encode(), GUIDE.encode()), (None, None), (b"\xff", b"\xff")]
)
def test_an_unchanged_guide_has_an_empty_diff(old: bytes | None, new: bytes | None) -> None:
    diff = guide_diff(GUIDE_PATH, old, new)

    assert (diff.status, diff.fields, diff.body, diff.changed_keys) == ("unchanged", [], [], set())
    assert (diff.added_lines, diff.removed_lines) == (0, 0)
    assert render_text(diff, color=False) == f"{GUIDE_PATH}: no changes\n"


BROKEN_FEE = ("    amount: 86\n", "    amount: [86\n")

# (old, new, why field-by-field comparison was given up, a line the line diff shows,
#  the keys it can still tell were touched)
UNREADABLE = {
    "new side with broken YAML": (
        GUIDE.encode(),
        edit(GUIDE, BROKEN_FEE).encode(),
        f"{GUIDE_PATH}:13: invalid YAML: expected ',' or ']'",
        "~     amount: {+[+}86",
        {"fees"},
    ),
    "old side with broken YAML": (
        edit(GUIDE, BROKEN_FEE).encode(),
        GUIDE.encode(),
        f"{GUIDE_PATH}:13: invalid YAML: expected ',' or ']'",
        "~     amount: [-[-]86",
        {"fees"},
    ),
    "front matter never closed": (
        GUIDE.encode(),
        GUIDE.replace("lang: en\n---\n", "lang: fr\n").encode(),
        f"{GUIDE_PATH}:1: front matter is not closed",
        "- ---",
        {"lang"},
    ),
    "no front matter at all": (
        b"Just a note.\n",
        b"Just a longer note.\n",
        f"{GUIDE_PATH}:1: missing front matter",
        "~ Just a{+ longer+} note.",
        set(),
    ),
    "invalid UTF-8": (
        GUIDE.encode(),
        GUIDE.encode().replace(b"86 euros", b"86 \xe2\x82 euros"),
        f"{GUIDE_PATH}:{file_line(GUIDE, '5. Pay')}: is not valid UTF-8 text (byte 0xE2)",
        "~ 5. Pay the fee of 86{+ \ufffd+} euros.",
        set(),
    ),
    "a new file that is not a guide": (
        None,
        b"\x00\x01binary",
        f"{GUIDE_PATH}:1: contains a NUL byte: pages must be plain text",
        "+ \\x00\\x01binary",
        set(),
    ),
}


@pytest.mark.parametrize(
    ("old", "new", "reason", "shown", "keys"), UNREADABLE.values(), ids=UNREADABLE.keys()
)
def test_an_unreadable_side_falls_back_to_a_line_diff_of_the_whole_file(
    old: bytes | None, new: bytes | None, reason: str, shown: str, keys: set[str]
) -> None:
    diff = guide_diff(GUIDE_PATH, old, new)

    assert diff.fallback_reason is not None
    assert diff.fallback_reason.startswith(reason)
    assert diff.fields == []
    assert diff.changed_keys == keys
    rendered = render_text(diff, color=False)
    assert "Note: the details at the top of the page could not be read" in rendered
    assert shown in rendered.splitlines()


def test_front_matter_written_differently_but_meaning_the_same_shows_the_text() -> None:
    new = edit(GUIDE, ("lang: en\n", "lang: en  # checked by the Passport Office\n"))

    diff = guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode())

    assert (diff.fields, diff.changed_keys, diff.fallback_reason) == ([], set(), None)
    (hunk,) = diff.body
    assert hunk.section is None  # YAML comments above are not taken for headings
    changed = [line for line in hunk.lines if line.kind == "changed"]
    assert [(line.new_line, line.new_text) for line in changed] == [
        (file_line(new, "lang: en"), "lang: en  # checked by the Passport Office")
    ]


# Pairs of files whose +/- line counts must be what `git diff --numstat` says.
NUMSTAT = {
    "one word": (GUIDE, edit(GUIDE, ("86 euros", "87 euros"))),
    "fields and body": (
        GUIDE,
        edit(
            GUIDE,
            ("amount: 86", "amount: 87"),
            ("  - Your current passport was issued when you were 16 or over.\n", ""),
            ("## Get help\n", "## Get help\n\nOpen every day.\nAlso online.\n"),
        ),
    ),
    "a section moved": (
        GUIDE,
        edit(
            GUIDE,
            ("## Before you start", "## Before you begin"),
            ("Calls are free.\n", "Calls are free.\n\nLast line.\n"),
        ),
    ),
    "no line break at the end": (GUIDE, GUIDE.removesuffix("\n")),
    "CRLF line endings": (GUIDE, GUIDE.replace("\n", "\r\n")),
    "empty to something": ("", "one\ntwo\n"),
    "a paragraph moved to another section": (
        GUIDE,
        edit(
            GUIDE,
            (
                "Check the expiry date of your passport. Many countries ask for a passport that is valid for at least 6 months after the date you arrive.\n\n",
                "",
            ),
            (
                "## Get help\n",
                "## Get help\n\nCheck the expiry date of your passport. Many countries ask for a passport that is valid for at least 6 months after the date you arrive.\n",
            ),
        ),
    ),
    # difflib's longest-match-first diff would count 8 added and 2 removed here
    "a shortest diff, as git finds": ("b\na\nb\nc\nb\nb\n", "b\nb\nb\nc\na\nc\na\nb\na\na\nc\nb\n"),
    "repeated lines reshuffled": ("a\nb\n" * 60, "b\na\n" * 60 + "c\n"),
    "more edits than are counted exactly": (
        "".join(f"old {n}\n" for n in range(800)),
        "".join(f"new {n}\n" for n in range(700)),
    ),
}


@pytest.mark.parametrize(("old", "new"), NUMSTAT.values(), ids=NUMSTAT.keys())
def test_line_counts_match_git_diff_numstat(old: str, new: str, tmp_path: Path) -> None:
    old_file, new_file = tmp_path / "old.md", tmp_path / "new.md"
    old_file.write_bytes(old.encode())
    new_file.write_bytes(new.encode())
    done = subprocess.run(
        ["git", "diff", "--no-index", "--numstat", "old.md", "new.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    added, removed, _ = done.stdout.split("\t")

    diff = guide_diff(GUIDE_PATH, old.encode(), new.encode())

    assert (diff.added_lines, diff.removed_lines) == (int(added), int(removed))
    assert count_lines(old.encode(), new.encode()) == (int(added), int(removed))


def test_the_json_form_is_stable() -> None:
    old = b"---\ntitle: Pay a fine\nfees:\n  - amount: 40\n---\n## Steps\n\n1. Pay 40 euros.\n"
    new = b"---\ntitle: Pay a fine\nfees:\n  - amount: 45\n---\n## Steps\n\n1. Pay 45 euros.\n"

    diff = guide_diff("content/roads/pay-a-fine.md", old, new)

    assert diff.to_json() == {
        "path": "content/roads/pay-a-fine.md",
        "status": "changed",
        "added_lines": 2,
        "removed_lines": 2,
        "changed_keys": ["fees"],
        "fallback_reason": None,
        "affects": None,
        "fields": [
            {
                "path": "fees[0].amount",
                "key": "fees",
                "change": "changed",
                "line": 4,
                "unit": None,
                "situations": [],
                "old": 40,
                "new": 45,
            },
        ],
        "body": [
            {
                "old_start": 6,
                "new_start": 6,
                "section": "Steps",
                "lines": [
                    {
                        "kind": "context",
                        "old_line": 6,
                        "new_line": 6,
                        "segments": [{"kind": "equal", "text": "## Steps"}],
                    },
                    {
                        "kind": "context",
                        "old_line": 7,
                        "new_line": 7,
                        "segments": [{"kind": "equal", "text": ""}],
                    },
                    {
                        "kind": "changed",
                        "old_line": 8,
                        "new_line": 8,
                        "segments": [
                            {"kind": "equal", "text": "1. Pay "},
                            {"kind": "removed", "text": "40"},
                            {"kind": "added", "text": "45"},
                            {"kind": "equal", "text": " euros."},
                        ],
                    },
                ],
            }
        ],
    }
    assert json.loads(json.dumps(diff.to_json())) == diff.to_json()


def test_a_diff_is_an_immutable_value() -> None:
    diff = guide_diff(GUIDE_PATH, GUIDE.encode(), GUIDE.encode())

    assert isinstance(diff, GuideDiff)
    with pytest.raises(AttributeError):
        diff.path = "elsewhere.md"  # type: ignore[misc]
