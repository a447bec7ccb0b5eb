"""One open repository per worker thread.

Git work runs in Starlette's thread pool. A dulwich repository object caches pack files
and is not meant to be shared between threads, while opening one per request would
re-read pack indexes every time; so each pool thread opens its own once and keeps it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from wikitool.gitstore import WikiStore


class ThreadStores:
    """Hands each thread its own :class:`WikiStore` on ``repo``."""

    def __init__(self, repo: Path) -> None:
        self._repo = repo
        self._local = threading.local()
        self._opened: list[WikiStore] = []
        self._lock = threading.Lock()

    def get(self) -> WikiStore:
        """The calling thread's store (opened on first use)."""
        store: WikiStore | None = getattr(self._local, "store", None)
        if store is None:
            store = WikiStore.open(self._repo)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        """Close every store opened so far (at server shutdown)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
