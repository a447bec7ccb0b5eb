"""Incremental publish: a build kept loaded in the process, and a newer commit that only
changed guides published by rendering those pages again and reusing the rest.

``SiteSession`` is what ``publish --watch`` keeps between publishes: the wiki exported to
a folder of its own, the MkDocs configuration, files, navigation and templates of the
last build, and the plugins' state (the wikitool plugin's facts of every page, the search
plugin's index). Publishing a commit whose only changes since the live release are to
existing pages (``content/**.md``) whose titles stay the same:

1. the changed files are written into the export;
2. the history is read again (the new commit is in it);
3. the changed pages, their category pages, the home page and the generated pages
   ("What changed", suggest, track) are read and rendered again, each page's search
   entries replaced where they stood in the index; the 404 page and the sitemap, the
   feed, the guides' sources and the redirects are written again from the facts of
   every page;
4. every other file of the new release is a hard link to the same file of the live
   release (a release is never changed once live, so sharing its files is safe), in
   the folders of an old release made ready in the background (``spare_folders.py``).

Anything else falls back to a full build, and the report says why (``Plan.reason``):
no build loaded in this process, a live release this process did not build, a new day
(freshness and overdue reviews are dated), ``mkdocs.yml`` or the theme changed, a page
added, deleted or renamed, a file that is not a page changed, a page's title changed
(the navigation shows every page's title and path), or MkDocs warned (the full build
reports the warning). The code is the same process's, so the plugin's version cannot
differ between the live release and the update.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
    _populate_page,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from wikitool.errors import BuildError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.export import export_tree, write_entry
from wikitool.mkdocs_plugin.context import BuildContext
from wikitool.mkdocs_plugin.history_source import docs_prefix
from wikitool.mkdocs_plugin.plugin import Loaded, WikitoolPlugin
from wikitool.publishing.held_back import LiveVersions
from wikitool.publishing.publish import (
    BuildResult,
    build_exported,
    build_reason,
    quiet_mkdocs_info,
    site_result,
)
from wikitool.publishing.scratch import memory_dir, remove_abandoned, scratch_prefix
from wikitool.publishing.spare_folders import SpareFolders
from wikitool.services.wiki_init import WIKI_PARTS

INCREMENTAL = "incremental"
FULL = "full"
PREFIXES = tuple(p if "." in p else p + "/" for p in WIKI_PARTS)


@dataclass(frozen=True)
class Plan:
    """How a commit was built: ``mode`` is ``"incremental"`` or ``"full"``, ``reason``
    why (a full build's reason names what made it one)."""

    mode: str
    reason: str
    rendered: int = 0
    """Pages rendered (every page in a full build)."""
    reused: int = 0
    """Files hard-linked from the live release (none in a full build)."""


class _NeedsFull(Exception):
    """This commit cannot be built incrementally; the message says why."""


@dataclass
class _Kept:
    config: MkDocsConfig
    loaded: Loaded
    plugin: WikitoolPlugin
    commit: str
    site: Path
    """The site folder the kept build last wrote (the live release's, once switched)."""
    day: date
    feed: str | None
    listing: dict[str, Any]
    """The wiki's files in ``commit``, by path (``WikiStore.files``' entries)."""
    pages: int
    """Pages in the site (the same after an update: no page is added or deleted)."""


class SiteSession:
    """A build kept loaded between publishes (``publish --watch``): :meth:`build`
    renders only what a commit changed when it can. Close it to delete its export."""

    def __init__(self, *, intake_url: str | None = None) -> None:
        self.intake_url = intake_url
        self._root: Path | None = None
        self._kept: _Kept | None = None
        self._not_kept = "no build loaded in this process"
        self._spare = SpareFolders()

    def close(self) -> None:
        """Forget the loaded build and delete its export and spare folders."""
        self._kept = None
        self._spare.close()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    def recycle(self, retired: list[Path], live_site: Path, folder: Path) -> None:
        """After a switch: the old releases ``retired`` (renamed out of the releases'
        ``folder``) give the next build its folders or are deleted, in the background;
        with none, the live release's folders are made anew for it."""
        self._spare.prepare(retired, live_site, folder)

    def released(self, site: Path) -> None:
        """The site folder of the last build, renamed into its release."""
        if self._kept is not None:
            self._kept.site = site

    def build(
        self,
        store: WikiStore,
        site: Path,
        commit: str,
        live: tuple[str, Path] | None,
        published: LiveVersions | None = None,
    ) -> tuple[BuildResult, Plan]:
        """Build ``commit`` into the empty folder ``site``: incrementally from the live
        release ``live`` (its commit and site folder) when this session built it and
        only pages changed since, else in full (holding guides back as
        :func:`publish.build_site` does, with ``published`` the live versions).

        Raises:
            BuildError: the site did not build (the session then holds no build).
        """
        try:
            reason = self._why_full(store, commit, live)
            if reason is None:
                try:
                    return self._update(store, site, commit)
                except _NeedsFull as exc:
                    reason = str(exc)
                    shutil.rmtree(site, ignore_errors=True)
            return self._full(store, site, commit, reason, published)
        except BaseException:
            self._kept = None  # half updated: the next publish starts afresh
            raise

    # -- deciding --------------------------------------------------------------------

    def _why_full(
        self, store: WikiStore, commit: str, live: tuple[str, Path] | None
    ) -> str | None:
        kept = self._kept
        if kept is None:
            return self._not_kept
        if live is None or live[0] != kept.commit or not _same(live[1], kept.site):
            return "the live release was not built by this process"
        if kept.day != date.today():
            return "a new day: pages' freshness and overdue reviews are dated"
        return None

    def _changed_pages(
        self, store: WikiStore, commit: str, kept: _Kept
    ) -> tuple[list[str], dict[str, Any]]:
        """The paths (in the repository) of the pages ``commit`` changed since the kept
        build, and ``commit``'s listing; raises ``_NeedsFull`` for any other change."""
        old = kept.listing
        new = _listing_entries(store, commit)
        docs = docs_prefix(kept.config)
        changed = []
        for path in sorted(old.keys() | new.keys()):
            if _blob(old.get(path)) == _blob(new.get(path)):
                continue
            if path == "mkdocs.yml":
                raise _NeedsFull("mkdocs.yml changed")
            if not path.startswith(docs):
                raise _NeedsFull(f"the theme changed ({path})")
            if path not in old:
                raise _NeedsFull(f"a page was added ({path}): the navigation changes")
            if path not in new:
                raise _NeedsFull(f"a page was deleted or renamed ({path}): the navigation changes")
            if not path.endswith(".md"):
                raise _NeedsFull(f"{path} changed and is not a page")
            changed.append(path)
        return changed, new

    # -- building --------------------------------------------------------------------

    def _full(
        self,
        store: WikiStore,
        site: Path,
        commit: str,
        reason: str,
        published: LiveVersions | None,
    ) -> tuple[BuildResult, Plan]:
        self._kept, self._not_kept = None, "no build loaded in this process"
        root = self._fresh_root()
        with _build_errors():
            export_tree(store, commit, root, prefixes=PREFIXES)
        if not (root / "mkdocs.yml").is_file():
            raise BuildError(f"{commit[:12]} has no mkdocs.yml: is this a wiki repository?")
        built, config = build_exported(
            store, root, commit, site, intake_url=self.intake_url, published=published
        )
        plugin = _wikitool_plugin(config)
        if built.held_back:
            # The build stands in the held-back guides' published versions: each later
            # publish builds in full, trying them again.
            self._not_kept = "guides are held back: each publish tries them again"
        elif plugin is not None and plugin.loaded is not None:
            self._kept = _Kept(
                config,
                plugin.loaded,
                plugin,
                commit,
                site,
                date.today(),
                built.feed,
                _listing_entries(store, commit),
                built.pages,
            )
        rendered = len(plugin.loaded.files.documentation_pages()) if plugin and plugin.loaded else 0
        return built, Plan(FULL, reason, rendered=rendered)

    def _update(self, store: WikiStore, site: Path, commit: str) -> tuple[BuildResult, Plan]:
        kept = self._kept
        assert kept is not None and self._root is not None
        changed, new = self._changed_pages(store, commit, kept)
        with _build_errors():
            for path in changed:
                write_entry(store, new[path], self._root)
        config, loaded, plugin = kept.config, kept.loaded, kept.plugin
        docs = docs_prefix(config)
        pages = _pages_to_render(loaded, [p.removeprefix(docs) for p in changed])
        self._spare.take(site)
        config["site_dir"] = str(site)
        plugin.context = BuildContext(
            repository=Path(store.git_dir), commit=commit, intake_url=self.intake_url
        )
        warnings = mkdocs_utils.CountHandler()
        warnings.setLevel(logging.WARNING)
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        quiet_mkdocs_info()
        try:
            plugin.reread_history(config, extends=_extends(store, kept.commit, commit))
            _render(pages, config, loaded)
            config.plugins.on_post_build(config=config)
        except _NeedsFull:
            raise
        except Exception as exc:  # a page's parser may raise anything
            # The full build holds back the guide that fails, and names it.
            raise _NeedsFull(f"a changed page did not build ({build_reason(exc)})") from exc
        finally:
            logger.removeHandler(warnings)
        if warnings.get_counts():
            raise _NeedsFull("MkDocs warned about a changed page")
        reused = _link_the_rest(kept.site, site)
        kept.commit, kept.site, kept.listing = commit, site, new
        built = site_result(site, commit, config, kept.feed, kept.pages)
        return built, Plan(
            INCREMENTAL, f"{len(changed)} page(s) changed", rendered=len(pages), reused=reused
        )

    def _fresh_root(self) -> Path:
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
        memory = memory_dir()
        if memory:
            remove_abandoned(memory)
        self._root = Path(tempfile.mkdtemp(prefix=scratch_prefix("session"), dir=memory))
        return self._root


FIRST_PARENT_STEPS = 1000
"""How far back main's first-parent line is searched for the commit built last."""


def _extends(store: WikiStore, old: str, new: str) -> bool:
    """``old`` is on ``new``'s first-parent line (main moved forward, not reset): the
    history read at ``old`` is extended, not read again."""
    for steps, info in enumerate(store.walk_first_parent(new)):
        if info.id == old:
            return True
        if steps >= FIRST_PARENT_STEPS:
            break
    return False


def _pages_to_render(loaded: Loaded, changed: list[str]) -> list[Page]:
    """The changed pages, their category pages, the home page and the generated pages,
    in the build's order."""
    wanted = set(changed)
    for src in changed:
        folder = src.rpartition("/")[0]
        wanted.add(f"{folder}/index.md" if folder else "index.md")
    pages = []
    for file in loaded.files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if file.src_uri in wanted or page.is_homepage or file.generated_by is not None:
            pages.append(page)
    return pages


def _render(pages: list[Page], config: MkDocsConfig, loaded: Loaded) -> None:
    """Read and render ``pages`` again into ``config.site_dir``, then the site-wide
    templates; raises ``_NeedsFull`` if a page's title changed."""
    files, nav, env = loaded.files, loaded.nav, loaded.env
    site = config.site_dir
    for page in pages:
        title = page.title
        _populate_page(page, config, files)
        if page.title != title:
            raise _NeedsFull(
                f"the title of {page.file.src_uri} changed: the navigation shows it"
            )
    index = _search_entries(config)
    places = _Places(index or [])
    doc_files = files.documentation_pages()
    for page in pages:
        page.file.dest_dir = site
        page.file.__dict__.pop("abs_dest_path", None)  # a cached_property of MkDocs'
        if index is None:
            _build_page(page, config, doc_files, nav, env)
            continue
        # The page's search entries are replaced where they stood, so the index is the
        # one a full build writes, in the same order.
        start, end = places.of(page.url)
        del index[start:end]
        before = len(index)
        _build_page(page, config, doc_files, nav, env)
        rendered = index[before:]
        del index[before:]
        if rendered and start == end:
            # A page the index had left out (search: exclude): where a full build puts
            # its entries is not known here.
            raise _NeedsFull(f"{page.file.src_uri} is in the search index now")
        index[start:start] = rendered
        places.replaced(page.url, len(rendered) - (end - start))
    for template in config.theme.static_templates:
        _build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        _build_extra_template(template, files, config, nav)
    level = config.validation.links.anchors
    for file in doc_files:
        if file.page is not None:
            file.page.validate_anchor_links(files=files, log_level=level)


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The search plugin's entries (mkdocs-material's or MkDocs' own), kept between builds."""
    for name, plugin in config.plugins.items():
        if name.rsplit("/", 1)[-1] == "search":
            index = getattr(plugin, "search_index", None)
            entries = getattr(index, "entries", None) or getattr(index, "_entries", None)
            if isinstance(entries, list):
                return entries
    return None


class _Places:
    """Where each page's entries are in the search index (its own, then its sections'),
    found in one pass over the index, and kept true as pages' entries are replaced."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self._spans: dict[str, list[int]] = {}
        """A page's URL -> its first entry, its last, and how many it has."""
        for i, entry in enumerate(entries):
            url = entry.get("location", "").partition("#")[0]
            span = self._spans.get(url)
            if span is None:
                self._spans[url] = [i, i, 1]
            else:
                span[1:] = [i, span[2] + 1]
        self._grown: list[tuple[int, int]] = []
        """Where entries were replaced (the first one's place at the start), and by how
        many more entries."""

    def of(self, url: str) -> tuple[int, int]:
        """The slice of the index holding the entries of the page at ``url`` now; an
        empty one at the start for a page without any."""
        span = self._spans.get(url)
        if span is None:
            return 0, 0
        first, last, count = span
        if last - first + 1 != count:
            raise _NeedsFull(f"the search index has the entries of /{url} apart")
        moved = sum(grown for at, grown in self._grown if at < first)
        return first + moved, last + 1 + moved

    def replaced(self, url: str, grown: int) -> None:
        """The entries of the page at ``url`` were replaced by ``grown`` more entries."""
        span = self._spans.get(url)
        if span is not None and grown:
            self._grown.append((span[0], grown))


def _link_the_rest(live: Path, site: Path) -> int:
    """Hard-link each file of the live release that the update did not write (a copy
    where linking fails) into ``site``, whose folders may be an old release's (spare
    folders): the ones missing are made, the empty ones the live release lacks removed.
    Returns how many files were linked."""
    site.mkdir(parents=True, exist_ok=True)
    return _link_folder(str(live), str(site), fresh=False)


def _link_folder(source: str, target: str, *, fresh: bool) -> int:
    # One listing of each side a folder (os.scandir): what the update wrote, or the old
    # release's folders, are in the target's; a folder just made has nothing.
    there: dict[str, bool] = {}
    if not fresh:
        with os.scandir(target) as entries:
            there = {e.name: e.is_dir(follow_symlinks=False) for e in entries}
    count = 0
    folders = set()
    with os.scandir(source) as entries:
        for entry in entries:
            made = os.path.join(target, entry.name)
            if entry.is_dir(follow_symlinks=False):
                folders.add(entry.name)
                new = entry.name not in there
                if new:
                    os.mkdir(made)
                count += _link_folder(entry.path, made, fresh=new)
            elif entry.name not in there or there[entry.name]:
                if there.get(entry.name):
                    _remove_empty(made)  # an old release's folder where this is a file
                _link(entry.path, made)
                count += 1
    for name, is_folder in there.items():
        if is_folder and name not in folders:
            _remove_empty(os.path.join(target, name))
    return count


def _remove_empty(folder: str) -> None:
    """Remove ``folder`` and the folders in it, unless a file is there (none should be)."""
    for path, _dirs, _names in os.walk(folder, topdown=False):
        with contextlib.suppress(OSError):
            os.rmdir(path)


def _link(source: str, made: str) -> None:
    """``made`` as a hard link to ``source``, or a copy where linking fails (another file
    system, or a file system without hard links)."""
    try:
        os.link(source, made)
    except OSError:
        shutil.copy2(source, made)


def _blob(entry: Any) -> str | None:
    return entry.blob_id if entry is not None else None


def _listing_entries(store: WikiStore, commit: str) -> dict[str, Any]:
    return {f.path: f for f in store.files(commit) if f.path.startswith(PREFIXES)}


def _wikitool_plugin(config: MkDocsConfig) -> WikitoolPlugin | None:
    for plugin in config.plugins.values():
        if isinstance(plugin, WikitoolPlugin) and plugin.config.enabled:
            return plugin
    return None


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextmanager
def _build_errors() -> Iterator[None]:
    """OS errors while exporting become a ``BuildError``."""
    try:
        yield
    except OSError as exc:
        raise BuildError(f"the wiki could not be exported: {exc}") from exc
