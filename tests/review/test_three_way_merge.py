"""The git store's merge: file contents in memory, and whole commits with dulwich."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from wikitool.gitstore import (
    ConflictHunk,
    FileConflict,
    WikiStore,
    merge_base,
    merge_commits,
    merge_texts,
)
from wikitool.model import Identity

BASE = b"title\n\none\ntwo\nthree\nfour\nfive\n"
WHO = Identity("Test Staff", "staff@agency.invalid")


@pytest.mark.parametrize(
    ("ours", "theirs", "merged", "conflict"),
    [
        (BASE, BASE, BASE, None),
        (BASE.replace(b"one", b"ONE"), BASE, BASE.replace(b"one", b"ONE"), None),
        (BASE, BASE.replace(b"five", b"FIVE"), BASE.replace(b"five", b"FIVE"), None),
        (BASE.replace(b"one", b"ONE"), BASE.replace(b"five", b"FIVE"),
         BASE.replace(b"one", b"ONE").replace(b"five", b"FIVE"), None),
        (BASE.replace(b"two", b"2"), BASE.replace(b"two", b"2"), BASE.replace(b"two", b"2"), None),
        (BASE.replace(b"three", b"main's"), BASE.replace(b"three", b"theirs"), None,
         FileConflict("g.md", "changed on both sides", (ConflictHunk(5, ("three",), ("main's",), ("theirs",)),))),
        (None, BASE.replace(b"one", b"ONE"), None, FileConflict("g.md", "deleted on main but changed by the suggestion")),
        (BASE.replace(b"one", b"ONE"), None, None, FileConflict("g.md", "deleted by the suggestion but changed on main")),
        (None, BASE, None, None),
    ],
)
def test_merge_texts(ours: bytes | None, theirs: bytes | None, merged: bytes | None, conflict: FileConflict | None) -> None:
    assert merge_texts("g.md", BASE, ours, theirs) == (merged, conflict)


def test_a_new_file_added_differently_on_both_sides_conflicts() -> None:
    merged, conflict = merge_texts("n.md", None, b"a\n", b"b\n")
    assert merged is None and conflict is not None
    assert conflict.reason == "added on both sides"
    assert conflict.hunks == (ConflictHunk(1, (), ("a",), ("b",)),)


def _commit(store: WikiStore, parent: str, changes: dict[str, bytes | None]) -> str:
    return store.write_files_commit(
        parents=[parent], base_tree=store.commit_info(parent).tree, changes=changes,
        message="change\n", author=WHO, when=1_790_000_000,
    )


def test_merge_commits_returns_the_tree_or_the_conflicts(
    store: WikiStore, wiki: Path, git: Callable[..., str]
) -> None:
    base = store.main()
    guide = "content/housing/apply-for-housing-benefit.md"
    text = store.read(base, guide)
    assert text is not None
    ours = _commit(store, base, {"content/housing/index.md": (store.read(base, "content/housing/index.md") or b"") + b"\nMore.\n"})
    theirs = _commit(store, base, {guide: text + b"\nAppendix.\n"})
    clash = _commit(store, base, {"content/housing/index.md": (store.read(base, "content/housing/index.md") or b"") + b"\nOther.\n"})

    assert merge_base(store, ours, theirs) == base
    tree, conflicts = merge_commits(store, base, ours, theirs)
    assert conflicts == ()
    listed = git(wiki, "ls-tree", "-r", tree)
    assert git(wiki, "rev-parse", f"{ours}:content/housing/index.md").strip() in listed
    assert git(wiki, "rev-parse", f"{theirs}:{guide}").strip() in listed

    _, clashing = merge_commits(store, base, ours, clash)
    assert [(c.path, c.reason) for c in clashing] == [("content/housing/index.md", "changed on both sides")]
    assert clashing[0].hunks[0].ours[-1] == "More."
    assert clashing[0].hunks[0].theirs[-1] == "Other."


def test_tree_paths_answers_like_the_full_set(store: WikiStore) -> None:
    from wikitool.gitstore.tree_paths import TreePaths

    main = store.main()
    full = {f.path for f in store.files(main)}
    lazy = TreePaths(store, main)
    for path in ("content/housing/index.md", "content/housing", "content/nope.md", "mkdocs.yml", ""):
        assert (path in lazy) == (path in full), path
    assert len(lazy) == len(full) and set(lazy) == full
    assert "content/housing/index.md" in lazy and "content/nope.md" not in lazy
