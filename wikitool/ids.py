"""Suggestion ids: URL-safe, sortable by time, unique under concurrency, not guessable.

An id is 26 characters of lower-case Crockford base32 (the ULID layout): 48 bits of
milliseconds since the epoch, then 80 bits from ``secrets``. Ids made in the same
millisecond by different processes differ in their random part, so no coordination is
needed; sorting ids sorts suggestions by submission time. Branch and ref names are built
from an id only, never from anything a citizen typed.
"""

from __future__ import annotations

import re
import secrets
import time

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_PATTERN = re.compile(r"^[0-9a-hjkmnp-tv-z]{26}$")


def new_suggestion_id(now_ms: int | None = None) -> str:
    """A new id; ``now_ms`` fixes the time part (tests)."""
    millis = int(time.time() * 1000) if now_ms is None else now_ms
    value = (millis & ((1 << 48) - 1)) << 80 | secrets.randbits(80)
    chars = []
    for _ in range(26):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def is_suggestion_id(text: str) -> bool:
    """Whether ``text`` has the form of a suggestion id (so it is safe in a ref name)."""
    return bool(ID_PATTERN.match(text))

