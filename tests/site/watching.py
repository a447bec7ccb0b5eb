"""``wikitool publish --watch`` run as a real process, as a service manager runs it: its
log lines read as they come, and stopped with a signal."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WIKITOOL = Path(sys.executable).parent / "wikitool"
LINE_WAIT = 30.0
"""Seconds a publish may take to be logged (a build of the reference wiki takes about 0.5)."""


class WatchProcess:
    """A running ``wikitool publish --watch`` and the lines it has logged."""

    def __init__(self, wiki: Path, live: Path, *args: str) -> None:
        self.lines: list[str] = []
        self._unread: queue.Queue[str | None] = queue.Queue()
        # No PYTHONUNBUFFERED: each line must reach a pipe (systemd's journal) as it is said.
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        env.pop("PYTHONUNBUFFERED", None)
        argv = [str(WIKITOOL), "--repo", str(wiki), "publish", "--out", str(live), "--watch"]
        self.process = subprocess.Popen(
            [*argv, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._unread.put(line.rstrip("\n"))
        self._unread.put(None)

    def next_line(self, pattern: str, seconds: float = LINE_WAIT) -> str:
        """The next line logged, which must match ``pattern`` (a regular expression)."""
        try:
            line = self._unread.get(timeout=seconds)
        except queue.Empty:
            raise AssertionError(f"nothing logged in {seconds} s after {self.lines}") from None
        assert line is not None, f"the watch ended: {self.lines}"
        self.lines.append(line)
        assert re.fullmatch(pattern, line), (pattern, line)
        return line

    def nothing_logged_for(self, seconds: float) -> bool:
        """Whether no line comes in ``seconds``."""
        try:
            line = self._unread.get(timeout=seconds)
        except queue.Empty:
            return True
        self.lines.append(str(line))
        return False

    def stop(self, signum: int = signal.SIGTERM, seconds: float = LINE_WAIT) -> int:
        """Send ``signum`` and wait for the process to end; its exit code."""
        self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=seconds)
        finally:
            self.kill()

    def kill(self) -> None:
        """End the process if it is still running (a failed test's clean-up)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
