"""Front matter values read leniently for the site: a value of the wrong shape reads as
nothing (``""``, ``None``, ``[]``), never as an error, since ``wikitool check`` is where
shapes are judged and the site still renders whatever reached ``main``."""

from __future__ import annotations

from datetime import date
from typing import Any


def text(value: Any) -> str:
    """A string stripped, a number as written; anything else ``""``."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def items(value: Any) -> list[Any]:
    """A list as it is; anything else an empty list."""
    return value if isinstance(value, list) else []


def mappings(value: Any) -> list[dict[str, Any]]:
    """The mappings of a list."""
    return [item for item in items(value) if isinstance(item, dict)]


def placed_mappings(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a list with their places in it (from 0, counting every item):
    where a fact read from it stands in the front matter (``fees[2]``)."""
    return [(place, item) for place, item in enumerate(items(value)) if isinstance(item, dict)]


def texts(value: Any) -> tuple[str, ...]:
    """The non-empty texts of a list."""
    return tuple(t for t in map(text, items(value)) if t)


def number(value: Any) -> float | None:
    """A number that is not negative (``True`` is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if value >= 0 else None


def iso_date(value: Any) -> date | None:
    """A ``YYYY-MM-DD`` text (front matter dates are read as text) as a date."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def https(value: Any) -> str:
    """A web address that may become a link, else ``""``."""
    url = text(value)
    # Only web addresses become links: a "javascript:" or "data:" value stays text-free.
    return url if url.lower().startswith("https://") else ""
