"""Reading a JSON request body from an untrusted client, within limits.

The size limit is checked twice: against ``Content-Length`` before reading anything,
and by counting bytes while the body streams in (a chunked body, or a client that lies
about its length), so no more than the limit is ever held in memory. A body that
arrives too slowly is abandoned. Every failure is a :class:`RequestRefused` carrying the
HTTP status and a one-line message for the client.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import anyio
from starlette.requests import ClientDisconnect, Request

from wikitool.json_text import loads_strict


class RequestRefused(Exception):
    """The request cannot be served: answered with ``status`` and ``{"error": message}``."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


def check_json_content_type(request: Request) -> None:
    """Refuse (415) anything but ``application/json`` (in UTF-8, if a charset is given)."""
    media_type, *params = request.headers.get("content-type", "").split(";")
    charset = "utf-8"
    for param in params:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip().strip('"').lower()
    if media_type.strip().lower() != "application/json" or charset not in ("utf-8", "utf8"):
        raise RequestRefused(415, "send the request body as application/json (UTF-8)")


async def read_body(request: Request, limit: int, *, timeout: float) -> bytes:
    """The request body, at most ``limit`` bytes.

    Raises:
        RequestRefused: 413 over ``limit``, 400 for a malformed ``Content-Length``, 408
            when the body takes longer than ``timeout`` to arrive.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise RequestRefused(400, "invalid Content-Length header")
        if int(declared) > limit:
            raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                chunks.append(chunk)
    except TimeoutError:
        raise RequestRefused(
            408, "the request body took too long to arrive", {"Connection": "close"}
        ) from None
    except ClientDisconnect:
        raise RequestRefused(400, "the client went away before sending the whole body") from None
    return b"".join(chunks)


def _too_large(limit: int) -> RequestRefused:
    # Closing the connection stops the client sending the rest of a body we will not read.
    return RequestRefused(
        413, f"the request body is larger than {limit // 1024} KB", {"Connection": "close"}
    )


def decode_json_object(raw: bytes) -> dict[str, Any]:
    """Decode a UTF-8 JSON object, refusing duplicate keys.

    Raises:
        RequestRefused: 400 with what is wrong (not UTF-8, not JSON, not an object).
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestRefused(
            400, f"the request body is not valid UTF-8 (byte {exc.start})"
        ) from None
    try:
        loaded = loads_strict(text)
    except json.JSONDecodeError as exc:
        raise RequestRefused(
            400, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise RequestRefused(400, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # a duplicate key, or a number too long
        raise RequestRefused(400, f"invalid JSON: {exc}") from None
    if not isinstance(loaded, dict):
        raise RequestRefused(400, "the request body must be a JSON object")
    return loaded
