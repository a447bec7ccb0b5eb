"""Fixtures for the site tests: a published wiki with history, built once per module."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_history import BuiltSite, build_published
from step_guides import build_step_site


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The reference wiki with real history and unpublished edits, built strictly."""
    return build_published(tmp_path_factory.mktemp("published"))


@pytest.fixture(scope="session")
def step_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small wiki of the guides of ``step_guides`` (steps in groups, situations, or/and),
    built strictly; the site's folder."""
    return build_step_site(tmp_path_factory.mktemp("steps"))
