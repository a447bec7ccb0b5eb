"""SQLite files kept beside the repository, never in git: contact details, feedback and
the mail outbox.

They hold what readers and citizens typed, or mail to them, so they live under
``.git/wikitool/`` (never pushed, never in a tree) unless an environment variable names
another path, and are readable by their owner only. SQLite because several processes
(the intake, staff commands) write them at once and it locks correctly.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from wikitool.gitstore.store import WikiStore


def local_db_path(store: WikiStore, env_var: str, filename: str) -> Path:
    """``$env_var`` if set, else ``.git/wikitool/<filename>`` of this wiki."""
    configured = os.environ.get(env_var)
    if configured:
        return Path(configured)
    return store.git_dir / "wikitool" / filename


@contextmanager
def local_db(path: Path, schema: str) -> Iterator[sqlite3.Connection]:
    """Open (creating it with ``schema``) an owner-only database; commits on success."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with closing(sqlite3.connect(path, timeout=30)) as db:
        os.chmod(path, 0o600)
        db.executescript(schema)
        with db:
            yield db
