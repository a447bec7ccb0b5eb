"""Create a new wiki repository from the reference wiki or another wiki's files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from wikitool.errors import WikitoolError
from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.model import Identity

# What a wiki is made of; everything else in a source folder (.git, site/, caches) is left.
WIKI_PARTS = ("content", "theme", "mkdocs.yml")


@dataclass(frozen=True)
class InitResult:
    """A new wiki: where it is, its first commit, how many files it holds."""

    path: Path
    commit: str
    files: int


def reference_wiki() -> Path:
    """The reference wiki shipped with the package.

    An installed wheel carries it as ``wikitool/_reference``; a source checkout (an
    editable install) has it at the project root beside the package.
    """
    packaged = Path(str(resources.files("wikitool") / "_reference"))
    if (packaged / "mkdocs.yml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "mkdocs.yml").is_file() and (checkout / "content").is_dir():
        return checkout
    raise WikitoolError("the reference wiki is missing from this installation")


def collect_wiki_files(source: Path) -> dict[str, bytes]:
    """Read ``content/``, ``theme/`` and ``mkdocs.yml`` from ``source`` as ``path -> bytes``.

    Raises:
        WikitoolError: ``source`` has no ``mkdocs.yml`` or ``content/``, or holds a symlink
            (it would publish whatever file it points at).
    """
    if not (source / "mkdocs.yml").is_file() or not (source / "content").is_dir():
        raise WikitoolError(f"{source} is not a wiki: it needs mkdocs.yml and content/")
    files: dict[str, bytes] = {}
    for part in WIKI_PARTS:
        top = source / part
        if top.is_symlink():
            raise WikitoolError(f"{top}: refusing to copy a symlink")
        if top.is_file():
            files[part] = top.read_bytes()
            continue
        if not top.is_dir():
            continue
        for root, dirs, names in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted([*names, *dirs]):
                full = Path(root) / name
                if full.is_symlink():
                    raise WikitoolError(f"{full}: refusing to copy a symlink")
            for name in sorted(names):
                full = Path(root) / name
                files[full.relative_to(source).as_posix()] = full.read_bytes()
    return files


def init_wiki(
    dest: Path, *, source: Path | None = None, author: Identity, when: int | None = None
) -> InitResult:
    """Make ``dest`` a new wiki repository whose first commit on ``main`` holds the wiki.

    The commit is written with dulwich at the object level; the files are then checked
    out so staff have a working tree.

    Raises:
        WikitoolError: ``dest`` exists and is not empty, or ``source`` is not a wiki.
    """
    files = collect_wiki_files((source or reference_wiki()).resolve())
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise WikitoolError(f"{dest} already exists and is not empty")
    store = WikiStore.init(dest)
    with store:
        tree = store.write_tree(files)
        commit = store.write_commit(
            tree=tree,
            parents=[],
            message="Start the wiki\n\nCreated by wikitool init.\n",
            author=author,
            committer=author,
            when=when,
        )
        store.update_ref(MAIN_REF, None, commit, reason="wikitool init")
        store.check_out_main()
    return InitResult(path=dest.resolve(), commit=commit, files=len(files))
