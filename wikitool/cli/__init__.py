"""The ``wikitool`` command line: thin Click commands over the services.

This package only wires command groups together; each group lives in its own module.
"""

from __future__ import annotations

import click

from wikitool import __version__
from wikitool.cli.base import CONTEXT_SETTINGS, WikiContext, WikitoolGroup
from wikitool.cli.feedback import feedback
from wikitool.cli.history import history
from wikitool.cli.intake import intake
from wikitool.cli.review import review
from wikitool.cli.site import build, serve
from wikitool.cli.suggest import suggest
from wikitool.cli.wiki import check, init, new


@click.group(cls=WikitoolGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="The wiki repository (default: the git repository around the current directory).",
)
@click.version_option(__version__, prog_name="wikitool")
@click.pass_context
def cli(ctx: click.Context, repo: str | None) -> None:
    """A collaborative procedure wiki: guides in git, suggestions as branches, MkDocs site.

    \b
    Example:
      wikitool init my-wiki && cd my-wiki && wikitool check
    """
    ctx.obj = WikiContext(repo)


for command in (init, check, new, build, serve, suggest, intake, feedback, review, history):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="wikitool")
