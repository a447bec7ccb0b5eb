"""Citizens' contact details, kept outside git and deletable (``suggest forget``).

Git history is forever and is copied to every clone; an e-mail address must never enter
it. The store is an SQLite file under the repository's ``.git/wikitool/`` (never pushed,
never in a tree), or the path in ``WIKITOOL_PRIVATE_STORE``. SQLite because several
processes (the intake, staff commands) write it at once and it locks correctly.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from wikitool.gitstore import WikiStore
from wikitool.gitstore.local_db import local_db, local_db_path

PRIVATE_STORE_ENV = "WIKITOOL_PRIVATE_STORE"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS contact (
    suggestion_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    created INTEGER NOT NULL
)
"""


@dataclass(frozen=True)
class Contact:
    """How to reach the citizen behind a suggestion."""

    suggestion_id: str
    name: str
    email: str
    created: int


def private_store_path(store: WikiStore) -> Path:
    """Where the contact store of this wiki lives."""
    return local_db_path(store, PRIVATE_STORE_ENV, "private.sqlite3")


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
    """Delete the contact for a suggestion; True when there was one."""
    path = private_store_path(store)
    if not path.exists():
        return False
    with local_db(path, _SCHEMA) as db:
        deleted = db.execute("DELETE FROM contact WHERE suggestion_id = ?", (suggestion_id,))
        count = deleted.rowcount
    if count:
        # VACUUM so the deleted address does not linger in free pages of the file.
        with closing(sqlite3.connect(path, timeout=30)) as db:
            db.execute("VACUUM")
    return bool(count)
