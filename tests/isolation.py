"""Keep the user's git and wikitool settings out of what a test runs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def isolate_environment(env: pytest.MonkeyPatch, home: Path) -> None:
    """No ``GIT_*``/``WIKITOOL_*`` variable, user or system git config, or local zone."""
    for name in list(os.environ):
        if name.startswith(("GIT_", "WIKITOOL_")):
            env.delenv(name)
    env.setenv("HOME", str(home))
    env.setenv("GIT_CONFIG_NOSYSTEM", "1")
    env.setenv("TZ", "UTC")


@contextmanager
def isolated_environment(home: Path) -> Iterator[None]:
    """The same for module and session fixtures, which run outside a test's isolation."""
    with pytest.MonkeyPatch.context() as env:
        isolate_environment(env, home)
        yield
