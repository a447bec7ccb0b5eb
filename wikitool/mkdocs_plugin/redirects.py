"""Pages left at a moved guide's old address, sending readers (and bookmarks) on."""

from __future__ import annotations

from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from wikitool.guides.paths import content_path, is_page_path
from wikitool.mkdocs_plugin.collected import SiteFacts

log = get_plugin_logger(__name__)


def write_redirects(facts: SiteFacts, config: MkDocsConfig) -> None:
    """At each moved page's old address, unless a page or file now lives there, a page
    that forwards to where it is now."""
    if facts.history is None:
        return
    site = Path(config.site_dir)
    language = str(config.theme.get("language") or "en")
    for old, new in sorted(facts.history.moved().items()):
        info = facts.pages.get(new)
        if info is None or old in facts.pages or not is_page_path(content_path(old)):
            continue
        old_file = File(old, None, config.site_dir, config.use_directory_urls)
        target = site / old_file.dest_uri
        if target.exists():
            continue  # another page or file took the old address: it wins
        href = get_relative_url(info.url or "./", old_file.url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_page(info.title, href, language), encoding="utf-8")
        log.debug("redirect %s -> %s", old_file.url, info.url)


def redirect_page(title: str, href: str, lang: str = "en") -> str:
    """A small HTML page that forwards to ``href`` at once, with a link if it cannot."""
    target = escape(href)
    name = escape(title)
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>This guide has moved: {name}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f'<p>This guide has moved to <a href="{target}">{name}</a>.</p>\n</body>\n</html>\n'
    )
