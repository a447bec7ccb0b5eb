"""A new guide's skeleton passes every check, whatever (valid) title it is given."""

from __future__ import annotations

import datetime as dt

import pytest
from guide_samples import TODAY

from wikitool.errors import GuideError, UnsafePathError
from wikitool.guides.checks import check_guide
from wikitool.guides.frontmatter import parse_guide
from wikitool.guides.scaffold import guide_skeleton

PATH = "content/housing/report-damp-and-mould.md"


@pytest.mark.parametrize(
    "title",
    [
        "Report damp and mould",
        "Repairs: who pays # and when",
        "It's 'your' home",
        "Yes",  # YAML 1.1 would read a plain yes as true
        "2026-01-01",
        "1.5",
        "- and more",
        "Déclarer un dégât des eaux — vite",
        "  Spaces around  ",
    ],
)
def test_the_skeleton_passes_check_guide(title: str) -> None:
    text = guide_skeleton(PATH, title, TODAY)

    assert check_guide(PATH, text.encode(), {PATH}, TODAY, strict=True) == []
    assert parse_guide(text, PATH).data()["title"] == title.strip()


def test_the_skeleton_is_filed_in_its_folder_and_due_in_a_year() -> None:
    data = parse_guide(guide_skeleton(PATH, "Report damp and mould", TODAY), PATH).data()

    assert (data["category"], data["last_reviewed"], data["review_by"]) == (
        "housing", "2026-09-21", "2027-09-21")
    # Nothing is known yet: the page says so, never "Free" or "Same day".
    assert (data["fees"], data["time"]) == ("not stated", "not stated")
    assert "processing_time" not in data
    # It follows the current model: the way to apply is a channel, not model 1's `apply`.
    assert data["model"] == 2
    assert "apply" not in data
    assert [channel["type"] for channel in data["channels"]] == ["in_person"]


def test_a_skeleton_made_on_29_february_is_due_on_28_february() -> None:
    data = parse_guide(guide_skeleton(PATH, "Report damp", dt.date(2028, 2, 29)), PATH).data()
    assert data["review_by"] == "2029-02-28"


def test_the_skeleton_text() -> None:
    text = guide_skeleton(PATH, "Report damp and mould", TODAY)
    assert text.startswith(
        "---\nmodel: 2\ntitle: Report damp and mould\n"
        "summary: 'TODO: one or two sentences on what this guide helps people do.'\n"
        "category: housing\n"
    )
    assert "\n## Steps\n\n1. TODO: The first thing to do, in one short sentence.\n" in text
    # Model 2's ways to apply: a channel, not model 1's `apply`.
    assert (
        "channels:\n  - id: in-person\n    type: in_person\n    label: In person\n"
        "    where: 'TODO: where to go'\n"
    ) in text


@pytest.mark.parametrize(
    ("title", "error"),
    [
        ("", f"{PATH}: the title is empty"),
        ("   ", f"{PATH}: the title is empty"),
        ("Report damp\nand mould", f"{PATH}: the title must be one line of plain text"),
        ("Report <b>damp</b>", f"{PATH}: the title must be plain text without HTML"),
        ("Go", f"{PATH}: the title must be 3 to 120 characters long"),
        ("x" * 121, f"{PATH}: the title must be 3 to 120 characters long"),
    ],
    ids=["empty", "blank", "two lines", "HTML", "too short", "too long"],
)
def test_a_bad_title_is_refused(title: str, error: str) -> None:
    with pytest.raises(GuideError) as raised:
        guide_skeleton(PATH, title, TODAY)
    assert str(raised.value) == error


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("content/housing/index.md",
         "content/housing/index.md: a guide's path must be content/<category>/<name>.md"),
        ("content/damp.md", "content/damp.md: a guide's path must be content/<category>/<name>.md"),
        ("content/housing/../../damp.md",
         "content/housing/../../damp.md: a guide's path must be content/<category>/<name>.md"),
        ("housing/damp.md", "housing/damp.md: a guide's path must be content/<category>/<name>.md"),
        ("content/Housing/damp.md",
         "content/Housing/damp.md: 'Housing' must be lowercase letters, digits and single hyphens"),
        ("content/housing/damp_and_mould.md",
         "content/housing/damp_and_mould.md: 'damp_and_mould' must be lowercase letters, digits "
         "and single hyphens"),
    ],
)
def test_a_bad_path_is_refused(path: str, error: str) -> None:
    with pytest.raises(UnsafePathError) as raised:
        guide_skeleton(path, "Report damp", TODAY)
    assert str(raised.value) == error
