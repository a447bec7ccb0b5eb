"""The site must be able to render a guide: what would make MkDocs' HTML reader raise on a
guide's body is a problem of ``check_guide``, at its line (so check, submission and merge
refuse it alike), judged in bounded time whatever the body."""

from __future__ import annotations

import time

import pytest
from guide_samples import GUIDE, GUIDE_PATH, TODAY, WIKI_PATHS, edit

from wikitool.guides.checks import check_guide
from wikitool.guides.rendering import MAX_TAG_OPENINGS, rendering_problems

FIRST_STEP = "1. Get a digital passport photo."
STEP_LINE = GUIDE.split("\n").index(FIRST_STEP) + 1
HTML_READER = (
    "the site cannot render this line: its HTML reader fails (expected name token at "
    "'<![` here.'); write it another way"
)
LARGEST_BODY = 216_000  # what the intake takes, whole suggestion included


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Type `<![` here.\n", f"g.md:10: {HTML_READER}"),
        ("Fine.\n\n- Type `<![` here.\n", f"g.md:12: {HTML_READER}"),
        ("No code: <![ here\n", "g.md:10: the site cannot render this line: its HTML reader "
                               "fails (expected name token at '<![ here'); write it another way"),
        ("`<![foo[x]]>`\n", "g.md:10: the site cannot render this line: its HTML reader fails "
                             "(unknown status keyword 'foo' in marked section); write it another "
                             "way"),
    ],
    ids=["inline code", "later line", "plain text", "unknown keyword"],
)  # fmt: skip
def test_what_the_html_reader_raises_on_is_one_problem_at_its_line(
    body: str, problem: str
) -> None:
    assert [str(p) for p in rendering_problems("g.md", body, 10)] == [problem]


@pytest.mark.parametrize(
    "body",
    ["`<![CDATA[x]]>`\n", "`<!-- a comment -->`\n", "`<!DOCTYPE html>`\n", "A < B and `<`\n",
     "!!! note\n    An admonition.\n", "| a | b |\n| - | - |\n| 1 | 2 |\n"],
    ids=["cdata", "comment", "doctype", "less than", "admonition", "table"],
)  # fmt: skip
def test_what_the_build_renders_is_no_problem(body: str) -> None:
    assert rendering_problems("g.md", body, 10) == []


def test_check_guide_reports_a_body_the_site_cannot_render() -> None:
    text = edit(GUIDE, FIRST_STEP, "1. Type `<![` here.")

    problems = check_guide(GUIDE_PATH, text.encode(), set(WIKI_PATHS), TODAY)

    assert [str(p) for p in problems] == [f"{GUIDE_PATH}:{STEP_LINE}: {HTML_READER}"]


@pytest.mark.parametrize(
    "unit", ["`<a `", '`<a b="`', "`<x`", "`<!--`", "`<?`", "`<![`"],
    ids=["start tag", "open attribute", "bare name", "comment", "instruction", "section"],
)  # fmt: skip
def test_the_largest_body_of_constructs_the_reader_cannot_close_is_judged_in_bounded_time(
    unit: str,
) -> None:
    # The reader scans the rest of the text for each such construct: quadratic. Past
    # MAX_TAG_OPENINGS the build judges the body (and holds back its guide alone).
    for count in (MAX_TAG_OPENINGS, LARGEST_BODY // len(unit)):
        body = (unit * count).ljust(LARGEST_BODY, "x")
        started = time.process_time()
        rendering_problems("g.md", body, 1)
        assert time.process_time() - started < 1, (unit, count)
