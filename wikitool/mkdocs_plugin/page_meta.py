"""A page as MkDocs reads it: front matter with the wiki's YAML rules, only escaped text
for the theme, and sanitized HTML."""

from __future__ import annotations

import posixpath
from html import unescape
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from wikitool.errors import WikitoolError
from wikitool.guides.model_version import model_version_problem
from wikitool.guides.page_source import PageSource, read_page
from wikitool.guides.paths import content_path, is_guide_path
from wikitool.guides.steps import read_steps, visible_markdown
from wikitool.locales.catalogues import step_joins, steps_headings
from wikitool.mkdocs_plugin.changes import title_from_path
from wikitool.mkdocs_plugin.collected import PageInfo
from wikitool.mkdocs_plugin.fact_links import NO_LINKS, FactLinks
from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.mkdocs_plugin.sanitize import escape_text, html_to_text, sanitize_html
from wikitool.mkdocs_plugin.step_marks import mark_steps


def read_source(page: Page, config: MkDocsConfig) -> PageSource:
    """The page's front matter (read with the wiki's rules) and its Markdown body.

    Raises:
        PluginError: the front matter cannot be read.
    """
    try:
        return read_page(page.file.content_string, docs_path(config, page.file.src_uri))
    except WikitoolError as exc:
        raise PluginError(f"wikitool: {exc}") from exc


def read_markdown(
    page: Page, config: MkDocsConfig, source: PageSource | None = None
) -> tuple[PageInfo, str]:
    """The page's facts and its body as the wiki reads it; sets ``page.meta``.

    ``source`` is the page's ``read_source``, read when not given: MkDocs takes the
    front matter off the Markdown it hands plugins with its own YAML rules, so the
    wiki reads the file's whole text itself.

    Raises:
        PluginError: the front matter cannot be read.
    """
    src = page.file.src_uri
    if source is None:
        source = read_source(page, config)
    data = source.data or {}
    future = model_version_problem(data) if is_guide_path(content_path(src)) else None
    if future is not None:
        raise PluginError(f"wikitool: {docs_path(config, src)}: {future}")
    title = plain_field(data, "title")
    summary = plain_field(data, "summary")
    # Replace page.meta whole: the theme renders it unescaped, and keys such as
    # `template`, `hide` or `icon` would let a page's author restyle the site.
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = escape_text(title)
    if summary:
        meta["description"] = escape_text(summary)
    page.meta = meta
    info = PageInfo(src, page.url, title, summary)
    body = source.body
    if source.data is not None and is_guide_path(content_path(src)):
        info.guide = GuideFacts.from_data(data, title or title_from_path(src))
        info.source = source
        if not title:
            info.title = info.guide.title
            page.meta["title"] = escape_text(info.title)
        info.steps = read_steps(body, info.guide.lang)
        if info.steps is not None:
            body = visible_markdown(body, info.steps)
    return info, body


def clean_content(
    html: str, page: Page, info: PageInfo | None, links: FactLinks = NO_LINKS
) -> tuple[str, str]:
    """The page's HTML sanitized; every title the theme shows made escaped text; a
    guide's steps marked.

    Returns the HTML the search index reads and the HTML the page shows: the same but
    for each step's "Suggest a change" link from ``links``. Their words are kept out of
    the index anyway (``data-search-exclude``), and the search plugin's HTML parser
    spent a third of its time on a guide reading them.
    """
    clean = sanitize_html(html)
    if "title" not in page.meta:
        # The title MkDocs took from the first heading (or the file name).
        page.meta["title"] = html_to_text(str(page.title or ""))
        if info is not None:
            info.title = unescape(page.meta["title"])
    _escape_toc(page.toc.items)
    if info is None or info.guide is None or info.steps is None:
        return clean, clean
    lang = info.guide.lang
    marked = mark_steps(
        clean,
        info.steps,
        steps_headings(lang),
        step_joins(lang),
        (lambda place, text: links.link(f"steps[{place}]", text)) if links.href else None,
    )
    info.step_texts = marked.texts
    return marked.html, marked.linked if marked.linked is not None else marked.html


def plain_field(data: dict[str, Any], key: str) -> str:
    """A text field of the front matter, stripped ("" if absent or not text)."""
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def docs_path(config: MkDocsConfig, src: str) -> str:
    """How errors name a page: under the docs folder's own name (``content/a/b.md``)."""
    docs = posixpath.basename(str(config.docs_dir).rstrip("/")) or "docs"
    return f"{docs}/{src}"


def _escape_toc(items: list[AnchorLink]) -> None:
    # Python-Markdown's toc names are already escaped text; re-escaping is idempotent and
    # keeps this true should an extension hand over raw heading HTML.
    for item in items:
        item.title = html_to_text(item.title)
        _escape_toc(item.children)
