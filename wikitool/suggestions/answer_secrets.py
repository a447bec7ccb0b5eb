"""The private secret that lets a suggestion's author answer staff's questions.

The suggestion's id is public (anyone may read its status), so answering needs more: a
secret of 192 random bits (:mod:`secrets`), made when the suggestion is submitted and
given back once, to its author only (the intake's answer; the confirmation page shows it
as ``track/?id=<id>#secret=<secret>``, in the fragment so it never reaches a server
log). Only its SHA-256 is kept, in the private store beside the repository
(``contacts.private_store_path``, never in git): a copy of the file lets no one answer.
A slow password hash is not needed, as the secret is random and long, not chosen by a
person. Compared in constant time (:func:`hmac.compare_digest`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from wikitool.gitstore import WikiStore
from wikitool.gitstore.local_db import local_db
from wikitool.mail.outbox import Outbox
from wikitool.mail.tokens import answer_token_valid
from wikitool.suggestions.contacts import private_store_path

SECRET_BYTES = 24
"""192 bits; ``secrets.token_urlsafe`` writes them as 32 URL-safe characters."""
MAX_SECRET_CHARS = 100
"""Longer is never a secret this module made; refused before hashing."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answer_secret (
    suggestion_id TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    created INTEGER NOT NULL
)
"""
# Compared against when a suggestion has no secret, so the answer takes the same time.
_NO_DIGEST = hashlib.sha256(b"no secret").hexdigest()


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def new_answer_secret(store: WikiStore, suggestion_id: str) -> str:
    """Make the secret of a new suggestion and keep its hash; returns the secret (the
    only time it exists in clear)."""
    secret = secrets.token_urlsafe(SECRET_BYTES)
    with local_db(private_store_path(store), _SCHEMA) as db:
        db.execute(
            "INSERT OR REPLACE INTO answer_secret VALUES (?, ?, ?)",
            (suggestion_id, _digest(secret), int(time.time())),
        )
    return secret


def answer_secret_matches(store: WikiStore, suggestion_id: str, secret: str) -> bool:
    """Whether ``secret`` is the one made for ``suggestion_id``, or the answer token its
    author's e-mails carry (``mail/tokens.py``: derived under the outbox's key, so
    nothing more is kept for it)."""
    if not secret or len(secret) > MAX_SECRET_CHARS:
        return False
    path = private_store_path(store)
    row = None
    if path.exists():
        with local_db(path, _SCHEMA) as db:
            row = db.execute(
                "SELECT digest FROM answer_secret WHERE suggestion_id = ?", (suggestion_id,)
            ).fetchone()
    expected = row[0] if row else _NO_DIGEST
    if hmac.compare_digest(expected, _digest(secret)) and row is not None:
        return True
    outbox = Outbox.of(store)
    return outbox.path.exists() and answer_token_valid(outbox.key(), suggestion_id, secret)
