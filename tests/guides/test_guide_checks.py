"""Checks on whole pages: Steps section, links, review dates, category, and check_guide."""

from __future__ import annotations

import datetime as dt

import pytest
from guide_samples import GUIDE, GUIDE_PATH, TODAY, WIKI_PATHS, edit

from wikitool.guides.checks import (
    check_guide,
    check_links,
    check_review_dates,
    check_steps,
)
from wikitool.guides.frontmatter import parse_guide
from wikitool.guides.paths import is_guide_path, is_index_path
from wikitool.model import Problem

STEPS = """\
## Steps

1. Get a digital passport photo.
2. Fill in the [online form](https://services.veloria.invalid/passport/renew).
3. Send your old passport to the address on your confirmation page.
"""


def problems_in(text: str, *, today: dt.date = TODAY, strict: bool = False) -> list[str]:
    return [str(p) for p in check_guide(GUIDE_PATH, text.encode(), set(WIKI_PATHS), today, strict)]


@pytest.mark.parametrize(
    ("path", "is_guide", "is_index"),
    [
        ("content/travel/renew-a-passport.md", True, False),
        ("content/travel/index.md", False, True),
        ("content/index.md", False, True),
        ("content/stray.md", True, False),  # a guide, in the wrong place (see category)
        ("content/travel/photo.png", False, False),
        ("docs/travel/renew.md", False, False),
        ("content/../README.md", False, False),
        ("content//renew.md", False, False),
        ("README.md", False, False),
    ],
)
def test_which_paths_are_guides_and_index_pages(path: str, is_guide: bool, is_index: bool) -> None:
    assert (is_guide_path(path), is_index_path(path)) == (is_guide, is_index)


def test_the_sample_guide_passes_every_check(guide_text: str, wiki_paths: set[str]) -> None:
    assert check_guide(GUIDE_PATH, guide_text.encode(), wiki_paths, TODAY, strict=True) == []


STEPS_CASES = [
    ("no Steps section", STEPS, "## Help\n\nCall us.\n",
     "44: missing a '## Steps' section with a numbered list of steps"),
    ("Steps as a bulleted list", STEPS, "## Steps\n\n- Get a photo.\n- Fill in the form.\n",
     "53: the '## Steps' section has no numbered list (1., 2., 3.)"),
    ("list straight after a paragraph", STEPS, "## Steps\n\nDo this:\n1. Get a photo.\n",
     "53: the '## Steps' section has no numbered list: leave a blank line before '1.'"),
    ("numbered with ')', which MkDocs does not render as a list", STEPS,
     "## Steps\n\n1) Get a photo.\n2) Apply.\n",
     "53: the '## Steps' section has no numbered list (1., 2., 3.)"),
    ("numbered list only in a later section", STEPS,
     "## Steps\n\nSee below.\n\n## More\n\n1. Get a photo.\n",
     "53: the '## Steps' section has no numbered list (1., 2., 3.)"),
    ("numbered list only in a code block", STEPS, "## Steps\n\n```\n1. Get a photo.\n```\n",
     "53: the '## Steps' section has no numbered list (1., 2., 3.)"),
    ("heading only in a code block", STEPS, "```markdown\n## Steps\n\n1. Get a photo.\n```\n",
     "44: missing a '## Steps' section with a numbered list of steps"),
    ("Steps at the wrong level", STEPS, "### Steps\n\n1. Get a photo.\n",
     "44: missing a '## Steps' section with a numbered list of steps"),
]


@pytest.mark.parametrize(("old", "new", "problem"), [row[1:] for row in STEPS_CASES],
                         ids=[row[0] for row in STEPS_CASES])
def test_a_guide_needs_a_steps_section_with_a_numbered_list(
    old: str, new: str, problem: str
) -> None:
    guide = parse_guide(edit(GUIDE, old, new), GUIDE_PATH)
    assert [str(p) for p in check_steps(guide)] == [f"{GUIDE_PATH}:{problem}"]


