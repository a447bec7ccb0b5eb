"""``review show`` says which of a guide's situations a change affects: an item's
``when`` before and after, a step group's ``{when: ...}`` before and after for a line of
its steps, and every situation for an item or a group without one, a change outside any
item, or a line of the text outside the step groups."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result
from review_samples import FEE

IN_COUNTRY = {"id": "in-country", "label": "You live in Veloria"}
ABROAD = {"id": "abroad", "label": "You live abroad"}
BIRTH_CERTIFICATE = "  - name: Birth certificate\n    when: [in-country]\n"

# (old text, new text) edits of the situations guide; the line `review show` prints and
# the JSON form of the same.
AFFECTED = {
    "a fee of one situation": (
        [("amount: 120", "amount: 124")],
        "Affects situations: You live abroad", False, [ABROAD]),
    "a fee given to a second situation: both": (
        [("amount: 96\n    currency: EUR\n    when: [in-country]",
          "amount: 96\n    currency: EUR\n    when: [in-country, abroad]")],
        "Affects situations: You live in Veloria, You live abroad", False, [IN_COUNTRY, ABROAD]),
    "an alternative of a group limited to a situation": (
        [("amount: 86", "amount: 88")],
        "Affects situations: You live in Veloria", False, [IN_COUNTRY]),
    "a channel's address": (
        [("PO Box 2210", "PO Box 2211")],
        "Affects situations: You live abroad", False, [ABROAD]),
    "a time of one situation": (
        [("max: 21", "max: 25")],
        "Affects situations: You live in Veloria", False, [IN_COUNTRY]),
    "a condition of one situation": (
        [("at least 6 months", "at least 12 months")],
        "Affects situations: You live abroad", False, [ABROAD]),
    "a document moved": (
        [(BIRTH_CERTIFICATE, ""),
         ("    when: [abroad]\neligibility:", "    when: [abroad]\n" + BIRTH_CERTIFICATE + "eligibility:")],
        "Affects situations: You live in Veloria", False, [IN_COUNTRY]),
    "a situation relabelled: by its new label": (
        [("abroad: You live abroad", "abroad: You live outside Veloria")],
        "Affects situations: You live outside Veloria", False,
        [{"id": "abroad", "label": "You live outside Veloria"}]),
    "a document for everyone": (
        [("  - name: Your current passport\n    required: true",
          "  - name: Your current passport\n    required: false")],
        "Affects every situation", True, []),
    "a title": ([("title: Get a passport", "title: Get a Velorian passport")],
                "Affects every situation", True, []),
    "a step of a group for every situation": (
        [("1. Fill in the form.", "1. Fill in form PA1.")],
        "Affects every situation", True, []),
    "a step of a group limited to a situation": (
        [("by post.", "by post, with a prepaid return envelope.")],
        "Affects situations: You live abroad", False, [ABROAD]),
    "a group given to a second situation: both": (
        [("### Apply from abroad {when: abroad}", "### Apply from abroad {when: abroad, in-country}")],
        "Affects situations: You live in Veloria, You live abroad", False, [IN_COUNTRY, ABROAD]),
    "a step in each of two groups: both": (
        [("at a Passport Office counter", "online for a Passport Office counter"),
         ("by post.", "by courier.")],
        "Affects situations: You live in Veloria, You live abroad", False, [IN_COUNTRY, ABROAD]),
    "the text after the steps": (
        [("Call the Passport Office.", "Call or write to the Passport Office.")],
        "Affects every situation", True, []),
}  # fmt: skip


@pytest.mark.parametrize(
    ("edits", "line", "every", "situations"), AFFECTED.values(), ids=AFFECTED.keys()
)
def test_show_says_which_situations_a_change_affects(
    submit_to_situations_guide: Callable[..., str],
    review: Callable[..., Result],
    review_json: Callable[..., Any],
    edits: list[tuple[str, str]],
    line: str,
    every: bool,
    situations: list[dict[str, str]],
) -> None:
    sid = submit_to_situations_guide(*edits)

    shown = review("show", sid)

    assert shown.exit_code == 0, shown.output
    assert [text for text in shown.stdout.splitlines() if text.startswith("Affects")] == [line]
    (diff,) = review_json("show", sid)["diffs"]
    assert diff["affects"] == {"every": every, "situations": situations}


def test_each_changed_field_says_its_situations(
    submit_to_situations_guide: Callable[..., str], review_json: Callable[..., Any]
) -> None:
    sid = submit_to_situations_guide(("amount: 120", "amount: 124"), ("value: 12", "value: 14"))

    (diff,) = review_json("show", sid)["diffs"]

    assert [(f["path"], f["situations"], f["unit"]) for f in diff["fields"]] == [
        ("fees[abroad: Passport fee].amount", ["abroad"], "EUR"),
        ("time[typical].value", [], "months"),
    ]
    assert diff["affects"]["every"] is True


def test_a_guide_without_situations_says_nothing_of_them(
    submit: Callable[..., str], review: Callable[..., Result], review_json: Callable[..., Any]
) -> None:
    sid = submit(FEE)

    assert "Affects" not in review("show", sid).stdout
    assert review_json("show", sid)["diffs"][0]["affects"] is None
