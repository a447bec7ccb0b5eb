"""A running intake server as tests see it: its URL, an HTTP client, raw sockets."""

from __future__ import annotations

import contextlib
import socket
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
SITE = "https://guides.example.org"


@dataclass
class Intake:
    """A running intake server and an HTTP client pointed at it."""

    url: str
    port: int
    client: httpx.Client
    server: uvicorn.Server

    def post(self, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        """POST JSON (``body``) or raw bytes (``content=``) to ``path``."""
        if body is not None:
            kwargs["json"] = body
        return self.client.post(path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def raw(self, data: bytes, *, read_timeout: float = 10.0) -> bytes:
        """Send raw bytes on a new connection and return everything the server answers."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=read_timeout) as sock:
            # The server may answer and close before reading everything.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                sock.sendall(data)
            return read_all(sock)


def read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)
