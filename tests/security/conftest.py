"""Fixtures for the security suite: the guide attacks start from, and a repository's state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from intake_server import serving_intake
from wiki_state import GUIDE, repository_state

from wikitool.gitstore import WikiStore
from wikitool.intake.settings import IntakeSettings
from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

STAFF = Identity("Test Staff", "staff@agency.invalid")
FIXED_TIME = 1_790_000_000


@pytest.fixture
def passport(published: str) -> str:
    """The passport-renewal guide as published on main (the root ``published`` fixture)."""
    return published


@pytest.fixture
def state(wiki: Path) -> Callable[[], tuple[str, list[str]]]:
    """The wiki's refs and object files, read on each call."""
    return lambda: repository_state(wiki)


@pytest.fixture(scope="module")
def shared_wiki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One wiki for a module's tests that must leave it unchanged (each one checks)."""
    path = tmp_path_factory.mktemp("shared") / "wiki"
    init_wiki(path, author=STAFF, when=FIXED_TIME)
    return path


@pytest.fixture(scope="module")
def shared_passport(shared_wiki: Path) -> str:
    """The passport-renewal guide as published on the shared wiki's main."""
    with WikiStore.open(shared_wiki) as store:
        raw = store.read(store.main(), GUIDE)
    assert raw is not None
    return raw.decode("utf-8")


@pytest.fixture(scope="module")
def shared_intake(shared_wiki: Path) -> Iterator[httpx.Client]:
    """The intake API over real HTTP on 127.0.0.1 (no rate limit) for the shared wiki."""
    with ExitStack() as running:
        port = running.enter_context(serving_intake(IntakeSettings(repo=shared_wiki, rate_limit=0)))
        yield running.enter_context(httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30))
