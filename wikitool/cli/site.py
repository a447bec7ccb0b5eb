"""Commands that publish the wiki: ``build``, ``publish`` and ``serve``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click
from click.core import ParameterSource

from wikitool.cli.base import (
    CONTEXT_SETTINGS,
    WikiContext,
    echo_line,
    json_option,
    pass_wiki,
    print_json,
)
from wikitool.cli.quick_exit import leave_without_teardown
from wikitool.publishing.deployment import DEFAULT_KEEP
from wikitool.publishing.deployment import publish as publish_release
from wikitool.publishing.deployment import rollback as rollback_release
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
    leave_without_teardown()


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


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="The live path the web server serves: a symlink to the release shown, switched "
    "in one step; releases are kept beside it in OUT.releases/.",
)
@click.option("--rev", default="main", show_default=True, help="The revision to publish.")
@intake_url_option
@click.option(
    "--keep",
    default=DEFAULT_KEEP,
    show_default=True,
    type=int,
    help="How many releases to keep, the live one always among them.",
)
@click.option(
    "--rollback",
    is_flag=True,
    help="Switch back to the release before the live one (builds nothing).",
)
@json_option("Print what was published as JSON.")
@pass_wiki
def publish(
    wiki: WikiContext,
    out: Path,
    rev: str,
    intake_url: str | None,
    keep: int,
    rollback: bool,
    as_json: bool,
) -> None:
    """Build main into a new release, check it and make it the live site.

    The live path (--out) is a link switched in one step: readers see the old release
    until the new one is whole, never a gap; a failed build changes nothing. Moves
    refs/tags/published to the commit made live.

    \b
    Example:
      wikitool publish --out /var/www/guides --intake-url https://intake.org
      wikitool publish --out /var/www/guides --rollback
    """
    if rollback:
        ctx = click.get_current_context()
        for name, option in (("rev", "--rev"), ("intake_url", "--intake-url"), ("keep", "--keep")):
            if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT:
                raise click.UsageError(f"--rollback builds nothing: drop {option}")
        done = rollback_release(wiki.store(), out)
    else:
        done = publish_release(wiki.store(), out, rev=rev, intake_url=intake_url, keep=keep)
        leave_without_teardown()  # the release is live and the tag moved: nothing to close
    if as_json:
        print_json(
            {
                "commit": done.commit,
                "release": str(done.release),
                "pages": done.pages,
                "seconds": round(done.seconds, 2),
                "pruned": done.pruned,
                "rollback": rollback,
            }
        )
        return
    what = "Rolled back to" if rollback else "Published"
    echo_line(
        f"{what} {done.commit[:12]}: {done.pages} pages live at {Path(os.path.abspath(out))} "
        f"(release {done.release.name}, {done.seconds:.1f} s)"
    )
