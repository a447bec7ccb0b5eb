"""Amending a suggestion in the staff working tree (``wikitool review checkout``).

This is where the user's own git is involved, so it goes through GitPython (the real git
command line) rather than the object-level store: the suggestion's branch is checked out
in the repository's working tree, and the member of staff edits and commits as usual.
Their commits are on the suggestion's branch, so ``review show`` shows them and
``review merge`` merges them; the next review action records an ``amend`` event naming
the new version, and approvals given to an earlier version no longer count.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import git

from wikitool.errors import ReviewError
from wikitool.gitstore import WikiStore
from wikitool.review.events import SuggestionState
from wikitool.review.log import suggestion_ref
from wikitool.review.record import load_record

BEHIND_WALK = 1000
"""How many commits back a working tree left behind by merges is recognised."""


@dataclass(frozen=True)
class Checkout:
    """The branch now checked out, and where."""

    id: str
    branch: str
    tip: str
    guide: str
    work_tree: Path


def review_checkout(store: WikiStore, suggestion: str) -> Checkout:
    """Check out suggestion ``suggestion``'s branch in the repository's working tree.

    Raises:
        ReviewError: no working tree, uncommitted changes in it, the suggestion is
            closed, or git refused.
        NotFoundError: no such suggestion.
    """
    record = load_record(store, suggestion)
    if record.state is not SuggestionState.OPEN:
        raise ReviewError(
            f"suggestion {record.id} is {record.state.value}; only open ones can be amended"
        )
    work_tree = store.work_tree
    if work_tree is None:
        raise ReviewError(
            "the wiki repository has no working tree (it is bare): "
            "run review checkout in a repository with one"
        )
    branch = suggestion_ref(record.id).removeprefix("refs/heads/")
    try:
        repo = git.Repo(work_tree)
        if repo.is_dirty(untracked_files=False):
            behind = _behind_at(repo)
            if behind is None:
                raise ReviewError(
                    f"{work_tree} has uncommitted changes: commit or stash them, then try again"
                )
            # Only left behind by merges (main moved without the working tree): step onto
            # the commit it still shows, so the switch below is git's ordinary, safe one.
            repo.git.checkout("--detach", behind)
        if branch in repo.heads:
            repo.heads[branch].checkout()
        else:
            # The branch is missing only if its writer died; recreate it at the known tip.
            repo.create_head(branch, record.tip).checkout()
    except git.GitCommandError as error:
        detail = (error.stderr or str(error)).strip().splitlines()
        raise ReviewError(f"git checkout failed: {detail[-1] if detail else error}") from None
    except git.InvalidGitRepositoryError:
        raise ReviewError(f"{work_tree} is not a git working tree") from None
    return Checkout(record.id, branch, record.tip, record.guide, work_tree)


def _behind_at(repo: git.Repo) -> str | None:
    """The commit the working tree still shows when its only "changes" are that its
    branch moved on without it, else ``None``.

    ``review merge`` moves ``main`` at the object level; a working tree with ``main``
    checked out then looks as if someone had staged the merge's reversal. Such a tree
    holds nothing of anyone's: its index is exactly the tree of an earlier commit of the
    branch, and its files match its index.
    """
    if repo.is_dirty(index=False, working_tree=True, untracked_files=False):
        return None
    index_tree = str(repo.git.write_tree())
    history = str(repo.git.log("--first-parent", "--format=%H %T", f"-n{BEHIND_WALK}"))
    for line in history.splitlines():
        commit, tree = line.split()
        if tree == index_tree:
            return commit
    return None
