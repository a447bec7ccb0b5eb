"""Publish ``main`` as a static site with MkDocs (``wikitool build``).

The site is built from ``main``'s committed tree, exported to a temporary directory, never
from the working tree: an uncommitted edit or an unmerged suggestion cannot reach readers.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from wikitool.errors import BuildError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.export import export_tree
from wikitool.mkdocs_plugin.context import BuildContext
from wikitool.mkdocs_plugin.plugin import WikitoolPlugin
from wikitool.services.wiki_init import WIKI_PARTS

SEARCH_INDEX = "search/search_index.json"
"""Where MkDocs' search plugin (and mkdocs-material's) writes its index in the site."""


@dataclass(frozen=True)
class BuildResult:
    """A built site: where it is, which commit it shows, how many pages it has, and the
    files its configuration promises beside the pages (what a release is checked for)."""

    site_dir: Path
    commit: str
    pages: int
    feed: str | None = None
    """The Atom feed's path in the site; ``None`` when the wiki has none."""
    search_index: str | None = None
    """The search index's path in the site; ``None`` without the search plugin."""
    directory_urls: bool = True
    """Pages are ``<page>/index.html`` (MkDocs' ``use_directory_urls``), not ``<page>.html``."""


# A memory file system: creating the export's files there costs no disk journaling
# (about 0.2 ms of system CPU a file on a virtual disk, 0.1 s for a 500-guide wiki).
# Used only with room to spare: containers often give /dev/shm 64 MiB.
MEMORY_DIR = "/dev/shm"
MEMORY_ROOM = 1 << 30


@contextmanager
def exported_tree(store: WikiStore, rev: str = "main") -> Iterator[tuple[Path, str]]:
    """Export ``rev``'s wiki files to a temporary directory; yields ``(dir, commit)``.

    The directory is in ``TMPDIR`` when it is set, else in ``MEMORY_DIR`` when that has
    ``MEMORY_ROOM`` free (falling back to the default should the export not fit).
    """
    commit = store.resolve(rev)
    memory = memory_dir()
    for parent in ([memory] if memory else []) + [None]:
        with tempfile.TemporaryDirectory(prefix="wikitool-export-", dir=parent) as tmp:
            root = Path(tmp)
            prefixes = tuple(p if "." in p else p + "/" for p in WIKI_PARTS)
            try:
                export_tree(store, commit, root, prefixes=prefixes)
            except OSError:
                if parent is None:
                    raise
                continue  # memory full: export to disk instead
            if not (root / "mkdocs.yml").is_file():
                raise BuildError(f"{commit[:12]} has no mkdocs.yml: is this a wiki repository?")
            yield root, commit
            return


def memory_dir() -> str | None:
    if os.environ.get("TMPDIR"):
        return None  # where the operator wants temporary files
    try:
        stats = os.statvfs(MEMORY_DIR)
    except OSError:
        return None
    roomy = stats.f_bavail * stats.f_frsize >= MEMORY_ROOM
    return MEMORY_DIR if roomy and os.access(MEMORY_DIR, os.W_OK | os.X_OK) else None


def build_site(
    store: WikiStore,
    out: Path,
    *,
    rev: str = "main",
    strict: bool = True,
    intake_url: str | None = None,
) -> BuildResult:
    """Build the static site for ``rev`` into ``out`` (replacing what was there).

    Args:
        intake_url: the base URL of ``wikitool intake serve`` the site's suggestion form
            and feedback widget post to, in place of ``extra.wikitool.intake_url`` in
            ``mkdocs.yml``; without either, citizens download their suggestion as a file.

    Raises:
        BuildError: MkDocs failed, or (``strict``) warned about the content.
        GitStoreError: ``rev``'s tree holds a symlink or submodule.
    """
    out = out.resolve()
    with exported_tree(store, rev) as (root, commit):
        return build_exported(store, root, commit, out, strict=strict, intake_url=intake_url)[0]


def build_exported(
    store: WikiStore,
    root: Path,
    commit: str,
    out: Path,
    *,
    strict: bool = True,
    intake_url: str | None = None,
) -> tuple[BuildResult, MkDocsConfig]:
    """Build ``commit``, exported in ``root``, into ``out``; returns the result and the
    configuration the build ran with (its plugins keep what the build loaded).

    Raises:
        BuildError: as :func:`build_site`.
    """
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=strict)
        # The plugin reads history from the real repository, not the export.
        context = BuildContext(repository=Path(store.git_dir), commit=commit, intake_url=intake_url)
        feed = None
        for plugin in config.plugins.values():
            if isinstance(plugin, WikitoolPlugin):
                plugin.context = context
                feed = plugin.config.feed if plugin.config.enabled else None
        if out.exists():
            shutil.rmtree(out)
        quiet_mkdocs_info()
        with _startup_objects_set_aside():
            mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        raise BuildError(f"the site did not build: {build_reason(exc)}") from exc
    return site_result(out, commit, config, feed), config


def site_result(out: Path, commit: str, config: MkDocsConfig, feed: str | None) -> BuildResult:
    """What a release is checked for, of a site built into ``out`` with ``config``."""
    pages = sum(1 for _ in out.rglob("index.html"))
    return BuildResult(
        site_dir=out,
        commit=commit,
        pages=pages,
        feed=feed or None,
        search_index=SEARCH_INDEX if _has_search(config.plugins) else None,
        directory_urls=bool(config.use_directory_urls),
    )


def _has_search(plugins: Iterable[str]) -> bool:
    # "search" in mkdocs.yml is registered as "material/search" under the material theme.
    return any(name.rsplit("/", 1)[-1] == "search" for name in plugins)


@contextmanager
def _startup_objects_set_aside() -> Iterator[None]:
    """Keep the objects that exist before the build (modules, configuration, the
    export's) out of the cyclic garbage collector's full passes during the build: each
    pass would walk them all again (about 0.07 s of CPU on a 500-guide wiki). They are
    handed back afterwards, so whatever garbage is among them is still collected."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def quiet_mkdocs_info() -> None:
    # MkDocs logs every step at INFO; staff need its warnings, not its chatter.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)


def build_reason(exc: BaseException) -> str:
    # MkDocs logs a plugin's error and raises a bare "Aborted with a BuildError!" from
    # it: the plugin's own one-line message is what staff need to read.
    context = exc.__context__
    if isinstance(exc, Abort) and isinstance(context, MkDocsException) and str(context):
        return str(context)
    return str(exc)
