"""Changes to what a procedure costs and how long it takes read in words for staff:
free and not stated as values, an alternative of a choose_one group as ``one of``, a
time entry by its kind, amounts with their currency and times with their unit."""

from __future__ import annotations

import pytest
from diff_samples import field_lines

from wikitool.diffing import guide_diff, render_text

ONLINE_86 = "      - label: Online\n        amount: 86\n        currency: EUR\n"
PAPER_95 = "      - label: Paper\n        amount: 95\n        currency: EUR\n"


@pytest.mark.parametrize(
    ("yaml_before", "yaml_after", "shown"),
    [
        ("fees: []\n", "fees: free\n", ['fees: [] -> "free"']),
        ("fees: free\n", "fees: not stated\n", ['fees: "free" -> "not stated"']),
        (
            "fees:\n  - choose_one:\n" + ONLINE_86 + PAPER_95,
            "fees:\n  - choose_one:\n" + ONLINE_86.replace("86", "88") + PAPER_95,
            ["fees[one of: Online].amount: 86 -> 88 EUR"],
        ),
        (
            "fees:\n  - choose_one:\n" + ONLINE_86 + PAPER_95,
            "fees:\n  - choose_one:\n" + ONLINE_86 + PAPER_95
            + "  - label: Courier\n    amount: 12\n    currency: EUR\n    adds_to: online\n",
            ['fees[Courier]: added {label: "Courier", amount: 12, currency: "EUR", adds_to: "online"}'],
        ),
        (
            "time:\n  - kind: typical\n    value: 14\n    unit: months\n",
            "time:\n  - kind: typical\n    value: 12\n    unit: months\n",
            ["time[typical].value: 14 -> 12 months"],
        ),
        (
            "time:\n  - kind: maximum\n    value: 3\n    unit: weeks\n",
            "time: not stated\n",
            ['time: [{kind: "maximum", value: 3, unit: "weeks"}] -> "not stated"'],
        ),
        (
            "processing_time:\n  max_days: 21\n",
            "time:\n  - kind: maximum\n    value: 21\n    unit: days\n",
            [
                "processing_time: removed {max_days: 21}",
                'time[maximum]: added {kind: "maximum", value: 21, unit: "days"}',
            ],
        ),
    ],
)
def test_cost_and_time_changes_read_in_words(
    yaml_before: str, yaml_after: str, shown: list[str]
) -> None:
    old = f"---\n{yaml_before}---\nBody.\n".encode()
    new = f"---\n{yaml_after}---\nBody.\n".encode()

    assert field_lines(render_text(guide_diff("content/x.md", old, new), color=False)) == shown
