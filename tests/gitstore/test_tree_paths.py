"""``TreePaths``: a commit's paths as a set, answering ``in`` without listing the tree."""

from __future__ import annotations

import pytest

from wikitool.gitstore import WikiStore
from wikitool.gitstore.tree_paths import TreePaths

PATHS = [
    "content/housing/index.md",
    "content/housing/apply-for-housing-benefit.md",
    "content/housing",
    "content/housing/",
    "content/nope.md",
    "content/index.md",
    "mkdocs.yml",
    "theme/main.html",
    "",
]
SELECTIONS = [("", ""), ("content/", ".md"), ("content/housing/", ""), ("", ".yml")]


@pytest.mark.parametrize(("prefix", "suffix"), SELECTIONS)
def test_in_answers_as_the_listed_set_would(store: WikiStore, prefix: str, suffix: str) -> None:
    main = store.main()
    full = {
        f.path for f in store.files(main) if f.path.startswith(prefix) and f.path.endswith(suffix)
    }
    lazy = TreePaths(store, main, prefix, suffix)
    for path in PATHS:
        assert (path in lazy) == (path in full), path
    assert len(lazy) == len(full) and set(lazy) == full
    for path in PATHS:  # and the same once listed
        assert (path in lazy) == (path in full), path


def test_in_does_not_list_the_tree(store: WikiStore, monkeypatch: pytest.MonkeyPatch) -> None:
    lazy = TreePaths(store, store.main(), "content/", ".md")
    monkeypatch.setattr(store, "files", lambda *a: pytest.fail("listed the whole tree"))
    assert "content/housing/index.md" in lazy
    assert "content/housing/new.md" not in lazy


def test_added_paths_count(store: WikiStore) -> None:
    lazy = TreePaths(store, store.main(), "content/", ".md")
    lazy.add("content/housing/new.md")
    assert "content/housing/new.md" in lazy
    assert "content/housing/new.md" in set(lazy)
