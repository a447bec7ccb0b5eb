"""``feedback list`` as text: a header row, then one aligned row per item, oldest first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from wikitool.gitstore import WikiStore
from wikitool.services.feedback import feedback_from_mapping, feedback_save

RunCli = Callable[..., Result]
PASSPORT = "identity-and-travel/renew-an-adult-passport.md"
BENEFIT = "housing/apply-for-housing-benefit.md"
HEADER = "DATE (UTC)        PAGE{pad}  HELPFUL{help_pad}  WHAT IS WRONG"


@pytest.mark.parametrize(
    ("saved", "lines"),
    [
        ([], []),
        (
            [{"page": BENEFIT, "helpful": True}],
            [
                HEADER.format(pad=" " * (len(BENEFIT) - 4), help_pad=""),
                f"2026-09-21 14:13  {BENEFIT}  helpful",
            ],
        ),
        (
            [
                {"page": PASSPORT, "helpful": True},
                {"page": BENEFIT, "helpful": False, "section": "fees", "wrong": "Fee\nchanged"},
                {"page": BENEFIT, "wrong": "Typo"},
            ],
            [
                HEADER.format(pad=" " * (len(PASSPORT) - 4), help_pad="    "),
                f"2026-09-21 14:13  {PASSPORT}  helpful",
                f"2026-09-21 14:14  {BENEFIT}#fees       not helpful  'Fee changed'",
                f"2026-09-21 14:15  {BENEFIT}            -            'Typo'",
            ],
        ),
    ],
    ids=["none", "one", "three"],
)
def test_feedback_list_prints_a_header_and_aligned_columns(
    store: WikiStore, wiki: Path, run_cli: RunCli, saved: list[dict[str, object]], lines: list[str]
) -> None:
    for minute, document in enumerate(saved):
        feedback_save(store, feedback_from_mapping(document), now=1_790_000_000 + 60 * minute)

    result = run_cli("--repo", str(wiki), "feedback", "list")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == lines
    assert result.stderr == f"{len(saved)} item(s) of feedback\n"
