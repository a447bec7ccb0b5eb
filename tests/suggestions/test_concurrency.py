"""Many citizens at once: 8 processes submitting 25 suggestions each."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest

from wikitool.gitstore import WikiStore
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
PROCESSES = 8
EACH = 25


def _submit_many(args: tuple[str, int, str]) -> list[str]:
    repo, worker, published = args
    ids = []
    with WikiStore.open(repo) as store:
        for n in range(EACH):
            content = published.replace("## Steps\n\n1. ", f"## Steps\n\n1. (Tip {worker}-{n}) ", 1)
            result = suggestion_submit(
                store, SuggestionInput(guide=GUIDE, content=content, summary=f"Tip {worker}-{n}")
            )
            ids.append(result.id)
    return ids


@pytest.mark.slow
def test_concurrent_submissions_are_all_recorded(
    wiki: Path, store: WikiStore, published: str, git: Callable[..., str]
) -> None:
    main = store.main()
    jobs = [(str(wiki), worker, published) for worker in range(PROCESSES)]

    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        ids = [i for batch in pool.map(_submit_many, jobs) for i in batch]

    assert len(set(ids)) == PROCESSES * EACH
    refs = git(wiki, "for-each-ref", "--format=%(refname)").split()
    assert len([r for r in refs if r.startswith("refs/heads/suggestions/")]) == 200
    assert len([r for r in refs if r.startswith("refs/reviews/")]) == 200
    assert sorted(ids) == sorted(r.removeprefix("refs/reviews/") for r in refs if r.startswith("refs/reviews/"))
    git(wiki, "fsck", "--full", "--strict")
    assert not list((wiki / ".git").rglob("*.lock"))
    assert git(wiki, "rev-parse", "main").strip() == main


def test_the_same_suggestion_racing_itself_makes_one_branch(
    wiki: Path, published: str, git: Callable[..., str]
) -> None:
    content = published.replace("## Steps\n\n1. ", "## Steps\n\n1. Same ", 1)
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        ids = pool.map(_submit_same, [(str(wiki), content)] * 8)
    assert len(set(ids)) == 1
    refs = git(wiki, "for-each-ref", "--format=%(refname)").split()
    assert len([r for r in refs if r.startswith("refs/heads/suggestions/")]) == 1
    log = git(wiki, "log", "--format=%(trailers:key=Event,valueonly)", f"refs/reviews/{ids[0]}").split()
    assert sorted(log) == ["+1"] * 7 + ["submitted"]


def _submit_same(args: tuple[str, str]) -> str:
    repo, content = args
    with WikiStore.open(repo) as store:
        return suggestion_submit(
            store, SuggestionInput(guide=GUIDE, content=content, summary="Same")
        ).id


def test_threads_building_the_published_contacts_cache_at_once(wiki: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from wikitool.suggestions.published_contacts import published_contacts_at

    def build(_: int) -> set[str]:
        with WikiStore.open(wiki) as store:  # one store per thread, as the intake does
            return published_contacts_at(store, store.main())

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(build, range(16)))
    assert all(r == results[0] for r in results)
    assert "08005550142" in results[0]  # the passport helpline is published
