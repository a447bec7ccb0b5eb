"""The systemd unit shipped in ``deploy/`` runs a real ``wikitool publish --watch``
command line, may write where that command writes and nowhere else, and is a unit
systemd accepts (``systemd-analyze verify``, when the machine has it)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import Result

from wikitool.cli import cli

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "wikitool-publish.service"
RunCli = Callable[..., Result]


def _unit(text: str) -> dict[str, dict[str, list[str]]]:
    """The unit's sections, each key's values in order (systemd keys may repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    section: dict[str, list[str]] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        assert not line.endswith("\\"), f"line {number}: keep each setting on one line"
        if line.startswith("[") and line.endswith("]"):
            section = sections.setdefault(line[1:-1], {})
            continue
        key, equals, value = line.partition("=")
        assert section is not None and equals, f"line {number}: not Key=Value: {line}"
        section.setdefault(key.strip(), []).append(value.strip())
    return sections


UNIT_SECTIONS = _unit(UNIT.read_text(encoding="utf-8"))
EXEC_START = UNIT_SECTIONS["Service"]["ExecStart"]


def _publish_params() -> dict[str, object]:
    """ExecStart's arguments parsed by wikitool's own command line, as it would run them
    (every option known, every value valid), without running anything."""
    args = shlex.split(EXEC_START[0])[1:]
    with cli.make_context("wikitool", args) as group:
        assert isinstance(cli, click.Group)
        name, command, rest = cli.resolve_command(group, [*group._protected_args, *group.args])
        assert name == "publish" and command is not None
        with command.make_context(name, rest, parent=group) as publish:
            return {**group.params, **publish.params, "repo": group.obj.repo_option}


def test_the_unit_runs_publish_watch_as_an_unprivileged_user_restarted_on_failure() -> None:
    assert sorted(UNIT_SECTIONS) == ["Install", "Service", "Unit"]
    service = UNIT_SECTIONS["Service"]
    assert len(EXEC_START) == 1
    assert shlex.split(EXEC_START[0])[0].endswith("/bin/wikitool")
    params = _publish_params()
    assert params["watch"] is True and params["rollback"] is False
    assert service["User"] == ["wikitool"] and service["Restart"] == ["on-failure"]
    # systemd stops it with SIGTERM (its default), which the watch obeys after the publish
    # under way: the stop timeout leaves a large build time to finish.
    assert "KillSignal" not in service and int(service["TimeoutStopSec"][0]) >= 120
    assert UNIT_SECTIONS["Install"]["WantedBy"] == ["multi-user.target"]


def test_the_unit_may_write_the_repository_and_beside_the_live_link_and_nothing_else() -> None:
    service = UNIT_SECTIONS["Service"]
    params = _publish_params()
    writable = [Path(p) for line in service["ReadWritePaths"] for p in line.split()]
    live = Path(str(params["out"]))
    # publish writes refs/tags/published in the repository, and the link and its
    # releases (OUT.releases/) in the link's folder.
    for needed in (Path(str(params["repo"])), live.parent):
        assert any(needed == p or p in needed.parents for p in writable), (needed, writable)
    for setting, value in [
        ("ProtectSystem", "strict"), ("ProtectHome", "yes"), ("PrivateTmp", "yes"),
        ("PrivateNetwork", "yes"), ("NoNewPrivileges", "yes"), ("CapabilityBoundingSet", ""),
    ]:  # fmt: skip
        assert service[setting] == [value], setting


def test_execstart_is_a_command_line_publish_help_accepts(run_cli: RunCli) -> None:
    args = shlex.split(EXEC_START[0])[1:]

    result = run_cli(*args, "--help")

    assert result.exit_code == 0, result.output
    assert "--watch" in result.stdout and "Build main into a new release" in result.stdout


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_analyze_verifies_the_unit_and_rates_it_safe(tmp_path: Path) -> None:
    # verify also checks that ExecStart's program exists: the unit as installed, with
    # this machine's wikitool in place of /opt/wikitool's.
    wikitool = Path(sys.executable).parent / "wikitool"
    program = shlex.split(EXEC_START[0])[0]
    installed = tmp_path / UNIT.name
    installed.write_text(UNIT.read_text(encoding="utf-8").replace(program, str(wikitool)))

    verified = subprocess.run(
        ["systemd-analyze", "verify", str(installed)], capture_output=True, text=True
    )
    # README "As a systemd service" quotes the rating: 0.3, "SAFE" (systemd 252).
    rated = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", "--threshold=10", "--no-pager",
         str(installed)],
        capture_output=True, text=True,
    )  # fmt: skip

    assert (verified.returncode, verified.stderr, verified.stdout) == (0, "", "")
    assert rated.returncode == 0, rated.stdout + rated.stderr
    level = re.search(rf"Overall exposure level for {UNIT.name}: (\d+\.\d) SAFE", rated.stdout)
    assert level is not None and float(level.group(1)) <= 0.5, rated.stdout


# -- the daily digest: a oneshot service and its timer ------------------------------------

DIGEST = ROOT / "deploy" / "wikitool-digest.service"
TIMER = ROOT / "deploy" / "wikitool-digest.timer"


def test_the_digest_unit_runs_notify_digest_daily_and_only_queues(run_cli: RunCli) -> None:
    service = _unit(DIGEST.read_text(encoding="utf-8"))
    timer = _unit(TIMER.read_text(encoding="utf-8"))
    [exec_start] = service["Service"]["ExecStart"]
    args = shlex.split(exec_start)[1:]
    assert args[-2:] == ["notify", "digest"]  # no --smtp: the intake's sender sends
    shown = run_cli(*args, "--help")
    assert shown.exit_code == 0 and "owners" in shown.stdout
    assert service["Service"]["Type"] == ["oneshot"] and service["Service"]["User"] == ["wikitool"]
    assert service["Service"]["PrivateNetwork"] == ["yes"]
    assert service["Service"]["ReadWritePaths"] == [args[1]]  # the repository only
    assert timer["Timer"]["Unit"] == [DIGEST.name]
    assert timer["Timer"]["OnCalendar"] == ["*-*-* 07:00:00"]
    assert timer["Timer"]["Persistent"] == ["true"]
    assert timer["Install"]["WantedBy"] == ["timers.target"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_analyze_verifies_the_digest_units(tmp_path: Path) -> None:
    wikitool = Path(sys.executable).parent / "wikitool"
    program = shlex.split(_unit(DIGEST.read_text(encoding="utf-8"))["Service"]["ExecStart"][0])[0]
    for unit in (DIGEST, TIMER):
        text = unit.read_text(encoding="utf-8").replace(program, str(wikitool))
        (tmp_path / unit.name).write_text(text)
    verified = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / DIGEST.name), str(tmp_path / TIMER.name)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert (verified.returncode, verified.stderr, verified.stdout) == (0, "", "")
