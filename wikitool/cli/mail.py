"""``wikitool mail``: send the mail queued for citizens through the agency's relay."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any, TypeVar

import click

from wikitool.cli.base import (
    CONTEXT_SETTINGS,
    WikiContext,
    WikitoolGroup,
    echo_line,
    json_option,
    pass_wiki,
    print_json,
    repo_option,
)
from wikitool.errors import MailError
from wikitool.mail.catcher import MailCatcher, plain_text
from wikitool.mail.messages import MailSettings
from wikitool.mail.outbox import Outbox
from wikitool.mail.relay import PASSWORD_ENV, USER_ENV, parse_relay
from wikitool.mail.sender import SendReport
from wikitool.services.mail_delivery import MailDelivery, deliver, queue_missing
from wikitool.terminal import terminal_safe

F = TypeVar("F", bound=Callable[..., Any])


def mail_options(*, intake_url: bool) -> Callable[[F], F]:
    """``--smtp``, ``--mail-from``, ``--site-url`` (and ``--intake-url`` where the command
    does not know it already), shared by every command that sends."""

    def decorate(command: F) -> F:
        options = [
            click.option(
                "--smtp",
                metavar="URL",
                help="The relay: smtp://host:port, smtp+starttls://host:587 or "
                "smtps://host:465 (user:password@ in the URL, or "
                f"${USER_ENV} and ${PASSWORD_ENV}).",
            ),
            click.option(
                "--mail-from",
                metavar="ADDRESS",
                help="The sender address of the mail (with --smtp).",
            ),
            click.option(
                "--site-url",
                metavar="URL",
                help="The public site's base URL, for the tracking links (with --smtp).",
            ),
        ]
        if intake_url:
            options.append(
                click.option(
                    "--intake-url",
                    metavar="URL",
                    help="The intake's public base URL, for the unsubscribe links.",
                )
            )
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def mail_delivery(
    smtp: str | None, mail_from: str | None, site_url: str | None, intake_url: str | None
) -> MailDelivery | None:
    """The delivery the options describe; None without ``--smtp`` (mail stays queued).

    Raises:
        MailError: ``--smtp`` without the addresses its mail needs, or a bad value.
    """
    if not smtp:
        if mail_from or site_url:
            raise MailError("--mail-from and --site-url go with --smtp (the relay to send through)")
        return None
    missing = [
        name
        for name, value in (
            ("--mail-from", mail_from),
            ("--site-url", site_url),
            ("--public-url/--intake-url", intake_url),
        )
        if not value
    ]
    if missing:
        raise MailError(f"--smtp needs {', '.join(missing)}: the sender and the links in the mail")
    assert mail_from and site_url and intake_url
    return MailDelivery(parse_relay(smtp), MailSettings(mail_from, site_url, intake_url))


@click.group(cls=WikitoolGroup, context_settings=CONTEXT_SETTINGS)
@repo_option
def mail() -> None:
    """Send the e-mail queued for citizens who asked to hear back.

    \b
    Example:
      wikitool mail send --smtp smtp://localhost:25 \\
        --mail-from guides@example.org --site-url https://guides.example.org \\
        --intake-url https://intake.example.org
    """


@mail.command(context_settings=CONTEXT_SETTINGS)
@mail_options(intake_url=True)
@click.option(
    "--published-rev",
    default="refs/tags/published",
    show_default=True,
    metavar="REV",
    help="The revision the public site shows, for 'published' messages.",
)
@json_option('Print {"queued", "sent", "retrying", "dropped", "failed", "pending"} as JSON.')
@pass_wiki
def send(
    wiki: WikiContext,
    smtp: str | None,
    mail_from: str | None,
    site_url: str | None,
    intake_url: str | None,
    published_rev: str,
    as_json: bool,
) -> None:
    """Queue the mail of new statuses, then send what is due through --smtp.

    Review decisions, publish and `suggest forget` queue their mail in the outbox
    (.git/wikitool/outbox.sqlite3); `intake serve --smtp` sends it as it comes, and
    this command sends it from a timer or by hand. Without --smtp it only queues. A
    relay that is down leaves the mail queued for the next run.

    \b
    Example:
      wikitool mail send --smtp smtps://relay.example.org \\
        --mail-from guides@example.org --site-url https://guides.example.org \\
        --intake-url https://intake.example.org
    """
    delivery = mail_delivery(smtp, mail_from, site_url, intake_url)
    store = wiki.store()
    queued = queue_missing(store, published_rev)
    report = SendReport()
    if delivery is not None:
        report = deliver(store, delivery, now=time.time())
    pending = Outbox.of(store).counts().get("pending", 0)
    if as_json:
        print_json(
            {
                "queued": queued,
                "sent": report.sent,
                "retrying": report.retrying,
                "dropped": report.dropped,
                "failed": report.failed,
                "pending": pending,
            }
        )
        return
    echo_line(f"Queued {queued}, sent {report.sent}; {pending} waiting in the outbox")
    if report.problem:
        problem = f"Note: the relay is in trouble ({report.problem}): the mail stays queued"
        echo_line(problem, err=True)
    if report.failed:
        echo_line(f"Note: {report.failed} message(s) could not be sent and were given up", err=True)


@mail.command(context_settings=CONTEXT_SETTINGS)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8025, show_default=True, help="Port to listen on.")
def catch(host: str, port: int) -> None:
    """For a demo: a local SMTP server that shows each message it gets.

    Point a sender at it (`intake serve --smtp smtp://127.0.0.1:8025 ...`) to read
    the mail citizens and staff would get. `make demo` runs it. Needs aiosmtpd
    (pip install 'wikitool[demo]'). Ctrl+C stops it.

    \b
    Example:
      wikitool mail catch --port 8025
    """
    lock = threading.Lock()

    def show(message: EmailMessage, recipients: list[str]) -> None:
        with lock:  # one message at a time, whole
            rule = "-" * 72
            lines = [rule, f"Mail to {', '.join(recipients)}"]
            for header in ("From", "Subject", "List-Unsubscribe"):
                if message[header]:
                    lines.append(f"{header}: {message[header]}")
            lines += ["", plain_text(message).rstrip(), rule]
            for line in lines:
                click.echo(terminal_safe(line, multiline=True))

    catcher = MailCatcher(host, port, show)
    catcher.start()
    click.echo(f"Showing the mail sent to smtp://{host}:{port} (Ctrl+C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        catcher.stop()
