"""The exceptions library code raises. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class WikitoolError(Exception):
    """Base of every error the tool reports to a user as one ``Error:`` line.

    ``exit_code`` is what the CLI exits with: 1 for a user error, 3 for a merge conflict.
    """

    exit_code = 1


class NotAWikiError(WikitoolError):
    """The path is not a wiki repository (no git repository, or no ``main``)."""


class GuideError(WikitoolError):
    """A guide cannot be read or is not plain, safe data; names the file and line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class UnsafePathError(WikitoolError):
    """A path from untrusted input that is not a guide under ``content/``."""


class GitStoreError(WikitoolError):
    """The git repository cannot be read or written as asked."""


class RefLockedError(GitStoreError):
    """Another writer held a ref's lock for longer than we are willing to wait."""


class NotFoundError(WikitoolError):
    """A revision, guide, suggestion or other named thing does not exist."""


class SuggestionError(WikitoolError):
    """A suggestion is refused: invalid, unsafe, or carrying personal data."""


class ReviewError(WikitoolError):
    """A review action is not allowed in the suggestion's current state or by this person."""


class MergeConflictError(WikitoolError):
    """A suggestion does not merge cleanly onto ``main``; nothing was changed."""

    exit_code = 3


class BuildError(WikitoolError):
    """The static site could not be built."""


class ReleaseError(WikitoolError):
    """A published release cannot be made, switched to or rolled back to."""


class MailError(WikitoolError):
    """Mail settings are wrong (a bad relay URL, sender address or link base)."""
