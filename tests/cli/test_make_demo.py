"""``make demo`` keeps its wiki between runs, shows the mail the intake sends in its
terminal, stops on Ctrl+C with exit 0, and installs only what wikitool runs on (and
aiosmtpd for the mail); ``make demo-reset`` starts over.

The demo runs on a real terminal (a pseudo-terminal), with this checkout's code and the
project's virtualenv, on free ports and in tmp_path.
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import socket
import subprocess
import termios
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READY = b"Ctrl+C stops the demo."
WATCHING = b"Watching main of "
GUIDE = "identity-and-travel/renew-an-adult-passport.md"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _make_args(
    tmp_path: Path, target: str, venv: Path, port: int | None = None, intake: int | None = None
) -> list[str]:
    return [
        "make", "--no-print-directory", "-C", str(ROOT), target, f"VENV={venv}",
        f"DEMO_DIR={tmp_path / 'demo/wiki'}", f"DEMO_SITE={tmp_path / 'demo/site'}",
        f"PORT={port or _free_port()}", f"INTAKE_PORT={intake or _free_port()}",
        f"MAIL_PORT={_free_port()}",
    ]  # fmt: skip


@pytest.fixture
def venv(tmp_path: Path) -> Path:
    """A virtualenv that is already installed: this interpreter's wikitool and python."""
    import sys

    path = tmp_path / "venv"
    (path / "bin").mkdir(parents=True)
    for name in ("python", "wikitool"):
        (path / "bin" / name).symlink_to(Path(sys.executable).parent / name)
    (path / ".installed-runtime").touch()
    return path


def _read(fd: int, until: bytes, seconds: float, output: bytearray) -> None:
    deadline = time.monotonic() + seconds
    while until not in output and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the terminal closed: everything on it has exited
                return
            if not chunk:
                return
            output += chunk


def _get(url: str, seconds: float = 20) -> tuple[int, bytes]:
    """Status and body, once the server listens (on a loaded machine it may start after
    the demo's instructions)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _run_demo_and_press_ctrl_c(
    tmp_path: Path,
    venv: Path,
    while_running: Callable[[int, int], None] = lambda port, intake: None,
    shown: bytes = b"",
) -> tuple[str, int, bool]:
    """Output, exit code, and whether Ctrl+C sends SIGINT again on the terminal after;
    ``while_running`` is called with the site's and the intake's ports once the demo is
    ready, then the output is read until ``shown`` appears in it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    port, intake = _free_port(), _free_port()
    pid, fd = pty.fork()
    if pid == 0:  # the child: make on the pseudo-terminal, as a person runs it
        os.execvpe("make", _make_args(tmp_path, "demo", venv, port, intake), env)
    output = bytearray()
    try:
        _read(fd, READY, 60, output)
        assert READY in output, output.decode(errors="replace")
        # publish --watch says so once it obeys SIGTERM (on a loaded machine, maybe only
        # after the demo's instructions).
        _read(fd, WATCHING, 30, output)
        while_running(port, intake)
        _read(fd, shown, 30, output)
        os.write(fd, b"q\x03")  # a stray key, then Ctrl+C
        _read(fd, b"Demo stopped", 20, output)
        signals_restored = bool(termios.tcgetattr(fd)[3] & termios.ISIG)
    finally:
        if b"Demo stopped" not in output:  # a step above failed: stop the demo all the same
            with contextlib.suppress(OSError):
                os.write(fd, b"\x03")
        _, status = os.waitpid(pid, 0)
        _read(fd, b"\0", 1, output)  # whatever make wrote last
        os.close(fd)
    return output.decode(errors="replace"), os.waitstatus_to_exitcode(status), signals_restored


