"""The site must be able to render a guide: what would stop MkDocs on a guide's body is a
problem of ``check_guide``, at its line (so check, submission and merge refuse it alike)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]
from guide_samples import GUIDE, GUIDE_PATH, TODAY, WIKI_PATHS, edit

from wikitool.guides.checks import check_guide
from wikitool.guides.rendering import MARKDOWN_EXTENSIONS, rendering_problems

REFERENCE_MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"
FIRST_STEP = "1. Get a digital passport photo."
STEP_LINE = GUIDE.split("\n").index(FIRST_STEP) + 1
HTML_READER = (
    "the site cannot render this line: its HTML reader fails (expected name token at "
    "'<![` here.'); write it another way"
)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Type `<![` here.\n", f"g.md:10: {HTML_READER}"),
        ("Fine.\n\n- Type `<![` here.\n", f"g.md:12: {HTML_READER}"),
        ("No code: <![ here\n", "g.md:10: the site cannot render this line: its HTML reader "
                                "fails (expected name token at '<![ here'); write it "
                                "another way"),
        ("*" * 3000 + "deep" + "*" * 3000 + "\n",
         "g.md:10: the site cannot render this page: Markdown fails on it (RecursionError: "
         "maximum recursion depth exceeded"),
    ],
    ids=["inline code", "later line", "plain text", "emphasis nested 3000 deep"],
)  # fmt: skip
def test_what_the_build_would_stop_on_is_one_problem_at_its_line(body: str, problem: str) -> None:
    found = [str(p) for p in rendering_problems("g.md", body, 10)]
    assert len(found) == 1
    assert found[0].startswith(problem)


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


def test_the_probe_renders_with_the_reference_wikis_markdown_extensions() -> None:
    config = yaml.safe_load(REFERENCE_MKDOCS_YML.read_text(encoding="utf-8"))
    names = {next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    assert names <= set(MARKDOWN_EXTENSIONS)
