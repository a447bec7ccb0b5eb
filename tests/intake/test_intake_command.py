"""``wikitool intake serve`` as staff run it: a separate process on loopback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import Result

RunCli = Callable[..., Result]
WIKITOOL = [str(Path(sys.executable).with_name("wikitool"))]


@pytest.fixture
def serve(wiki: Path) -> Iterator[Callable[..., tuple[subprocess.Popen[str], str]]]:
    """Start ``wikitool intake serve --port 0 ARGS`` and return it with its printed URL."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> tuple[subprocess.Popen[str], str]:
        process = subprocess.Popen(
            [*WIKITOOL, "--repo", str(wiki), "intake", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        started.append(process)
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"on (http://127\.0\.0\.1:\d+)/api/ \(Ctrl\+C stops\)$", first)
        assert match, (first, process.stderr.read() if process.poll() is not None else "")
        return process, match.group(1)

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def test_serve_prints_where_it_listens_and_serves_until_interrupted(
    serve: Callable[..., tuple[subprocess.Popen[str], str]], suggestion: dict[str, Any],
    wiki: Path, git: Callable[..., str],
) -> None:
    process, url = serve("--allow-origin", "https://guides.example.org", "--rate-limit", "5")
    assert process.stdout is not None
    assert process.stdout.readline() == (
        "Allowed origins: https://guides.example.org; rate limit: 5/min per client; "
        f"workers: {len(os.sched_getaffinity(0))}\n"  # one per core by default
    )

    response = httpx.post(f"{url}/api/suggestions", json=suggestion, timeout=30)

    assert response.status_code == 201, response.text
    sid = response.json()["id"]
    assert response.json()["status_url"] == f"{url}/api/suggestions/{sid}"
    assert git(wiki, "rev-parse", "--verify", f"refs/heads/suggestions/{sid}")
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=15) == 0
    assert "Traceback" not in process.communicate()[1]


def test_serve_help_has_an_example() -> None:
    done = subprocess.run([*WIKITOOL, "intake", "serve", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "Example:" in done.stdout
    assert "--allow-origin ORIGIN" in done.stdout


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--allow-origin", "*"], "Error: --allow-origin takes the site's origin, not a wildcard"),
        (["--allow-origin", "https://guides.example.org/suggest"],
         "Error: --allow-origin 'https://guides.example.org/suggest' must be scheme://host[:port] with no path"),
        (["--allow-origin", "guides.example.org"],
         "Error: --allow-origin 'guides.example.org' is not an origin like https://example.org"),
    ],
)
def test_a_bad_origin_is_refused_before_serving(
    wiki: Path, run_cli: RunCli, args: list[str], error: str
) -> None:
    result = run_cli("--repo", str(wiki), "intake", "serve", "--port", "0", *args)
    assert result.exit_code == 1
    assert result.stderr.strip() == error


def test_serving_a_directory_that_is_not_a_wiki_fails_at_once(
    tmp_path: Path, run_cli: RunCli
) -> None:
    result = run_cli("--repo", str(tmp_path), "intake", "serve", "--port", "0")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "is not a git repository" in result.stderr


def test_feedback_list_help_has_an_example(run_cli: RunCli) -> None:
    result = run_cli("feedback", "list", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
