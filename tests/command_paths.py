"""Every command of the CLI, for tests that walk them all (help, --repo)."""

from __future__ import annotations

import click


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Each command and group under ``group`` as the words that name it, depth first.

    Walks ``list_commands``/``get_command`` (not ``group.commands``): the top-level group
    loads its commands lazily, so ``commands`` would be empty.
    """
    ctx = click.Context(group)
    paths = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
    return paths
