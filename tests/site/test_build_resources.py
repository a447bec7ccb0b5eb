"""What ``wikitool build`` borrows from the machine, and gives back.

It exports main's tree to a temporary directory: in memory (a tmpfs such as /dev/shm)
when that has room, so creating the files costs no disk journaling; where the
operator's ``TMPDIR`` says when it is set; else in the default temporary directory.
Wherever it goes, it is the same tree and it is gone after the build. During the build
the objects that existed before it are set aside from the garbage collector's full
passes; afterwards nothing stays set aside."""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path

import pytest

from wikitool.gitstore import WikiStore
from wikitool.publishing import publish
from wikitool.publishing.publish import build_site, exported_tree


@pytest.fixture
def memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder standing for the memory file system, with room enough."""
    folder = tmp_path / "memory"
    folder.mkdir()
    monkeypatch.setattr(publish, "MEMORY_DIR", str(folder))
    monkeypatch.setattr(publish, "MEMORY_ROOM", 1)
    monkeypatch.delenv("TMPDIR", raising=False)
    return folder


def test_the_export_goes_to_memory_when_it_has_room(store: WikiStore, memory: Path) -> None:
    with exported_tree(store) as (root, commit):
        assert root.parent == memory
        assert (root / "mkdocs.yml").is_file()
        assert commit == store.main()
    assert list(memory.iterdir()) == []


def test_a_memory_without_room_leaves_the_export_on_disk(
    store: WikiStore, memory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "MEMORY_ROOM", 1 << 62)

    with exported_tree(store) as (root, _):
        assert root.parent == Path(tempfile.gettempdir())
        assert (root / "mkdocs.yml").is_file()


def test_tmpdir_set_by_the_operator_wins(
    store: WikiStore, memory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tempfile.gettempdir()))

    with exported_tree(store) as (root, _):
        assert root.parent == Path(tempfile.gettempdir())


def test_a_missing_memory_folder_leaves_the_export_on_disk(
    store: WikiStore, memory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "MEMORY_DIR", str(memory / "absent"))

    with exported_tree(store) as (root, _):
        assert root.parent == Path(tempfile.gettempdir())


def test_after_a_build_the_garbage_collector_sees_every_object_again(
    store: WikiStore, tmp_path: Path
) -> None:
    result = build_site(store, tmp_path / "site")

    assert result.pages > 0
    assert gc.get_freeze_count() == 0
