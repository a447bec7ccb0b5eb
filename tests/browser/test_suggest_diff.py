"""The suggestion page's diff (theme/assets/javascripts/diff.js), run in the browser on
small texts: which lines changed, and which words within a changed line."""

from __future__ import annotations

from typing import Any

import pytest
from browsing import DESKTOP_ONLY, PASSPORT, PublishedWiki
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, DESKTOP_ONLY]


@pytest.fixture
def diff_page(page: Page, published: PublishedWiki) -> Page:
    """A page with diff.js loaded (the suggestion page)."""
    page.goto(f"{published.base_url}/suggest/?guide={PASSPORT}")
    page.wait_for_function("window.WikitoolDiff !== undefined")
    return page


def line_changes(page: Page, old: str, new: str) -> list[dict[str, Any]]:
    blocks = page.evaluate("([a, b]) => WikitoolDiff.lineChanges(a, b, 1)", [old, new])
    assert isinstance(blocks, list)
    return [
        {k: b[k] for k in ("oldLine", "newLine", "before", "removed", "added", "after")}
        for b in blocks
    ]


@pytest.mark.parametrize(
    ("old", "new", "blocks"),
    [
        ("a\nb\nc", "a\nb\nc", []),
        (
            "a\nb\nc",
            "a\nB\nc",
            [
                {
                    "oldLine": 2,
                    "newLine": 2,
                    "before": ["a"],
                    "removed": ["b"],
                    "added": ["B"],
                    "after": ["c"],
                }
            ],
        ),
        (
            "a\nb\nc",
            "a\nb\nnew\nc",
            [
                {
                    "oldLine": 3,
                    "newLine": 3,
                    "before": ["b"],
                    "removed": [],
                    "added": ["new"],
                    "after": ["c"],
                }
            ],
        ),
        (
            "a\nb\nc\nd",
            "b\nc",
            [
                {
                    "oldLine": 1,
                    "newLine": 1,
                    "before": [],
                    "removed": ["a"],
                    "added": [],
                    "after": ["b"],
                },
                {
                    "oldLine": 4,
                    "newLine": 3,
                    "before": ["c"],
                    "removed": ["d"],
                    "added": [],
                    "after": [],
                },
            ],
        ),
        (
            "x\n1\n2\ny\n3\nz",
            "x\n1\nY\n3\nz",
            [
                {
                    "oldLine": 3,
                    "newLine": 3,
                    "before": ["1"],
                    "removed": ["2", "y"],
                    "added": ["Y"],
                    "after": ["3"],
                }
            ],
        ),
    ],
    ids=["same", "changed line", "added line", "removed at both ends", "two lines become one"],
)
def test_line_changes(diff_page: Page, old: str, new: str, blocks: list[dict[str, Any]]) -> None:
    assert line_changes(diff_page, old, new) == blocks


@pytest.mark.parametrize(
    ("old", "new", "before", "after"),
    [
        (
            "5. Pay the fee of 86 euros.",
            "5. Pay the fee of 89 euros.",
            [["5. Pay the fee of ", False], ["86", True], [" euros.", False]],
            [["5. Pay the fee of ", False], ["89", True], [" euros.", False]],
        ),
        (
            "Calls are free.",
            "Calls from mobiles are free.",
            [["Calls are free.", False]],
            [["Calls ", False], ["from mobiles ", True], ["are free.", False]],
        ),
        (
            "Délai: 10 jours",
            "Délai : 12 jours",
            [["Délai: ", False], ["10", True], [" jours", False]],
            [["Délai", False], [" ", True], [": ", False], ["12", True], [" jours", False]],
        ),
    ],
    ids=["a number", "inserted words", "accented words and punctuation"],
)
def test_word_changes_mark_only_what_changed(
    diff_page: Page, old: str, new: str, before: list[list[Any]], after: list[list[Any]]
) -> None:
    runs = diff_page.evaluate("([a, b]) => WikitoolDiff.wordChanges(a, b)", [old, new])

    assert [[r["text"], r["changed"]] for r in runs["before"]] == before
    assert [[r["text"], r["changed"]] for r in runs["after"]] == after


def test_a_huge_change_falls_back_to_whole_lines(diff_page: Page) -> None:
    # The same 3,000 lines in reverse order: a line-by-line comparison would keep one of
    # them and make two blocks around it; over 4 million cells (3,000 x 3,000) it is not
    # attempted, and the whole middle is one block of removed and added lines.
    lines = [f"line {i}" for i in range(3000)]
    old, new = "\n".join(lines), "\n".join(reversed(lines))

    shape = diff_page.evaluate(
        """([a, b]) => {
          const blocks = WikitoolDiff.lineChanges(a, b, 1);
          return [blocks.length, blocks[0].removed.length, blocks[0].added.length];
        }""",
        [old, new],
    )

    assert shape == [1, 3000, 3000]
