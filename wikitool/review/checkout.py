"""Amending a suggestion in the staff working tree (``wikitool review checkout``).

This is where the user's own git is involved, so it goes through the store's working
tree (:class:`wikitool.gitstore.worktree.WorkTree`, the real git command line) rather
than the object level: the suggestion's branch is checked out in the repository's
working tree, and the member of staff edits and commits as usual.
Their commits are on the suggestion's branch, so ``review show`` shows them and
``review merge`` merges them; the next review action records an ``amend`` event naming
the new version, and approvals given to an earlier version no longer count.

A report has no branch until its first checkout, which makes it one: at the report's
own commit when main has not moved since the citizen's revision, otherwise at a commit
joining that one to main's tip with main's tree, so staff edit main's current guide and
the report's words stay in the branch's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wikitool.errors import ReviewError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.worktree import WorkTree
from wikitool.model import TOOL_IDENTITY
from wikitool.review.events import SuggestionKind, SuggestionState
from wikitool.review.log import suggestion_ref
from wikitool.review.record import SuggestionRecord, load_record


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
        ReviewError: no working tree, uncommitted changes in it, or the suggestion is
            closed.
        GitStoreError: the working tree is not git's, or git refused.
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
    tip = _report_branch(store, record) if record.awaiting_edit else record.tip
    tree = WorkTree(work_tree)
    if tree.has_changes():
        behind = tree.left_behind_at()
        if behind is None:
            raise ReviewError(
                f"{work_tree} has uncommitted changes: commit or stash them, then try again"
            )
        # Only left behind by merges (main moved without the working tree): step onto
        # the commit it still shows, so the switch below is git's ordinary, safe one.
        tree.detach_at(behind)
    # The branch is missing only if its writer died: it is recreated at the known tip.
    tree.switch_to(branch, tip)
    return Checkout(record.id, branch, tip, record.guide, work_tree)


def _report_branch(store: WikiStore, record: SuggestionRecord) -> str:
    """The branch of a report with none yet, made from main's current guide; its tip."""
    assert record.kind is SuggestionKind.REPORT
    ref = suggestion_ref(record.id)
    made = store.ref(ref)
    if made is not None:
        return made  # checked out before, and not edited yet
    main = store.main()
    start = record.tip
    if record.base != main:
        start = store.write_commit(
            tree=store.commit_info(main).tree,
            parents=[record.tip, main],
            message=f"Start suggestion {record.id} from main's current guide\n",
            author=TOOL_IDENTITY,
        )
    # Compare-and-swap: if a colleague made the branch meanwhile, theirs stands.
    store.update_ref(ref, None, start)
    return store.ref(ref) or start
