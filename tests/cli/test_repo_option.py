"""Which wiki a command works on: ``--repo`` anywhere on the line, ``WIKITOOL_REPO``, the cwd.

Precedence, closest first: the subcommand's ``--repo``, its group's, the top-level one,
``$WIKITOOL_REPO``, then the git repository around the current directory.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from command_paths import command_paths

from wikitool.cli import cli

RunCli = Callable[..., Result]
PLACES = ("top", "group", "sub", "env")


def _line(given: dict[str, Path]) -> list[str]:
    """``review stats`` with ``--repo`` at each place in ``given`` (but env)."""
    args = [f"--repo={given['top']}"] if "top" in given else []
    args += ["review", *([f"--repo={given['group']}"] if "group" in given else []), "stats"]
    return args + ([f"--repo={given['sub']}"] if "sub" in given else [])


@pytest.mark.parametrize(
    ("given", "used"),
    [
        (("sub",), "sub"),
        (("group",), "group"),
        (("top",), "top"),
        (("env",), "env"),
        (("top", "sub"), "sub"),
        (("top", "group"), "group"),
        (("group", "sub"), "sub"),
        (("top", "group", "sub", "env"), "sub"),
        (("top", "env"), "top"),
        (("sub", "env"), "sub"),
    ],
)
def test_the_closest_repo_option_wins_then_the_environment(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch,
    given: tuple[str, ...], used: str,
) -> None:  # fmt: skip
    # Each place names its own empty folder, so the error says which one was opened.
    folders = {place: tmp_path / f"from-{place}" for place in given}
    for folder in folders.values():
        folder.mkdir()
    if "env" in folders:
        monkeypatch.setenv("WIKITOOL_REPO", str(folders["env"]))

    result = run_cli(*_line(folders), cwd=tmp_path)

    assert result.exit_code == 1
    assert result.stderr == f"Error: {folders[used]} is not a git repository\n"


def test_without_option_or_environment_the_repository_around_the_cwd(
    wiki: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIKITOOL_REPO", "")  # empty is unset
    result = run_cli("review", "stats", "--json", cwd=wiki / "content")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["open"] == 0


def test_approve_takes_repo_after_the_subcommand(
    wiki: Path, tmp_path: Path, run_cli: RunCli, git: Callable[..., str], fee_fix: str
) -> None:
    document = tmp_path / "s.json"
    document.write_text(json.dumps({
        "guide": "identity-and-travel/renew-an-adult-passport.md",
        "content": fee_fix, "summary": "Say what to do first",
    }))  # fmt: skip
    submitted = run_cli("suggest", "submit", str(document), "--repo", str(wiki), cwd=tmp_path)
    assert submitted.exit_code == 0, submitted.output
    suggestion = submitted.stdout.strip()

    approved = run_cli(
        "review", "approve", suggestion, "--repo", str(wiki), "--as", "Ana Ruiz <ana@agency.invalid>",
        cwd=tmp_path,
    )  # fmt: skip

    assert approved.exit_code == 0, approved.output
    assert approved.stdout.startswith(f"Approved suggestion {suggestion} ")
    log = git(wiki, "log", "--format=%an <%ae>", f"refs/reviews/{suggestion}")
    assert log.splitlines()[0] == "Ana Ruiz <ana@agency.invalid>"


# The commands that work on no wiki: init makes one, mail catch is the demo's SMTP sink.
WITHOUT_A_WIKI = {("init",), ("mail", "catch")}


@pytest.mark.parametrize("path", command_paths(cli), ids=" ".join)
def test_every_command_on_a_wiki_takes_repo_after_its_name(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "-h"], prog_name="wikitool")
    assert result.exit_code == 0, result.output
    assert ("--repo PATH" in result.output) is (path not in WITHOUT_A_WIKI), result.output