@pytest.mark.parametrize(
    "steps",
    [
        "## Steps\n\n1. Get a photo.\n",
        "## Steps {#steps}\n\nFirst:\n\n3. Start at three.\n",
        "## steps ##\n\n1. Get a photo.\n   ```\n   1. in code\n   ```\n",
        "## Steps\n\n~~~\n## Not a heading\n~~~\n\n1. Get a photo.\n",
    ],
    ids=["plain", "attribute list, starting at 3", "closing hashes", "fence before the list"],
)
def test_steps_sections_that_pass(steps: str) -> None:
    assert check_steps(parse_guide(edit(GUIDE, STEPS, steps), GUIDE_PATH)) == []


LINK_CASES = [
    ("sibling guide", "[a](apply-for-a-child-passport.md)", None),
    ("other category", "[a](../housing/apply-for-housing-benefit.md)", None),
    ("anchor on another page", "[a](../housing/apply-for-housing-benefit.md#fees)", None),
    ("category page by folder", "[a](../housing/)", None),
    ("home page", "[a](../index.md)", None),
    ("file that exists", "[form](../assets/form-pa1.pdf)", None),
    ("image", "![photo rules](../assets/form-pa1.pdf)", None),
    ("angle brackets and a title", '[a](<apply-for-a-child-passport.md> "Child")', None),
    ("same-page anchor", "[a](#steps)", None),
    ("web link", "[a](https://example.invalid/nowhere.md)", None),
    ("mail link", "[a](mailto:help@veloria.invalid)", None),
    ("inside a code span", "`[a](nowhere.md)`", None),
    ("missing guide", "[a](renew-a-child-passport.md)",
     "link 'renew-a-child-passport.md' points to "
     "content/identity-and-travel/renew-a-child-passport.md, which does not exist"),
    ("missing guide with anchor", "[a](../housing/nope.md#fees)",
     "link '../housing/nope.md#fees' points to content/housing/nope.md, which does not exist"),
    ("missing category", "[a](../pets/)",
     "link '../pets/' points to content/pets/index.md, which does not exist"),
    ("percent-encoded name", "[a](apply%20now.md)",
     "link 'apply%20now.md' points to content/identity-and-travel/apply now.md, "
     "which does not exist"),
    ("outside the wiki", "[a](../../README.md)", "link '../../README.md' points outside the wiki"),
    ("absolute", "[a](/housing/apply-for-housing-benefit.md)",
     "link '/housing/apply-for-housing-benefit.md' is absolute: "
     "use a relative link such as '../category/guide.md'"),
    ("reference definition", "[ref]: ../housing/gone.md",
     "link '../housing/gone.md' points to content/housing/gone.md, which does not exist"),
]


@pytest.mark.parametrize(("markdown", "problem"), [row[1:] for row in LINK_CASES],
                         ids=[row[0] for row in LINK_CASES])
def test_relative_links_must_resolve(
    markdown: str, problem: str | None, wiki_paths: set[str]
) -> None:
    text = edit(GUIDE, "Check that your name", f"{markdown}\n\nCheck that your name")
    found = [str(p) for p in check_links(parse_guide(text, GUIDE_PATH), wiki_paths)]
    assert found == ([] if problem is None else [f"{GUIDE_PATH}:51: {problem}"])


def test_links_in_fenced_code_are_not_checked(wiki_paths: set[str]) -> None:
    text = edit(GUIDE, "Check that your name", "```\n[a](nowhere.md)\n```\n\nCheck that your name")
    assert check_links(parse_guide(text, GUIDE_PATH), wiki_paths) == []


@pytest.mark.parametrize(
    ("last_reviewed", "review_by", "strict", "problems"),
    [
        ("2026-03-14", "2027-03-14", False, []),
        ("2026-03-14", "2026-09-21", True, []),  # due today: not yet passed
        ("2025-03-14", "2026-09-20", False, [
            Problem(GUIDE_PATH, 8, "review_by date 2026-09-20 has passed: check the guide and "
                    "set a new date", "warning")]),
        ("2025-03-14", "2026-09-20", True, [
            Problem(GUIDE_PATH, 8, "review_by date 2026-09-20 has passed: check the guide and "
                    "set a new date", "error")]),
        ("2026-09-22", "2027-03-14", False, [
            Problem(GUIDE_PATH, 7, "last_reviewed date 2026-09-22 is in the future")]),
        ("2026-06-01", "2026-05-01", False, [
            Problem(GUIDE_PATH, 8, "review_by date 2026-05-01 has passed: check the guide and "
                    "set a new date", "warning"),
            Problem(GUIDE_PATH, 7, "last_reviewed date 2026-06-01 is after review_by date "
                    "2026-05-01")]),
        ("'not a date'", "2027-03-14", True, []),  # the schema reports it
    ],
    ids=["in date", "due today", "passed", "passed, strict", "reviewed in the future",
         "reviewed after due", "unreadable date"],
)
def test_review_dates(
    last_reviewed: str, review_by: str, strict: bool, problems: list[Problem]
) -> None:
    text = edit(edit(GUIDE, "last_reviewed: 2026-03-14", f"last_reviewed: {last_reviewed}"),
                "review_by: 2027-03-14", f"review_by: {review_by}")
    assert check_review_dates(parse_guide(text, GUIDE_PATH), TODAY, strict=strict) == problems


