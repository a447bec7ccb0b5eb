"""What a report is ``about``: a field as the review diff names it, the steps, a section.

Each is stored as the guide names it (a fee given by its place reads as its label), so
the review log reads like the review diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wikitool.errors import SuggestionError
from wikitool.suggestions.report_about import report_about

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
RAW = (Path(__file__).parents[2] / GUIDE).read_bytes()


@pytest.mark.parametrize(
    ("about", "named"),
    [
        ("fees", "fees"),
        ("fees[0]", "fees[Online renewal]"),
        ("fees[Online renewal]", "fees[Online renewal]"),
        ("fees[online  RENEWAL]", "fees[Online renewal]"),
        ("fees[1].amount", "fees[Paper form by post].amount"),
        ("channels[0].urls", "channels[Online].urls"),
        ("tags[1]", "tags[1]"),
        ("time", "time"),
        ("steps", "steps"),
        ("Steps", "steps"),
        ("steps[0]", "steps[0]"),
        ("before you start", "Before you start"),
        ("Get help", "Get help"),
    ],
)
def test_about_names_a_part_of_the_guide_as_the_guide_names_it(about: str, named: str) -> None:
    assert report_about(RAW, GUIDE, about) == named


@pytest.mark.parametrize(
    ("about", "error"),
    [
        ("opening hours", "about: 'opening hours' names nothing in " + GUIDE),
        ("fees[3]", "about: 'fees[3]' names nothing in"),
        ("fees[Express]", "about: 'fees[Express]' names nothing in"),
        ("fees[0].colour", "about: 'fees[0].colour' names nothing in"),
        ("fees.amount", "about: 'fees.amount' names nothing in"),
        ("title[0]", "about: 'title[0]' names nothing in"),
        (".fees", "about: '.fees' names nothing in"),
        ("steps[40]", "about: steps[40] is not a step of " + GUIDE + ": it has"),
        ("Steps section", "about: 'Steps section' names nothing in"),
    ],
)
def test_about_that_names_nothing_in_the_guide_is_refused_in_one_line(
    about: str, error: str
) -> None:
    with pytest.raises(SuggestionError) as raised:
        report_about(RAW, GUIDE, about)

    assert str(raised.value).startswith(error), str(raised.value)
    assert "\n" not in str(raised.value)
