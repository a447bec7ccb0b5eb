"""Publish ``main`` as a static site with MkDocs (``wikitool build``).

The site is built from ``main``'s committed tree, exported to a temporary directory, never
from the working tree: an uncommitted edit or an unmerged suggestion cannot reach readers.
"""

from __future__ import annotations

import gc
import logging
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.config_options import PathSpec
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from wikitool.errors import BuildError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.export import export_tree
from wikitool.guides.paths import is_guide_path
from wikitool.mkdocs_plugin.context import BuildContext
from wikitool.mkdocs_plugin.plugin import WikitoolPlugin
from wikitool.publishing.build_log import BuildWarning, recording
from wikitool.publishing.held_back import WARNED, HeldBack, HoldingBack, LiveVersions
from wikitool.publishing.scratch import memory_dir, remove_abandoned, scratch_prefix
from wikitool.services.wiki_init import WIKI_PARTS

MAX_BUILDS = 4
"""Builds tried, each without the guides the one before failed on: a guide's failure
seldom shows another's (a link to a guide held back), never four times over."""
MAX_WARNINGS_SHOWN = 3
_GITIGNORE_SPECIAL = re.compile(r"([\\*?\[\]!# ])")
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
    held_back: tuple[HeldBack, ...] = ()
    """The guides the build held back, by path: each kept its published page or is absent."""
    warnings: tuple[str, ...] = ()
    """MkDocs' warnings about the site as built, each naming its file (none when strict)."""


@contextmanager
def exported_tree(store: WikiStore, rev: str = "main") -> Iterator[tuple[Path, str]]:
    """Export ``rev``'s wiki files to a temporary directory; yields ``(dir, commit)``.

    The directory is in ``TMPDIR`` when it is set, else in memory when that has room
    (``scratch.memory_dir``; falling back to the default should the export not fit),
    where the folders of killed builds are removed first.
    """
    commit = store.resolve(rev)
    memory = memory_dir()
    if memory:
        remove_abandoned(memory)
    for parent in ([memory] if memory else []) + [None]:
        with tempfile.TemporaryDirectory(prefix=scratch_prefix("export"), dir=parent) as tmp:
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


def build_site(
    store: WikiStore,
    out: Path,
    *,
    rev: str = "main",
    strict: bool = True,
    intake_url: str | None = None,
    published: LiveVersions | None = None,
) -> BuildResult:
    """Build the static site for ``rev`` into ``out`` (replacing what was there).

    A guide the build would stop on is held back (``held_back.py``): it keeps its
    version at ``published``, or is left out, and the rest of the site is built.

    Args:
        strict: MkDocs' warnings fail the build: a guide's holds that guide back, one
            about the site (a category page, the configuration) stops the build.
        intake_url: the base URL of ``wikitool intake serve`` the site's suggestion form
            and feedback widget post to, in place of ``extra.wikitool.intake_url`` in
            ``mkdocs.yml``; without either, citizens download their suggestion as a file.
        published: what readers see now (the live release's versions), the version a
            held-back guide keeps; ``None``: a held-back guide is left out.

    Raises:
        BuildError: MkDocs failed other than on one guide, or (``strict``) warned about
            a page that is not a guide.
        GitStoreError: ``rev``'s tree holds a symlink or submodule.
    """
    out = out.resolve()
    with exported_tree(store, rev) as (root, commit):
        return build_exported(
            store, root, commit, out, strict=strict, intake_url=intake_url, published=published
        )[0]


def build_exported(
    store: WikiStore,
    root: Path,
    commit: str,
    out: Path,
    *,
    strict: bool = True,
    intake_url: str | None = None,
    published: LiveVersions | None = None,
) -> tuple[BuildResult, MkDocsConfig]:
    """:func:`build_site` of ``commit`` exported in ``root``; also returns the
    configuration of the build that succeeded (its plugins keep what it loaded).

    Raises:
        BuildError: as :func:`build_site`.
    """
    holding = HoldingBack(root, store, published)
    holding.probe()
    for _ in range(MAX_BUILDS):
        built = _build_once(store, root, out, commit, intake_url, holding)
        blamed = _guides_blamed(built, strict)
        for path, reason in blamed:
            holding.hold_back(path, holding.line_of(path, reason, built.config), reason)
        if not blamed:
            break
    else:
        raise BuildError(
            f"the site did not build: still failing after holding back {len(holding.held)} "
            f"guide(s): {_failure(built)}"
        )
    if built.failure is not None or (strict and built.warnings):
        raise BuildError(f"the site did not build: {_failure(built)}")
    config = built.config
    return _result(out, commit, built, holding), config


