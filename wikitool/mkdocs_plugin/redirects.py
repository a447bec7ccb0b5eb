"""Pages left at a moved guide's old address, sending readers (and bookmarks) on."""

from __future__ import annotations

from html import escape


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
