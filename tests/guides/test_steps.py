"""``read_steps`` reads the steps convention: groups, their situations, and how lists
and groups join (``or``/``and``, in the guide's language), with their lines."""

from __future__ import annotations

import pytest

from wikitool.guides.steps import read_steps, visible_markdown

PASSPORT = """Renew your passport.

## Steps

Follow the steps for where you live.

### Prepare

1. Get a photo.
2. Find your old passport.

### Apply {when: in-country}

1. Apply online.

or

1. Fill in form PA2.
2. Post it.

or

### Apply from abroad {when: abroad, under-16}

Ask the embassy first.

1. Book an appointment.

and

- Bring your photo.

## After you apply

or
"""


def test_groups_keep_their_titles_situations_and_lines() -> None:
    steps = read_steps(PASSPORT, "en")

    assert steps is not None
    assert [(g.title, g.line, g.when) for g in steps.groups] == [
        ("Prepare", 6, ()),
        ("Apply", 11, ("in-country",)),
        ("Apply from abroad", 22, ("abroad", "under-16")),
    ]
    assert steps.problems == ()


def test_lists_keep_their_steps_and_how_they_join() -> None:
    steps = read_steps(PASSPORT, "en")

    assert steps is not None
    assert [
        (s.line, s.ordered, s.join, [step.text for step in s.steps]) for s in steps.lists()
    ] == [
        (8, True, "", ["Get a photo.", "Find your old passport."]),
        (13, True, "", ["Apply online."]),
        (17, True, "or", ["Fill in form PA2.", "Post it."]),
        (26, True, "", ["Book an appointment."]),
        (30, False, "and", ["Bring your photo."]),
    ]


def test_a_separator_ending_a_group_joins_the_next_group() -> None:
    steps = read_steps(PASSPORT, "en")

    assert steps is not None
    assert [g.logic for g in steps.groups] == ["", "", "or"]


def test_or_splits_a_group_into_alternatives_and_binds_loosest() -> None:
    steps = read_steps(PASSPORT, "en")

    assert steps is not None
    apply, abroad = steps.groups[1], steps.groups[2]
    assert [[s.line for s in alt] for alt in apply.alternatives()] == [[13], [17]]
    assert [[s.line for s in alt] for alt in abroad.alternatives()] == [[26, 30]]


@pytest.mark.parametrize(
    ("lang", "heading", "word"),
    [("fr", "Étapes", "ou"), ("es-419", "Pasos", "o"), ("de", "Schritte", "oder"),
     ("fr", "Étapes", "or"), ("en", "Steps", "OR")],
)  # fmt: skip
def test_the_separator_is_read_in_the_guides_language_and_in_english(
    lang: str, heading: str, word: str
) -> None:
    body = f"## {heading}\n\n1. A.\n\n{word}\n\n1. B.\n"

    steps = read_steps(body, lang)

    assert steps is not None
    assert [s.join for s in steps.lists()] == ["", "or"]


def test_a_word_of_another_language_is_text() -> None:
    steps = read_steps("## Steps\n\n1. A.\n\nou\n\n1. B.\n", "en")

    assert steps is not None
    assert [s.join for s in steps.lists()] == ["", ""]
    assert steps.problems == ()


def test_no_steps_heading_is_none() -> None:
    assert read_steps("## Before you start\n\n1. A.\n", "en") is None


def test_the_page_shows_group_headings_without_their_situations() -> None:
    steps = read_steps(PASSPORT, "en")

    assert steps is not None
    shown = visible_markdown(PASSPORT, steps).split("\n")
    assert (shown[11], shown[22]) == ("### Apply", "### Apply from abroad")
    assert visible_markdown(PASSPORT, steps).replace("### Apply\n", "") == PASSPORT.replace(
        "### Apply {when: in-country}\n", ""
    ).replace(" {when: abroad, under-16}", "")
