"""The ``wikitool`` MkDocs plugin: safe, reader-friendly guide pages with their history.

A coordinator: front matter, sanitizing, history, the panel and the other fragments
live in their own modules; this one hands them what MkDocs gives at each event.

Where history comes from:

- ``wikitool build`` exports ``main``'s tree to a temporary folder (no ``.git`` there)
  and puts the real repository and the built commit in ``extra.wikitool.repository``
  and ``extra.wikitool.commit``: history is read there, and failing to read it fails
  the build.
- A plain ``mkdocs build`` or ``mkdocs serve`` in a checkout reads the repository around
  ``docs_dir`` at ``HEAD`` (uncommitted pages then show no dates). Without a repository
  or git, pages show no history and the build goes on.

Fragments are HTML rendered in Python with every value escaped, handed to the theme
(``theme/main.html``) as the ``wikitool`` template variable.

The citizen's side (``suggest_pages.py``): a generated "Suggest an edit" page and "Track
your suggestion" page (theme templates ``suggest.html`` and ``track.html``), every
guide's source as JSON for the suggestion page, and, when ``extra.wikitool.intake_url``
names the intake, a feedback widget on each guide.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from jinja2 import Environment, TemplateNotFound
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from wikitool.errors import WikitoolError
from wikitool.gitstore.log import Repository, discover_repository
from wikitool.guides.page_source import read_page
from wikitool.history import Change, HistoryIndex, read_log
from wikitool.mkdocs_plugin.changes import (
    render_freshness,
    render_guide_changes,
    render_wiki_changes,
    title_from_path,
)
from wikitool.mkdocs_plugin.config import WikitoolConfig
from wikitool.mkdocs_plugin.feed import FeedEntry, atom_feed
from wikitool.mkdocs_plugin.feedback_widget import Section, render_feedback
from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.mkdocs_plugin.home import RecentGuide, Topic, render_home
from wikitool.mkdocs_plugin.jsonld import guide_jsonld, jsonld_scripts, steps_from_html
from wikitool.mkdocs_plugin.panel import render_panel
from wikitool.mkdocs_plugin.redirects import redirect_page
from wikitool.mkdocs_plugin.sanitize import escape_text, html_to_text, sanitize_html
from wikitool.mkdocs_plugin.suggest_pages import (
    SUGGEST_NO_SCRIPT,
    SUGGEST_TEMPLATE,
    SUGGEST_TITLE,
    TRACK_NO_SCRIPT,
    TRACK_TEMPLATE,
    TRACK_TITLE,
    GuideSource,
    intake_url_from,
    published_base,
    source_document,
    source_file,
    sources_folder,
)

log = get_plugin_logger(__name__)

_INDEX_NAMES = ("index.md", "README.md")
_PLACEHOLDERS = {"path": "x.md", "url": "x/", "commit": "0" * 40}


@dataclass
class _PageInfo:
    """What the plugin learnt about one page while reading it."""

    src: str
    url: str
    title: str
    """Plain text (escape before use)."""
    summary: str = ""
    guide: GuideFacts | None = None
    steps: list[str] = field(default_factory=list)


class WikitoolPlugin(BasePlugin[WikitoolConfig]):  # type: ignore[no-untyped-call]
    """Adds the at-a-glance panel, freshness, history and suggestion links to guides,
    sanitizes every page, and generates the "What changed" page, feed and redirects."""

    def __init__(self) -> None:
        self._history: HistoryIndex | None = None
        self._commit = ""
        self._pages: dict[str, _PageInfo] = {}
        self._today = date.today()
        self._intake_url = ""

    # -- configuration and files ----------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Check the link templates, so a typo fails the build, not a reader's click."""
        if not self.config.enabled:
            return None
        for option in ("suggest_url", "report_url"):
            template = self.config[option]
            try:
                template.format(**_PLACEHOLDERS)
            except (KeyError, IndexError, ValueError) as exc:
                raise PluginError(
                    f"wikitool: {option} {template!r} is not a valid link template "
                    "(placeholders: {path}, {url}, {commit})"
                ) from exc
        for option in ("changes_page", "suggest_page", "track_page"):
            generated = self.config[option]
            if generated and (not generated.endswith(".md") or generated.startswith("/")):
                raise PluginError(f"wikitool: {option} {generated!r} must be a .md path")
        try:
            self._intake_url = intake_url_from(config.extra)
        except ValueError as exc:
            raise PluginError(f"wikitool: {exc}") from exc
        settings = config.extra.get("wikitool")
        commit = settings.get("commit") if isinstance(settings, dict) else None
        # The commit `wikitool build` exported; without it, the history's (on_files).
        self._commit = str(commit or "")
        return None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Read the history (once, for every page) and add the "What changed" page."""
        if not self.config.enabled:
            return None
        self._pages = {}
        self._today = date.today()
        self._history = self._read_history(config) if self.config.history else None
        generated = {
            "changes_page": _CHANGES_INTRO,
            "suggest_page": SUGGEST_NO_SCRIPT,
            "track_page": TRACK_NO_SCRIPT,
        }
        for option, content in generated.items():
            page = self.config[option]
            if not page:
                continue
            if files.get_file_from_path(page) is not None:
                what = option.removesuffix("_page")
                raise PluginError(
                    f"wikitool: {page} exists in the docs, but the plugin generates the "
                    f"{what} page there; set the plugin's {option} to another path"
                )
            files.append(File.generated(config, page, content=content))
        return files

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Put the generated "What changed" page last in the top-level navigation; keep
        the suggestion and tracking pages out of it (readers reach them from a guide)."""
        if not self.config.enabled:
            return None
        hidden = {self.config.suggest_page, self.config.track_page} - {""}
        for item in list(nav.items):
            if not isinstance(item, Page):
                continue
            if item.file.src_uri == self.config.changes_page:
                nav.items.remove(item)
                nav.items.append(item)
            elif item.file.src_uri in hidden:
                nav.items.remove(item)
        nav.pages = [p for p in nav.pages if p.file.src_uri not in hidden]
        return nav

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        """Render a generated page with ``main.html`` (its no-script text only) when the
        theme has no template for it, rather than failing the build."""
        if not self.config.enabled:
            return None
        for option in ("suggest_page", "track_page"):
            file = files.get_file_from_path(self.config[option]) if self.config[option] else None
            page = file.page if file is not None else None
            if page is None or "template" not in page.meta:
                continue
            try:
                env.get_template(page.meta["template"])
            except TemplateNotFound:
                log.info(
                    "the theme has no %s: %s shows its text only", page.meta["template"], option
                )
                del page.meta["template"]
        return None

    # -- pages ------------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Read the front matter with the wiki's YAML rules; give the theme only escaped
        ``title`` and ``description``; return the body as the wiki reads it."""
        if not self.config.enabled:
            return None
        src = page.file.src_uri
        if src == self.config.changes_page and page.file.generated_by is not None:
            page.meta = {"title": escape_text(self.config.changes_title)}
            self._pages[src] = _PageInfo(src, page.url, self.config.changes_title)
            return None
        if src in (self.config.suggest_page, self.config.track_page) and (
            page.file.generated_by is not None
        ):
            title = SUGGEST_TITLE if src == self.config.suggest_page else TRACK_TITLE
            # A tool, not reading matter: no search entry, the whole width for the editor.
            page.meta = {
                "title": escape_text(title),
                "search": {"exclude": True},
                "hide": ["navigation", "toc"],
                "template": SUGGEST_TEMPLATE if src == self.config.suggest_page else TRACK_TEMPLATE,
            }
            self._pages[src] = _PageInfo(src, page.url, title)
            return None
        try:
            source = read_page(page.file.content_string, _docs_path(config, src))
        except WikitoolError as exc:
            raise PluginError(f"wikitool: {exc}") from exc
        data = source.data or {}
        title = data["title"].strip() if isinstance(data.get("title"), str) else ""
        summary = data["summary"].strip() if isinstance(data.get("summary"), str) else ""
        # Replace page.meta whole: the theme renders it unescaped, and keys such as
        # `template`, `hide` or `icon` would let a page's author restyle the site.
        meta: dict[str, Any] = {}
        if title:
            meta["title"] = escape_text(title)
        if summary:
            meta["description"] = escape_text(summary)
        page.meta = meta
        info = _PageInfo(src, page.url, title, summary)
        if source.data is not None and _is_guide(src):
            info.guide = GuideFacts.from_data(data, title or title_from_path(src))
            if not title:
                info.title = info.guide.title
                page.meta["title"] = escape_text(info.title)
        self._pages[src] = info
        return source.body

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Sanitize the page's HTML; make every title the theme shows escaped text."""
        if not self.config.enabled:
            return None
        clean = sanitize_html(html)
        info = self._pages.get(page.file.src_uri)
        if "title" not in page.meta:
            # The title MkDocs took from the first heading (or the file name).
            page.meta["title"] = html_to_text(str(page.title or ""))
            if info is not None:
                info.title = unescape(page.meta["title"])
        _escape_toc(page.toc.items)
        if info is not None and info.guide is not None:
            info.steps = steps_from_html(clean)
        return clean

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Hand the page's fragments to the theme as ``wikitool``."""
        if not self.config.enabled:
            return None
        fragments: dict[str, Any] = {
            "guide": False,
            "feed": self._relative(self.config.feed, page) if self.config.feed else "",
        }
        info = self._pages.get(page.file.src_uri)
        if info is not None and info.guide is not None:
            fragments.update(self._guide_fragments(info, page, config))
        elif page.is_homepage:
            fragments["after_content"] = self._home(page)
        elif page.file.src_uri == self.config.changes_page:
            fragments["after_content"] = self._changes(page, fragments["feed"])
        elif page.file.src_uri == self.config.suggest_page:
            fragments["suggest"] = self._suggest_fragments(page)
        elif page.file.src_uri == self.config.track_page:
            fragments["track"] = self._track_fragments(page, config)
        context["wikitool"] = fragments  # type: ignore[typeddict-unknown-key]
        return context

    # -- the build's extra files -----------------------------------------------------------

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the Atom feed, the guides' sources for the suggestion page and the moved
        guides' redirect pages."""
        if not self.config.enabled:
            return
        if self.config.feed:
            self._write_feed(config)
        if self.config.suggest_page:
            self._write_sources(config)
        if self.config.redirects and self._history is not None:
            self._write_redirects(config)

    # -- helpers ----------------------------------------------------------------------------

    def _read_history(self, config: MkDocsConfig) -> HistoryIndex | None:
        settings = config.extra.get("wikitool") or {}
        repository_dir = settings.get("repository") if isinstance(settings, dict) else None
        if repository_dir:
            repository = Repository(
                git_dir=Path(repository_dir),
                revision=self._commit or "HEAD",
                prefix=_docs_prefix(config),
            )
            try:
                commits = read_log(repository)
            except WikitoolError as exc:
                raise PluginError(f"wikitool: cannot read the history: {exc}") from exc
        else:
            found = discover_repository(Path(config.docs_dir))
            if found is None:
                log.info("no git repository around %s: pages show no history", config.docs_dir)
                return None
            repository = found
            try:
                commits = read_log(repository)
            except WikitoolError as exc:
                log.warning("pages show no history: %s", exc)
                return None
        self._commit = self._commit or repository.revision
        log.debug("read %d commits from %s", len(commits), repository.git_dir)
        return HistoryIndex(commits, repository.prefix)

    def _history_of(self, src: str) -> list[Change]:
        return self._history.of(src) if self._history is not None else []

    def _relative(self, target: str, page: Page) -> str:
        """A link from ``page`` to ``target`` (a site-root-relative URL, maybe with a
        query); absolute URLs are returned as they are."""
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith("/"):
            return target
        path = get_relative_url(parts.path or "./", page.url)
        query = f"?{parts.query}" if parts.query else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f"{path}{query}{fragment}"

    def _link(self, template: str, page: Page) -> str:
        values = {
            "path": quote(page.file.src_uri, safe="/"),
            "url": quote(page.url, safe="/"),
            "commit": quote(self._commit),
        }
        return self._relative(template.format(**values), page)

    def _guide_fragments(self, info: _PageInfo, page: Page, config: MkDocsConfig) -> dict[str, Any]:
        guide = info.guide
        assert guide is not None
        history = self._history_of(info.src)
        suggest = escape_text(self._link(self.config.suggest_url, page))
        report_href = self._link(self.config.report_url, page)
        report = escape_text(report_href)
        url = page.canonical_url if config.site_url else None
        feedback = ""
        if self._intake_url:
            sections = [Section(item.id, item.title) for item in page.toc.items]
            feedback = render_feedback(
                self._intake_url, info.src, sections=sections, fix_href=report_href
            )
        return {
            "guide": True,
            "summary": f'<p class="wt-summary">{escape_text(guide.summary)}</p>'
            if guide.summary
            else "",
            "freshness": render_freshness(guide, history, self._today),
            "actions": (
                '<p class="wt-actions">'
                f'<a class="md-button md-button--primary wt-suggest" href="{suggest}">'
                "Suggest an edit</a></p>"
            ),
            "panel": render_panel(guide),
            "changes": render_guide_changes(history, self.config.recent_changes),
            "report": (
                '<p class="wt-report">'
                f'<a href="{report}">Is something wrong on this page?</a> '
                "Tell us and the team that owns this guide will check it.</p>"
            ),
            "jsonld": jsonld_scripts(guide_jsonld(guide, info.steps, url)),
            "feedback": feedback,
        }

    def _suggest_fragments(self, page: Page) -> dict[str, str]:
        """The suggestion page's settings for its script, as escaped attribute values."""
        track = self._pages.get(self.config.track_page)
        folder = sources_folder(self.config.suggest_page)
        values = {
            "intake": self._intake_url,
            "sources": self._relative(folder + "/", page),
            "track": self._relative(track.url or "./", page) if track else "",
            "root": self._relative("./", page),
        }
        fragments = {key: escape_text(value) for key, value in values.items()}
        # "Is something wrong?" without editing: the guide's page is set by the script.
        fragments["feedback"] = (
            render_feedback(self._intake_url, "", ask_helpful=False) if self._intake_url else ""
        )
        return fragments

    def _track_fragments(self, page: Page, config: MkDocsConfig) -> dict[str, str]:
        """The tracking page's settings for its script, as escaped attribute values."""
        folder = sources_folder(self.config.suggest_page) if self.config.suggest_page else ""
        values = {
            "intake": self._intake_url,
            "root": self._relative("./", page),
            "docs_prefix": _docs_prefix(config),
            # The guides' sources give the tracking page a guide's title.
            "sources": self._relative(folder + "/", page) if folder else "",
        }
        return {key: escape_text(value) for key, value in values.items()}

    def _write_sources(self, config: MkDocsConfig) -> None:
        """Each guide's Markdown as published, for the suggestion page's editor."""
        base = published_base(self._commit)
        folder = sources_folder(self.config.suggest_page)
        site = Path(config.site_dir)
        for info in self._pages.values():
            if info.guide is None:
                continue
            # newline="": the exact bytes the citizen edits, so an untouched line is no change.
            with open(Path(config.docs_dir) / info.src, encoding="utf-8", newline="") as file:
                content = file.read()
            source = GuideSource(info.src, info.title, info.url, content)
            target = site / source_file(folder, info.src)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source_document(source, base))

    def _home(self, page: Page) -> str:
        topics = []
        if self.config.home_topics:
            for info in self._pages.values():
                folder, _, name = info.src.rpartition("/")
                if name in _INDEX_NAMES and folder and "/" not in folder:
                    count = sum(
                        1
                        for other in self._pages.values()
                        if other.guide is not None and other.src.startswith(folder + "/")
                    )
                    topics.append(
                        Topic(info.title, info.summary, self._relative(info.url, page), count)
                    )
            topics.sort(key=lambda t: t.title.casefold())
        recent = []
        if self.config.home_recent > 0:
            dated = [
                (history[0].date, info)
                for info in self._pages.values()
                if info.guide is not None and (history := self._history_of(info.src))
            ]
            dated.sort(key=lambda pair: pair[1].title.casefold())
            dated.sort(key=lambda pair: pair[0], reverse=True)  # stable: titles A-Z per date
            recent = [
                RecentGuide(info.title, self._relative(info.url, page), when)
                for when, info in dated[: self.config.home_recent]
            ]
        changes = self._pages.get(self.config.changes_page)
        return render_home(topics, recent, self._relative(changes.url, page) if changes else "")

    def _changes(self, page: Page, feed_href: str) -> str:
        if self._history is None:
            return '<p class="wt-feed__empty">This site was built without its history.</p>'

        def link(src: str) -> tuple[str, str] | None:
            info = self._pages.get(src)
            return None if info is None else (self._relative(info.url, page), info.title)

        listing = render_wiki_changes(self._history.commits, link, self.config.changes_limit)
        subscribe = (
            f'<p class="wt-feed__subscribe"><a href="{escape_text(feed_href)}">'
            "Follow these changes in a feed reader (Atom)</a></p>"
            if feed_href
            else ""
        )
        return subscribe + listing

    def _write_feed(self, config: MkDocsConfig) -> None:
        site_url = config.site_url or ""
        changes_url = (
            self._pages[self.config.changes_page].url
            if (self.config.changes_page in self._pages)
            else ""
        )
        entries = []
        commits = self._history.commits if self._history is not None else []
        for commit in commits[: self.config.changes_limit]:
            guides = [
                self._pages[c.current_path]
                for c in commit.changes
                if c.current_path in self._pages and c.path.endswith(".md")
            ]
            if not any(c.path.endswith(".md") for c in commit.changes):
                continue
            target = guides[0].url if guides else changes_url
            entries.append(
                FeedEntry(
                    id=urljoin(site_url, f"{changes_url}#{commit.commit}")
                    if site_url
                    else f"urn:wikitool:change:{commit.commit}",
                    title=commit.subject,
                    updated=commit.date,
                    link=urljoin(site_url, target) if site_url else target or "./",
                    guides=tuple(g.title for g in guides)
                    or tuple(title_from_path(c.path) for c in commit.changes),
                    suggested=bool(commit.suggestion_ids),
                )
            )
        feed = atom_feed(
            title=f"{config.site_name}: {self.config.changes_title}",
            feed_id=urljoin(site_url, self.config.feed)
            if site_url
            else f"urn:wikitool:feed:{quote(config.site_name, safe='')}",
            self_link=urljoin(site_url, self.config.feed) if site_url else self.config.feed,
            page_link=urljoin(site_url, changes_url) if site_url else changes_url or "./",
            entries=entries,
        )
        target_file = Path(config.site_dir) / self.config.feed
        target_file.parent.mkdir(parents=True, exist_ok=True)
        target_file.write_bytes(feed)

    def _write_redirects(self, config: MkDocsConfig) -> None:
        assert self._history is not None
        site = Path(config.site_dir)
        for old, new in sorted(self._history.moved().items()):
            info = self._pages.get(new)
            if info is None or old in self._pages or not old.endswith(".md"):
                continue
            old_file = File(old, None, config.site_dir, config.use_directory_urls)
            target = site / old_file.dest_uri
            if target.exists():
                continue  # another page or file took the old address: it wins
            href = get_relative_url(info.url or "./", old_file.url)
            target.parent.mkdir(parents=True, exist_ok=True)
            language = str(config.theme.get("language") or "en")
            target.write_text(redirect_page(info.title, href, language), encoding="utf-8")
            log.debug("redirect %s -> %s", old_file.url, info.url)


