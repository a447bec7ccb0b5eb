"""Sending what the outbox holds through the relay, with retries and back-off.

A message is marked sent only after the relay accepted it (``send_message`` returned).
A relay that cannot be reached, or answers with a temporary (4xx) error, leaves the
message queued for a later try, each wait twice the one before (``Backoff``), so a relay
down for an hour delays mail and loses none. A permanent (5xx) refusal of the message or
its recipient, or a message still unsent after ``give_up_after``, is marked failed. If
the connection breaks after the relay may have taken a message, the retry carries the
same ``Message-ID``, so the copy is recognisably the same message.
"""

from __future__ import annotations

import logging
import smtplib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from wikitool.mail.addresses import address_problem, name_problem, recipient
from wikitool.mail.messages import MailSettings, compose
from wikitool.mail.outbox import Outbox, Queued, author_of
from wikitool.mail.relay import Relay
from wikitool.mail.tokens import answer_token, unsubscribe_token

log = logging.getLogger("wikitool.mail")

ContactLookup = Callable[[Queued], "tuple[str, str] | None"]
"""The name and address of a message's recipient, from the contact store (None: deleted)."""


@dataclass(frozen=True)
class Backoff:
    """How long to wait before trying a message again."""

    first: float = 30.0
    factor: float = 2.0
    cap: float = 900.0
    """Never wait longer than this between tries (a relay back after an hour is used
    within a quarter of an hour)."""
    give_up_after: float = 3 * 24 * 3600.0

    def delay(self, attempts: int) -> float:
        """The wait after the ``attempts + 1``-th failed try."""
        return min(self.first * self.factor**attempts, self.cap)


DEFAULT_BACKOFF = Backoff()


@dataclass
class SendReport:
    """What one pass over the due messages did."""

    sent: int = 0
    retrying: int = 0
    dropped: int = 0
    failed: int = 0
    problem: str = ""
    """The relay's last temporary trouble, for a log line."""


def send_due(
    outbox: Outbox,
    relay: Relay,
    settings: MailSettings,
    contact: ContactLookup,
    *,
    now: float | None = None,
    backoff: Backoff = DEFAULT_BACKOFF,
) -> SendReport:
    """Send every message due now, over one connection to the relay."""
    moment = time.time() if now is None else now
    report = SendReport()
    due = outbox.claim_due(moment)
    if not due:
        return report
    key = outbox.key()
    session: smtplib.SMTP | None = None
    wiped = False
    try:
        for index, queued in enumerate(due):
            who = queued.farewell_to or contact(queued)
            if who is None or address_problem(who[1]) or name_problem(who[0]):
                outbox.mark_dropped(queued.row, moment, "no contact details")
                report.dropped += 1
                continue
            author = queued.recipient == author_of(queued.suggestion_id)
            message = compose(
                queued,
                recipient(*who),
                settings,
                unsubscribe_token(key, queued.recipient),
                answer_token(key, queued.suggestion_id) if author else "",
            )
            try:
                if session is None:
                    session = relay.connect()
                session.send_message(message)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as exc:
                code = _code(exc)
                if code >= 500:
                    outbox.mark_failed(queued.row, moment, f"refused by the relay ({code})")
                    report.failed += 1
                    wiped = wiped or queued.farewell_to is not None
                    continue
                _close(session)
                session = None
                _postpone(outbox, due[index:], moment, backoff, report, f"relay answered {code}")
                break
            except (OSError, smtplib.SMTPException) as exc:
                _close(session)
                session = None
                _postpone(outbox, due[index:], moment, backoff, report, type(exc).__name__)
                break
            outbox.mark_sent(queued.row, moment)
            wiped = wiped or queued.farewell_to is not None
            report.sent += 1
    finally:
        _close(session)
        if wiped:
            outbox.wipe_free_pages()
    return report


def _code(exc: smtplib.SMTPException) -> int:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return min(code for code, _ in exc.recipients.values())
    assert isinstance(exc, smtplib.SMTPResponseException)
    return exc.smtp_code


def _postpone(
    outbox: Outbox,
    rest: list[Queued],
    now: float,
    backoff: Backoff,
    report: SendReport,
    problem: str,
) -> None:
    """The relay is in trouble: every message not sent yet waits for the next try."""
    report.problem = problem
    for queued in rest:
        if now - queued.created > backoff.give_up_after:
            outbox.mark_failed(queued.row, now, f"not sent for too long: {problem}")
            report.failed += 1
        else:
            outbox.retry_later(queued.row, now + backoff.delay(queued.attempts), problem)
            report.retrying += 1


def _close(session: smtplib.SMTP | None) -> None:
    if session is None:
        return
    try:
        session.quit()
    except (OSError, smtplib.SMTPException):
        session.close()


class SenderLoop:
    """A thread that sends what is due every ``interval`` seconds, or sooner when woken."""

    def __init__(self, send: Callable[[], SendReport], interval: float = 5.0) -> None:
        self._send = send
        self._interval = interval
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wikitool-mail", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """Send now rather than at the next interval (a message was just queued)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                report = self._send()
                if report.problem:
                    log.warning(
                        "mail relay trouble (%s): %d waiting", report.problem, report.retrying
                    )
            except Exception:  # the loop must outlive any one bad pass
                log.exception("sending mail failed")
            self._wake.wait(self._interval)
            self._wake.clear()
