"""The ``wikitool`` command line: thin Click commands over the services.

This package only wires command groups together; each group lives in its own module,
imported only when its command runs (or help lists it), so a command starts without
loading MkDocs, the intake server or the review machinery it does not use.
"""

from __future__ import annotations

import importlib

import click

from wikitool import __version__
from wikitool.cli.base import CONTEXT_SETTINGS, WikiContext, WikitoolGroup, repo_option
from wikitool.cli.quick_exit import exit_now_if_asked

# command name -> module under wikitool.cli that defines it (as an attribute of that name)
COMMANDS = {
    "init": "wiki",
    "check": "wiki",
    "new": "wiki",
    "migrate": "wiki",
    "build": "site",
    "publish": "site",
    "serve": "site",
    "suggest": "suggest",
    "review": "review",
    "history": "history",
    "intake": "intake",
    "feedback": "feedback",
    "mail": "mail",
    "privacy": "privacy",
    "notify": "notify",
}


class LazyWikitoolGroup(WikitoolGroup):
    """The top-level group: loads a command's module the first time it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"wikitool.cli.{module_name}")
        command = getattr(module, cmd_name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyWikitoolGroup, context_settings=CONTEXT_SETTINGS)
@repo_option
@click.version_option(__version__, prog_name="wikitool")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """A collaborative procedure wiki: guides in git, suggestions as branches, MkDocs site.

    \b
    Example:
      wikitool init my-wiki && cd my-wiki && wikitool check
    """
    ctx.ensure_object(WikiContext)


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="wikitool")
    except SystemExit as done:
        # Asked only once a command's work is done, so its exit code (0, or 4 when a
        # build held guides back) ends the process at once (quick_exit.py).
        if done.code is None or isinstance(done.code, int):
            exit_now_if_asked(done.code or 0)
        raise