def test_a_passed_review_date_is_printed_as_a_warning() -> None:
    text = edit(GUIDE, "review_by: 2027-03-14", "review_by: 2026-09-01")
    assert problems_in(text) == [
        f"{GUIDE_PATH}:8: warning: review_by date 2026-09-01 has passed: "
        "check the guide and set a new date"
    ]


def test_category_must_match_the_folder() -> None:
    text = edit(GUIDE, "category: identity-and-travel", "category: housing")
    assert problems_in(text) == [
        f"{GUIDE_PATH}:4: category 'housing' does not match the guide's folder "
        "'identity-and-travel'"
    ]


@pytest.mark.parametrize("path", ["content/renew.md", "content/travel/passports/renew.md"])
def test_a_guide_lives_in_exactly_one_category_folder(path: str) -> None:
    problems = check_guide(path, GUIDE.encode(), set(WIKI_PATHS) | {path}, TODAY)
    assert Problem(path, None, "guides must be at content/<category>/<name>.md") in problems


def test_a_page_that_cannot_be_parsed_gives_one_problem() -> None:
    assert problems_in("---\ntitle: &a x\n---\n## Steps\n") == [
        f"{GUIDE_PATH}:2: YAML aliases and anchors are not allowed (found anchor '&a')"
    ]
    assert check_guide(GUIDE_PATH, b"\xff", set(), TODAY) == [
        Problem(GUIDE_PATH, 1, "is not valid UTF-8 text (byte 0xFF)")
    ]


def test_all_problems_of_a_guide_are_reported_in_line_order() -> None:
    text = edit(edit(edit(GUIDE, "title: Renew an adult passport", "title: <b>Renew</b>"),
                     STEPS, "## Steps\n\nNone.\n"),
                "[report it first](../identity-and-travel/replace-a-lost-passport.md#report)",
                "[report it first](lost.md)")
    assert problems_in(text) == [
        f"{GUIDE_PATH}:2: title: must be plain text without HTML",
        f"{GUIDE_PATH}:53: the '## Steps' section has no numbered list (1., 2., 3.)",
        f"{GUIDE_PATH}:59: link 'lost.md' points to content/identity-and-travel/lost.md, "
        "which does not exist",
    ]


@pytest.mark.parametrize(
    ("path", "text", "problems"),
    [
        ("content/index.md", "---\ntitle: Public services\n---\n\n- [Housing](housing/index.md)\n",
         []),
        ("content/housing/index.md", "---\ntitle: Housing\n---\n\n[Gone](gone.md)\n",
         ["content/housing/index.md:5: link 'gone.md' points to content/housing/gone.md, "
          "which does not exist"]),
        ("content/housing/index.md", "---\nsummary: No title here.\n---\n",
         ["content/housing/index.md:1: missing required field 'title'"]),
        ("content/housing/index.md", "# Housing\n",
         ["content/housing/index.md:1: missing front matter: the file must start with a line "
          "'---'"]),
    ],
    ids=["home page", "broken link", "no title", "no front matter"],
)
def test_index_pages_get_lighter_checks(path: str, text: str, problems: list[str]) -> None:
    found = check_guide(path, text.encode(), set(WIKI_PATHS), TODAY, strict=True)
    assert [str(p) for p in found] == problems


def test_a_path_that_is_not_a_page_is_reported() -> None:
    assert check_guide("content/a.txt", b"x", set(), TODAY) == [
        Problem("content/a.txt", None, "not a page of the wiki (pages are content/**/*.md)")
    ]
