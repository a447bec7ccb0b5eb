"""Fixtures for the site tests: a published wiki with history, built once per module."""

from __future__ import annotations

import pytest
from site_history import BuiltSite, build_published


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The reference wiki with real history and unpublished edits, built strictly."""
    return build_published(tmp_path_factory.mktemp("published"))
