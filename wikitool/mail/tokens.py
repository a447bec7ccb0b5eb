"""The unsubscribe token of a recipient: an HMAC of its reference under the outbox's key.

Derived, not stored: the sender puts it into each message's link and headers, the intake
checks it. Anyone without the key (kept in the owner-only outbox) cannot make one, so a
forged or altered token is refused, and one recipient's token says nothing of another's.
"""

from __future__ import annotations

import hashlib
import hmac

TOKEN_CHARS = 32
"""Hex characters of a token: 128 bits of the HMAC."""


def unsubscribe_token(key: bytes, recipient: str) -> str:
    """The token that stops the mail to ``recipient``."""
    digest = hmac.new(key, b"unsubscribe\0" + recipient.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:TOKEN_CHARS]


def answer_token(key: bytes, suggestion_id: str) -> str:
    """The token that lets the author answer staff from a message's private link (the
    ``#secret=`` of the tracking page, as the confirmation page's random secret)."""
    digest = hmac.new(key, b"answer\0" + suggestion_id.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:TOKEN_CHARS]


def answer_token_valid(key: bytes, suggestion_id: str, token: str) -> bool:
    """Whether ``token`` is the answer token of ``suggestion_id`` (constant time)."""
    expected = answer_token(key, suggestion_id)
    return hmac.compare_digest(expected.encode("ascii"), token.encode("utf-8", "replace"))


def token_valid(key: bytes, recipient: str, token: str) -> bool:
    """Whether ``token`` is the unsubscribe token of ``recipient`` (constant time)."""
    expected = unsubscribe_token(key, recipient)
    return hmac.compare_digest(expected.encode("ascii"), token.encode("utf-8", "replace"))
