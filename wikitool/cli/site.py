"""Commands that publish the wiki: ``build`` and ``serve``."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from wikitool.cli.base import CONTEXT_SETTINGS, WikiContext, pass_wiki
from wikitool.publishing.publish import build_site

intake_url_option = click.option(
    "--intake-url",
    metavar="URL",
    help="Where the site's suggestion form and feedback widget post: the base URL of "
    "`wikitool intake serve` (default: extra.wikitool.intake_url in mkdocs.yml; "
    "none: citizens download their suggestion as a file).",
)


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Where to write the static site (replaced if it exists).",
)
@click.option("--rev", default="main", show_default=True, help="The revision to publish.")
@intake_url_option
@pass_wiki
def build(wiki: WikiContext, out: Path, rev: str, intake_url: str | None) -> None:
    """Build the static site from main (never from the working tree).

    Only what is committed on main (or --rev) is published.

    \b
    Example:
      wikitool build --out /var/www/guides --intake-url https://intake.example.org
    """
    result = build_site(wiki.store(), out, rev=rev, intake_url=intake_url)
    click.echo(f"Built {result.pages} pages from {result.commit[:12]} into {result.site_dir}")


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--rev", default="main", show_default=True, help="The revision to preview.")
@intake_url_option
@pass_wiki
def serve(wiki: WikiContext, host: str, port: int, rev: str, intake_url: str | None) -> None:
    """Build main and preview the site until interrupted.

    The site is served on http://HOST:PORT; Ctrl+C stops it.

    \b
    Example:
      wikitool serve --port 8000 --intake-url http://127.0.0.1:8001
    """
    # Imported here: `wikitool build` (the publishing job) does without http.server.
    from wikitool.publishing.preview import serve_directory

    with tempfile.TemporaryDirectory(prefix="wikitool-site-") as tmp:
        result = build_site(wiki.store(), Path(tmp) / "site", rev=rev, intake_url=intake_url)
        server = serve_directory(result.site_dir, host, port)
        click.echo(
            f"Serving {result.commit[:12]} on http://{host}:{server.server_port}/ (Ctrl+C stops)"
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
