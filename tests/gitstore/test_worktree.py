"""The staff working tree: clean or not, left behind by a merge or not, and switched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from main_commits import commit_to_main

from wikitool.errors import GitStoreError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.worktree import WorkTree
from wikitool.model import Identity

Git = Callable[..., str]
STAFF = Identity("Tree Staff", "staff@agency.invalid")
GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
INDEX = "content/housing/index.md"


def _move_main(store: WikiStore, text: bytes = b"moved on\n") -> str:
    """Move main at the object level, as ``review merge`` does: the files stay behind."""
    return commit_to_main(
        store, {INDEX: text}, "Merge\n", when=1_790_000_100, author=STAFF, committer=STAFF
    )


def _branch(store: WikiStore, git: Git, name: str) -> str:
    tip = store.main()
    git(store.git_dir, "branch", name, tip)
    return tip


@pytest.mark.parametrize(
    ("edit", "changed"),
    [
        (None, False),
        (lambda wiki, git: (wiki / GUIDE).write_text("unsaved\n"), True),
        (lambda wiki, git: (wiki / "content/draft.md").write_text("new, untracked\n"), False),
        (lambda wiki, git: git(wiki, "rm", "-q", "--cached", GUIDE), True),
    ],
    ids=["clean", "edited file", "untracked file", "staged removal"],
)
def test_a_tree_has_changes_when_tracked_files_or_the_index_differ(
    wiki: Path, git: Git, edit: Callable[[Path, Git], object] | None, changed: bool
) -> None:
    if edit is not None:
        edit(wiki, git)

    assert WorkTree(wiki).has_changes() is changed


def test_a_tree_left_behind_by_a_move_of_main_shows_the_commit_it_still_has(
    store: WikiStore, wiki: Path, git: Git
) -> None:
    shown = store.main()
    _move_main(store)
    tree = WorkTree(wiki)

    assert tree.has_changes()  # main moved; the files did not
    assert tree.left_behind_at() == shown
    (wiki / GUIDE).write_text("a real edit\n")
    assert tree.left_behind_at() is None


def test_a_tree_with_staged_work_is_not_left_behind(wiki: Path, git: Git) -> None:
    (wiki / GUIDE).write_text("staged work\n")
    git(wiki, "add", GUIDE)

    assert WorkTree(wiki).left_behind_at() is None


@pytest.mark.parametrize("exists", [True, False], ids=["existing branch", "missing branch"])
def test_switch_to_checks_out_a_branch_creating_it_at_its_start(
    store: WikiStore, wiki: Path, git: Git, exists: bool
) -> None:
    start = store.main()
    if exists:
        _branch(store, git, "suggestions/01tree")

    WorkTree(wiki).switch_to("suggestions/01tree", start)

    assert git(wiki, "rev-parse", "--abbrev-ref", "HEAD").strip() == "suggestions/01tree"
    assert git(wiki, "rev-parse", "HEAD").strip() == start
    assert git(wiki, "status", "--porcelain") == ""


def test_a_tree_left_behind_is_detached_then_switched(
    store: WikiStore, wiki: Path, git: Git
) -> None:
    shown = store.main()
    tip = _move_main(store)
    tree = WorkTree(wiki)

    tree.detach_at(shown)
    tree.switch_to("main", tip)

    assert git(wiki, "rev-parse", "HEAD").strip() == tip
    assert (wiki / INDEX).read_text() == "moved on\n"
    assert git(wiki, "status", "--porcelain") == ""


def test_switching_over_local_edits_is_refused_and_keeps_them(
    store: WikiStore, wiki: Path, git: Git
) -> None:
    start = store.main()
    changed = commit_to_main(
        store, {INDEX: b"theirs\n"}, "Change\n", when=1_790_000_100, author=STAFF, committer=STAFF
    )
    git(wiki, "branch", "other", changed)
    git(wiki, "update-ref", "refs/heads/main", start)  # main back where the tree is
    (wiki / INDEX).write_text("mine\n")

    with pytest.raises(GitStoreError) as refused:
        WorkTree(wiki).switch_to("other", changed)

    assert str(refused.value) == (
        "git checkout failed: error: Your local changes to the following files "
        "would be overwritten by checkout:"
    )  # git's own reason, on one line
    assert git(wiki, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert (wiki / INDEX).read_text() == "mine\n"


@pytest.mark.parametrize("kind", ["plain folder", "missing folder"])
def test_only_a_git_working_tree_opens(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "not-a-tree"
    if kind == "plain folder":
        path.mkdir()

    with pytest.raises(GitStoreError, match=f"^{path} is not a git working tree$"):
        WorkTree(path)
