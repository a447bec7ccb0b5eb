"""Where the pages' history comes from: the repository ``wikitool build`` names, or the
one around ``docs_dir`` in a plain ``mkdocs build``."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from wikitool.errors import WikitoolError
from wikitool.gitstore.log import Repository, discover_repository
from wikitool.history import HistoryIndex, read_log
from wikitool.mkdocs_plugin.context import BuildContext

log = get_plugin_logger(__name__)


def read_history(context: BuildContext, config: MkDocsConfig) -> tuple[HistoryIndex | None, str]:
    """The history and the commit it was read at.

    A named repository that cannot be read fails the build (``PluginError``): its site
    would silently lose every date. Without one, no repository or no git around
    ``docs_dir`` means no history, and the build goes on.
    """
    if context.repository is not None:
        repository = Repository(
            git_dir=context.repository,
            revision=context.commit or "HEAD",
            prefix=docs_prefix(config),
        )
        try:
            commits = read_log(repository)
        except WikitoolError as exc:
            raise PluginError(f"wikitool: cannot read the history: {exc}") from exc
    else:
        found = discover_repository(Path(config.docs_dir))
        if found is None:
            log.info("no git repository around %s: pages show no history", config.docs_dir)
            return None, context.commit or ""
        repository = found
        try:
            commits = read_log(repository)
        except WikitoolError as exc:
            log.warning("pages show no history: %s", exc)
            return None, context.commit or ""
    log.debug("read %d commits from %s", len(commits), repository.git_dir)
    return HistoryIndex(commits, repository.prefix), context.commit or repository.revision


def docs_prefix(config: MkDocsConfig) -> str:
    """The docs folder's path in the repository (the export's root is the repository's)."""
    root = os.path.dirname(config.config_file_path or ".")
    relative = Path(os.path.relpath(config.docs_dir, root)).as_posix()
    if relative.startswith(".."):
        raise PluginError(f"wikitool: docs_dir {config.docs_dir} is outside the wiki")
    return "" if relative == "." else relative.rstrip("/") + "/"
