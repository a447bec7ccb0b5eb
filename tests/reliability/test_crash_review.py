"""Approvals and merges killed at any moment leave the wiki consistent, and the next run
finishes what was left half done.

A forked child approves (or merges) suggestions in a loop and is killed with SIGKILL
after a random delay, 50 times each. After every kill:

- every ref moved only by whole writes: ``main`` and each review log only grew along
  their first-parent line, a branch is only gone once its tip is archived;
- ``git fsck --full --strict`` is clean;
- ``review list`` shows every suggestion once, and none half merged (open, but its tip
  already on ``main``);
- the locks the killed child held are left behind, and aged past ``STALE_LOCK_SECONDS``
  (as a restart after a crash would find them): the next child recovers them itself.
"""

from __future__ import annotations

import functools
import os
import random
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from crash import fsck, kill_at_random, refs

from wikitool.errors import ReviewError
from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.gitstore.objects import STALE_LOCK_SECONDS
from wikitool.model import Identity
from wikitool.review.decisions import review_approve
from wikitool.review.events import SuggestionState
from wikitool.review.listing import review_list
from wikitool.review.merge import review_merge
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

KILLS = 50
STAFF = Identity("Test Staff", "staff@agency.invalid")
PASSPORT = "content/identity-and-travel/renew-an-adult-passport.md"
REVIEWERS = (
    Identity("Ben Osei", "ben.osei@passports.veloria.invalid"),
    Identity("Cara Lind", "cara.lind@passports.veloria.invalid"),
)
MERGER = Identity("Ana Ruiz", "ana.ruiz@passports.veloria.invalid")


def _new_guides(store: WikiStore, first: int, count: int) -> list[str]:
    """Submit ``count`` suggestions of new guides (they never conflict); returns the ids."""
    passport = (store.read(store.main(), PASSPORT) or b"").decode()
    ids = []
    for n in range(first, first + count):
        content = passport.replace("title: Renew an adult passport", f"title: Renew passport {n}", 1)
        suggestion = SuggestionInput(
            f"identity-and-travel/renew-passport-{n}.md", content, f"Add guide {n}", new=True
        )
        ids.append(suggestion_submit(store, suggestion).id)
    return ids


def _approved_new_guides(store: WikiStore, first: int, count: int) -> list[str]:
    """New guides, approved as the review policy asks (two people: they set fees)."""
    ids = _new_guides(store, first, count)
    for sid in ids:
        for reviewer in REVIEWERS:
            review_approve(store, sid, staff=reviewer)
    return ids


def _open_ids(store: WikiStore) -> list[str]:
    return [row.entry.id for row in review_list(store)]


def _approve_forever(repo: Path, ids: list[str], seed: int) -> None:
    with WikiStore.open(repo) as store:
        for n in range(10_000):
            staff = Identity(f"Staff {seed}-{n}", f"staff-{seed}-{n}@agency.invalid")
            review_approve(store, ids[n % len(ids)], staff=staff)


def _merge_all(repo: Path) -> None:
    with WikiStore.open(repo) as store:
        for sid in _open_ids(store):
            try:
                review_merge(store, sid, staff=MERGER)
            except ReviewError as error:
                # The only refusal expected: a merge a killed run made but did not record
                # (the merge recovers the record, then says so).
                assert "already merged" in str(error), error


def _first_parents(store: WikiStore, tip: str, stop: str) -> list[str]:
    """Commits from ``tip`` back to ``stop`` (excluded) along first parents."""
    line = []
    for info in store.walk_first_parent(tip):
        if info.id == stop:
            return line
        line.append(info.id)
    raise AssertionError(f"{stop} is not on the first-parent line of {tip}")


def _assert_whole_writes(store: WikiStore, before: dict[str, str], after: dict[str, str]) -> None:
    for ref, old in before.items():
        new = after.get(ref)
        if ref.startswith("refs/heads/suggestions/") and new is None:
            archived = after.get(ref.replace("refs/heads/", "refs/archive/"))
            assert archived == old, f"{ref} was deleted before its tip was archived"
        elif ref == MAIN_REF:
            assert new is not None
            for commit in _first_parents(store, new, old):
                message = store.commit_info(commit).message
                assert len(store.commit_info(commit).parents) == 2 and "Suggestion-Id:" in message
        elif ref.startswith("refs/reviews/"):
            assert new is not None
            _first_parents(store, new, old)  # append-only
        elif ref.startswith(("refs/archive/", "refs/heads/suggestions/", "refs/wikitool/")):
            assert new in (old, None) or ref.startswith("refs/archive/"), ref
        else:
            assert new == old, f"{ref} moved"


