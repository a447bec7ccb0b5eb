"""Fixtures for the intake: a real uvicorn server on loopback over a real wiki repository."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from intake_server import SITE, Intake

from wikitool.intake.app import create_app
from wikitool.intake.server import bind_socket, make_server
from wikitool.intake.settings import IntakeSettings


@pytest.fixture
def start_intake(wiki: Path) -> Iterator[Callable[..., Intake]]:
    """Start an intake server on 127.0.0.1 (a free port) in a thread; options override
    :class:`IntakeSettings` (default: the site origin allowed, no rate limit)."""
    running: list[tuple[uvicorn.Server, threading.Thread, httpx.Client]] = []

    def start(*, headers_timeout: float = 10.0, **options: Any) -> Intake:
        settings = replace(
            IntakeSettings(repo=wiki, allow_origins=(SITE,), rate_limit=0), **options
        )
        sock = bind_socket("127.0.0.1", 0)
        server = make_server(create_app(settings), headers_timeout=headers_timeout)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            assert time.monotonic() < deadline, "the intake server did not start"
            time.sleep(0.01)
        port = sock.getsockname()[1]
        url = f"http://127.0.0.1:{port}"
        client = httpx.Client(base_url=url, timeout=30)
        running.append((server, thread, client))
        return Intake(url, port, client, server)

    yield start
    for server, thread, client in running:
        client.close()
        server.should_exit = True
        thread.join(timeout=15)
        assert not thread.is_alive(), "the intake server did not stop"


@pytest.fixture
def intake(start_intake: Callable[..., Intake]) -> Intake:
    """An intake with default test settings (site origin allowed, no rate limit)."""
    return start_intake()


@pytest.fixture
def suggestion(fee_fix: str) -> dict[str, Any]:
    """A valid suggestion body as the site's form posts it."""
    return {
        "guide": "identity-and-travel/renew-an-adult-passport.md",
        "content": fee_fix,
        "summary": "Say what to do first",
        "rationale": "I renewed mine last week.",
        "author": {"name": "Ana", "email": "ana@example.org", "credit": False},
        "website": "",
    }


@pytest.fixture
def refs(wiki: Path, git: Callable[..., str]) -> Callable[[], list[str]]:
    """Every ref in the wiki repository, as real git lists them."""
    return lambda: git(wiki, "for-each-ref", "--format=%(refname)").split()
