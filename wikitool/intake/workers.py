"""Where the intake runs ``suggestion_submit``: its thread pool, or worker processes.

Submitting is CPU-bound Python (parsing and checking the guide, scanning for personal
data, hashing git objects), so threads of one process share one core. With
``processes > 1`` submissions run in a pool of worker processes, each with its own open
repository, while the event loop, the rate limiter and everything else stay in the
server process. Git's compare-and-swap ref updates keep concurrent writers safe.

Errors cross the process boundary as plain ``(kind, message)`` pairs: some exception
classes do not survive pickling, and the app needs only the kind and the one line.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import anyio

from wikitool.errors import (
    GuideError,
    NotFoundError,
    SuggestionError,
    UnsafePathError,
    WikitoolError,
)
from wikitool.gitstore import WikiStore
from wikitool.intake.thread_stores import ThreadStores
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import SubmitResult, suggestion_submit, warm_up

SUBMIT_THREADS = 4

USER_ERRORS = (SuggestionError, UnsafePathError, GuideError, NotFoundError)
"""Refusals of the input itself: the citizen can fix them (400)."""


class SubmitRefused(Exception):
    """The suggestion was refused (``user``) or the repository could not take it (``busy``)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _outcome(store: WikiStore, suggestion: SuggestionInput) -> SubmitResult | tuple[str, str]:
    try:
        return suggestion_submit(store, suggestion)
    except USER_ERRORS as exc:
        return ("user", str(exc))
    except WikitoolError as exc:
        return ("busy", str(exc))


def _settled(outcome: SubmitResult | tuple[str, str]) -> SubmitResult:
    if isinstance(outcome, tuple):
        raise SubmitRefused(*outcome)
    return outcome


class Submitter:
    """Runs submissions in this process's thread pool, or in ``processes`` worker processes."""

    def __init__(self, repo: Path, stores: ThreadStores, processes: int = 1) -> None:
        self._stores = stores
        # Submissions get their own few threads (CPU-bound work under the GIL gains
        # nothing from more), so status reads and feedback in the shared pool never
        # queue behind a burst of them.
        self._threads = anyio.CapacityLimiter(SUBMIT_THREADS)
        self._pool: ProcessPoolExecutor | None = None
        if processes > 1:
            # spawn, not fork: the server process has threads, and a forked lock is a hang.
            self._pool = ProcessPoolExecutor(
                max_workers=processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_open_worker_store,
                initargs=(str(repo),),
            )
            self._processes = processes

    async def start(self) -> None:
        """Start the worker processes now rather than on the first citizen's request."""
        if self._pool is not None:
            loop = asyncio.get_running_loop()
            await asyncio.gather(
                *(loop.run_in_executor(self._pool, _ready) for _ in range(self._processes))
            )

    async def submit(self, suggestion: SuggestionInput) -> SubmitResult:
        """``suggestion_submit`` on the wiki.

        Raises:
            SubmitRefused: ``kind`` ``user`` (the suggestion is refused) or ``busy``.
        """
        if self._pool is None:
            # The store is taken in the pool thread: each thread has its own.
            outcome = await anyio.to_thread.run_sync(
                lambda: _outcome(self._stores.get(), suggestion), limiter=self._threads
            )
        else:
            loop = asyncio.get_running_loop()
            outcome = await loop.run_in_executor(self._pool, _submit_in_worker, suggestion)
        return _settled(outcome)

    def close(self) -> None:
        """Stop the worker processes (waiting for submissions under way)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


_worker_store: WikiStore | None = None


def _open_worker_store(repo: str) -> None:
    global _worker_store
    _worker_store = WikiStore.open(repo)
    warm_up(_worker_store)  # before the first citizen, not during their request


def _ready() -> bool:
    return _worker_store is not None


def _submit_in_worker(suggestion: SuggestionInput) -> SubmitResult | tuple[str, str]:
    assert _worker_store is not None, "worker started without its repository"
    return _outcome(_worker_store, suggestion)
