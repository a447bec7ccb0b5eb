"""What every command shares: the repository option, error handling, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from wikitool.errors import WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.terminal import json_terminal_safe, terminal_safe

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CommandError(click.ClickException):
    """A library error shown as one ``Error:`` line, with the library's exit code."""

    def __init__(self, error: WikitoolError) -> None:
        # Messages quote untrusted input (paths, ids, guide text): safe for a terminal.
        super().__init__(terminal_safe(" ".join(str(error).split())))


class ConflictCommandError(CommandError):
    """A merge conflict: exit code 3, so scripts can tell it from a user error."""

    exit_code = 3


def command_error(error: WikitoolError) -> CommandError:
    """The Click exception that reports ``error`` with its exit code."""
    return ConflictCommandError(error) if error.exit_code == 3 else CommandError(error)


class WikitoolGroup(click.Group):
    """A group whose commands turn ``WikitoolError`` into ``Error: ...`` and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WikitoolError as error:
            raise command_error(error) from error


class WikiContext:
    """The global options, and the wiki repository opened on first use."""

    def __init__(self, repo: str | None) -> None:
        self.repo_option = repo
        self._store: WikiStore | None = None

    def store(self) -> WikiStore:
        """The wiki repository named by ``--repo``, or the one around the current directory."""
        if self._store is None:
            if self.repo_option is not None:
                self._store = WikiStore.open(Path(self.repo_option))
            else:
                self._store = WikiStore.discover(Path.cwd())
        return self._store


pass_wiki = click.make_pass_decorator(WikiContext)


def print_json(data: object) -> None:
    """Print ``data`` as stable JSON (sorted keys) for scripts, with control and hidden
    characters escaped so the output is safe on a terminal too."""
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
    click.echo(json_terminal_safe(text))


F = TypeVar("F", bound=Callable[..., Any])


def json_option(help_text: str = "Print JSON instead of text.") -> Callable[[F], F]:
    """The shared ``--json`` flag (passed to the command as ``as_json``)."""
    return click.option("--json", "as_json", is_flag=True, help=help_text)


def stdout_is_terminal() -> bool:
    """Whether output goes to a person (colour, progress) rather than a pipe."""
    return sys.stdout.isatty()


def echo_line(line: str = "", *, err: bool = False) -> None:
    """Print one line that quotes untrusted text (from a citizen, a guide or git).

    Control and invisible characters are shown as visible codes
    (``wikitool.terminal``), so the line stays one line and the terminal obeys nothing
    in it. ``--json`` output does not come here: its values must stay as stored.
    """
    click.echo(terminal_safe(line), err=err)
