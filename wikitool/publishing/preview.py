"""Serve a built site on loopback for a local preview or the demo (``wikitool serve``).

An unknown path is answered with the site's own "not found" page (``404.html``, which
MkDocs and mkdocs-material build) and status 404, as the README's web server snippets
do. Each request opens its file under the served path afresh, so a path that is
``wikitool publish``'s live symlink is followed on every request, as nginx does.
"""

from __future__ import annotations

import functools
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NOT_FOUND_PAGE = "404.html"


class _SiteHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        # A preview for one person: request lines would bury the URL and any warnings.
        return

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The site's own 404 page for a path it does not have; other errors as usual."""
        if code == HTTPStatus.NOT_FOUND:
            try:
                page = (Path(self.directory) / NOT_FOUND_PAGE).read_bytes()
            except OSError:
                page = None  # a site without one: Python's plain error page
            if page is not None:
                self.send_response(code, message)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.send_header("Connection", "close")
                self.close_connection = True
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(page)
                return
        super().send_error(code, message, explain)


def serve_directory(site_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    """A static file server for ``site_dir``; call ``serve_forever()`` on it.

    Only for previews and the demo: the published site is static files behind any web
    server (README "Deploying").
    """
    handler = functools.partial(_SiteHandler, directory=str(site_dir))
    return ThreadingHTTPServer((host, port), handler)
