"""The published contacts (the personal-data allowlist) of a revision: always exactly what
screening every guide would give, at the cost of the guides that changed."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FIXED_TIME, STAFF
from main_commits import commit_to_main

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import review_approve
from wikitool.review.merge import review_merge
from wikitool.screening.personal_data import published_contacts
from wikitool.suggestions import published_contacts as module
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.published_contacts import (
    cache_path,
    forget_in_memory,
    published_contacts_at,
)
from wikitool.suggestions.submission import suggestion_submit

Git = Callable[..., str]

BIRTH = "content/family-and-civil-status/register-a-birth.md"
MARRIAGE = "content/family-and-civil-status/register-a-marriage.md"
NAME = "content/family-and-civil-status/change-your-name.md"
PASSPORT = "content/identity-and-travel/renew-an-adult-passport.md"
CIVIL_REGISTRY = "08005550168"  # in the birth, marriage and change-of-name guides
NEW_LINE = "08005550199"
NEW_MAIL = "births@registry.veloria.example"


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    """Each test starts as a new process would: nothing remembered in memory."""
    forget_in_memory()
    yield
    forget_in_memory()


def screened_by_git(git: Git, wiki: Path, rev: str) -> set[str]:
    """Today's definition: screen the text of every ``content/**.md`` file, read by git."""
    paths = git(wiki, "ls-tree", "-r", "--name-only", rev, "content/").split("\n")
    texts = [git(wiki, "show", f"{rev}:{p}") for p in paths if p.endswith(".md")]
    return published_contacts(texts)


def edit(store: WikiStore, path: str, old: str, new: str) -> bytes:
    raw = store.read(store.main(), path)
    assert raw is not None and old.encode() in raw, path
    return raw.replace(old.encode(), new.encode())


def without_helpline(store: WikiStore, path: str) -> bytes:
    return edit(store, path, "Civil Registry helpline: 0800 555 0168", "Ask at the town hall.")


# Each step is one commit on main; the cases run their steps in order.
Step = Callable[[WikiStore], dict[str, bytes | None]]
CASES: dict[str, list[Step]] = {
    "a guide gains a helpline and an e-mail address": [
        lambda s: {PASSPORT: edit(s, PASSPORT, "0800 555 0142", f"0800 555 0199 or {NEW_MAIL}")},
    ],
    "a contact removed from one guide stays while another guide publishes it": [
        lambda s: {BIRTH: without_helpline(s, BIRTH)},
        lambda s: {MARRIAGE: without_helpline(s, MARRIAGE)},
        lambda s: {NAME: without_helpline(s, NAME)},  # the last one: now it is gone
    ],
    "a guide deleted, then a guide added with the same content": [
        lambda s: {PASSPORT: None},
        lambda s: {"content/identity-and-travel/renew-a-passport.md": edit(s, BIRTH, "", "")},
    ],
    "a guide renamed within its category": [
        lambda s: {BIRTH: None, "content/family-and-civil-status/birth.md": edit(s, BIRTH, "", "")},
    ],
    "files that are not guides publish nothing": [
        lambda s: {
            "mkdocs.yml": edit(s, "mkdocs.yml", "", "# Call 0800 555 0199\n"),
            "content/notes.txt": b"Call 0800 555 0199\n",
            "docs/other.md": b"Call 0800 555 0199\n",
        },
    ],
    "several guides at once, one of them twice the same": [
        lambda s: {
            BIRTH: edit(s, BIRTH, "0800 555 0168", "0800 555 0199"),
            MARRIAGE: edit(s, BIRTH, "0800 555 0168", "0800 555 0199"),
            PASSPORT: None,
        },
        lambda s: {BIRTH: edit(s, BIRTH, "0800 555 0199", "0800 555 0168")},
    ],
}


