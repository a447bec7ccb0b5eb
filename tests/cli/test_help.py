"""Every command's ``-h`` reads whole at 80 columns and ends with an example.

Click shortens a command's summary in its group's list to fit the terminal ("Show the
backlog (size, age),..."); wikitool lists each command's whole first sentence instead,
and every first sentence is written to fit one line at 80 columns.
"""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner
from command_paths import command_paths

from wikitool.cli import cli

WIDTH = 80


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command | None = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), name)
    assert command is not None
    return command


def _help(path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    result = CliRunner().invoke(cli, [*path, "-h"], prog_name="wikitool", terminal_width=WIDTH)
    assert result.exit_code == 0, result.output
    return result.stdout


PATHS = [(), *command_paths(cli)]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "wikitool")
def test_every_help_line_fits_80_columns_uncut(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _help(path, monkeypatch).splitlines()
    assert lines[0].startswith("Usage: wikitool")
    for line in lines:
        assert len(line) <= WIDTH, line  # a terminal would cut it mid-word
    for line in lines[1:]:  # the usage line's "[ARGS]..." is Click's notation
        assert not line.rstrip().endswith("..."), line


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "wikitool")
def test_every_help_ends_with_an_example(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _help(path, monkeypatch)
    description = text.split("\nOptions:\n")[0]
    last_paragraph = description.rstrip().split("\n\n")[-1]
    assert re.match(r"  Example( \(.*\))?:\n    wikitool ", last_paragraph), last_paragraph


GROUPS = [p for p in PATHS if isinstance(_command(p), click.Group)]


@pytest.mark.parametrize("path", GROUPS, ids=lambda p: " ".join(p) or "wikitool")
def test_a_group_lists_each_command_with_its_whole_first_sentence_on_one_line(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = _help(path, monkeypatch).split("\nCommands:\n")[1].splitlines()
    group = _command(path)
    assert isinstance(group, click.Group)
    names = group.list_commands(click.Context(group))

    assert [line.split()[0] for line in listed] == names  # no wrapped continuation lines
    for line, name in zip(listed, names, strict=True):
        summary = line.split(None, 1)[1]
        first_sentence = " ".join((_command((*path, name)).help or "").split()).split(". ")[0]
        assert summary.endswith("."), line
        assert summary == first_sentence.removesuffix(".") + ".", line
