"""has_ordered_list answers exactly as a fresh Python-Markdown conversion does.

It reuses one Markdown instance per thread and stops converting once the parsed blocks
hold a list; the definition it must keep is ``"<ol" in markdown.markdown(text, ...)``
with the extensions MkDocs always enables.
"""

from __future__ import annotations

import markdown  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitool.guides.markdown_body import has_ordered_list


def rendered_with_a_list(text: str) -> bool:
    """The definition: a new instance, the whole conversion, ``<ol`` in the HTML."""
    return "<ol" in markdown.markdown(text, extensions=["fenced_code", "tables"])


CASES = [
    # (what, Markdown, has a numbered list)
    ("a list", "1. Get a photo.\n2. Apply.\n", True),
    ("a list starting at 3", "3. Start here.\n", True),
    ("a list after a blank line", "First:\n\n1. Get a photo.\n", True),
    ("a list straight after a paragraph", "First:\n1. Get a photo.\n", False),
    ("numbered with ')'", "1) Get a photo.\n", False),
    ("a bulleted list", "- Get a photo.\n- Apply.\n", False),
    ("a list in a fenced block", "```\n1. Get a photo.\n```\n", False),
    ("a list in an indented block", "Text.\n\n    1. Get a photo.\n", False),
    ("a numbered list inside a bulleted one", "- Photo:\n\n    1. Book.\n", True),
    ("raw HTML list", "<ol><li>Get a photo.</li></ol>\n", True),
    ("inline raw HTML that starts with <ol", "Eat an <olive> today.\n", True),
    ("<ol> in a code span", "Write `<ol>` in HTML.\n", False),
    ("escaped <ol", "Write &lt;ol&gt; in HTML.\n", False),
    ("a table", "| 1. a | b |\n|---|---|\n| 1 | 2 |\n", False),
    ("empty", "", False),
    ("blank lines", "\n\n  \n", False),
]


@pytest.mark.parametrize(("text", "has_list"), [row[1:] for row in CASES],
                         ids=[row[0] for row in CASES])
def test_which_sections_have_a_numbered_list(text: str, has_list: bool) -> None:
    assert rendered_with_a_list(text) == has_list  # the table itself is right
    assert has_ordered_list(text) == has_list


def test_a_document_does_not_change_the_next_answer() -> None:
    # Reference definitions, raw HTML and fences are state kept by the instance.
    texts = ["[a]: https://x.invalid\n\n1. [Go][a]\n", "<div>\n1. x\n</div>\n", "```\n1. x\n",
             "Plain text.\n", "1. x\n"] * 3
    assert [has_ordered_list(text) for text in texts] == [rendered_with_a_list(t) for t in texts]


MARKDOWN_PIECES = [
    "1. ", "2) ", "- ", "* ", "10. ", "    ", "  ", "\n", "\n\n", "```", "~~~", "`", "<ol>",
    "</ol>", "<ol start=2>", "<div>", "</div>", "<!-- ", " -->", "<olive>", "# ", "## Steps",
    "| a | b |", "|---|---|", "> ", "[a]", "(x.md)", "[a]: x.md", "Step", "text", "&lt;ol", "\\",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join))
def test_any_markdown_gets_the_answer_of_a_fresh_conversion(text: str) -> None:
    assert has_ordered_list(text) == rendered_with_a_list(text)