def _result(out: Path, commit: str, built: _Built, holding: HoldingBack) -> BuildResult:
    config = built.config
    return BuildResult(
        site_dir=out,
        commit=commit,
        pages=sum(1 for _ in out.rglob("index.html")),
        feed=built.feed or None,
        search_index=SEARCH_INDEX if _has_search(config.plugins) else None,
        directory_urls=bool(config.use_directory_urls),
        held_back=tuple(holding.held[p] for p in sorted(holding.held)),
        warnings=tuple(str(w) for w in built.warnings),
    )


def site_result(
    out: Path, commit: str, config: MkDocsConfig, feed: str | None, pages: int
) -> BuildResult:
    """What a release is checked for, of a site of ``pages`` pages built into ``out``
    with ``config`` that held nothing back and was not warned about."""
    return BuildResult(
        site_dir=out,
        commit=commit,
        pages=pages,
        feed=feed or None,
        search_index=SEARCH_INDEX if _has_search(config.plugins) else None,
        directory_urls=bool(config.use_directory_urls),
    )


@dataclass(frozen=True)
class _Built:
    """One run of MkDocs: what it warned, and the failure that stopped it if any."""

    config: MkDocsConfig
    feed: str | None
    warnings: tuple[BuildWarning, ...]
    failure: str | None = None
    failed_on: str | None = None
    """The page (repository path) MkDocs was on when it failed."""


def _build_once(
    store: WikiStore,
    root: Path,
    out: Path,
    commit: str,
    intake_url: str | None,
    holding: HoldingBack,
) -> _Built:
    try:
        # Never MkDocs' own strict mode: it aborts at the end, counting warnings without
        # naming their pages; warnings are recorded and judged here instead.
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=False)
    except (MkDocsException, OSError) as exc:
        raise BuildError(f"the site did not build: {build_reason(exc)}") from exc
    kept = holding.kept
    _exclude(config, sorted(p for p, kept_from in kept.items() if kept_from is None))
    # The plugin reads history from the real repository, not the export.
    context = BuildContext(
        repository=Path(store.git_dir), commit=commit, intake_url=intake_url, held_back=kept
    )
    feed, plugin = None, None
    for candidate in config.plugins.values():
        if isinstance(candidate, WikitoolPlugin):
            plugin = candidate
            plugin.context = context
            plugin.read_ahead = dict(holding.sources)  # taken as pages are read
            feed = plugin.config.feed if plugin.config.enabled else None
    if out.exists():
        shutil.rmtree(out)
    quiet_mkdocs_info()
    with recording(config, plugin) as log, _startup_objects_set_aside():
        try:
            mkdocs_build(config)
        except Exception as exc:  # a page's parser may raise anything
            src = log.page_in_progress()
            return _Built(
                config,
                feed,
                tuple(log.warnings),
                build_reason(exc),
                log.page_path(src) if src is not None else None,
            )
    return _Built(config, feed, tuple(log.warnings))


def _exclude(config: MkDocsConfig, paths: Iterable[str]) -> None:
    """Leave ``paths`` (``content/...``) out of the build as ``exclude_docs`` would."""
    # Anchored, every character gitignore reads specially escaped: exactly that file.
    patterns = ["/" + _GITIGNORE_SPECIAL.sub(r"\\\1", p.split("/", 1)[1]) for p in paths]
    if not patterns:
        return
    spec = PathSpec().run_validation("\n".join(patterns))  # as exclude_docs is read
    config.exclude_docs = spec if config.exclude_docs is None else config.exclude_docs + spec


def _guides_blamed(built: _Built, strict: bool) -> list[tuple[str, str]]:
    """The guides to hold back after ``built``, with why: the one it failed on and
    (``strict``) each one it warned about; none when something is the site's own."""
    blamed: dict[str, str] = {}
    if built.failure is not None:
        if built.failed_on is None or not is_guide_path(built.failed_on):
            return []
        blamed[built.failed_on] = built.failure
    for warning in built.warnings if strict else ():
        if warning.path is None or not is_guide_path(warning.path):
            return []  # a warning about the site: no guide to blame, the build fails
        blamed.setdefault(warning.path, f"{WARNED}{warning.message}")
    return list(blamed.items())


def _failure(built: _Built) -> str:
    if built.failure is not None:
        return f"{built.failed_on}: {built.failure}" if built.failed_on else built.failure
    shown = "; ".join(str(w) for w in built.warnings[:MAX_WARNINGS_SHOWN])
    more = len(built.warnings) - MAX_WARNINGS_SHOWN
    return f"MkDocs warned: {shown}" + (f" (and {more} more)" if more > 0 else "")


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
    if isinstance(exc, MkDocsException | OSError):
        return str(exc)
    # Anything else came out of a parser (an AssertionError from the HTML reader):
    # its kind says more than its message alone.
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"
