"""``wikitool intake``: the HTTP service behind the site's suggestion form and feedback widget."""

from __future__ import annotations

import click

from wikitool.cli.base import CONTEXT_SETTINGS, WikiContext, WikitoolGroup, pass_wiki, repo_option
from wikitool.cli.mail import mail_delivery, mail_options
from wikitool.intake.settings import (
    DEFAULT_RATE_LIMIT,
    IntakeSettings,
    checked_origin,
    default_workers,
)


@click.group(cls=WikitoolGroup, context_settings=CONTEXT_SETTINGS)
@repo_option
def intake() -> None:
    """Receive suggestions and feedback from the static site over HTTP.

    \b
    Example:
      wikitool intake serve --allow-origin https://guides.example.org
    """


@intake.command(context_settings=CONTEXT_SETTINGS)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--allow-origin",
    "origins",
    multiple=True,
    metavar="ORIGIN",
    help="The site's origin (https://host[:port]) browsers may call the API from; repeatable.",
)
@click.option(
    "--rate-limit",
    default=DEFAULT_RATE_LIMIT,
    show_default=True,
    type=click.IntRange(0),
    metavar="PER_MINUTE",
    help="Suggestions and feedback per client IP per minute (0: no limit).",
)
@click.option(
    "--public-url",
    metavar="URL",
    help="The API's public base URL, for tracking links (default: the URL it is called at).",
)
@click.option(
    "--published-rev",
    metavar="REV",
    help="The ref the public site was built from; merged suggestions in it show 'published'.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    show_default="one per CPU core",
    help="Processes that check and write suggestions (1: the server's own threads).",
)
@mail_options(intake_url=False)
@pass_wiki
def serve(
    wiki: WikiContext,
    host: str,
    port: int,
    origins: tuple[str, ...],
    rate_limit: int,
    public_url: str | None,
    published_rev: str | None,
    workers: int | None,
    smtp: str | None,
    mail_from: str | None,
    site_url: str | None,
) -> None:
    """Serve the intake API on http://HOST:PORT/api/ until interrupted.

    POST /api/suggestions runs the checks of `suggest submit` and creates the branch;
    GET /api/suggestions/ID is its public status; POST /api/feedback stores feedback.
    Put a TLS-terminating proxy in front of it in production. With --smtp it also
    sends the mail queued for citizens who asked to hear back (it needs --mail-from,
    --site-url and --public-url for the links); without it, mail stays queued.

    \b
    Example:
      wikitool intake serve --port 8001 --allow-origin http://127.0.0.1:8000
    """
    # The web stack loads only when serving: every other command starts faster without it.
    from wikitool.intake.app import create_app
    from wikitool.intake.server import bind_socket, make_server

    delivery = mail_delivery(smtp, mail_from, site_url, public_url)
    store = wiki.store()
    workers = workers or default_workers()
    settings = IntakeSettings(
        repo=(store.work_tree or store.git_dir).resolve(),
        allow_origins=tuple(checked_origin(o) for o in origins),
        rate_limit=rate_limit,
        public_url=public_url,
        published_rev=published_rev,
        workers=workers,
        mail=delivery,
    )
    server = make_server(create_app(settings))
    sock = bind_socket(host, port)
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(
        f"Intake for {settings.repo} on http://{shown_host}:{sock.getsockname()[1]}/api/ "
        "(Ctrl+C stops)"
    )
    allowed = ", ".join(settings.allow_origins) or "none (same-origin and non-browser only)"
    limit = f"{rate_limit}/min per client" if rate_limit else "off"
    click.echo(f"Allowed origins: {allowed}; rate limit: {limit}; workers: {workers}")
    relay = delivery.relay.shown() if delivery else "none (mail stays queued)"
    click.echo(f"Mail relay: {relay}")
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn shut down gracefully, then re-raised the Ctrl+C it caught
    finally:
        sock.close()
    click.echo("Intake stopped")
