"""Fixtures for the guide tests: a realistic guide and the wiki it lives in."""

from __future__ import annotations

import pytest
from guide_samples import GUIDE, WIKI_PATHS


@pytest.fixture
def guide_text() -> str:
    """A complete, valid guide in the house style."""
    return GUIDE


@pytest.fixture
def wiki_paths() -> set[str]:
    """Every file of a small wiki the guide lives in (for link checks)."""
    return set(WIKI_PATHS)
