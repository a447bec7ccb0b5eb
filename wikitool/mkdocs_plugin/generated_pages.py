"""The pages the plugin adds to the docs: "What changed", "How we answer suggestions",
"Suggest an edit" and "Track your suggestion" (each optional, at the path its option
names)."""

from __future__ import annotations

from jinja2 import Environment, TemplateNotFound
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from wikitool.mkdocs_plugin.collected import PageInfo
from wikitool.mkdocs_plugin.config import WikitoolConfig
from wikitool.mkdocs_plugin.sanitize import escape_text
from wikitool.mkdocs_plugin.stats_page import STATS_INTRO
from wikitool.mkdocs_plugin.suggest_pages import (
    SUGGEST_NO_SCRIPT,
    SUGGEST_TEMPLATE,
    SUGGEST_TITLE,
    TRACK_NO_SCRIPT,
    TRACK_TEMPLATE,
    TRACK_TITLE,
)

log = get_plugin_logger(__name__)

CHANGES_INTRO = (
    "Every change to a guide on this site, newest first. Changes marked "
    "*Suggested by a citizen* came from people who used the service and told us "
    "what was wrong or missing.\n"
)
_OPTIONS = ("changes_page", "stats_page", "suggest_page", "track_page")


def check_page_options(options: WikitoolConfig) -> None:
    """Each generated page's path is a relative ``.md`` path.

    Raises:
        PluginError: one is not.
    """
    for option in _OPTIONS:
        generated = options[option]
        if generated and (not generated.endswith(".md") or generated.startswith("/")):
            raise PluginError(f"wikitool: {option} {generated!r} must be a .md path")


def add_pages(files: Files, config: MkDocsConfig, options: WikitoolConfig) -> None:
    """Add the generated pages to the docs' files.

    Raises:
        PluginError: the docs already have a page where one is generated.
    """
    contents = {
        "changes_page": CHANGES_INTRO,
        "stats_page": STATS_INTRO,
        "suggest_page": SUGGEST_NO_SCRIPT,
        "track_page": TRACK_NO_SCRIPT,
    }
    for option in _OPTIONS:
        page = options[option]
        if not page:
            continue
        if files.get_file_from_path(page) is not None:
            what = option.removesuffix("_page")
            raise PluginError(
                f"wikitool: {page} exists in the docs, but the plugin generates the "
                f"{what} page there; set the plugin's {option} to another path"
            )
        files.append(File.generated(config, page, content=contents[option]))


def arrange_nav(nav: Navigation, options: WikitoolConfig) -> None:
    """Put "What changed" last in the top-level navigation; keep the suggestion and
    tracking pages out of it (readers reach them from a guide), and the stats page
    (linked from "What changed")."""
    hidden = {options.suggest_page, options.track_page, options.stats_page} - {""}
    for item in list(nav.items):
        if not isinstance(item, Page):
            continue
        if item.file.src_uri == options.changes_page:
            nav.items.remove(item)
            nav.items.append(item)
        elif item.file.src_uri in hidden:
            nav.items.remove(item)
    nav.pages = [p for p in nav.pages if p.file.src_uri not in hidden]


def drop_missing_templates(env: Environment, files: Files, options: WikitoolConfig) -> None:
    """Render a generated page with ``main.html`` (its no-script text only) when the
    theme has no template for it, rather than failing the build."""
    for option in ("suggest_page", "track_page"):
        file = files.get_file_from_path(options[option]) if options[option] else None
        page = file.page if file is not None else None
        if page is None or "template" not in page.meta:
            continue
        try:
            env.get_template(page.meta["template"])
        except TemplateNotFound:
            log.info("the theme has no %s: %s shows its text only", page.meta["template"], option)
            del page.meta["template"]


def generated_page(page: Page, options: WikitoolConfig) -> PageInfo | None:
    """For a page the plugin generated: set its ``meta`` and return its facts; ``None``
    for a page from the docs."""
    src = page.file.src_uri
    if page.file.generated_by is None:
        return None
    if src == options.changes_page:
        page.meta = {"title": escape_text(options.changes_title)}
        return PageInfo(src, page.url, options.changes_title)
    if src == options.stats_page:
        page.meta = {"title": escape_text(options.stats_title)}
        return PageInfo(src, page.url, options.stats_title)
    if src not in (options.suggest_page, options.track_page):
        return None
    suggest = src == options.suggest_page
    title = SUGGEST_TITLE if suggest else TRACK_TITLE
    # A tool, not reading matter: no search entry, the whole width for the editor.
    page.meta = {
        "title": escape_text(title),
        "search": {"exclude": True},
        "hide": ["navigation", "toc"],
        "template": SUGGEST_TEMPLATE if suggest else TRACK_TEMPLATE,
    }
    return PageInfo(src, page.url, title)
