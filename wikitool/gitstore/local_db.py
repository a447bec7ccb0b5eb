"""SQLite files kept beside the repository, never in git: contact details, feedback and
the mail outbox.

They hold what readers and citizens typed, or mail to them, so they live under
``.git/wikitool/`` (never pushed, never in a tree) unless an environment variable names
another path, and are readable by their owner only. SQLite because several processes
(the intake's workers, staff commands, the mail sender) write them at once and it locks
correctly.

Each thread keeps its connection to each file open between calls (opening one and
creating the schema cost more than most writes), in write-ahead-log mode with
``synchronous=FULL``: a commit is one append and one fsync of the log, durable against
a power cut as well as a killed process, so a suggestion answered 201 keeps its contact,
its subscription and its queued message. Readers and the one writer of the moment do not
block each other; writers wait for each other up to the busy timeout. Calls nested on
one thread and file share the outermost call's transaction, so the writes of one task
to one file can be a single commit (:func:`local_transaction`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sqlite3
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from wikitool.gitstore.store import WikiStore

BUSY_TIMEOUT = 30.0
"""Seconds a writer waits for another process's write before giving up."""
KEPT_PER_THREAD = 8
"""Connections a thread keeps open (a process touches a few files; tests touch many)."""


def local_db_path(store: WikiStore, env_var: str, filename: str) -> Path:
    """``$env_var`` if set, else ``.git/wikitool/<filename>`` of this wiki."""
    configured = os.environ.get(env_var)
    if configured:
        return Path(configured)
    return store.git_dir / "wikitool" / filename


@dataclass(eq=False)
class _Kept:
    """One thread's open connection to one file."""

    db: sqlite3.Connection
    file: tuple[int, int]
    """The file's device and inode: another file at the path (deleted, replaced) is
    opened afresh rather than written through a connection to the old one."""
    schemas: set[str] = field(default_factory=set)
    depth: int = 0
    """How many ``local_db`` calls on the owning thread are using it now."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Held while in use, so :func:`close_local_dbs` never closes it under a call."""
    closed: bool = False


class _Connections(threading.local):
    def __init__(self) -> None:
        self.kept: OrderedDict[Path, _Kept] = OrderedDict()


_thread = _Connections()
_everyone: weakref.WeakSet[_Kept] = weakref.WeakSet()
"""Every connection open in this process, for :func:`close_local_dbs`; weak, so a
thread's connections close when it ends (a thread pool's idle threads come and go)."""
_everyone_lock = threading.Lock()
_inherited: list[_Kept] = []
"""A forked child's copies of its parent's connections: never used, and kept from the
garbage collector, whose close would act on the parent's files."""


def _after_fork_in_child() -> None:
    global _everyone_lock
    _inherited.extend(_everyone)
    _inherited.extend(_thread.kept.values())
    _everyone.clear()
    _thread.kept = OrderedDict()
    _everyone_lock = threading.Lock()  # another thread of the parent may have held it


os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def local_db(path: Path, schema: str) -> Iterator[sqlite3.Connection]:
    """This thread's connection to an owner-only database (created with ``schema``);
    commits on success, rolls back on an exception.

    Nested in another ``local_db`` of the same file on the same thread, it joins that
    call's transaction: the outermost call commits.
    """
    kept = _connection(path)
    if kept.depth:
        _create(kept, schema)
        kept.depth += 1
        try:
            yield kept.db
        finally:
            kept.depth -= 1
        return
    with kept.lock:
        kept.depth = 1
        try:
            _create(kept, schema)
            # The write lock first (waiting up to the busy timeout), then the reads: a
            # transaction that read first and wrote after another process's commit would
            # fail at once with "database is locked" (SQLite's busy handler does not wait
            # for a stale read snapshot), a 503 under load.
            kept.db.execute("BEGIN IMMEDIATE")
            try:
                yield kept.db
            except BaseException:
                if kept.db.in_transaction:
                    kept.db.execute("ROLLBACK")
                raise
            kept.db.execute("COMMIT")
        finally:
            kept.depth = 0


