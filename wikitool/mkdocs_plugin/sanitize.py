"""Nothing executable from a page reaches a reader, whoever wrote the page.

Guides are citizen-editable and Python-Markdown passes raw HTML through, so each page's
HTML is cleaned with nh3 (ammonia) against an allowlist of what Markdown and
mkdocs-material produce: headings with ids and their permalinks, lists, tables,
admonitions, code blocks with highlighting classes, images from the site itself.
Everything else goes: scripts, styles, frames, forms, event handlers, ``javascript:``,
``vbscript:`` and ``data:`` links and images (also behind leading Unicode spaces and
separators, entities or percent-escapes: ``screening.markup.dangerous_scheme``), images
from other hosts (a tracking pixel tells a third party who reads which guide), and ids
or classes that would clobber the theme's own elements.

Page titles and descriptions reach mkdocs-material's templates unescaped (MkDocs does not
autoescape), so :func:`escape_text` makes them HTML text before the theme sees them.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

import nh3

from wikitool.screening.markup import dangerous_scheme

# fmt: off
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
})
# fmt: on
"""What Markdown, its usual extensions and mkdocs-material's typeset styles use."""

# Removed together with their content: their text is code, styling or a hidden widget.
# fmt: off
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "noscript",
    "template", "svg", "math", "textarea", "select", "title", "noembed", "noframes", "xmp",
})
# fmt: on

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "details": {"open"},
}

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# The theme's own ids start with "__" (material's __config, __drawer, __search; the
# plugin's __wt-*): page content must not shadow them (DOM clobbering).
RESERVED_ID_PREFIX = "__"
# Classes that style the theme's chrome (material's md-*, the plugin's wt-*): content
# using them could dress itself up as the site's own panel, dialog or button.
RESERVED_CLASS_PREFIXES = ("md-", "wt-")
_URL_ATTRIBUTES = frozenset({"href", "src"})
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def sanitize_html(fragment: str) -> str:
    """The page HTML with everything outside the allowlist removed."""
    return str(_cleaner().clean(fragment))


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    # One cleaner for every page: nh3.clean would build its allowlists again each call.
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return None if value.startswith(RESERVED_ID_PREFIX) else value
    if name == "class":
        kept = [c for c in value.split() if not c.startswith(RESERVED_CLASS_PREFIXES)]
        return " ".join(kept) or None
    if name in _URL_ATTRIBUTES and dangerous_scheme(value) is not None:
        # nh3 keeps what its URL parser reads as relative, and that parser (like a
        # browser) strips only ASCII spaces and controls: "\u00a0javascript:" and
        # "javascript%3A" would stay. The submission screen's judgement drops them.
        return None
    if tag == "img" and name == "src":
        return value if is_same_site(value) else None
    return value


def is_same_site(url: str) -> bool:
    """Whether fetching ``url`` from a page stays on the site (a relative address)."""
    url = url.strip()
    if "\\" in url or url.startswith("//") or _URL_SCHEME.match(url):
        return False
    return not urlsplit(url).netloc


def escape_text(text: str) -> str:
    """Plain text (front matter, a commit subject) as HTML text: ``<`` shows as ``<``.

    Safe in element text and in double-quoted attributes (the only kind the templates
    use); apostrophes stay as they are, so "child's" reads right in the search index.
    """
    return html.escape(text, quote=False).replace('"', "&quot;")


@lru_cache(maxsize=4096)  # guides share their headings: "Before you start", "Steps"...
def html_to_text(fragment: str) -> str:
    """An HTML fragment (a heading MkDocs extracted) as escaped HTML text, tags removed."""
    plain = nh3.clean(fragment, tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))
    return escape_text(html.unescape(plain))
