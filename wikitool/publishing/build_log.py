"""What MkDocs says during a build, each warning with the page it concerns.

MkDocs logs its warnings (a link it cannot resolve, an anchor that is missing) to the
``mkdocs`` logger and, under ``--strict``, only counts them ("Aborted with 1 warnings").
A build records them here instead, so ``wikitool build`` can name the file, hold back
the guide that caused one and show every one of them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig

from wikitool.mkdocs_plugin.page_meta import docs_path
from wikitool.mkdocs_plugin.plugin import WikitoolPlugin

# MkDocs checks anchors after every page is written, with no page in progress; its
# messages then start with the page they concern.
_DOC_FILE = re.compile(r"Doc file '([^']+)'")


@dataclass(frozen=True)
class BuildWarning:
    """One warning of MkDocs (or of a plugin), and the file it concerns if any."""

    path: str | None
    """The page's repository path (``content/a/b.md``), or ``None``: the whole site's."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class BuildLog(logging.Handler):
    """Records MkDocs' warnings and errors, each with the page the build was on."""

    def __init__(self, config: MkDocsConfig, plugin: WikitoolPlugin | None) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[BuildWarning] = []
        self._config = config
        self._plugin = plugin

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        src = self.page_in_progress()
        if src is None:
            found = _DOC_FILE.search(message)
            src = found.group(1) if found else None
        path = docs_path(self._config, src) if src is not None else None
        self.warnings.append(BuildWarning(path, message))

    def page_in_progress(self) -> str | None:
        """The page MkDocs is reading, rendering or writing (its ``src_uri``)."""
        return self._plugin.page_in_progress if self._plugin is not None else None

    def page_path(self, src: str) -> str:
        """How the wiki names a page of this build: ``content/a/b.md``."""
        return docs_path(self._config, src)


@contextmanager
def recording(config: MkDocsConfig, plugin: WikitoolPlugin | None) -> Iterator[BuildLog]:
    """Record what MkDocs logs at WARNING and above while the block runs."""
    log = BuildLog(config, plugin)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(log)
    try:
        yield log
    finally:
        logger.removeHandler(log)