@pytest.mark.parametrize("steps", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("memory", ["same process", "new process each time"])
def test_contacts_after_each_change_are_those_of_a_full_screening(
    store: WikiStore, wiki: Path, git: Git, steps: list[Step], memory: str
) -> None:
    assert published_contacts_at(store, store.main()) == screened_by_git(git, wiki, "main")
    for n, step in enumerate(steps):
        if memory == "new process each time":
            forget_in_memory()
        commit_to_main(store, step(store), f"Step {n}", when=FIXED_TIME + n, author=STAFF,
                       committer=STAFF)  # fmt: skip
        assert published_contacts_at(store, store.main()) == screened_by_git(git, wiki, "main")


def test_the_examples_behave_as_their_names_say(store: WikiStore) -> None:
    steps = CASES["a contact removed from one guide stays while another guide publishes it"]
    assert CIVIL_REGISTRY in published_contacts_at(store, store.main())
    found = []
    for n, step in enumerate(steps):
        commit_to_main(store, step(store), f"Step {n}", when=FIXED_TIME + n, author=STAFF,
                       committer=STAFF)  # fmt: skip
        found.append(CIVIL_REGISTRY in published_contacts_at(store, store.main()))
    assert found == [True, True, False]

    added = CASES["a guide gains a helpline and an e-mail address"][0](store)
    commit_to_main(store, added, "Add", when=FIXED_TIME + 9, author=STAFF, committer=STAFF)
    contacts = published_contacts_at(store, store.main())
    assert {NEW_LINE, NEW_MAIL} <= contacts


@pytest.fixture
def screenings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the module screens (the real scanner still does the work)."""
    seen: list[str] = []

    def counting(texts: list[str]) -> set[str]:
        seen.extend(texts)
        return published_contacts(texts)

    monkeypatch.setattr(module, "published_contacts", counting)
    return seen


@pytest.mark.parametrize("memory", ["same process", "new process"])
def test_a_change_to_one_guide_costs_the_screening_of_that_guide(
    store: WikiStore, screenings: list[str], memory: str
) -> None:
    guides = [f for f in store.files(store.main(), "content/") if f.path.endswith(".md")]
    published_contacts_at(store, store.main())
    assert len(screenings) == len(guides) > 20  # the first count reads every guide once

    for n in range(3):
        if memory == "new process":
            forget_in_memory()
        changed = edit(store, BIRTH, "Monday to Friday", f"Or 0800 555 01{n}{n}. Monday to Friday")
        commit_to_main(store, {BIRTH: changed}, f"Edit {n}", when=FIXED_TIME + n, author=STAFF,
                       committer=STAFF)  # fmt: skip
        screenings.clear()
        published_contacts_at(store, store.main())
        assert screenings == [changed.decode()]
    screenings.clear()
    published_contacts_at(store, store.main())
    assert screenings == []


def test_a_real_three_way_merge_then_submissions_on_it(
    store: WikiStore, wiki: Path, git: Git, published: str, screenings: list[str]
) -> None:
    published_contacts_at(store, store.main())
    # The Civil Registry's helpline: published by three guides, one of which main deletes.
    content = published.replace("## Steps\n\n1. ", "## Steps\n\n1. Call 0800 555 0168 first. ", 1)
    suggestion = suggestion_submit(
        store, SuggestionInput(guide=PASSPORT, content=content, summary="Call first")
    )
    commit_to_main(store, {BIRTH: None}, "Retire a guide", when=FIXED_TIME, author=STAFF,
                   committer=STAFF)  # fmt: skip
    for approver in (
        Identity("Ana Ruiz", "ana@agency.invalid"),
        Identity("Ben Osei", "ben@agency.invalid"),
    ):
        review_approve(store, suggestion.id, staff=approver)
    screenings.clear()
    merged = review_merge(store, suggestion.id, staff=STAFF)
    assert merged.three_way
    assert screenings == []  # main's new tip only deleted a guide, whose contacts were known

    assert published_contacts_at(store, store.main()) == screened_by_git(git, wiki, "main")
    assert CIVIL_REGISTRY in published_contacts_at(store, store.main())
    assert screenings == [content]  # the merged guide, once


def test_an_older_revision_is_counted_from_a_newer_one(
    store: WikiStore, wiki: Path, git: Git, screenings: list[str]
) -> None:
    old = store.main()
    commit_to_main(store, {BIRTH: None}, "Retire", when=FIXED_TIME, author=STAFF, committer=STAFF)
    published_contacts_at(store, store.main())
    screenings.clear()

    assert published_contacts_at(store, old) == screened_by_git(git, wiki, old)
    assert len(screenings) == 1  # only the guide the newer revision no longer has


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.unlink(), id="deleted"),
        pytest.param(lambda path: path.write_bytes(b"not a database " * 100), id="not a database"),
        pytest.param(lambda path: path.write_bytes(b""), id="emptied"),
    ],
)
def test_the_cache_file_is_only_a_cache(
    store: WikiStore, wiki: Path, git: Git, damage: Callable[[Path], None]
) -> None:
    published_contacts_at(store, store.main())
    path = cache_path(store)
    assert path.is_file() and path.parent == wiki / ".git" / "wikitool"
    damage(path)
    forget_in_memory()
    commit_to_main(store, {BIRTH: None}, "Retire", when=FIXED_TIME, author=STAFF, committer=STAFF)

    assert published_contacts_at(store, store.main()) == screened_by_git(git, wiki, "main")


def test_a_cache_file_that_cannot_be_opened_still_gives_the_contacts(
    store: WikiStore, wiki: Path, git: Git
) -> None:
    folder = wiki / ".git" / "wikitool"
    folder.mkdir(exist_ok=True)
    cache_path(store).mkdir()  # a folder where the file should be: it cannot be opened
    assert published_contacts_at(store, store.main()) == screened_by_git(git, wiki, "main")


def _count_in_a_process(args: tuple[str, str]) -> list[str]:
    repo, commit = args
    with WikiStore.open(repo) as store:
        return sorted(published_contacts_at(store, commit))


def test_processes_filling_the_cache_at_once_agree_with_git(
    store: WikiStore, wiki: Path, git: Git
) -> None:
    revisions = [store.main()]
    for n, path in enumerate((BIRTH, MARRIAGE, NAME)):
        commit_to_main(store, {path: without_helpline(store, path)}, f"Edit {n}",
                       when=FIXED_TIME + n, author=STAFF, committer=STAFF)  # fmt: skip
        revisions.append(store.main())
    jobs = [(str(wiki), rev) for rev in revisions * 3]

    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_count_in_a_process, jobs)

    for (_, rev), result in zip(jobs, results, strict=True):
        assert set(result) == screened_by_git(git, wiki, rev), rev
    assert not list((wiki / ".git" / "wikitool").glob("*-journal"))
