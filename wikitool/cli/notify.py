"""``wikitool notify``: tell staff what waits for them."""

from __future__ import annotations

import time

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
from wikitool.cli.mail import mail_delivery, mail_options
from wikitool.mail.sender import SendReport
from wikitool.services.mail_delivery import deliver
from wikitool.services.review_digest import queue_digests


@click.group(cls=WikitoolGroup, context_settings=CONTEXT_SETTINGS)
@repo_option
def notify() -> None:
    """Tell staff what waits for them.

    \b
    Example:
      wikitool notify digest
    """


@notify.command(context_settings=CONTEXT_SETTINGS)
@mail_options(intake_url=True)
@json_option('Print {"queued", "owners": [{"owner", "waiting", "overdue"}], "unowned"} as JSON.')
@pass_wiki
def digest(
    wiki: WikiContext,
    smtp: str | None,
    mail_from: str | None,
    site_url: str | None,
    intake_url: str | None,
    as_json: bool,
) -> None:
    """E-mail each folder's owners what waits for them and what is overdue.

    The owners are the addresses under `owners` in review-policy.yaml (an @domain
    names no one to write to); overdue is open longer than the folder's
    `decide_within`. One digest per owner and day is queued in the outbox, sent
    wherever mail is sent (`intake serve --smtp`, `mail send`), or at once with
    --smtp. Run it daily (deploy/wikitool-digest.timer).

    \b
    Example:
      wikitool notify digest --json
      wikitool notify digest --smtp smtp://localhost:25 \\
        --mail-from guides@example.org --site-url https://guides.example.org \\
        --intake-url https://intake.example.org
    """
    delivery = mail_delivery(smtp, mail_from, site_url, intake_url)
    store = wiki.store()
    report = queue_digests(store)
    sent = SendReport()
    if delivery is not None:
        sent = deliver(store, delivery, now=time.time())
    if as_json:
        print_json({**report.to_json(), **({"sent": sent.sent} if delivery else {})})
        return
    for owner, (waiting, overdue) in sorted(report.owners.items()):
        echo_line(f"{owner}: {waiting} waiting, {overdue} overdue")
    echo_line(f"Queued {report.queued} digest(s); {report.unowned} suggestion(s) with no owner")
    if delivery is not None:
        echo_line(f"Sent {sent.sent}")
        if sent.problem:
            echo_line(
                f"Note: the relay is in trouble ({sent.problem}): the mail stays queued", err=True
            )
