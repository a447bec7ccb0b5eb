"""A submission killed at any moment leaves the wiki consistent, and the next run recovers."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
from crash import fsck, kill_at_random, refs

from wikitool.gitstore import WikiStore
from wikitool.review.log import read_events
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import repair_branches, suggestion_submit

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
KILLS = 30


def _submit_forever(repo: Path, published: str, seed: int) -> None:
    with WikiStore.open(repo) as store:
        for n in range(10_000):
            content = published.replace("## Steps\n\n1. ", f"## Steps\n\n1. (Note {seed}-{n}) ", 1)
            suggestion_submit(store, SuggestionInput(guide=GUIDE, content=content, summary="Note"))


@pytest.mark.slow
def test_killing_submissions_never_leaves_a_half_suggestion(wiki: Path) -> None:
    rng = random.Random(20261122)
    with WikiStore.open(wiki) as store:
        published = (store.read(store.main(), GUIDE) or b"").decode()
        main = store.main()

    checked: set[str] = set()
    for kill in range(KILLS):
        kill_at_random(functools.partial(_submit_forever, wiki, published, kill), rng=rng, max_seconds=0.3)

        fsck(wiki)
        seen = refs(wiki)
        assert seen["refs/heads/main"] == main
        with WikiStore.open(wiki) as store:
            reviews = {r.removeprefix("refs/reviews/") for r in seen if r.startswith("refs/reviews/")}
            branches = {r.removeprefix("refs/heads/suggestions/") for r in seen if r.startswith("refs/heads/suggestions/")}
            # A branch is only ever written after its review log.
            assert branches <= reviews
            # Each kill can only have left its own suggestions half-written: the logs of
            # earlier rounds were read whole already and no later writer touches them.
            for sid in reviews - checked:
                events = read_events(store, sid)
                assert events[0].kind.value == "submitted"
                assert store.read(events[0].data["Commit"], GUIDE) is not None
            checked |= reviews
            # Whatever a killed writer left half-done, the next run completes.
            repair_branches(store)
            repaired = refs(wiki)
            assert {r for r in repaired if r.startswith("refs/heads/suggestions/")} == {
                f"refs/heads/suggestions/{sid}" for sid in reviews
            }
    assert len(reviews) >= 10  # the children did submit between kills, not only start up
    # ...and new submissions still work, whatever locks were left behind.
    with WikiStore.open(wiki) as store:
        content = published.replace("## Steps\n\n1. ", "## Steps\n\n1. After the storm ", 1)
        suggestion_submit(store, SuggestionInput(guide=GUIDE, content=content, summary="Works"))
    fsck(wiki)
