"""Fixtures for the intake: a real uvicorn server on loopback over a real wiki repository."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from intake_server import SITE, Intake, serving_intake

from wikitool.intake.settings import IntakeSettings


@pytest.fixture
def start_intake(wiki: Path) -> Iterator[Callable[..., Intake]]:
    """Start an intake server on 127.0.0.1 (a free port) in a thread; options override
    :class:`IntakeSettings` (default: the site origin allowed, no rate limit)."""
    with ExitStack() as running:

        def start(*, headers_timeout: float = 10.0, **options: Any) -> Intake:
            settings = replace(
                IntakeSettings(repo=wiki, allow_origins=(SITE,), rate_limit=0), **options
            )
            port = running.enter_context(serving_intake(settings, headers_timeout=headers_timeout))
            url = f"http://127.0.0.1:{port}"
            client = running.enter_context(httpx.Client(base_url=url, timeout=30))
            return Intake(url, port, client)

        yield start


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
