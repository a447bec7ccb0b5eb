"""The SQLite files beside the repository: each thread keeps its connection to each file,
and that must lose nothing when several processes write at once, see what the others
wrote, keep a commit through a crash, and keep the files owner-only."""

from __future__ import annotations

import gc
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

import wikitool
from wikitool.gitstore import WikiStore
from wikitool.gitstore.local_db import close_local_dbs, local_db
from wikitool.mail.outbox import MessageKind, Outbox, author_of
from wikitool.suggestions.answer_secrets import answer_secret_matches, new_answer_secret
from wikitool.suggestions.contacts import (
    Contact,
    contact_get,
    contact_save,
    private_store_path,
    private_store_writes,
)

SOURCE_ROOT = Path(wikitool.__file__).parents[1]
TABLE = "CREATE TABLE IF NOT EXISTS note (n INTEGER PRIMARY KEY, text TEXT NOT NULL);"


def _python(code: str) -> subprocess.Popen[str]:
    """Another process running ``code`` with this wikitool."""
    env = {**os.environ, "PYTHONPATH": f"{SOURCE_ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _finished(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return out


def _fresh(path: Path) -> list[tuple[int, str]]:
    """The rows as a new connection sees them."""
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT n, text FROM note ORDER BY n").fetchall()


def _open_fds(path: Path) -> list[str]:
    """This process's file descriptors on ``path`` or its log and index files."""
    links = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            links.append(os.readlink(fd))
        except OSError:
            continue  # closed while listing
    return [link for link in links if link.startswith(str(path))]


@pytest.fixture()
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "wikitool" / "notes.sqlite3"
    yield path
    close_local_dbs()


def test_a_thread_keeps_its_connection_and_sees_what_other_processes_write(db_path: Path) -> None:
    with local_db(db_path, TABLE) as first:
        first.execute("INSERT INTO note VALUES (1, 'mine')")
    with local_db(db_path, TABLE) as again:
        assert again is first
        # A read left at fetchone must not pin an old snapshot of the file.
        assert again.execute("SELECT text FROM note").fetchone() == ("mine",)

    _finished(_python(f"""
        from pathlib import Path
        from wikitool.gitstore.local_db import local_db
        with local_db(Path({str(db_path)!r}), {TABLE!r}) as db:
            db.execute("INSERT INTO note VALUES (2, 'theirs')")
    """))

    with local_db(db_path, TABLE) as db:
        assert db is first
        assert db.execute("SELECT n, text FROM note ORDER BY n").fetchall() == [
            (1, "mine"), (2, "theirs"),
        ]  # fmt: skip


def test_two_processes_of_two_threads_writing_the_outbox_at_once_lose_nothing(
    tmp_path: Path,
) -> None:
    outbox = tmp_path / "outbox.sqlite3"
    writer = """
        import sys, threading
        from pathlib import Path
        from wikitool.mail.outbox import MessageKind, Outbox, author_of
        outbox = Outbox(Path({path!r}))
        start = threading.Barrier(2)
        def write(thread):
            start.wait()
            for n in range(40):
                sid = f"p{process}-t{{thread}}-{{n}}"
                outbox.subscribe(author_of(sid), sid, "en")
                assert outbox.enqueue(MessageKind.RECEIVED, author_of(sid), {{"guide": "G"}})
        threads = [threading.Thread(target=write, args=(t,)) for t in range(2)]
        for t in threads: t.start()
        for t in threads: t.join()
    """
    Outbox(outbox).key()  # the file exists, so each enqueue is kept
    writers = [_python(writer.format(path=str(outbox), process=p)) for p in range(2)]
    for process in writers:
        _finished(process)

    assert Outbox(outbox).counts() == {"pending": 160}
    assert len(Outbox(outbox).active()) == 160
    with closing(sqlite3.connect(outbox)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_processes_opening_a_new_file_together_and_reading_before_writing_lose_nothing(
    tmp_path: Path,
) -> None:
    # What the intake's workers do at their first submissions: open a file nobody made
    # yet (a new file's first commits are only in its write-ahead log, which SQLite
    # deletes when it opens a database file of zero pages) and, in each transaction, read
    # before writing while the others commit (a read snapshot gone stale). Eight new
    # files, each opened by four processes of two threads at once.
    paths = [tmp_path / "wikitool" / f"new-{n}.sqlite3" for n in range(8)]
    go = tmp_path / "go"
    writer = """
        import threading, time
        from pathlib import Path
        from wikitool.gitstore.local_db import local_db
        while not Path({go!r}).exists():
            time.sleep(0.001)
        failed = []
        def write(path, thread):
            try:
                for n in range(10):
                    with local_db(Path(path), {table!r}) as db:
                        db.execute("SELECT count(*) FROM note").fetchone()
                        db.execute("INSERT INTO note (text) VALUES (?)", (f"{process}-{{thread}}",))
            except Exception as exc:
                failed.append(repr(exc))
        for path in {paths!r}:
            threads = [threading.Thread(target=write, args=(path, t)) for t in range(2)]
            for t in threads: t.start()
            for t in threads: t.join()
        assert not failed, failed
    """
    table = "CREATE TABLE IF NOT EXISTS note (n INTEGER PRIMARY KEY, text TEXT NOT NULL);"
    source = [str(path) for path in paths]
    writers = [
        _python(writer.format(paths=source, go=str(go), table=table, process=p))
        for p in range(4)
    ]
    go.touch()
    for process in writers:
        _finished(process)  # a "database is locked" fails the process

    assert [len(_fresh(path)) for path in paths] == [4 * 2 * 10] * len(paths)


def test_a_commit_survives_the_process_killed_right_after_it(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox.sqlite3"
    Outbox(outbox).key()
    victim = _python(f"""
        import os, signal, sys
        from pathlib import Path
        from wikitool.mail.outbox import MessageKind, Outbox, author_of
        outbox = Outbox(Path({str(outbox)!r}))
        outbox.subscribe(author_of("s1"), "s1", "en")
        outbox.enqueue(MessageKind.RECEIVED, author_of("s1"), {{"guide": "G"}})
        print("acknowledged", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no close, no checkpoint, no atexit
    """)
    out, _ = victim.communicate(timeout=60)
    assert (out, victim.returncode) == ("acknowledged\n", -signal.SIGKILL)

    assert Outbox(outbox).messages(author_of("s1")) == [(MessageKind.RECEIVED, "pending")]


def test_the_files_are_owner_only_in_write_ahead_mode_with_full_sync(db_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        with local_db(db_path, TABLE) as db:
            db.execute("INSERT INTO note VALUES (1, 'private')")
            journal = db.execute("PRAGMA journal_mode").fetchone()[0]
            synchronous = db.execute("PRAGMA synchronous").fetchone()[0]
    finally:
        os.umask(old_umask)
    assert (journal, synchronous) == ("wal", 2)  # 2: FULL, an fsync at every commit
    files = sorted(db_path.parent.iterdir())
    assert [f.name for f in files] == ["notes.sqlite3", "notes.sqlite3-shm", "notes.sqlite3-wal"]
    assert {oct(f.stat().st_mode & 0o777) for f in files} == {"0o600"}
    assert oct(db_path.parent.stat().st_mode & 0o777) == "0o700"


def test_calls_nested_in_a_transaction_commit_together_or_not_at_all(wiki: Path) -> None:
    with WikiStore.open(wiki) as store:
        path = private_store_path(store)
        with private_store_writes(store):
            contact_save(store, Contact("s1", "Ana", "ana@example.org", 1))
            secret = new_answer_secret(store, "s1")
            with closing(sqlite3.connect(path)) as other:  # another process's view
                # Nothing yet, not even the table when this transaction created it.
                made = other.execute("SELECT 1 FROM sqlite_master WHERE name = 'contact'")
                assert made.fetchone() is None or other.execute(
                    "SELECT count(*) FROM contact"
                ).fetchone() == (0,)
        assert contact_get(store, "s1") == Contact("s1", "Ana", "ana@example.org", 1)
        assert answer_secret_matches(store, "s1", secret)

        with pytest.raises(RuntimeError), private_store_writes(store):
            contact_save(store, Contact("s2", "Ben", "ben@example.org", 2))
            secret = new_answer_secret(store, "s2")
            raise RuntimeError("the submission failed after both writes")
        assert contact_get(store, "s2") is None
        assert not answer_secret_matches(store, "s2", secret)


def test_a_file_deleted_under_a_kept_connection_is_made_afresh(db_path: Path) -> None:
    with local_db(db_path, TABLE) as db:
        db.execute("INSERT INTO note VALUES (1, 'old file')")
    for each in db_path.parent.iterdir():  # the file, its log and its index
        each.unlink()
    with local_db(db_path, TABLE) as db:
        db.execute("INSERT INTO note VALUES (2, 'new file')")
    assert _fresh(db_path) == [(2, "new file")]
    assert oct(db_path.stat().st_mode & 0o777) == "0o600"


def test_a_forked_child_opens_its_own_connection_and_leaves_the_parents_alone(
    db_path: Path,
) -> None:
    with local_db(db_path, TABLE) as parents:
        parents.execute("INSERT INTO note VALUES (1, 'parent')")
    child = os.fork()
    if child == 0:  # the child: report by exit status only, never back into pytest
        try:
            with local_db(db_path, TABLE) as own:
                own.execute("INSERT INTO note VALUES (2, 'child')")
                code = 0 if own is not parents else 3
        except BaseException:
            code = 4
        os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    with local_db(db_path, TABLE) as db:
        assert db is parents
        assert db.execute("SELECT n FROM note ORDER BY n").fetchall() == [(1,), (2,)]


def test_connections_close_when_their_thread_ends_and_at_shutdown(db_path: Path) -> None:
    def write() -> None:
        with local_db(db_path, TABLE) as db:
            db.execute("INSERT INTO note (text) VALUES ('from a pool thread')")

    thread = threading.Thread(target=write)
    thread.start()
    thread.join()
    gc.collect()
    assert _open_fds(db_path) == []

    write()  # this thread's, kept until shutdown
    assert _open_fds(db_path) != []
    close_local_dbs()
    assert _open_fds(db_path) == []
    assert not Path(f"{db_path}-wal").exists()  # the last close folded the log into the file
    write()  # a closed connection is opened again when needed
    assert len(_fresh(db_path)) == 3
