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
from wikitool.publishing.deployment import DEFAULT_KEEP, PUBLISHED_REF
from wikitool.publishing.deployment import publish as publish_release
from wikitool.publishing.deployment import rollback as rollback_release
from wikitool.publishing.held_back import HeldBack, LiveVersions
from wikitool.publishing.publish import BuildResult, build_site

HELD_BACK_EXIT = 4
"""The exit code of a build or publish that held guides back (the rest is built or live);
0: every guide, 1: nothing built or made live."""

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

    Only what is committed on main (or --rev) is published. A guide the build would
    stop on is held back (its version at refs/tags/published kept, or left out) and
    named; the exit code is then 4.

    \b
    Example:
      wikitool build --out /var/www/guides --intake-url https://intake.example.org
    """
    store = wiki.store()
    tag = store.ref(PUBLISHED_REF)
    published = LiveVersions(tag) if tag is not None else None
    result = build_site(store, out, rev=rev, intake_url=intake_url, published=published)
    click.echo(f"Built {result.pages} pages from {result.commit[:12]} into {result.site_dir}")
    _echo_build_report(result)
    if result.held_back:
        raise SystemExit(HELD_BACK_EXIT)


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
        _echo_build_report(result)
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
    refs/tags/published to the commit made live. A guide the build would stop on is held
    back (its live page kept, or left out) and named; the exit code is then 4.

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
    if as_json:
        print_json(
            {
                "commit": done.commit,
                "release": str(done.release),
                "pages": done.pages,
                "seconds": round(done.seconds, 2),
                "pruned": done.pruned,
                "rollback": rollback,
                "held_back": [h.to_json() for h in done.held_back],
            }
        )
    else:
        what = "Rolled back to" if rollback else "Published"
        echo_line(
            f"{what} {done.commit[:12]}: {done.pages} pages live at "
            f"{Path(os.path.abspath(out))} (release {done.release.name}, {done.seconds:.1f} s)"
        )
        _echo_held_back(done.held_back)
    if done.held_back:
        raise SystemExit(HELD_BACK_EXIT)


def _echo_build_report(result: BuildResult) -> None:
    """MkDocs' warnings (on standard error) and the guides held back."""
    for warning in result.warnings:
        echo_line(f"warning: {warning}", err=True)
    _echo_held_back(result.held_back)


def _echo_held_back(held_back: tuple[HeldBack, ...]) -> None:
    if not held_back:
        return
    echo_line(f"Held back {len(held_back)} guide(s), the rest is built:")
    for guide in held_back:
        kept = "its published page kept" if guide.kept_published else "left out"
        echo_line(f"  {guide} ({kept})")