@pytest.mark.slow
def test_make_demo_keeps_its_wiki_and_ctrl_c_ends_it_with_exit_0(
    tmp_path: Path, venv: Path
) -> None:
    wiki = tmp_path / "demo/wiki"
    answers: dict[str, tuple[int, bytes]] = {}

    def read_the_site_and_suggest(port: int, intake: int) -> None:
        for path in ("", "vehicles/pay-a-parking-fine/", "no-such-guide/"):
            answers[path] = _get(f"http://127.0.0.1:{port}/{path}")
        guide = subprocess.run(
            ["git", "-C", str(wiki), "show", f"main:content/{GUIDE}"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        body = {
            "guide": GUIDE,
            "content": guide.replace("amount: 86", "amount: 89", 1),
            "summary": "The online renewal fee is now 89 euros",
            "author": {"name": "Ana", "email": "ana@example.org", "notify": True},
            "website": "",
        }
        assert _get(f"http://127.0.0.1:{intake}/api/health")[0] == 200  # once it listens
        request = urllib.request.Request(
            f"http://127.0.0.1:{intake}/api/suggestions",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            answers["suggestion"] = answer.status, answer.read()

    first, first_code, _ = _run_demo_and_press_ctrl_c(
        tmp_path, venv, read_the_site_and_suggest, shown=b"Subject: We received your suggestion"
    )
    subprocess.run(["git", "-C", str(wiki), "update-ref", "refs/tags/kept", "main"], check=True)
    second, second_code, signals_restored = _run_demo_and_press_ctrl_c(tmp_path, venv)

    assert first_code == 0, first
    assert f"Created wiki repository {wiki}" in first
    assert second_code == 0, second
    assert f"Using the demo wiki in {wiki} (make demo-reset starts over)" in second
    assert "Created wiki repository" not in second
    kept = subprocess.run(
        ["git", "-C", str(wiki), "rev-parse", "--verify", "refs/tags/kept"], capture_output=True
    )
    assert kept.returncode == 0
    for output in (first, second):
        # publish --watch logged its start, and stopped cleanly on the demo's SIGTERM.
        assert f"Watching main of {wiki}: publishing it to {tmp_path}/demo/site" in output
        assert output.rstrip().endswith("\r\nStopped watching\r\nDemo stopped"), output
        assert "make: ***" not in output and "Traceback" not in output, output
    assert signals_restored
    # The site is served through the live link, and an unknown path gets the site's own
    # "not found" page with status 404.
    pages = ("", "vehicles/pay-a-parking-fine/", "no-such-guide/")
    assert [answers[page][0] for page in pages] == [200, 200, 404]
    assert answers["no-such-guide/"][1] == (tmp_path / "demo/site/404.html").read_bytes()
    assert b"</html>" in answers["vehicles/pay-a-parking-fine/"][1]
    # The citizen's "received" mail, shown in the demo's terminal, decoded.
    assert "Mail:   every e-mail the intake sends is shown here" in first
    sid = json.loads(answers["suggestion"][1])["id"]
    assert answers["suggestion"][0] == 201
    assert "Mail to ana@example.org\r\n" in first
    assert f"Subject: We received your suggestion {sid}\r\n" in first
    assert "The online renewal fee is now 89 euros" in first.split("Mail to ana@example.org")[1]


@pytest.mark.parametrize(
    ("target", "expected", "unexpected"),
    [
        ("demo", ["-m pip install --quiet -e '.[demo]'\n"], ["[test]", "rm -rf"]),
        ("demo-reset", ['rm -rf "{tmp}/demo/wiki" "{tmp}/demo/site" "{tmp}/demo/site.releases" "{tmp}/demo/site.old"\n', "-m pip install --quiet -e '.[demo]'\n"], ["[test]"]),
        ("unit", ["-m pip install --quiet -e '.[test]'\n"], []),
    ],
)  # fmt: skip
def test_make_installs_runtime_dependencies_for_the_demo_and_test_tools_for_tests(
    tmp_path: Path, target: str, expected: list[str], unexpected: list[str]
) -> None:
    # A virtualenv that does not exist yet: make shows how it would install it (-n runs
    # nothing, the demo's servers included).
    args = _make_args(tmp_path, target, tmp_path / "new-venv")
    done = subprocess.run([args[0], "-n", *args[1:]], capture_output=True, text=True, check=True)

    for text in expected:
        assert text.format(tmp=tmp_path) in done.stdout, done.stdout
    for text in unexpected:
        assert text not in done.stdout, done.stdout
    assert not (tmp_path / "new-venv").exists()
    assert not (tmp_path / "demo").exists()
