"""Two members of staff approving and merging the same suggestion at the same moment."""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from review_samples import ANA, BEN, EXPIRY, FIRST_STEP, HELPLINE, UPLOAD, Submit

from wikitool.errors import ReviewError
from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import review_approve
from wikitool.review.log import read_events
from wikitool.review.merge import review_merge

ROUNDS = (FIRST_STEP, UPLOAD, HELPLINE, EXPIRY)


def _approve_then_merge(repo: str, who: Identity, ids: list[str], barrier: Any, out: Any) -> None:
    try:
        _rounds(repo, who, ids, barrier, out)
    except Exception:  # reported to the test, which fails on it instead of hanging
        out.put({"crash": traceback.format_exc()})
        barrier.abort()


def _rounds(repo: str, who: Identity, ids: list[str], barrier: Any, out: Any) -> None:
    with WikiStore.open(repo) as store:
        for sid in ids:
            barrier.wait(timeout=60)
            outcome: dict[str, str] = {"id": sid, "who": who.email}
            try:
                outcome["approve"] = review_approve(store, sid, staff=who).commit
            except ReviewError as error:
                outcome["approve_error"] = str(error)
            try:
                outcome["merge"] = review_merge(store, sid, staff=who).commit
            except ReviewError as error:
                outcome["merge_error"] = str(error)
            out.put(outcome)


@pytest.mark.slow
def test_concurrent_approve_and_merge_make_one_merge_and_lose_no_event(
    wiki: Path, store: WikiStore, submit: Submit, git: Callable[..., str]
) -> None:
    ids = [submit(edit, summary=f"Edit {n}") for n, edit in enumerate(ROUNDS)]
    start = store.main()
    context = multiprocessing.get_context("spawn")
    barrier, out = context.Barrier(2), context.Queue()
    workers = [
        context.Process(target=_approve_then_merge, args=(str(wiki), who, ids, barrier, out))
        for who in (ANA, BEN)
    ]
    for worker in workers:
        worker.start()
    outcomes = [out.get(timeout=120) for _ in range(2 * len(ids))]
    assert not [o["crash"] for o in outcomes if "crash" in o]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    merges = git(wiki, "log", "--first-parent", "--format=%H %(trailers:key=Suggestion-Id,valueonly)",
                 f"{start}..main").split("\n")
    merged_ids = [line.split()[1] for line in merges if line.strip()]
    assert sorted(merged_ids) == sorted(ids)  # every suggestion merged exactly once
    for sid in ids:
        mine = [o for o in outcomes if o["id"] == sid]
        assert len([o for o in mine if "merge" in o]) == 1, mine
        loser = next(o for o in mine if "merge" not in o)
        assert loser["merge_error"] == f"suggestion {sid} is already merged"
        events = read_events(store, sid)
        kinds = [e.kind.value for e in events]
        assert kinds.count("merge") == 1 and kinds[0] == "submitted" and kinds[-1] == "merge"
        logged = {e.commit for e in events}
        for outcome in mine:  # every approval that was reported as written is in the log
            if "approve" in outcome:
                assert outcome["approve"] in logged
        winner = next(o for o in mine if "merge" in o)
        merge_event = next(e for e in events if e.kind.value == "merge")
        assert merge_event.data["Merged-As"] == winner["merge"]
    git(wiki, "fsck", "--full", "--strict")
    assert not list((wiki / ".git").rglob("*.lock"))
