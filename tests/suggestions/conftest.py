"""Fixtures for suggestions: a guide as published, and suggestion documents built from it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wikitool.gitstore import WikiStore

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"


@pytest.fixture
def published(store: WikiStore) -> str:
    """The passport-renewal guide as it is on main."""
    raw = store.read(store.main(), GUIDE)
    assert raw is not None
    return raw.decode("utf-8")


@pytest.fixture
def fee_fix(published: str) -> str:
    """The guide with its first step reworded: a typical citizen correction."""
    changed = published.replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1)
    assert changed != published
    return changed


@pytest.fixture
def suggestion_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a suggestion document (JSON) and return its path."""
    counter = iter(range(10_000))

    def write(**fields: Any) -> Path:
        path = tmp_path / f"suggestion-{next(counter)}.json"
        path.write_text(json.dumps(fields))
        return path

    return write
