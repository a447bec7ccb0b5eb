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
from wikitool.history import HistoryIndex, LogCommit, read_log
from wikitool.mkdocs_plugin.context import BuildContext

log = get_plugin_logger(__name__)


KnownLog = tuple[str, list[LogCommit]]
"""The log read at a commit: what a later read starting after that commit extends."""


def read_history(
    context: BuildContext, config: MkDocsConfig, known: KnownLog | None = None
) -> tuple[HistoryIndex | None, str, KnownLog | None]:
    """The history, the commit it was read at and the log read (to extend later).

    With ``known``, a log read at a commit on the first-parent line of the commit to
    read (the caller checks that), only the commits after it are read from git.

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
            if known is not None and context.commit:
                commits = read_log(repository, since=known[0]) + known[1]
            else:
                commits = read_log(repository)
        except WikitoolError as exc:
            raise PluginError(f"wikitool: cannot read the history: {exc}") from exc
    else:
        found = discover_repository(Path(config.docs_dir))
        if found is None:
            log.info("no git repository around %s: pages show no history", config.docs_dir)
            return None, context.commit or "", None
        repository = found
        try:
            commits = read_log(repository)
        except WikitoolError as exc:
            log.warning("pages show no history: %s", exc)
            return None, context.commit or "", None
    log.debug("read %d commits from %s", len(commits), repository.git_dir)
    commit = context.commit or repository.revision
    return HistoryIndex(commits, repository.prefix), commit, (commit, commits)


def docs_prefix(config: MkDocsConfig) -> str:
    """The docs folder's path in the repository (the export's root is the repository's)."""
    root = os.path.dirname(config.config_file_path or ".")
    relative = Path(os.path.relpath(config.docs_dir, root)).as_posix()
    if relative.startswith(".."):
        raise PluginError(f"wikitool: docs_dir {config.docs_dir} is outside the wiki")
    return "" if relative == "." else relative.rstrip("/") + "/"
