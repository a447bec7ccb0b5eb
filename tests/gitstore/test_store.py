"""The git store writes real git objects and refs that real git accepts."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest

from wikitool.errors import GitStoreError, NotAWikiError, NotFoundError, UnsafePathError
from wikitool.gitstore import MAIN_REF, WikiStore, check_tree_path
from wikitool.gitstore.export import export_tree
from wikitool.model import Identity

CITIZEN = Identity("Citizen abc", "abc@suggestions.invalid")


def _change(store: WikiStore, parent: str, changes: dict[str, bytes | None]) -> str:
    return store.write_files_commit(
        parents=[parent],
        base_tree=store.commit_info(parent).tree,
        changes=changes,
        message="Change a guide\n",
        author=CITIZEN,
    )


def test_a_commit_written_without_a_working_tree_is_seen_by_git(
    store: WikiStore, wiki: Path, git: Callable[..., str]
) -> None:
    main = store.main()
    before = (wiki / "content/housing/index.md").read_bytes()
    changes: dict[str, bytes | None] = {
        "content/housing/index.md": b"changed\n",
        "content/new/x.md": b"x\n",
    }
    new = _change(store, main, changes)

    assert store.update_ref("refs/heads/suggestions/s1", None, new)

    assert git(wiki, "show", "suggestions/s1:content/housing/index.md") == "changed\n"
    assert git(wiki, "rev-parse", "main").strip() == main  # main untouched
    assert (wiki / "content/housing/index.md").read_bytes() == before  # working tree untouched
    assert git(wiki, "status", "--porcelain") == ""
    git(wiki, "fsck", "--full", "--strict")


def test_deleting_a_file_and_reading_back(store: WikiStore) -> None:
    main = store.main()
    path = store.files(main, "content/housing/")[0].path
    new = _change(store, main, {path: None})
    assert store.read(new, path) is None
    assert store.read(main, path) is not None


def test_compare_and_swap_refuses_a_stale_old_value(store: WikiStore) -> None:
    main = store.main()
    first = _change(store, main, {"content/a/b.md": b"1\n"})
    second = _change(store, main, {"content/a/b.md": b"2\n"})
    assert store.update_ref(MAIN_REF, main, first)
    assert not store.update_ref(MAIN_REF, main, second)  # main moved: the writer must retry
    assert store.main() == first
    assert not store.update_ref(MAIN_REF, None, second)  # create-only on an existing ref


def test_a_ref_moved_with_a_reason_has_a_reflog_git_reads(
    store: WikiStore, wiki: Path, git: Callable[..., str]
) -> None:
    main = store.main()
    merged = _change(store, main, {"content/a/b.md": b"1\n"})
    assert store.update_ref(MAIN_REF, main, merged, reason="merge suggestion s1")

    newest = git(wiki, "reflog", "show", "--format=%H %gs", "-n", "1", "main").split(" ", 1)
    assert newest == [merged, "merge suggestion s1\n"]
    git(wiki, "fsck", "--full", "--strict")


def test_a_ref_moved_without_a_reason_has_no_reflog(
    store: WikiStore, wiki: Path, git: Callable[..., str]
) -> None:
    new = _change(store, store.main(), {"content/a/b.md": b"1\n"})
    assert store.update_ref("refs/heads/suggestions/s1", None, new)
    assert store.update_ref("refs/reviews/s1", None, new)

    assert not (wiki / ".git/logs/refs/heads/suggestions/s1").exists()
    assert not (wiki / ".git/logs/refs/reviews").exists()
    assert git(wiki, "rev-parse", "suggestions/s1").strip() == new
    git(wiki, "fsck", "--full", "--strict")


def test_a_stale_lock_left_by_a_killed_writer_is_recovered(store: WikiStore, wiki: Path) -> None:
    import os

    main = store.main()
    new = _change(store, main, {"content/a/b.md": b"1\n"})
    lock = wiki / ".git/refs/heads/main.lock"
    lock.write_text("")
    old = 1_000_000_000
    os.utime(lock, (old, old))
    assert store.update_ref(MAIN_REF, main, new)
    assert not lock.exists()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("", "path is empty"),
        ("/etc/passwd", "is absolute"),
        ("content/../x.md", "forbidden segment '..'"),
        ("content/./x.md", "forbidden segment '.'"),
        ("content//x.md", "forbidden segment ''"),
        (".git/config", "forbidden segment '.git'"),
        ("content/.GIT/config", "forbidden segment '.GIT'"),
        ("content/.git./x", "forbidden segment '.git.'"),
        ("content/.git::$INDEX_ALLOCATION/x", "forbidden segment"),
        ("content/GIT~1/x", "forbidden segment 'GIT~1'"),
        ("content/.g\u200cit/x", "forbidden segment"),
        ("content\\x.md", "backslash"),
        ("content/x\x00.md", "control character"),
        ("content/cafe\u0301.md", "normal form C"),
        ("content/" + "a" * 300 + ".md", "longer than 255 bytes"),
    ],
)
def test_unsafe_tree_paths_are_refused(path: str, message: str) -> None:
    with pytest.raises(UnsafePathError) as error:
        check_tree_path(path)
    assert message in str(error.value)


def test_writing_an_unsafe_path_writes_nothing(store: WikiStore, wiki: Path) -> None:
    objects_before = sorted(p.name for p in (wiki / ".git/objects").rglob("*"))
    with pytest.raises(UnsafePathError):
        _change(store, store.main(), {"content/../../evil.md": b"x"})
    assert sorted(p.name for p in (wiki / ".git/objects").rglob("*")) == objects_before


def test_resolve_names_and_ids(store: WikiStore) -> None:
    main = store.main()
    assert store.resolve("main") == main
    assert store.resolve("refs/heads/main") == main
    assert store.resolve(main[:10]) == main
    with pytest.raises(NotFoundError, match="unknown revision 'nope'"):
        store.resolve("nope")
    with pytest.raises(NotFoundError):
        store.resolve("0" * 40)


def test_opening_something_that_is_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(NotAWikiError, match="is not a git repository"):
        WikiStore.open(tmp_path)


def test_export_refuses_a_symlink_in_the_tree(store: WikiStore, tmp_path: Path) -> None:
    from dulwich.objects import Blob, Tree

    repo = store._repo
    blob = Blob.from_string(b"/etc/passwd")
    tree = Tree()
    tree.add(b"leak.md", 0o120000, blob.id)
    repo.object_store.add_objects([(blob, None), (tree, None)])
    commit = store.write_commit(tree=tree.id.decode(), parents=[], message="x\n", author=CITIZEN)
    with pytest.raises(GitStoreError, match=r"leak\.md: refusing to export a symlink"):
        export_tree(store, commit, tmp_path / "out")


def _hammer(args: tuple[str, int]) -> int:
    repo, worker = args
    with WikiStore.open(repo) as store:
        moved = 0
        for i in range(10):
            while True:
                tip = store.main()
                new = _change(store, tip, {f"content/w{worker}/g{i}.md": b"x\n"})
                if store.update_ref(MAIN_REF, tip, new):
                    moved += 1
                    break
        return moved


def test_concurrent_writers_never_lose_an_update(wiki: Path, git: Callable[..., str]) -> None:
    before = int(git(wiki, "rev-list", "--count", "main"))
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert sum(pool.map(_hammer, [(str(wiki), w) for w in range(4)])) == 40
    assert int(git(wiki, "rev-list", "--count", "main")) == before + 40
    assert len(git(wiki, "ls-tree", "-r", "--name-only", "main", "content/").split()) >= 40
    git(wiki, "fsck", "--full", "--strict")
    assert not list((wiki / ".git").rglob("*.lock"))


def test_a_stale_object_lock_left_by_a_killed_writer_is_recovered(store: WikiStore, wiki: Path) -> None:
    import os

    from dulwich.objects import Tree

    empty = Tree().id.decode()
    lock = wiki / ".git/objects" / empty[:2] / (empty[2:] + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text("")
    os.utime(lock, (1_000_000_000, 1_000_000_000))

    assert store.empty_tree() == empty
    assert not lock.exists()


def test_listings_and_reads_follow_each_commit_through_the_caches(
    store: WikiStore, wiki: Path, git: Callable[..., str]
) -> None:
    main = store.main()
    before = store.files(main, "content/")
    before.clear()  # a caller changing its copy changes nothing for the next one
    listed = {f.path for f in store.files(main, "content/")}
    added = _change(store, main, {"content/new/guide.md": b"new\n"})
    removed = _change(store, added, {"content/new/guide.md": None})

    assert {f.path for f in store.files(added, "content/")} == listed | {"content/new/guide.md"}
    assert {f.path for f in store.files(removed, "content/")} == listed
    assert {f.path for f in store.files(main, "content/")} == listed
    assert store.read(added, "content/new/guide.md") == b"new\n"
    assert store.read(removed, "content/new/guide.md") is None
    assert "new" not in {p.split("/")[1] for p in listed}
    # The emptied folder is gone from the tree, not left as an empty tree.
    assert "new" not in git(wiki, "ls-tree", "--name-only", f"{removed}:content").split()
    assert "new" in git(wiki, "ls-tree", "--name-only", f"{added}:content").split()
