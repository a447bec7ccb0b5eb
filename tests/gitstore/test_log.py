"""The one-pass ``git log`` is run by the git store, which hands back git's own text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from wikitool.errors import GitStoreError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.log import Repository, discover_repository, first_parent_log

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"


def test_the_log_is_gits_text_in_the_asked_format(
    store: WikiStore, git: Callable[..., str]
) -> None:
    main = store.main()

    text = first_parent_log(Repository(store.git_dir, main, "content/"), "%H%x00%s")

    tokens = text.split("\0")
    assert tokens[:2] == [main, "Start the wiki"]
    assert "A" in tokens and GUIDE in tokens  # --name-status -z: status, then path
    assert "mkdocs.yml" not in tokens  # only the wiki's folder
    expected = git(
        store.git_dir,
        "log",
        "-z",
        "--first-parent",
        "-m",
        "--name-status",
        "-M",
        "--format=%H%x00%s",
        main,
        "--",
        "content",
    )
    assert text == expected


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("--output=x", "not a commit id: '--output=x'"),
        ("main", "not a commit id: 'main'"),
        ("HEAD~1", r"not a commit id: 'HEAD~1'"),
        ("f" * 40, r"git log failed in .*: fatal: bad object"),
    ],
)
def test_only_a_commit_that_exists_is_read(
    store: WikiStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, revision: str, message: str
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)

    with pytest.raises(GitStoreError, match=message):
        first_parent_log(Repository(store.git_dir, revision, "content/"), "%H")

    assert list(cwd.iterdir()) == []  # no option reached git: nothing written


def test_discover_the_repository_around_a_folder(wiki: Path, tmp_path: Path) -> None:
    found = discover_repository(wiki / "content" / "housing")
    outside = tmp_path / "no-repository"
    outside.mkdir()

    assert found is not None
    assert (found.git_dir, found.prefix) == ((wiki / ".git").resolve(), "content/housing/")
    assert discover_repository(outside) is None


def test_discovery_ignores_a_git_dir_inherited_from_a_hook(
    wiki: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.git"
    other.mkdir()
    monkeypatch.setenv("GIT_DIR", str(other))  # as a build run from a git hook would have

    found = discover_repository(wiki / "content")

    assert found is not None and found.git_dir == (wiki / ".git").resolve()
