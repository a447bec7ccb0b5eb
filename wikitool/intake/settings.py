"""How an intake server is configured (``wikitool intake serve`` options)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from wikitool.errors import WikitoolError
from wikitool.services.mail_delivery import MailDelivery

DEFAULT_RATE_LIMIT = 30
"""Write requests (suggestions, feedback) per client IP per minute."""
READS_PER_WRITE = 10
"""Status reads are cheaper and a tracking page may poll: they get this many times more."""


@dataclass(frozen=True)
class IntakeSettings:
    """Everything the intake app needs to know."""

    repo: Path
    """The wiki repository suggestions are written to."""
    allow_origins: tuple[str, ...] = ()
    """Origins of the static site allowed to call the API from a browser (CORS)."""
    rate_limit: int = DEFAULT_RATE_LIMIT
    """Write requests per client per minute; 0 turns the limit off."""
    public_url: str | None = None
    """The API's public base URL (behind a proxy); default: the URL the request came to."""
    published_rev: str | None = None
    """A ref naming the revision the public site was built from (for ``published``)."""
    workers: int = 1
    """Processes that run submissions (1: the server's own thread pool)."""
    body_timeout: float = 10.0
    """Seconds a client may take to send a request body (a phone on a slow network needs
    less than two)."""
    mail: MailDelivery | None = None
    """The relay to send queued mail through (``--smtp``); None: mail stays queued."""
    mail_interval: float = 5.0
    """Seconds between the sender's passes over the outbox (it is woken sooner when a
    citizen asks for mail)."""


def default_workers() -> int:
    """One worker process per CPU core this process may run on.

    Checking a suggestion is CPU-bound Python, so one process uses one core at most; on a
    single core the server's own threads do the work (no process to start).
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def checked_origin(origin: str) -> str:
    """An ``--allow-origin`` value as browsers send it: ``scheme://host[:port]``.

    Raises:
        WikitoolError: it is a wildcard, has a path, or is not an http(s) origin.
    """
    if origin == "*" or "*" in origin:
        raise WikitoolError("--allow-origin takes the site's origin, not a wildcard")
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WikitoolError(f"--allow-origin {origin!r} is not an origin like https://example.org")
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc:
        raise WikitoolError(f"--allow-origin {origin!r} must be scheme://host[:port] with no path")
    return f"{parts.scheme}://{parts.netloc.lower()}"
