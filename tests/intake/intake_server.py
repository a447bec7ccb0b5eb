"""A running intake server as tests see it: its URL, an HTTP client, raw sockets."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from wikitool.intake.app import create_app
from wikitool.intake.server import bind_socket, make_server
from wikitool.intake.settings import IntakeSettings

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
SITE = "https://guides.example.org"


@dataclass
class Intake:
    """A running intake server and an HTTP client pointed at it."""

    url: str
    port: int
    client: httpx.Client

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


@contextlib.contextmanager
def serving_intake(
    settings: IntakeSettings,
    sock: socket.socket | None = None,
    *,
    headers_timeout: float = 10.0,
) -> Iterator[int]:
    """``wikitool intake serve`` for ``settings`` in a thread, on ``sock`` (default: a free
    port on 127.0.0.1); yields the port once it serves, and stops it (checked) after."""
    sock = sock or bind_socket("127.0.0.1", 0)
    server = make_server(create_app(settings), headers_timeout=headers_timeout)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the intake server did not start"
        time.sleep(0.01)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        assert not thread.is_alive(), "the intake server did not stop"