@contextmanager
def local_transaction(path: Path) -> Iterator[None]:
    """The ``local_db`` calls made to ``path`` by this thread inside the block are one
    transaction: one commit and one fsync at its end, nothing written if it fails."""
    with local_db(path, ""):
        yield


def vacuum(path: Path) -> None:
    """Rewrite the file without its free pages and empty its write-ahead log, so deleted
    rows (an address forgotten) linger in neither."""
    with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT)) as db:
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def close_local_dbs() -> None:
    """Close every connection this process keeps that no call is using (at shutdown;
    a thread that needs one again opens it afresh)."""
    with _everyone_lock:
        kept = list(_everyone)
    for each in kept:
        if each.lock.acquire(blocking=False):
            try:
                _close(each)
            finally:
                each.lock.release()


atexit.register(close_local_dbs)  # the last connection to close folds the log into the file


def _connection(path: Path) -> _Kept:
    kept = _thread.kept.get(path)
    if kept is not None and not kept.closed and kept.file == _file_of(path):
        _thread.kept.move_to_end(path)
        return kept
    if kept is not None and not kept.depth:
        del _thread.kept[path]
        _close(kept)
    elif kept is not None:  # the file went away under a transaction: let it fail there
        return kept
    kept = _open(path)
    while len(_thread.kept) >= KEPT_PER_THREAD:  # the least recently used idle one goes
        idle = next((p for p, each in _thread.kept.items() if not each.depth), None)
        if idle is None:
            break
        _close(_thread.kept.pop(idle))
    _thread.kept[path] = kept
    return kept


def _open(path: Path) -> _Kept:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists() or path.stat().st_size == 0:
        _create_file(path)
    os.chmod(path, 0o600)
    # check_same_thread off only so close_local_dbs may close it; one thread uses it.
    # isolation_level None: local_db begins and ends each transaction itself.
    db = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT, check_same_thread=False, isolation_level=None
    )
    try:
        _write_ahead_log(db)
        db.execute("PRAGMA synchronous=FULL")
    except sqlite3.Error:
        db.close()
        raise
    kept = _Kept(db, _file_of(path))
    with _everyone_lock:
        _everyone.add(kept)
    return kept


def _create_file(path: Path) -> None:
    """Make ``path`` a database already in write-ahead-log mode, owner-only, whole.

    Never an empty file first: SQLite deletes the log of a database file of zero pages
    when it opens one, so a process opening the file that another has just switched to
    write-ahead-log mode (whose first commits are still only in the log) would throw
    those commits away. Made aside and linked into place, the file has its header before
    anyone opens it; the first process to link it wins, the others use its file.
    """
    fd, made = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.new-")  # 0600
    os.close(fd)
    try:
        with closing(sqlite3.connect(made)) as db:
            db.execute("PRAGMA journal_mode=WAL")  # writes the file's first page
        try:
            os.link(made, path)
        except FileExistsError:
            if path.stat().st_size == 0:  # a stray empty file: nothing in it to keep
                os.replace(made, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(made)


def _write_ahead_log(db: sqlite3.Connection) -> None:
    """Put the file in write-ahead-log mode (once per file: the mode is kept in it).

    A new file is made in that mode (:func:`_create_file`); a file from an older wikitool
    is switched by the first process to open it. Switching needs the file to itself, and
    SQLite answers "database is locked" at once, without its busy timeout, while another
    process holds it (the intake's workers start together). So the mode is read first
    and the switch retried.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _close(kept: _Kept) -> None:
    with _everyone_lock:
        _everyone.discard(kept)
    if not kept.closed:
        kept.closed = True
        kept.db.close()


def _create(kept: _Kept, schema: str) -> None:
    """Run ``schema`` once per connection, statement by statement (``executescript``
    would commit a transaction under way)."""
    if schema in kept.schemas:
        return
    statement = ""
    for line in schema.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            kept.db.execute(statement)
            statement = ""
    if statement.strip():
        kept.db.execute(statement)
    kept.schemas.add(schema)


def _file_of(path: Path) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return (-1, -1)
    return (status.st_dev, status.st_ino)
