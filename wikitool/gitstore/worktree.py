"""The staff working tree, through GitPython (the real git command line).

Everything else in the store works on objects and refs, without a working tree; this
is where the user's own checkout is read and switched: is it clean, was it only left
behind by a merge, and check out a branch in it. GitPython takes a tenth of a second to
import, so this module is imported only by the command that needs it (never by
``wikitool.gitstore``'s ``__init__``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import git

from wikitool.errors import GitStoreError

BEHIND_WALK = 1000
"""How many commits back a working tree left behind by merges is recognised."""


@contextmanager
def _git_errors(action: str) -> Iterator[None]:
    """Turn a failed git command into one line naming what failed and why."""
    try:
        yield
    except git.GitCommandError as error:
        raise GitStoreError(f"git {action} failed: {_reason(error)}") from None


def _reason(error: git.GitCommandError) -> str:
    """Git's own ``error:``/``fatal:`` line (GitPython wraps stderr in ``stderr: '...'``),
    else its last line."""
    text = str(error.stderr or "").strip().removeprefix("stderr:").strip().strip("'")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("error:", "fatal:")):
            return line
    return lines[-1] if lines else f"exit status {error.status}"


class WorkTree:
    """A git working tree: its state, and switching the branch it shows."""

    def __init__(self, path: Path) -> None:
        """Open the working tree at ``path``.

        Raises:
            GitStoreError: ``path`` is not a git working tree.
        """
        self.path = path
        try:
            self._repo = git.Repo(path)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise GitStoreError(f"{path} is not a git working tree") from None

    def has_changes(self) -> bool:
        """Whether tracked files or the index differ from ``HEAD`` (untracked files do
        not count: they survive a checkout)."""
        with _git_errors("status"):
            return self._repo.is_dirty(untracked_files=False)

    def left_behind_at(self) -> str | None:
        """The commit the working tree still shows when its only "changes" are that its
        branch moved on without it, else ``None``.

        The store moves a branch at the object level (``review merge`` moves ``main``);
        a working tree with that branch checked out then looks as if someone had staged
        the move's reversal. Such a tree holds nothing of anyone's: its index is exactly
        the tree of an earlier commit of the branch (within :data:`BEHIND_WALK`), and its
        files match its index.
        """
        with _git_errors("status"):
            if self._repo.is_dirty(index=False, working_tree=True, untracked_files=False):
                return None
            index_tree = str(self._repo.git.write_tree())
            history = str(
                self._repo.git.log("--first-parent", "--format=%H %T", f"-n{BEHIND_WALK}")
            )
        for line in history.splitlines():
            commit, tree = line.split()
            if tree == index_tree:
                return commit
        return None

    def detach_at(self, commit: str) -> None:
        """Show ``commit`` on a detached ``HEAD`` (git refuses if local edits would be lost).

        Raises:
            GitStoreError: git refused.
        """
        with _git_errors("checkout"):
            self._repo.git.checkout("--detach", commit)

    def switch_to(self, branch: str, start: str) -> None:
        """Check out ``branch``, creating it at commit ``start`` if it does not exist.

        Raises:
            GitStoreError: git refused (local edits would be lost).
        """
        with _git_errors("checkout"):
            if branch in self._repo.heads:
                self._repo.heads[branch].checkout()
            else:
                self._repo.create_head(branch, start).checkout()
