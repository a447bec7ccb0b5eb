"""Commands that publish the wiki: ``build``, ``publish`` and ``serve``."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

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
from wikitool.publishing.deployment import DEFAULT_KEEP, PUBLISHED_REF
from wikitool.publishing.deployment import publish as publish_release
from wikitool.publishing.deployment import rollback as rollback_release
from wikitool.publishing.held_back import HeldBack, LiveVersions
from wikitool.publishing.incremental import Plan
from wikitool.publishing.publish import BuildResult, build_site
from wikitool.publishing.watch import DEFAULT_DEBOUNCE, Failed, MainWatch, Outcome

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


if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _refuse_options(ctx: click.Context, why: str, names: list[str]) -> None:
    """A usage error naming the first of ``names`` given on the command line."""
    for param in ctx.command.params:
        if param.name in names and ctx.get_parameter_source(param.name) not in (
            ParameterSource.DEFAULT,
            None,
        ):
            option = max(getattr(param, "opts", [param.name]), key=len)
            raise click.UsageError(f"{why}: drop {option}")


def _watch(
    wiki: WikiContext, out: Path, *, intake_url: str | None, keep: int, debounce: float
) -> None:
    """Run the watch loop until SIGTERM or SIGINT, one line per publish on stdout."""
    stop = threading.Event()

    def stop_after_this_publish(signum: int, frame: object) -> None:
        # A publish under way is finished (the live link and the tag stay in step); a
        # second signal does not wait for it: Ctrl+C interrupts the build (its release
        # folder is removed), SIGTERM ends the process as it always does.
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    store = wiki.store()
    watcher = MainWatch(store, out, intake_url=intake_url, keep=keep, debounce=debounce)
    repository = os.path.abspath(store.work_tree or store.git_dir)
    live = os.path.abspath(out)
    previous = {number: signal.signal(number, stop_after_this_publish) for number in STOP_SIGNALS}
    try:
        echo_line(
            f"Watching main of {repository}: publishing it to {live} "
            f"each time it moves (after {debounce:g} s still); SIGTERM or Ctrl+C stops"
        )
        watcher.run(stop, _log_publish)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    echo_line("Stopped watching")


def _log_publish(outcome: Outcome) -> None:
    """One line per publish: time, commit, pages, seconds, guides held back; or why it
    failed and what is still live."""
    now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    if isinstance(outcome, Failed):
        still = outcome.live[:12] if outcome.live else "nothing"
        reason = " ".join(outcome.reason.split())
        echo_line(
            f"{now} failed {outcome.commit[:12]} after {outcome.seconds:.1f} s, "
            f"{still} still live: {reason}"
        )
        return
    # The guides held back are named where (path:line); `publish` without --watch says why.
    named = ", ".join(f"{h.path}:{h.line}" if h.line else h.path for h in outcome.held_back)
    echo_line(
        f"{now} published {outcome.commit[:12]}: {outcome.pages} pages, "
        f"{outcome.seconds:.1f} s, {len(outcome.held_back)} held back"
        + (f" ({named})" if named else "")
        + (f", {outcome.plan.mode} ({outcome.plan.reason})" if outcome.plan else "")
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
    leave_without_teardown()  # the site is written: its exit code (0 or 4) ends it at once
    if result.held_back:
        raise SystemExit(HELD_BACK_EXIT)


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--rev", default="main", show_default=True, help="The revision to preview.")
@intake_url_option
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Serve this built site as it is instead of building: e.g. publish's --out, "
    "its link followed on every request.",
)
@pass_wiki
def serve(
    wiki: WikiContext,
    host: str,
    port: int,
    rev: str,
    intake_url: str | None,
    site_dir: Path | None,
) -> None:
    """Build main and preview the site until interrupted.

    The site is served on http://HOST:PORT, with its own 404 page for unknown paths;
    Ctrl+C stops it.

    \b
    Example:
      wikitool serve --port 8000 --intake-url http://127.0.0.1:8001
      wikitool serve --site /var/www/guides
    """
    # Imported here: `wikitool build` (the publishing job) does without http.server.
    from wikitool.publishing.preview import serve_directory

    if site_dir is not None:
        _refuse_options(click.get_current_context(), "--site builds nothing", ["rev", "intake_url"])
        server = serve_directory(Path(os.path.abspath(site_dir)), host, port)
        echo_line(f"Serving {site_dir} on http://{host}:{server.server_port}/ (Ctrl+C stops)")
        _serve_until_interrupted(server)
        return
    with tempfile.TemporaryDirectory(prefix="wikitool-site-") as tmp:
        result = build_site(wiki.store(), Path(tmp) / "site", rev=rev, intake_url=intake_url)
        _echo_build_report(result)
        server = serve_directory(result.site_dir, host, port)
        click.echo(
            f"Serving {result.commit[:12]} on http://{host}:{server.server_port}/ (Ctrl+C stops)"
        )
        _serve_until_interrupted(server)


def _serve_until_interrupted(server: ThreadingHTTPServer) -> None:
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
@click.option(
    "--watch",
    is_flag=True,
    help="Keep running: publish main each time it moves, one log line a publish; a "
    "failed build leaves the live site as it was. SIGTERM or Ctrl+C stops it.",
)
@click.option(
    "--debounce",
    type=click.FloatRange(min=0),
    default=DEFAULT_DEBOUNCE,
    show_default=True,
    metavar="SECONDS",
    help="With --watch: how long main must stand still before it is published.",
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
    watch: bool,
    debounce: float,
    as_json: bool,
) -> None:
    """Build main into a new release, check it and make it the live site.

    With --watch it keeps running and publishes each time main moves (a service: see
    README "Deploying").

    The live path (--out) is a link switched in one step: readers see the old release
    until the new one is whole, never a gap; a failed build changes nothing. Moves
    refs/tags/published to the commit made live. A guide the build would stop on is held
    back (its live page kept, or left out) and named; the exit code is then 4.

    \b
    Example:
      wikitool publish --out /var/www/guides --intake-url https://intake.org
      wikitool publish --out /var/www/guides --watch
      wikitool publish --out /var/www/guides --rollback
    """
    ctx = click.get_current_context()
    if not watch:
        _refuse_options(ctx, "--debounce is for --watch", ["debounce"])
    else:
        _refuse_options(ctx, "--watch publishes main each time it moves", ["rev", "rollback"])
        _refuse_options(ctx, "--watch logs one line a publish, not JSON", ["as_json"])
        _watch(wiki, out, intake_url=intake_url, keep=keep, debounce=debounce)
        return
    if rollback:
        _refuse_options(ctx, "--rollback builds nothing", ["rev", "intake_url", "keep"])
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
                "held_back": [h.to_json() for h in done.held_back],
            }
            | _plan_json(done.plan)
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


def _plan_json(plan: Plan | None) -> dict[str, object]:
    """A publish's mode and why, and the pages rendered and files reused (none for a
    rollback)."""
    if plan is None:
        return {}
    return {
        "mode": plan.mode,
        "reason": plan.reason,
        "rendered": plan.rendered,
        "reused": plan.reused,
    }


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
