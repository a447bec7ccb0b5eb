"""The wiki's history as one ``git log`` writes it: the format asked for, and its parsing.

:func:`wikitool.gitstore.log.first_parent_log` runs ``git log --first-parent -m
--name-status -M -z`` once for the whole folder (never once per file): every commit on
the branch's own line (a merged suggestion appears once, as its merge commit, diffed
against the branch as it was before the merge), with the files it added, modified,
deleted or renamed. This module names the header format and turns the text into
:class:`LogCommit` values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from wikitool.errors import GitStoreError
from wikitool.gitstore.log import Repository, first_parent_log

SUGGESTION_TRAILER = "Suggestion-Id"
CREDIT_TRAILER = "Co-authored-by"
"""On a merge commit: a citizen who asked to be credited (``Name <id@...invalid>``)."""

# One NUL-separated header per commit; `-z` also ends the header and every path with NUL.
# Credited names are separated by the unit separator: a name may hold a comma.
_FORMAT = (
    f"%H%x00%cI%x00%an%x00%s%x00%(trailers:key={SUGGESTION_TRAILER},valueonly,separator=%x2C)"
    f"%x00%(trailers:key={CREDIT_TRAILER},valueonly,separator=%x1F)"
)
_HEADER_FIELDS = 6
_COMMIT_ID = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")
_STATUS = re.compile(r"^[ACDMRTUXB][0-9]{0,3}$")


@dataclass(frozen=True)
class FileChange:
    """One file a commit touched: ``status`` is git's letter (A, M, D, R, T...).

    ``old_path`` is set for a rename (``R``) or copy (``C``): where the file came from.
    """

    status: str
    path: str
    old_path: str | None = None


@dataclass(frozen=True)
class LogCommit:
    """One commit on the branch's first-parent line and the files it changed."""

    id: str
    date: datetime
    author: str
    subject: str
    suggestion_ids: tuple[str, ...] = ()
    changes: tuple[FileChange, ...] = field(default=())
    credited: tuple[str, ...] = ()
    """The names of the citizens credited for the change (never their e-mail)."""


def parse_log(output: str) -> list[LogCommit]:
    """Parse the output of ``git log -z --name-status`` run with this module's format.

    Raises:
        GitStoreError: the output is not in the expected shape.
    """
    tokens = output.split("\0")
    commits: list[LogCommit] = []
    i = 0
    while i < len(tokens):
        head = tokens[i].lstrip("\n")
        if not head:
            i += 1
            continue
        if not _COMMIT_ID.match(head) or i + _HEADER_FIELDS > len(tokens):
            raise GitStoreError(f"unexpected git log output near {head[:40]!r}")
        _, stamp, author, subject, trailers, credits = tokens[i : i + _HEADER_FIELDS]
        i += _HEADER_FIELDS
        changes: list[FileChange] = []
        while i < len(tokens):
            status = tokens[i].lstrip("\n")
            if not _STATUS.match(status):
                break
            if status[0] in "RC":
                changes.append(FileChange(status[0], tokens[i + 2], tokens[i + 1]))
                i += 3
            else:
                changes.append(FileChange(status[0], tokens[i + 1]))
                i += 2
        commits.append(
            LogCommit(
                id=head,
                date=datetime.fromisoformat(stamp),
                author=author,
                subject=subject,
                suggestion_ids=tuple(s.strip() for s in trailers.split(",") if s.strip()),
                changes=tuple(changes),
                credited=tuple(_name(c) for c in credits.split("\x1f") if c.strip()),
            )
        )
    return commits


def _name(identity: str) -> str:
    """``Name`` of ``Name <address>``: the address is a pseudonymous one, not for show."""
    return identity.rsplit("<", 1)[0].strip()


def read_log(repository: Repository, since: str | None = None) -> list[LogCommit]:
    """Every commit on ``repository.revision``'s first-parent line that touched the
    wiki folder, newest first, in one ``git log`` run; with ``since`` (a commit on that
    line), only those after it.

    Raises:
        GitStoreError: git is missing, or the repository or revision cannot be read.
    """
    return parse_log(first_parent_log(repository, _FORMAT, since))
