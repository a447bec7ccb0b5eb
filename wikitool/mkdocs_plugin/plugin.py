"""The ``wikitool`` MkDocs plugin: safe, reader-friendly guide pages with their history.

A coordinator, like MkDocs' own search plugin: it keeps what it learns at each event in
a ``SiteFacts`` and hands it to the module that does the work:

- ``page_meta``: front matter read with the wiki's rules, escaped meta, sanitized HTML;
- ``generated_pages``: the "What changed", "Suggest an edit" and "Track" pages;
- ``stats_page``: how we answer suggestions, from the review logs, and ``stats.json``;
- ``nav_titles``: each category named in the navigation by its index page's title;
- ``privacy_notice``: how long the suggestion page says contact details are kept, from
  ``review-policy.yaml``;
- ``page_fragments``, ``home``, ``changes``: the HTML fragments handed to the theme
  (``theme/main.html``) as the ``wikitool`` template variable, every value escaped;
- ``feed``, ``sources``, ``redirects``: the files written after the build.

What the build knows beyond ``mkdocs.yml`` (the real repository of an exported tree, the
commit built, the intake's URL) is a ``BuildContext`` that ``wikitool build`` sets on
``plugin.context``; a plain ``mkdocs build`` falls back to ``extra.wikitool`` and the
repository around ``docs_dir`` (``context.py``, ``history_source.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from wikitool.errors import WikitoolError
from wikitool.guides.page_source import PageSource
from wikitool.mkdocs_plugin import generated_pages
from wikitool.mkdocs_plugin.changes import changes_fragment
from wikitool.mkdocs_plugin.collected import SiteFacts
from wikitool.mkdocs_plugin.config import WikitoolConfig
from wikitool.mkdocs_plugin.context import BuildContext
from wikitool.mkdocs_plugin.fact_links import NO_LINKS
from wikitool.mkdocs_plugin.feed import write_feed
from wikitool.mkdocs_plugin.history_source import KnownLog, docs_prefix, read_history
from wikitool.mkdocs_plugin.home import home_fragment
from wikitool.mkdocs_plugin.links import relative
from wikitool.mkdocs_plugin.nav_cache import NavLinks
from wikitool.mkdocs_plugin.nav_cache import install as install_nav_cache
from wikitool.mkdocs_plugin.nav_titles import title_sections
from wikitool.mkdocs_plugin.page_fragments import (
    guide_fragments,
    guide_links,
    suggest_fragments,
    track_fragments,
)
from wikitool.mkdocs_plugin.page_meta import clean_content, read_markdown, read_source
from wikitool.mkdocs_plugin.privacy_notice import read_delete_after
from wikitool.mkdocs_plugin.redirects import write_redirects
from wikitool.mkdocs_plugin.sources import PartsCache, write_sources
from wikitool.mkdocs_plugin.stats_page import (
    BuiltStats,
    read_stats,
    stats_fragment,
    write_stats_json,
)
from wikitool.mkdocs_plugin.suggest_pages import check_intake_url


@dataclass(frozen=True)
class Loaded:
    """What a finished build leaves loaded: its files (each page with its rendered
    content), navigation and templates, for ``publishing/incremental.py`` to render
    some pages again without building the rest."""

    files: Files
    nav: Navigation
    env: Environment


class WikitoolPlugin(BasePlugin[WikitoolConfig]):  # type: ignore[no-untyped-call]
    """Adds the at-a-glance panel, freshness, history and suggestion links to guides,
    sanitizes every page, and generates the "What changed" page, feed and redirects."""

    def __init__(self) -> None:
        self.context: BuildContext | None = None
        """Set by ``wikitool build`` after ``load_config``; ``None`` in a plain build."""
        self._context = BuildContext()
        self._intake_url = ""
        self._facts = SiteFacts()
        self._stats: BuiltStats | None = None
        self._sources: dict[str, PageSource] = {}
        """Each page's source from ``on_page_read_source`` until ``on_page_markdown``."""
        self._shown: dict[str, str] = {}
        """A guide's HTML with its steps' links, from ``on_page_content`` until the
        search plugin has read the page without them (``on_page_context``)."""
        self._nav: Navigation | None = None
        self._nav_links: NavLinks | None = None
        """The navigation items rendered so far in this build (``nav_cache.py``)."""
        self.loaded: Loaded | None = None
        """Set by ``on_env``: the build's files, navigation and templates."""
        self._log: KnownLog | None = None
        """The history's log as last read, for a loaded build to extend."""
        self._parts: PartsCache = {}
        """Each guide's editable parts, kept while a build stays loaded."""
        self._updating = False
        """Some pages of a loaded build are rendered again (``reread_history``): what is
        not written again is linked from the last build's site."""
        self.read_ahead: dict[str, PageSource] = {}
        """Pages ``wikitool build`` read before the build (``src_uri`` -> source, read
        exactly as ``read_source`` does): taken from here, not read a second time."""
        self.page_in_progress: str | None = None
        """The page (``src_uri``) MkDocs is reading, rendering or writing, else ``None``:
        what ``wikitool build`` blames for a warning or an exception (``build_log.py``)."""

    # -- configuration and files ----------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Settle the build's context; check what the option types cannot."""
        if not self.config.enabled:
            return None
        generated_pages.check_page_options(self.config)
        try:
            site = BuildContext.from_extra(config.extra)
            self._context = self.context.over(site) if self.context is not None else site
            self._intake_url = check_intake_url(self._context.intake_url)
        except (ValueError, WikitoolError) as exc:
            raise PluginError(f"wikitool: {exc}") from exc
        return None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Read the history (once, for every page) and add the generated pages."""
        if not self.config.enabled:
            return None
        # A fresh start for each build (`mkdocs serve` rebuilds with the same plugin).
        facts = SiteFacts(
            commit=self._context.commit or "",
            intake_url=self._intake_url,
            language=str(config.theme.get("language") or "en"),
        )
        self._facts = facts
        self._parts, self._updating = {}, False
        self._read_repository(config, known=None)
        generated_pages.add_pages(files, config, self.config)
        return files

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Name each category after its index page's title; put "What changed" last in
        the navigation; hide the suggestion pages."""
        if not self.config.enabled:
            return None
        title_sections(nav, config)
        generated_pages.arrange_nav(nav, self.config)
        self._nav = nav
        return nav

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        """Render each navigation link once (``nav_cache.py``); let a generated page
        whose template the theme lacks render as text."""
        if self.config.enabled:
            if self.config.cache_navigation:
                self._nav_links = install_nav_cache(env, list(config.theme.get("features", [])))
            generated_pages.drop_missing_templates(env, files, self.config)
            if self._nav is not None:
                self.loaded = Loaded(files, self._nav, env)
        return None

    def reread_history(self, config: MkDocsConfig, *, extends: bool = False) -> None:
        """Before some pages of a loaded build are rendered again for a newer commit
        (``plugin.context`` set to it): take its context, today's date and its history;
        every page's facts stay until its page is read again, and the build's extra files
        that would be the same bytes are not written again (``publishing/incremental.py``
        links the last build's).

        Args:
            extends: the commit built last is on the new commit's first-parent line, so
                only the commits after it are read from git.
        """
        if not self.config.enabled:
            return
        self._updating = True
        if self._nav_links is not None:
            self._nav_links.clear()
        site = BuildContext.from_extra(config.extra)
        self._context = self.context.over(site) if self.context is not None else site
        self._facts.commit = self._context.commit or ""
        self._facts.today = date.today()
        self._read_repository(config, known=self._log if extends else None)

    def _read_repository(self, config: MkDocsConfig, known: KnownLog | None) -> None:
        """What the build reads from git once: the history (after ``known``, the log
        read last, when given), the public stats and the contact-keeping period."""
        facts = self._facts
        if self.config.history:
            facts.history, facts.commit, self._log = read_history(self._context, config, known)
        if self.config.stats_page:
            self._stats = read_stats(self._context, config, facts.commit)
        if self.config.suggest_page:
            facts.delete_contacts_after = read_delete_after(self._context, config, facts.commit)

    # -- pages ------------------------------------------------------------------------------

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        """Note the page being read and rendered (until ``on_page_content``)."""
        self.page_in_progress = page.file.src_uri
        return None

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Read the page's front matter once, with the wiki's rules, and hand MkDocs the
        body alone: MkDocs would otherwise read the YAML again with pure-Python PyYAML
        (about 1 ms a guide), for a ``page.meta`` that ``on_page_markdown`` replaces."""
        if not self.config.enabled or page.file.generated_by is not None:
            return None  # a generated page: its text is in memory, without front matter
        source = self.read_ahead.pop(page.file.src_uri, None) or read_source(page, config)
        self._sources[page.file.src_uri] = source
        return source.body

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Read the front matter with the wiki's YAML rules; give the theme only escaped
        ``title`` and ``description``; return the body as the wiki reads it."""
        if not self.config.enabled:
            return None
        generated = generated_pages.generated_page(page, self.config)
        if generated is not None:
            self._facts.pages[generated.src] = generated
            return None
        info, body = read_markdown(page, config, self._sources.pop(page.file.src_uri, None))
        self._facts.pages[info.src] = info
        return body

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Sanitize the page's HTML; make every title the theme shows escaped text."""
        cleaned = None
        if self.config.enabled:
            info = self._facts.pages.get(page.file.src_uri)
            links = guide_links(info, page, self._facts, self.config) if info else NO_LINKS
            cleaned, shown = clean_content(html, page, info, links)
            if shown is not cleaned:
                self._shown[page.file.src_uri] = shown
        self.page_in_progress = None
        return cleaned

    def _page_fragments(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Hand the page's fragments to the theme as ``wikitool``; note the page being
        written (until ``on_post_page``)."""
        self.page_in_progress = page.file.src_uri
        if not self.config.enabled:
            return None
        options, facts, src = self.config, self._facts, page.file.src_uri
        feed = relative(options.feed, page.url) if options.feed else ""
        fragments: dict[str, Any] = {"guide": False, "feed": feed}
        info = facts.pages.get(src)
        if info is not None and info.guide is not None:
            fragments.update(guide_fragments(info, page, facts, options, config.site_url or ""))
        elif page.is_homepage:
            fragments["after_content"] = home_fragment(page, facts, options)
        elif src == options.changes_page:
            fragments["after_content"] = changes_fragment(page.url, facts, options, feed)
        elif src == options.stats_page:
            fragments["after_content"] = stats_fragment(self._stats, facts)
        elif src == options.suggest_page:
            fragments["suggest"] = suggest_fragments(page, facts, options)
        elif src == options.track_page:
            fragments["track"] = track_fragments(page, facts, options, docs_prefix(config))
        context["wikitool"] = fragments  # type: ignore[typeddict-unknown-key]
        return context

    @event_priority(-100)  # after the search plugin (priority 0) has read page.content
    def _steps_links(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Show the guide with its steps' "Suggest a change" links."""
        shown = self._shown.pop(page.file.src_uri, None)
        if shown is not None:
            page.content = shown
        return None

    on_page_context = CombinedEvent(_page_fragments, _steps_links)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """The page is written: nothing is in progress."""
        self.page_in_progress = None
        return None

    # -- the build's extra files -----------------------------------------------------------

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the Atom feed, the guides' sources for the suggestion page, the moved
        guides' redirect pages and the stats page's ``stats.json``."""
        if not self.config.enabled:
            return
        if self.config.feed:
            write_feed(self._facts, self.config, config)
        if self.config.suggest_page:
            write_sources(
                self._facts, self.config.suggest_page, config, self._parts, reuse=self._updating
            )
        if self.config.redirects:
            write_redirects(self._facts, config)
        stats_page = self._facts.pages.get(self.config.stats_page)
        if stats_page is not None:
            write_stats_json(self._stats, self._facts, stats_page.url, config)
