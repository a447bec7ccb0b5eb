"""Citizens' contact details, kept outside git and deletable (``suggest forget``).

Git history is forever and is copied to every clone; an e-mail address must never enter
it. The store is an SQLite file under the repository's ``.git/wikitool/`` (never pushed,
never in a tree), or the path in ``WIKITOOL_PRIVATE_STORE``. SQLite because several
processes (the intake, staff commands) write it at once and it locks correctly.

A suggestion has at most one author contact (``role`` ``author``: who sent it) and any
number of supporters' (``role`` ``supporter``: a citizen who said "This affects me too"
and left an address to be told the outcome, which is their consent to that one use).
Each supporter's address has its own random ``ref``: the mail outbox names the supporter
by it (``supporter_of`` in ``mail/outbox.py``), never by the address.
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from wikitool.gitstore import WikiStore
from wikitool.gitstore.local_db import local_db, local_db_path, local_transaction, vacuum

PRIVATE_STORE_ENV = "WIKITOOL_PRIVATE_STORE"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS contact (
    suggestion_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS supporter_contact (
    suggestion_id TEXT NOT NULL,
    email TEXT NOT NULL,
    created INTEGER NOT NULL,
    ref TEXT,
    PRIMARY KEY (suggestion_id, email)
)
"""
_REF_COLUMN = "ALTER TABLE supporter_contact ADD COLUMN ref TEXT"
"""A store written before supporters were told the outcome has no ``ref`` column; its
supporters (who never had a subscription) keep none and are sent nothing, unless they
support again."""
AUTHOR = "author"
SUPPORTER = "supporter"


@dataclass(frozen=True)
class Contact:
    """How to reach the citizen behind a suggestion."""

    suggestion_id: str
    name: str
    email: str
    created: int
    role: str = AUTHOR
    """``author`` (who sent the suggestion) or ``supporter`` (who supports it)."""
    ref: str = ""
    """A supporter's reference (random, not derived from the address); empty for the author."""


def private_store_path(store: WikiStore) -> Path:
    """Where the contact store of this wiki lives."""
    return local_db_path(store, PRIVATE_STORE_ENV, "private.sqlite3")


def private_store_writes(store: WikiStore) -> AbstractContextManager[None]:
    """The writes to the contact store made inside it (a contact, an answer secret) are
    one transaction: one commit, one fsync."""
    return local_transaction(private_store_path(store))


def contact_save(store: WikiStore, contact: Contact) -> None:
    """Record (or replace) the contact for a suggestion."""
    with local_db(private_store_path(store), _SCHEMA) as db:
        db.execute(
            "INSERT OR REPLACE INTO contact VALUES (?, ?, ?, ?)",
            (
                contact.suggestion_id,
                contact.name,
                contact.email,
                contact.created or int(time.time()),
            ),
        )


def _supporters_db(store: WikiStore) -> AbstractContextManager[sqlite3.Connection]:
    """The contact store, its supporters' table given a ``ref`` column if it has none."""
    path = private_store_path(store)
    with local_db(path, _SCHEMA) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(supporter_contact)")}
        if "ref" not in columns:
            db.execute(_REF_COLUMN)
    return local_db(path, _SCHEMA)


def supporter_contact_save(store: WikiStore, suggestion_id: str, email: str) -> str:
    """Keep a supporter's address to tell them the outcome (once per address).

    Returns:
        The supporter's reference (the one kept before when the address supported this
        suggestion already).
    """
    with _supporters_db(store) as db:
        ref = secrets.token_hex(8)
        db.execute(
            "INSERT OR IGNORE INTO supporter_contact VALUES (?, ?, ?, ?)",
            (suggestion_id, email, int(time.time()), ref),
        )
        db.execute(  # kept before supporters had references: given one now
            "UPDATE supporter_contact SET ref = ? "
            "WHERE suggestion_id = ? AND email = ? AND ref IS NULL",
            (ref, suggestion_id, email),
        )
        row = db.execute(
            "SELECT ref FROM supporter_contact WHERE suggestion_id = ? AND email = ?",
            (suggestion_id, email),
        ).fetchone()
    return str(row[0])


def supporter_contact_get(store: WikiStore, suggestion_id: str, ref: str) -> Contact | None:
    """The supporter of ``suggestion_id`` with reference ``ref``, if still kept."""
    if not ref or not private_store_path(store).exists():
        return None
    with _supporters_db(store) as db:
        row = db.execute(
            "SELECT email, created FROM supporter_contact WHERE suggestion_id = ? AND ref = ?",
            (suggestion_id, ref),
        ).fetchone()
    return Contact(suggestion_id, "", row[0], row[1], SUPPORTER, ref) if row else None


def contacts_of(store: WikiStore, suggestion_id: str) -> list[Contact]:
    """Everyone to tell about a suggestion: its author (if they left a contact), then its
    supporters who left an address, oldest first."""
    author = contact_get(store, suggestion_id)
    path = private_store_path(store)
    if not path.exists():
        return []
    with _supporters_db(store) as db:
        rows = db.execute(
            "SELECT email, created, ref FROM supporter_contact WHERE suggestion_id = ? "
            "ORDER BY created, rowid",
            (suggestion_id,),
        ).fetchall()
    supporters = [
        Contact(suggestion_id, "", email, created, SUPPORTER, ref or "")
        for email, created, ref in rows
    ]
    return ([author] if author else []) + supporters


def contact_get(store: WikiStore, suggestion_id: str) -> Contact | None:
    """The contact for a suggestion, if the citizen left one and it was not forgotten."""
    path = private_store_path(store)
    if not path.exists():
        return None
    with local_db(path, _SCHEMA) as db:
        row = db.execute(
            "SELECT suggestion_id, name, email, created FROM contact WHERE suggestion_id = ?",
            (suggestion_id,),
        ).fetchone()
    return Contact(*row) if row else None


def contacts_kept(store: WikiStore) -> list[tuple[str, int]]:
    """The suggestion id and the time saved of every contact kept (never an address)."""
    path = private_store_path(store)
    if not path.exists():
        return []
    with local_db(path, _SCHEMA) as db:
        rows = db.execute("SELECT suggestion_id, created FROM contact ORDER BY created").fetchall()
    return [(str(sid), int(created)) for sid, created in rows]


def contact_forget(store: WikiStore, suggestion_id: str) -> bool:
    """Delete every contact kept for a suggestion (its author's and its supporters');
    True when there was one."""
    path = private_store_path(store)
    if not path.exists():
        return False
    with local_db(path, _SCHEMA) as db:
        deleted = db.execute("DELETE FROM contact WHERE suggestion_id = ?", (suggestion_id,))
        count = deleted.rowcount
        supporters = "DELETE FROM supporter_contact WHERE suggestion_id = ?"
        count += db.execute(supporters, (suggestion_id,)).rowcount
    if count:
        vacuum(path)  # so the deleted address does not linger in the file's free pages
    return bool(count)
