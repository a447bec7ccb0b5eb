"""What the ``wikitool review`` commands share: who is acting, messages, times, colour."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

import click

from wikitool.cli.base import (
    WikiContext,
    stdout_is_terminal,
)
from wikitool.gitstore import FileConflict
from wikitool.review.staff import Staff, staff_identity
from wikitool.terminal import terminal_safe

F = TypeVar("F", bound=Callable[..., Any])


def message_option(required: bool, help_text: str) -> Callable[[F], F]:
    """``-m/--message``."""
    return click.option("-m", "--message", required=required, help=help_text)


def acting_staff(wiki: WikiContext, as_staff: str | None) -> Staff:
    """Who is acting: ``--as``, else the environment or git config (``staff_identity``)."""
    return staff_identity(as_staff, wiki.store())


def when(stamp: int) -> str:
    """A time for people: ``2026-12-06 04:12 UTC``."""
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(stamp))


def use_color() -> bool:
    """Colour on a terminal, unless ``NO_COLOR`` is set."""
    return stdout_is_terminal() and not os.environ.get("NO_COLOR")


def conflict_lines(conflict: FileConflict) -> list[str]:
    """Where a merge clashes: the file, then each hunk as main and the suggestion have it."""
    lines = [terminal_safe(f"{conflict.path}: {conflict.reason}")]
    for hunk in conflict.hunks:
        lines.append(f"  at line {hunk.line} of the suggestion's base:")
        lines += [f"    main:       {terminal_safe(line)}" for line in hunk.ours or ("(nothing)",)]
        lines += [
            f"    suggestion: {terminal_safe(line)}" for line in hunk.theirs or ("(nothing)",)
        ]
    return lines
