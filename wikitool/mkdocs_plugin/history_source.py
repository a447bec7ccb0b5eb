"""Where the pages' history comes from: the repository ``wikitool build`` names, or the
one around ``docs_dir`` in a plain ``mkdocs build``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from wikitool.errors import WikitoolError
from wikitool.gitstore.log import Repository, discover_repository
from wikitool.history import HistoryIndex, LogCommit, read_log
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
            if context.held_back:
                commits = _as_shown(commits, repository, context.held_back)
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


def _as_shown(
    commits: list[LogCommit], repository: Repository, held_back: Mapping[str, str | None]
) -> list[LogCommit]:
    """The history the site shows: a held-back guide's changes only up to the commit whose
    version its page shows (none when it has no page), so no page, "What changed" entry
    or feed item speaks of a change readers cannot see."""
    shown: dict[str, set[str]] = {}
    for path, kept_from in held_back.items():
        own = replace(repository, revision=kept_from, prefix=path) if kept_from else None
        shown[path] = {c.id for c in read_log(own)} if own is not None else set()
    result = []
    for commit in commits:
        changes = tuple(
            f for f in commit.changes if f.path not in shown or commit.id in shown[f.path]
        )
        if len(changes) == len(commit.changes):
            result.append(commit)
        elif changes:
            result.append(replace(commit, changes=changes))
    return result


def docs_prefix(config: MkDocsConfig) -> str:
    """The docs folder's path in the repository (the export's root is the repository's)."""
    root = os.path.dirname(config.config_file_path or ".")
    relative = Path(os.path.relpath(config.docs_dir, root)).as_posix()
    if relative.startswith(".."):
        raise PluginError(f"wikitool: docs_dir {config.docs_dir} is outside the wiki")
    return "" if relative == "." else relative.rstrip("/") + "/"
