"""Shared fixtures: an isolated environment and real wiki repositories in tmp_path."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from isolation import isolate_environment
from playwright.sync_api import Playwright

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

STAFF = Identity("Test Staff", "staff@agency.invalid")
FIXED_TIME = 1_790_000_000  # 2026-09-21, so repositories built in tests are reproducible


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No user config, colour or git environment leaks into a test."""
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text(
        f"[user]\n\tname = {STAFF.name}\n\temail = {STAFF.email}\n"
        "[init]\n\tdefaultBranch = main\n"
    )
    isolate_environment(monkeypatch, home)
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """One playwright driver for the whole run (browser and security tests share it):
    the sync API refuses to start a second driver while one is running."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def wiki(tmp_path: Path) -> Path:
    """A new wiki repository made from the reference wiki, with a staff working tree."""
    path = tmp_path / "wiki"
    init_wiki(path, author=STAFF, when=FIXED_TIME)
    return path


PASSPORT_GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"


@pytest.fixture
def published(store: WikiStore) -> str:
    """The passport-renewal guide as it is on main."""
    raw = store.read(store.main(), PASSPORT_GUIDE)
    assert raw is not None
    return raw.decode("utf-8")


@pytest.fixture
def fee_fix(published: str) -> str:
    """The passport guide with its first step reworded: a typical citizen correction."""
    changed = published.replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1)
    assert changed != published
    return changed


@pytest.fixture
def store(wiki: Path) -> Iterator[WikiStore]:
    """The wiki repository opened with the git store."""
    with WikiStore.open(wiki) as opened:
        yield opened


@pytest.fixture
def git() -> Callable[..., str]:
    """Run the real git command line in a repository and return its stdout."""

    def run(repo: Path, *args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    return run


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Invoke ``wikitool`` in-process; ``cwd`` runs it from another directory."""

    from wikitool.cli import cli

    def invoke(*args: str, cwd: Path | None = None, input: str | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke
