"""Serve a built site on loopback for a local preview (``wikitool serve``)."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        # A preview for one person: request lines would bury the URL and any warnings.
        return


def serve_directory(site_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    """A static file server for ``site_dir``; call ``serve_forever()`` on it.

    Only for previews: the published site is static files behind any web server.
    """
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    return ThreadingHTTPServer((host, port), handler)
