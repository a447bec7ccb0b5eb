"""How the ``wikitool`` process ends after a build: without freeing its heap.

A build leaves its pages, navigation, templates and every guide's facts in memory (75 MB
for a 500-guide wiki). At exit Python frees them object by object and collects once more:
0.15 G instructions there, memory-bound as it touches every object again (paired builds
saved a median 0.36 s of CPU, ``bench/README.md``), for memory the kernel takes back at
once anyway. A command whose work is done (every file it wrote
closed, every ref moved) calls :func:`leave_without_teardown`; the console script
(``wikitool.cli.main``) then flushes the standard streams and logging, and ends the
process with ``os._exit``. A command run in process (``CliRunner``, tests, another
program) returns as usual: only ``main`` ends the process.
"""

from __future__ import annotations

import logging
import os
import sys
from contextlib import suppress

_asked = False


def leave_without_teardown() -> None:
    """Ask ``main`` to end the process at once when this command returns (or exits with
    a code). Call it once everything the command wrote is closed: after that, nothing but
    the flushing of its output runs."""
    global _asked
    _asked = True


def exit_now_if_asked(code: int) -> None:
    """End the process with ``code`` now if the command asked to, after flushing what
    ``atexit`` would have: the standard streams and the logging handlers (the only exit
    handlers a build registers). Returns when nobody asked."""
    if not _asked:
        return
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe: the output is lost either way; the exit code is not.
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