_CHANGES_INTRO = (
    "Every change to a guide on this site, newest first. Changes marked "
    "*Suggested by a citizen* came from people who used the service and told us "
    "what was wrong or missing.\n"
)


def _is_guide(src: str) -> bool:
    """Guides are ``<category>/<slug>.md``; index pages and top-level pages are not."""
    folder, _, name = src.rpartition("/")
    return bool(folder) and name not in _INDEX_NAMES


def _docs_prefix(config: MkDocsConfig) -> str:
    """The docs folder's path in the repository (the export's root is the repository's)."""
    root = os.path.dirname(config.config_file_path or ".")
    relative = Path(os.path.relpath(config.docs_dir, root)).as_posix()
    if relative.startswith(".."):
        raise PluginError(f"wikitool: docs_dir {config.docs_dir} is outside the wiki")
    return "" if relative == "." else relative.rstrip("/") + "/"


def _docs_path(config: MkDocsConfig, src: str) -> str:
    docs = posixpath.basename(str(config.docs_dir).rstrip("/")) or "docs"
    return f"{docs}/{src}"


def _escape_toc(items: list[AnchorLink]) -> None:
    # Python-Markdown's toc names are already escaped text; re-escaping is idempotent and
    # keeps this true should an extension hand over raw heading HTML.
    for item in items:
        item.title = html_to_text(item.title)
        _escape_toc(item.children)
