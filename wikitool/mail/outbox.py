"""The durable outbox: every message is written here before anyone tries to send it.

An SQLite file beside the private contact store (``.git/wikitool/outbox.sqlite3``, or
``$WIKITOOL_OUTBOX``; owner-only, never in git). It holds who asked to be told
(``subscription``: a recipient reference, never an address), the messages waiting or
sent (``message``), and the key of the unsubscribe links (``secret``).

A recipient is a reference (``suggestion:<id>``, the author of that suggestion;
``supporter:<id>:<ref>``, a supporter who left an address, by its random reference in
the contact store), looked up in the contact store only when the message is sent: an
address is never copied here, so ``suggest forget`` deletes it for good. The one
exception is the last message, which tells the author their details were deleted: it
carries its own address until it is sent or given up, then the address is wiped.

Each message has a ``dedupe`` key (one ``received`` per recipient, one ``accepted``...),
so enqueueing twice (a repair after a crash, two processes) queues it once, and a
``Message-ID`` fixed when queued, so a retry after an ambiguous failure (the relay took
the message but the connection dropped before it said so) is recognisably the same
message. A message is marked sent only after the relay accepted it; a sender claims a
message with a lease first, so two senders never send one message at the same time.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from wikitool.errors import MailError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.local_db import local_db, local_db_path, vacuum

OUTBOX_ENV = "WIKITOOL_OUTBOX"
LEASE_SECONDS = 120
"""How long a sender may hold a claimed message before another may try it."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS subscription (
    recipient TEXT PRIMARY KEY,
    suggestion_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    created INTEGER NOT NULL,
    stopped INTEGER
);
CREATE TABLE IF NOT EXISTS message (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    dedupe TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    suggestion_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    params TEXT NOT NULL,
    farewell_to TEXT,
    created INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER NOT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    finished INTEGER,
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS message_due ON message (state, next_attempt);
CREATE TABLE IF NOT EXISTS secret (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS unsubscribed (recipient TEXT PRIMARY KEY, at INTEGER NOT NULL);
"""


class MessageKind(StrEnum):
    """What a message tells the citizen."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    PUBLISHED = "published"
    REJECTED = "rejected"
    FORGOTTEN = "forgotten"
    QUESTION = "question"
    """Staff asked the author something (``review ask``): one message per question."""
    DIGEST = "digest"
    """To a folder's owner (``staff:<address>``): what waits for them, what is overdue."""


class MessageState(StrEnum):
    """Where a message is: waiting, accepted by the relay, or not to be sent."""

    PENDING = "pending"
    SENT = "sent"
    DROPPED = "dropped"
    """Not sent on purpose: unsubscribed, or the contact details were deleted."""
    FAILED = "failed"
    """Given up after retrying for ``Backoff.give_up_after``."""


def author_of(suggestion_id: str) -> str:
    """The recipient reference of a suggestion's author."""
    return f"suggestion:{suggestion_id}"


def supporter_of(suggestion_id: str, ref: str) -> str:
    """The recipient reference of the supporter of ``suggestion_id`` kept as ``ref``."""
    return f"{_SUPPORTER}:{suggestion_id}:{ref}"


def supporter_ref(recipient: str) -> str | None:
    """The contact store's reference of a supporter's recipient; None for an author."""
    kind, _, rest = recipient.partition(":")
    if kind != _SUPPORTER:
        return None
    return rest.partition(":")[2] or None


def suggestion_of(recipient: str) -> str:
    """The suggestion a recipient reference is about."""
    return recipient.partition(":")[2].partition(":")[0]


_SUPPORTER = "supporter"

STAFF_PREFIX = "staff:"


def staff_recipient(address: str) -> str:
    """The recipient reference of a member of staff: their address itself, which the
    review policy publishes in the repository anyway."""
    return f"{STAFF_PREFIX}{address.casefold()}"


@dataclass(frozen=True)
class Subscription:
    """Someone who asked to hear what happens to a suggestion."""

    recipient: str
    suggestion_id: str
    lang: str
    created: int
    stopped: int | None


@dataclass(frozen=True)
class Queued:
    """A message as the sender takes it from the outbox."""

    row: int
    message_id: str
    kind: MessageKind
    recipient: str
    suggestion_id: str
    lang: str
    params: Mapping[str, str]
    attempts: int
    created: int
    farewell_to: tuple[str, str] | None = None
    """Name and address of the last message after ``suggest forget`` (nothing else has one)."""


class Outbox:
    """The outbox file of one wiki."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def of(cls, store: WikiStore) -> Outbox:
        """The outbox of this wiki."""
        return cls(local_db_path(store, OUTBOX_ENV, "outbox.sqlite3"))

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        try:
            with local_db(self.path, _SCHEMA) as db:
                yield db
        except sqlite3.Error as exc:  # locked for longer than the timeout, disk full...
            raise MailError(f"the mail outbox {self.path} cannot be used: {exc}") from None

    # -- who hears ---------------------------------------------------------------------

    def subscribe(self, recipient: str, suggestion_id: str, lang: str) -> None:
        """Record that ``recipient`` wants to hear about ``suggestion_id`` in ``lang``."""
        with self._db() as db:
            db.execute(
                "INSERT OR IGNORE INTO subscription VALUES (?, ?, ?, ?, NULL)",
                (recipient, suggestion_id, lang, int(time.time())),
            )

    def subscription(self, recipient: str) -> Subscription | None:
        """The subscription of ``recipient``, stopped or not."""
        if not self.path.exists():
            return None
        with self._db() as db:
            row = db.execute(
                "SELECT recipient, suggestion_id, lang, created, stopped FROM subscription "
                "WHERE recipient = ?",
                (recipient,),
            ).fetchone()
        return Subscription(*row) if row else None

    def unsubscribed(self, recipient: str) -> bool:
        """Whether ``recipient`` unsubscribed (not merely heard their last status)."""
        if not self.path.exists():
            return False
        with self._db() as db:
            row = db.execute(
                "SELECT 1 FROM unsubscribed WHERE recipient = ?", (recipient,)
            ).fetchone()
        return row is not None

    def subscriptions_of(self, suggestion_id: str) -> list[Subscription]:
        """Every subscription still active about ``suggestion_id``, oldest first."""
        if not self.path.exists():
            return []
        with self._db() as db:
            rows = db.execute(
                "SELECT recipient, suggestion_id, lang, created, stopped FROM subscription "
                "WHERE suggestion_id = ? AND stopped IS NULL ORDER BY created, rowid",
                (suggestion_id,),
            ).fetchall()
        return [Subscription(*row) for row in rows]

    def active(self) -> list[Subscription]:
        """Every subscription still to be told of changes."""
        if not self.path.exists():
            return []
        with self._db() as db:
            rows = db.execute(
                "SELECT recipient, suggestion_id, lang, created, stopped FROM subscription "
                "WHERE stopped IS NULL ORDER BY created"
            ).fetchall()
        return [Subscription(*row) for row in rows]

    def stop(self, recipient: str, *, drop_pending: bool) -> bool:
        """No more messages to ``recipient``; True when it was subscribed until now.

        ``drop_pending`` also drops what is queued and not sent yet (an unsubscribe);
        a subscription that ends with its last status keeps that message.
        """
        if not self.path.exists():
            return False
        now = int(time.time())
        with self._db() as db:
            stopped = db.execute(
                "UPDATE subscription SET stopped = ? WHERE recipient = ? AND stopped IS NULL",
                (now, recipient),
            ).rowcount
            if drop_pending:
                # Remembered apart from a subscription ended by its last status, so a
                # later "details deleted" message goes to the one and never the other.
                db.execute("INSERT OR IGNORE INTO unsubscribed VALUES (?, ?)", (recipient, now))
                db.execute(
                    "UPDATE message SET state = ?, finished = ?, farewell_to = NULL, "
                    "last_error = 'unsubscribed' WHERE recipient = ? AND state = ?",
                    (MessageState.DROPPED, now, recipient, MessageState.PENDING),
                )
        return bool(stopped)

    # -- queueing ----------------------------------------------------------------------

    def enqueue(
        self,
        kind: MessageKind,
        recipient: str,
        params: Mapping[str, str],
        *,
        dedupe: str = "",
        farewell_to: tuple[str, str] | None = None,
    ) -> bool:
        """Queue a message to a subscribed ``recipient``; True when newly queued.

        Nothing is queued for a recipient who never subscribed or has stopped, nor a
        second time for the same ``dedupe`` key (default: the recipient and the kind).
        The last message (``farewell_to``) also goes to a subscription its suggestion's
        final status ended, never to one who unsubscribed.
        """
        if not self.path.exists():
            return False
        now = int(time.time())
        with self._db() as db:
            # One statement: the subscription is read and the message written together.
            added = db.execute(
                "INSERT OR IGNORE INTO message (message_id, dedupe, kind, recipient, "
                "suggestion_id, lang, params, farewell_to, created, next_attempt) "
                "SELECT ?, ?, ?, recipient, suggestion_id, lang, ?, ?, ?, ? "
                "FROM subscription WHERE recipient = ? AND (stopped IS NULL OR (? AND "
                "recipient NOT IN (SELECT recipient FROM unsubscribed)))",
                (
                    secrets.token_hex(16),
                    dedupe or f"{recipient}:{kind.value}",
                    kind.value,
                    json.dumps(dict(params), sort_keys=True),
                    json.dumps(list(farewell_to)) if farewell_to else None,
                    now,
                    now,
                    recipient,
                    farewell_to is not None,
                ),
            ).rowcount
        return bool(added)

    # -- sending -----------------------------------------------------------------------

    def claim_due(self, now: float, limit: int = 50) -> list[Queued]:
        """Take up to ``limit`` messages due at ``now``, leased to this sender."""
        if not self.path.exists():
            return []
        moment = int(now)
        # Claimed and leased in one step against other senders: every local_db
        # transaction holds the write lock from its start (BEGIN IMMEDIATE).
        with self._db() as db:
            rows = db.execute(
                "SELECT id, message_id, kind, recipient, suggestion_id, lang, params, "
                "attempts, created, farewell_to FROM message "
                "WHERE state = ? AND next_attempt <= ? AND lease_until <= ? "
                "ORDER BY next_attempt, id LIMIT ?",
                (MessageState.PENDING, moment, moment, limit),
            ).fetchall()
            db.executemany(
                "UPDATE message SET lease_until = ? WHERE id = ?",
                [(moment + LEASE_SECONDS, row[0]) for row in rows],
            )
        return [
            Queued(
                row=row[0],
                message_id=row[1],
                kind=MessageKind(row[2]),
                recipient=row[3],
                suggestion_id=row[4],
                lang=row[5],
                params=json.loads(row[6]),
                attempts=row[7],
                created=row[8],
                farewell_to=tuple(json.loads(row[9])) if row[9] else None,
            )
            for row in rows
        ]

    def mark_sent(self, row: int, now: float) -> None:
        """The relay accepted message ``row``: it is never sent again."""
        self._finish(row, MessageState.SENT, now, None)

    def mark_dropped(self, row: int, now: float, reason: str) -> None:
        """Message ``row`` is not to be sent (no address any more, unsubscribed)."""
        self._finish(row, MessageState.DROPPED, now, reason)

    def mark_failed(self, row: int, now: float, reason: str) -> None:
        """Message ``row`` could not be sent for too long (or was refused for good)."""
        self._finish(row, MessageState.FAILED, now, reason)

    def _finish(self, row: int, state: MessageState, now: float, reason: str | None) -> None:
        with self._db() as db:
            db.execute(
                "UPDATE message SET state = ?, finished = ?, lease_until = 0, "
                "attempts = attempts + ?, farewell_to = NULL, last_error = ? WHERE id = ?",
                (state, int(now), int(state is not MessageState.DROPPED), reason, row),
            )

    def retry_later(self, row: int, at: float, reason: str) -> None:
        """Message ``row`` failed this time; try again at ``at``."""
        with self._db() as db:
            db.execute(
                "UPDATE message SET attempts = attempts + 1, next_attempt = ?, "
                "lease_until = 0, last_error = ? WHERE id = ?",
                (int(at), reason, row),
            )

    def counts(self) -> dict[str, int]:
        """How many messages are in each state (``pending``, ``sent``...)."""
        if not self.path.exists():
            return {}
        with self._db() as db:
            rows = db.execute("SELECT state, count(*) FROM message GROUP BY state").fetchall()
        return {state: count for state, count in rows}

    def messages(self, recipient: str) -> list[tuple[MessageKind, MessageState]]:
        """The kind and state of each message to ``recipient``, oldest first."""
        if not self.path.exists():
            return []
        with self._db() as db:
            rows = db.execute(
                "SELECT kind, state FROM message WHERE recipient = ? ORDER BY id", (recipient,)
            ).fetchall()
        return [(MessageKind(kind), MessageState(state)) for kind, state in rows]

    # -- the key of the unsubscribe links ----------------------------------------------

    def key(self) -> bytes:
        """This wiki's secret for unsubscribe tokens, made on first use (256 random bits)."""
        with self._db() as db:
            row = db.execute("SELECT value FROM secret WHERE name = 'unsubscribe'").fetchone()
            if row is None:  # first use; OR IGNORE: another process may make it meanwhile
                db.execute(
                    "INSERT OR IGNORE INTO secret VALUES ('unsubscribe', ?)",
                    (secrets.token_bytes(32),),
                )
                row = db.execute("SELECT value FROM secret WHERE name = 'unsubscribe'").fetchone()
        return bytes(row[0])

    def wipe_free_pages(self) -> None:
        """VACUUM, so a wiped address does not linger in the file's free pages."""
        vacuum(self.path)