def _assert_nothing_half_done(store: WikiStore, repo: Path, after: dict[str, str]) -> None:
    rows = review_list(store, state="all")
    logs = {ref.removeprefix("refs/reviews/") for ref in after if ref.startswith("refs/reviews/")}
    assert sorted(row.entry.id for row in rows) == sorted(logs)
    on_main = set(
        subprocess.run(
            ["git", "-C", str(repo), "rev-list", MAIN_REF], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for row in rows:
        if row.entry.state is SuggestionState.OPEN:
            assert f"refs/heads/suggestions/{row.entry.id}" in after
            assert row.entry.tip not in on_main, (
                f"suggestion {row.entry.id} is listed as open but is already merged"
            )
        if row.entry.state is SuggestionState.MERGED:
            assert row.entry.merged_as in on_main


def _age_left_locks(repo: Path) -> list[Path]:
    """The lock files a killed writer left, made older than the stale threshold."""
    locks = list((repo / ".git").rglob("*.lock"))
    old = time.time() - STALE_LOCK_SECONDS - 60
    for lock in locks:
        os.utime(lock, (old, old))
    return locks


def _check_after_kill(repo: Path, before: dict[str, str]) -> list[Path]:
    fsck(repo)
    after = refs(repo)
    with WikiStore.open(repo) as store:
        _assert_whole_writes(store, before, after)
    return _age_left_locks(repo)


@pytest.mark.slow
def test_killing_approvals_never_loses_or_breaks_an_event(wiki: Path) -> None:
    rng = random.Random(20261123)
    with WikiStore.open(wiki) as store:
        ids = _new_guides(store, 0, 3)
        main = store.main()
    approvals = 0
    for kill in range(KILLS):
        before = refs(wiki)
        kill_at_random(functools.partial(_approve_forever, wiki, ids, kill), rng=rng, max_seconds=0.12)
        _check_after_kill(wiki, before)
        with WikiStore.open(wiki) as store:
            _assert_nothing_half_done(store, wiki, refs(wiki))
            now = sum(len(row.entry.votes) for row in review_list(store))
        assert now >= approvals  # an approval once written stays
        approvals = now

    assert approvals >= 10  # the children did approve between kills, not only start up
    with WikiStore.open(wiki) as store:
        for sid in ids:  # a later run writes each log again, whatever locks were left
            review_approve(store, sid, staff=Identity("Last Staff", "last@agency.invalid"))
        assert store.main() == main
    assert list((wiki / ".git/refs/reviews").glob("*.lock")) == []
    fsck(wiki)


@dataclass
class MergeCrashes:
    """What 50 killed merge runs left behind, each kill checked as it happened."""

    kills: int = 0
    broken_writes: list[str] = field(default_factory=list)
    fsck_failures: list[str] = field(default_factory=list)
    half_merged: list[str] = field(default_factory=list)
    """Suggestions ``review list`` showed as open although main already had them."""
    other_listing_errors: list[str] = field(default_factory=list)
    submitted: int = 0
    merged_at_last: int = 0
    open_at_last: int = -1
    merges_on_main: int = 0
    branches_left: list[str] = field(default_factory=list)
    """Branches of merged suggestions never archived (the run died before)."""
    locks_at_last: list[Path] = field(default_factory=list)


@pytest.fixture(scope="module")
def merge_crashes(tmp_path_factory: pytest.TempPathFactory) -> MergeCrashes:
    """Kill a child merging approved suggestions 50 times; record what each kill left."""
    wiki = tmp_path_factory.mktemp("merge-crashes") / "wiki"
    init_wiki(wiki, author=STAFF, when=1_790_000_000)
    rng = random.Random(20261124)
    seen = MergeCrashes()
    with WikiStore.open(wiki) as store:
        seen.submitted = len(_approved_new_guides(store, 0, 60))
        start = store.main()
    for kill in range(KILLS):
        before = refs(wiki)
        if sum(ref.startswith("refs/heads/suggestions/") for ref in before) < 3:
            with WikiStore.open(wiki) as store:  # keep the children busy
                seen.submitted += len(_approved_new_guides(store, seen.submitted, 10))
            before = refs(wiki)
        kill_at_random(functools.partial(_merge_all, wiki), rng=rng, max_seconds=0.15)
        seen.kills += 1
        try:
            fsck(wiki)
        except AssertionError as error:
            seen.fsck_failures.append(f"kill {kill}: {error}")
        after = refs(wiki)
        with WikiStore.open(wiki) as store:
            try:
                _assert_whole_writes(store, before, after)
            except AssertionError as error:
                seen.broken_writes.append(f"kill {kill}: {error}")
            try:
                _assert_nothing_half_done(store, wiki, after)
            except AssertionError as error:
                target = seen.half_merged if "already merged" in str(error) else seen.other_listing_errors
                target.append(f"kill {kill}: {error}")
        _age_left_locks(wiki)

    _merge_all(wiki)  # a last run, not killed, finishes everything
    with WikiStore.open(wiki) as store:
        seen.merged_at_last = len(review_list(store, state="merged"))
        seen.open_at_last = len(_open_ids(store))
        seen.merges_on_main = len(_first_parents(store, store.main(), start))
        seen.branches_left = sorted(store.refs("refs/heads/suggestions/"))
    # Every later write of main and of each review log went through a lock a killed
    # run may have left: none of those may remain.
    seen.locks_at_last = [
        lock
        for lock in (wiki / ".git/refs").rglob("*.lock")
        if lock.name == "main.lock" or lock.parent.name == "reviews"
    ]
    try:
        fsck(wiki)
    except AssertionError as error:
        seen.fsck_failures.append(f"at last: {error}")
    return seen


@pytest.mark.slow
def test_killed_merges_move_refs_only_by_whole_writes(merge_crashes: MergeCrashes) -> None:
    assert merge_crashes.kills == KILLS
    assert merge_crashes.broken_writes == []
    assert merge_crashes.fsck_failures == []


@pytest.mark.slow
def test_the_next_merge_run_finishes_what_killed_runs_left(merge_crashes: MergeCrashes) -> None:
    assert merge_crashes.open_at_last == 0
    assert merge_crashes.merged_at_last == merge_crashes.submitted
    assert merge_crashes.merges_on_main == merge_crashes.submitted  # each merged once
    assert merge_crashes.locks_at_last == []  # the stale ones were recovered by themselves
    assert merge_crashes.other_listing_errors == []


@pytest.mark.slow
def test_review_list_never_shows_a_half_merged_suggestion(merge_crashes: MergeCrashes) -> None:
    assert merge_crashes.half_merged == []
    assert merge_crashes.branches_left == []
