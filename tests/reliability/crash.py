"""Kill -9 a writer at random moments and check what it leaves behind.

Writers run in forked children (already-imported code, so they start in milliseconds and
are killed mid-write rather than mid-import).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def kill_at_random(work: Callable[[], None], *, rng: random.Random, max_seconds: float) -> None:
    """Run ``work`` in a forked child and SIGKILL it after a random delay."""
    child = multiprocessing.get_context("fork").Process(target=work, daemon=True)
    child.start()
    time.sleep(rng.uniform(0.0, max_seconds))
    assert child.pid is not None
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGKILL)
    child.join()


def refs(repo: Path) -> dict[str, str]:
    """Every ref, read by real git."""
    out = subprocess.run(
        ["git", "-C", str(repo), "for-each-ref", "--format=%(refname) %(objectname)"],
        capture_output=True, text=True, check=True,
    ).stdout
    return dict(line.split() for line in out.splitlines())


def fsck(repo: Path) -> None:
    """``git fsck --full --strict`` must be clean (dangling objects are fine)."""
    done = subprocess.run(
        ["git", "-C", str(repo), "fsck", "--full", "--strict", "--no-dangling"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
