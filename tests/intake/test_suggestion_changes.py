"""``POST /api/suggestions`` with a change list, as the site's form editor sends it: the
same branch and the same refusals as ``suggest submit`` (``tests/change_lists.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from change_lists import GUIDE, OLD_BASE, REFUSED_CHANGES, commit_fourth_fee
from intake_server import Intake


@pytest.fixture
def edited(suggestion: dict[str, Any]) -> dict[str, Any]:
    """The site's suggestion body with a change list instead of the whole guide."""
    body = {key: value for key, value in suggestion.items() if key != "content"}
    body["summary"] = "The online fee is now 89 euros"
    return body


def test_a_one_fee_change_is_a_one_line_branch(
    intake: Intake, edited: dict[str, Any], wiki: Path, git: Callable[..., str],
) -> None:
    edited["changes"] = [{"field": "fees[0].amount", "set": 89}]

    response = intake.post("/api/suggestions", edited)

    assert response.status_code == 201, response.text
    branch = f"refs/heads/suggestions/{response.json()['id']}"
    assert git(wiki, "diff", "--numstat", "main", branch) == f"1\t1\t{GUIDE}\n"
    assert git(wiki, "diff", "-U0", "main", branch).endswith(
        "@@ -12 +12 @@ fees:\n-    amount: 86\n+    amount: 89\n"
    )
    git(wiki, "fsck", "--full", "--strict")


@pytest.mark.parametrize(
    ("changes", "base", "error"),
    [row[1:] for row in REFUSED_CHANGES],
    ids=[row[0] for row in REFUSED_CHANGES],
)
def test_bad_changes_get_a_400_naming_the_change_and_nothing_is_written(
    intake: Intake, edited: dict[str, Any], wiki: Path, git: Callable[..., str],
    refs: Callable[[], list[str]], changes: object, base: str | None, error: str,
) -> None:
    main = git(wiki, "rev-parse", "main").strip()
    edited["changes"] = changes
    if base == OLD_BASE:
        edited["base"] = commit_fourth_fee(wiki, git)
    before = refs()
    objects_before = git(wiki, "count-objects", "-v")

    response = intake.post("/api/suggestions", edited)

    assert response.status_code == 400, response.text
    expected = (
        error.replace("SRC", "suggestion")
        .replace(OLD_BASE, edited.get("base", "")[:7])
        .replace("BASE", main[:7])
    )
    assert response.json() == {"error": expected}
    assert refs() == before
    assert git(wiki, "count-objects", "-v") == objects_before


def test_worker_processes_apply_and_refuse_change_lists_the_same(
    start_intake: Callable[..., Intake], edited: dict[str, Any], wiki: Path,
    git: Callable[..., str],
) -> None:
    intake = start_intake(workers=2)

    created = intake.post("/api/suggestions", {**edited, "changes": [{"step": 4, "text": "Pay the fee of 89 euros."}]})
    refused = intake.post("/api/suggestions", {**edited, "changes": [{"step": 8, "text": "Wait."}]})

    assert created.status_code == 201, created.text
    branch = f"refs/heads/suggestions/{created.json()['id']}"
    assert git(wiki, "diff", "--numstat", "main", branch) == f"1\t1\t{GUIDE}\n"
    main = git(wiki, "rev-parse", "main").strip()
    assert refused.json() == {
        "error": f"changes[0] (steps[8]): no such step in the guide at base {main[:7]} (it has 7 steps: steps[0] to steps[6])"
    }
