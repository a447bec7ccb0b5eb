"""Fixtures for suggestions: a guide as published, and suggestion documents built from it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"


@pytest.fixture
def suggestion_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a suggestion document (JSON) and return its path."""
    counter = iter(range(10_000))

    def write(**fields: Any) -> Path:
        path = tmp_path / f"suggestion-{next(counter)}.json"
        path.write_text(json.dumps(fields))
        return path

    return write
