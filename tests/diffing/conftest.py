"""Fixtures for the diff tests: the reference passport guide, as text and bytes."""

from __future__ import annotations

import pytest
from diff_samples import GUIDE


@pytest.fixture
def guide() -> str:
    """The reference guide content/identity-and-travel/renew-an-adult-passport.md."""
    return GUIDE
