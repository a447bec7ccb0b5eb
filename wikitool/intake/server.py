"""Serving the intake app with uvicorn, hardened against slow and greedy clients.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but waits forever
for the headers of a request, so a client trickling one header byte at a time
("slowloris") holds a connection open for good. :class:`IntakeH11Protocol` gives every
request a deadline for its headers; the app itself limits the time a body may take.
``limit_concurrency`` bounds open connections: past it uvicorn answers 503 at once.
"""

from __future__ import annotations

import asyncio
import socket

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADERS_TIMEOUT_SECONDS = 10.0
"""Longest a client may take to send a request's headers."""
KEEP_ALIVE_SECONDS = 5
MAX_CONNECTIONS = 500


class IntakeH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection whose request headers are late."""

    headers_timeout: float = HEADERS_TIMEOUT_SECONDS
    _headers_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_headers_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_headers_timer()  # the next request on this connection gets its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_headers_timer()
        super().connection_lost(exc)

    def _arm_headers_timer(self) -> None:
        self._disarm_headers_timer()
        self._headers_timer = self.loop.call_later(self.headers_timeout, self._headers_late)

    def _disarm_headers_timer(self) -> None:
        if self._headers_timer is not None:
            self._headers_timer.cancel()
            self._headers_timer = None

    def _headers_late(self) -> None:
        self._headers_timer = None
        # A request whose headers arrived is the app's to time (its body deadline).
        waiting_for_headers = self.cycle is None or self.cycle.response_complete
        if waiting_for_headers and not self.transport.is_closing():
            self.transport.close()


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0 picks a free one).

    Bound before the server starts so the caller knows the real port at once.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def make_server(
    app: ASGIApp,
    *,
    headers_timeout: float = HEADERS_TIMEOUT_SECONDS,
    log_level: str = "warning",
) -> uvicorn.Server:
    """A uvicorn server for ``app`` with the intake's limits.

    No access log: it would record every citizen's IP address.
    """
    protocol = type("IntakeH11Protocol", (IntakeH11Protocol,), {"headers_timeout": headers_timeout})
    config = uvicorn.Config(
        app,
        http=protocol,
        ws="none",
        lifespan="on",
        access_log=False,
        server_header=False,
        log_level=log_level,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=10,
    )
    return uvicorn.Server(config)
