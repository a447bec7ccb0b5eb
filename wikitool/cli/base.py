"""What every command shares: the repository option, error handling, help, JSON output."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import click

from wikitool.errors import WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.screening.unicode_text import invalid_text_field
from wikitool.terminal import json_terminal_safe, terminal_safe

if TYPE_CHECKING:
    # Only a type here: every command imports this module, a build never loads review/staff.
    from wikitool.review.staff import Staff

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
REPO_ENV = "WIKITOOL_REPO"


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
    """A group whose commands turn ``WikitoolError`` into ``Error: ...`` and an exit code,
    and whose command list shows each command's first sentence whole."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WikitoolError as error:
            raise command_error(error) from error

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Click cuts the summary to fit the terminal ("Show the backlog (size, age),..."):
        # a half sentence misleads, so the whole first sentence is shown, wrapped if
        # need be (every first sentence is written to fit one line at 80 columns).
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=sys.maxsize)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class WikiContext:
    """The wiki repository the command works on, opened on first use."""

    def __init__(self, repo: str | None = None) -> None:
        self.repo_option = repo
        """The closest ``--repo`` given (a subcommand's wins over its group's)."""
        self._store: WikiStore | None = None

    def store(self) -> WikiStore:
        """The wiki repository: ``--repo``, else ``$WIKITOOL_REPO``, else the git
        repository around the current directory."""
        if self._store is None:
            named = self.repo_option or os.environ.get(REPO_ENV) or None
            if named is not None:
                self._store = WikiStore.open(Path(named))
            else:
                self._store = WikiStore.discover(Path.cwd())
        return self._store


def _remember_repo(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    # Options are parsed outermost group first, so the one closest to the command,
    # given last, is the one that stays.
    if value is not None:
        ctx.ensure_object(WikiContext).repo_option = value


repo_option = click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    expose_value=False,
    callback=_remember_repo,
    metavar="PATH",
    help=f"The wiki repository (default: ${REPO_ENV}, else the git repository around "
    "the current directory).",
)
"""``--repo PATH``, accepted by every group and command that reads the wiki."""

P = ParamSpec("P")
R = TypeVar("R")
_pass_context = click.make_pass_decorator(WikiContext, ensure=True)


def pass_wiki(func: Callable[Concatenate[WikiContext, P], R]) -> Callable[P, R]:
    """Pass the command the :class:`WikiContext`, and give it the ``--repo`` option.

    The command runs only when its text arguments are text (see :func:`refuse_not_text`).
    """

    @functools.wraps(func)
    def text_checked(wiki: WikiContext, /, *args: P.args, **kwargs: P.kwargs) -> R:
        refuse_not_text(click.get_current_context())
        return func(wiki, *args, **kwargs)

    return repo_option(_pass_context(text_checked))


def refuse_not_text(ctx: click.Context) -> None:
    """Refuse a text argument or option that is not text, before the command runs.

    Python reads argv bytes that are not UTF-8 as lone surrogates ("surrogateescape"),
    which git cannot encode: ``review comment -m $'\\xff'`` ended in a traceback. Only
    plain text parameters are checked (comments, reasons, ``--as``, ids); paths may be
    any bytes the file system allows.

    Raises:
        WikitoolError: naming the option (``--message contains U+DCFF (a lone
            surrogate), which is not text``).
    """
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        if value is None or not isinstance(param.type, click.types.StringParamType):
            continue
        shown = max(param.opts, key=len) if isinstance(param, click.Option) else None
        problem = invalid_text_field(value, shown or param.human_readable_name)
        if problem is not None:
            raise WikitoolError(problem)


def print_json(data: object) -> None:
    """Print ``data`` as stable JSON (sorted keys) for scripts, with control and hidden
    characters escaped so the output is safe on a terminal too."""
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
    click.echo(json_terminal_safe(text))


F = TypeVar("F", bound=Callable[..., Any])


def json_option(help_text: str = "Print JSON instead of text.") -> Callable[[F], F]:
    """The shared ``--json`` flag (passed to the command as ``as_json``)."""
    return click.option("--json", "as_json", is_flag=True, help=help_text)


def staff_option(func: F) -> F:
    """The ``--as "Name <email>"`` option of every command that acts."""
    return click.option(
        "--as",
        "as_staff",
        metavar='"NAME <EMAIL>"',
        help="Who is acting (default: $WIKITOOL_STAFF, $GIT_AUTHOR_NAME/EMAIL, git config).",
    )(func)


def say_recorded(staff: Staff) -> None:
    """Say whose name went on the record when the machine chose it rather than ``--as``:
    a shared computer's git identity must not act for someone silently."""
    if not staff.named:
        click.echo(f"Recorded as {staff.identity} (from {staff.source})", err=True)


def table_lines(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """``header`` and ``rows`` as aligned columns two spaces apart; the last column (free
    text) is not padded. Cells quote untrusted text, so each is made safe for a terminal
    (``wikitool.terminal``) before its width is measured."""
    rows = [[terminal_safe(cell) for cell in cells] for cells in rows]
    widths = [max(len(cells[i]) for cells in [header, *rows]) for i in range(len(header) - 1)]
    return [
        "  ".join([*(c.ljust(w) for c, w in zip(cells, widths, strict=False)), cells[-1]]).rstrip()
        for cells in [header, *rows]
    ]


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
