"""What an SQLite store beside the repository holds on disk.

Test modules import this by name (``from sqlite_files import stored_bytes``).
"""

from __future__ import annotations

from pathlib import Path


def stored_bytes(path: Path) -> bytes:
    """The database file and its write-ahead log (``-wal``, where a commit lands first):
    a value absent from both is absent from the disk."""
    log = Path(f"{path}-wal")
    return path.read_bytes() + (log.read_bytes() if log.exists() else b"")
