"""What ``wikitool build`` borrows from the machine, and gives back.

It exports main's tree to a temporary directory: in memory (a tmpfs such as /dev/shm)
when that has room, so creating the files costs no disk journaling; where the
operator's ``TMPDIR`` says when it is set; else in the default temporary directory.
Wherever it goes, it is the same tree and it is gone after the build. During the build
the objects that existed before it are set aside from the garbage collector's full
passes; afterwards nothing stays set aside. The ``wikitool`` process of a build or a
publish then ends without freeing its heap object by object (``cli/quick_exit.py``):
its output still arrives whole, and a failed build ends the usual way."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import FIXED_TIME, STAFF
from main_commits import commit_to_main

from wikitool.gitstore import WikiStore
from wikitool.publishing import scratch
from wikitool.publishing.publish import build_site, exported_tree


@pytest.fixture
def memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder standing for the memory file system, with room enough."""
    folder = tmp_path / "memory"
    folder.mkdir()
    monkeypatch.setattr(scratch, "MEMORY_DIR", str(folder))
    monkeypatch.setattr(scratch, "MEMORY_ROOM", 1)
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
    monkeypatch.setattr(scratch, "MEMORY_ROOM", 1 << 62)

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
    monkeypatch.setattr(scratch, "MEMORY_DIR", str(memory / "absent"))

    with exported_tree(store) as (root, _):
        assert root.parent == Path(tempfile.gettempdir())


def _killed_while_holding(kind: str, memory: Path) -> Path:
    """The folder a process made in ``memory`` before it was killed outright (SIGKILL)."""
    made = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys, tempfile\n"
            "from wikitool.publishing.scratch import scratch_prefix\n"
            f"print(tempfile.mkdtemp(prefix=scratch_prefix({kind!r}), dir=sys.argv[1]),"
            " flush=True)\n"
            "os.kill(os.getpid(), signal.SIGKILL)",
            str(memory),
        ],
        capture_output=True,
        text=True,
    )
    assert made.returncode == -9, made.stderr
    folder = Path(made.stdout.strip())
    assert folder.parent == memory and folder.is_dir()
    return folder


def test_the_export_folder_says_which_process_made_it(store: WikiStore, memory: Path) -> None:
    with exported_tree(store) as (root, _):
        assert root.name.startswith(f"wikitool-export-{os.getpid()}-")


def test_a_build_removes_the_folders_of_killed_builds_and_nothing_else(
    store: WikiStore, memory: Path
) -> None:
    killed = [_killed_while_holding(kind, memory) for kind in ("export", "session")]
    alive = memory / f"wikitool-session-{os.getpid()}-kept"  # a --watch still running
    alive.mkdir()
    a_file = killed[0].name.replace("export", "session") + "-file"  # not a folder
    (memory / "wikitool-export-notapid-x").mkdir()
    (memory / "someone-elses").mkdir()
    (memory / a_file).write_text("x")

    with exported_tree(store):
        pass

    assert not any(folder.exists() for folder in killed)
    assert sorted(p.name for p in memory.iterdir()) == sorted(
        [alive.name, "wikitool-export-notapid-x", "someone-elses", a_file]
    )


def test_after_a_build_the_garbage_collector_sees_every_object_again(
    store: WikiStore, tmp_path: Path
) -> None:
    result = build_site(store, tmp_path / "site")

    assert result.pages > 0
    assert gc.get_freeze_count() == 0


# The console script, with an exit handler that says whether Python's teardown ran.
_CONSOLE = (
    "import atexit, sys; from wikitool.cli import main; "
    "atexit.register(lambda: print('teardown ran', file=sys.stderr)); "
    "sys.argv[0] = 'wikitool'; main()"
)


def _wikitool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CONSOLE, *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["build", "--out", "{tmp}/site"], "Built "),
        (["publish", "--out", "{tmp}/live"], "Published "),
    ],
)
def test_a_build_process_ends_without_teardown_and_its_output_whole(
    wiki: Path, tmp_path: Path, command: list[str], said: str
) -> None:
    done = _wikitool("--repo", str(wiki), *(arg.format(tmp=tmp_path) for arg in command))

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(said) and done.stdout.endswith("\n")  # flushed to a pipe
    assert "teardown ran" not in done.stderr
    site = tmp_path / ("site" if command[0] == "build" else "live")
    assert (site / "index.html").read_text("utf-8").rstrip().endswith("</html>")


def test_a_build_that_held_a_guide_back_also_ends_at_once_with_code_4(
    store: WikiStore, wiki: Path, tmp_path: Path
) -> None:
    guide = "content/identity-and-travel/renew-an-adult-passport.md"
    raw = store.read(store.main(), guide)
    assert raw is not None and b"## Steps\n\n1. " in raw
    # `<![` in inline code makes MkDocs' HTML reader raise: the build holds the guide back.
    broken = raw.replace(b"## Steps\n\n1. ", b"## Steps\n\n1. Type `<![` here. ", 1)
    commit_to_main(
        store, {guide: broken}, "A guide the build stops on", when=FIXED_TIME + 60,
        author=STAFF, committer=STAFF,
    )  # fmt: skip

    done = _wikitool("--repo", str(wiki), "build", "--out", str(tmp_path / "site"))

    assert done.returncode == 4, done.stderr
    assert done.stdout.startswith("Built ") and "Held back 1 guide(s)" in done.stdout
    assert "teardown ran" not in done.stderr


def test_a_failed_build_ends_the_usual_way(tmp_path: Path) -> None:
    (tmp_path / "not-a-wiki").mkdir()

    done = _wikitool("--repo", str(tmp_path / "not-a-wiki"), "build", "--out", str(tmp_path / "s"))

    assert done.returncode == 1
    assert done.stderr.startswith("Error: ")
    assert "teardown ran" in done.stderr
