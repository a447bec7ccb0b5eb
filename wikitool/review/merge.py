"""Merging an approved suggestion onto ``main`` (``wikitool review merge``).

Without a working tree: a merge commit on ``main`` whose parents are ``main``'s tip and
the suggestion's tip, its tree made by a three-way merge when the suggestion is based on
an older revision. A merge commit is written even when ``main`` has not moved since the
suggestion's base (``--no-ff``): it carries the summary and the ``Suggestion-Id`` and
``Reviewed-by`` trailers that ``wikitool history`` and the site's "recent changes" read
from ``main``'s first-parent line.

``main`` moves by compare-and-swap after the merged guides passed the checks of
``wikitool check``; when another merge moved it first, everything is done again on the
new tip. Two reviewers merging the same suggestion at once therefore make one merge: the
second finds the suggestion's tip already on main.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import date

from wikitool.errors import MergeConflictError, ReviewError
from wikitool.gitstore import MAIN_REF, FileConflict, WikiStore, merge_base, merge_commits
from wikitool.model import TOOL_IDENTITY, Identity
from wikitool.review.decisions import (
    NothingToAppend,
    append_unless_recorded,
    archive_branch,
    checked_staff,
    clean_text,
    record_amendment,
    require_open,
)
from wikitool.review.events import (
    EventKind,
    ReviewEvent,
    SuggestionState,
    suggestion_id_in,
    suggestion_state,
    trailer_block,
)
from wikitool.review.log import read_events, review_ref, suggestion_ref
from wikitool.review.notify import notify_status
from wikitool.review.policy import load_policy
from wikitool.review.record import SuggestionRecord, load_record
from wikitool.review.verdict import Proposal, Verdict, conflict_places, suggestion_verdict

MERGE_ATTEMPTS = 20
"""How many times a merge is redone when ``main`` moves under it before giving up."""
RECOVERY_WALK = 1000
"""How far back main's line is searched for a merge whose event was never recorded."""


class SuggestionConflictError(MergeConflictError):
    """The suggestion does not merge onto today's main; ``conflicts`` says where."""

    def __init__(self, message: str, conflicts: tuple[FileConflict, ...]) -> None:
        super().__init__(message)
        self.conflicts = conflicts


@dataclass(frozen=True)
class MergeResult:
    """A merged suggestion: the merge commit, what it replaced, who approved."""

    id: str
    commit: str
    previous_main: str
    three_way: bool
    """False when main had not moved since the suggestion's base."""
    approvers: tuple[str, ...]
    archived: str | None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form."""
        return {
            "id": self.id,
            "commit": self.commit,
            "previous_main": self.previous_main,
            "three_way": self.three_way,
            "approvers": list(self.approvers),
            "archived": self.archived,
            "notes": self.notes,
        }


def review_merge(
    store: WikiStore,
    suggestion: str,
    *,
    staff: Identity,
    today: date | None = None,
    note: str = "",
) -> MergeResult:
    """Merge an approved suggestion onto ``main``.

    Checks the approvals the review policy asks for, merges (three-way when main moved
    since the suggestion's base), validates every changed guide of the result as
    ``wikitool check`` would, and moves ``main`` by compare-and-swap, all over again if
    ``main`` moved meanwhile. Then records the ``merge`` event and archives the branch.

    Raises:
        SuggestionConflictError: (exit code 3) it does not merge cleanly; nothing changed.
        ReviewError: too few approvals, changes requested, the result fails the checks,
            or the suggestion is already merged or rejected.
        NotFoundError: no such suggestion.
    """
    checked_staff(staff)
    note = clean_text(note)
    day = today or date.today()
    for _ in range(MERGE_ATTEMPTS):
        record = load_record(store, suggestion)
        require_open(list(record.events), record.id)
        record = record_amendment(store, record, staff)
        main = store.main()
        base = merge_base(store, main, record.tip)
        if base == record.tip:
            _recover_merge_event(store, record, main, staff)
            raise ReviewError(f"suggestion {record.id} is already merged")
        verdict = suggestion_verdict(
            store, Proposal.of(record), main, load_policy(store, main), today=day
        )
        needs = verdict.requirements
        if verdict.awaiting_edit:
            raise ReviewError(f"suggestion {record.id} cannot be merged: {verdict.blockers[0]}")
        if needs.missing:
            raise ReviewError(
                f"suggestion {record.id} cannot be merged yet: {'; '.join(needs.missing)}"
            )
        tree = store.commit_info(record.tip).tree
        if verdict.stale:
            tree, conflicts = merge_commits(store, verdict.base, main, record.tip)
            if conflicts or verdict.conflicts:
                raise _conflict_error(record.id, conflicts or verdict.conflicts)
        _refuse_failing(verdict)
        commit = store.write_commit(
            tree=tree,
            parents=[main, record.tip],
            message=merge_message(record, needs.approvers),
            author=staff,
            committer=TOOL_IDENTITY,
        )
        if store.update_ref(MAIN_REF, main, commit, reason=f"merge suggestion {record.id}"):
            break
    else:
        raise ReviewError("main kept changing while merging; try again")

    _record_merge(store, record, commit, staff, note)
    archived, notes = archive_branch(store, record.id)
    notify_status(store, record.id)  # "accepted", to a citizen who asked to hear back
    if store.checked_out_branch() == MAIN_REF:
        # The merge moved main under the staff checkout without touching its files.
        notes.append(
            f"the working tree at {store.work_tree} has main checked out and now shows this "
            "merge as if reverted: with no edits of your own there, "
            "`git reset --hard main` brings it up to date"
        )
    return MergeResult(
        record.id, commit, main, verdict.stale, needs.approvers, archived, notes
    )


def merge_message(record: SuggestionRecord, approvers: tuple[str, ...]) -> str:
    """Summary, blank line, trailers: ``Suggestion-Id``, ``Reviewed-by`` per approver,
    ``Co-authored-by`` for a citizen who asked to be credited."""
    trailers = [("Suggestion-Id", record.id)]
    trailers += [("Reviewed-by", approver) for approver in approvers]
    if record.credited_name is not None:
        trailers.append(("Co-authored-by", record.author))
    return f"{record.summary}\n\n{trailer_block(trailers)}\n"


def _refuse_failing(verdict: Verdict) -> None:
    """Refuse a merge result that ``suggest submit`` or ``wikitool check`` would refuse."""
    if verdict.refused:
        raise ReviewError(f"the merged guide is refused: {verdict.refused[0]}")
    errors = verdict.errors
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ReviewError(f"the merged guide would not pass wikitool check: {errors[0]}{more}")


def _conflict_error(
    suggestion_id: str, conflicts: tuple[FileConflict, ...]
) -> SuggestionConflictError:
    return SuggestionConflictError(
        f"suggestion {suggestion_id} does not merge cleanly onto main: "
        f"{conflict_places(conflicts)}; nothing was changed",
        conflicts,
    )


def _record_merge(
    store: WikiStore, record: SuggestionRecord, commit: str, staff: Identity, note: str = ""
) -> None:
    def decide(events: list[ReviewEvent]) -> ReviewEvent:
        for event in events:
            if event.kind is EventKind.MERGE:
                if event.data.get("Merged-As") == commit:
                    raise NothingToAppend  # another process recorded this very merge
                raise ReviewError(f"suggestion {record.id} is already merged")
        # A reject that raced this merge loses: the change is on main, which is the fact.
        return ReviewEvent(
            kind=EventKind.MERGE,
            suggestion_id=record.id,
            actor=str(staff),
            text=note,
            data={"Commit": record.tip, "Merged-As": commit},
        )

    append_unless_recorded(store, record.id, decide, staff)


def _recover_merge_event(
    store: WikiStore, record: SuggestionRecord, main: str, staff: Identity
) -> None:
    """The tip is already on main but the log says open: the merging process died (or is
    about to write the event). Record the merge it made, as made by its author."""
    for depth, info in enumerate(store.walk_first_parent(main)):
        if depth > RECOVERY_WALK:
            return
        if len(info.parents) > 1 and info.parents[1] == record.tip:
            merger = Identity.parse(info.author) or staff
            _record_merge(store, record, info.id, merger)
            archive_branch(store, record.id)
            return


def repair_half_merges(store: WikiStore) -> int:
    """Finish merges whose process died after moving ``main``; returns how many.

    A merge moves ``main``, then records the ``merge`` event, then archives the branch.
    A process killed in between leaves a suggestion on main that its log calls open (or a
    merged suggestion's branch behind). This walks the merge commits added to ``main``
    since the last walk (remembered under ``.git/wikitool/``, so a listing reads only new
    history) and completes each half-done one, as done by the merge commit's author.
    """
    marker = store.git_dir / "wikitool" / "merges-checked"
    try:
        checked = marker.read_text(encoding="ascii").strip()
    except OSError:
        checked = ""
    main = store.main()
    repaired = 0
    for depth, info in enumerate(store.walk_first_parent(main)):
        if info.id == checked or depth > RECOVERY_WALK:
            break
        if len(info.parents) < 2:
            continue
        suggestion_id = suggestion_id_in(info.message)
        if not suggestion_id or store.ref(review_ref(suggestion_id)) is None:
            continue
        events = read_events(store, suggestion_id)
        merger = Identity.parse(info.author) or TOOL_IDENTITY
        if suggestion_state(events) is SuggestionState.OPEN:
            record = load_record(store, suggestion_id)
            if record.tip == info.parents[1]:
                _record_merge(store, record, info.id, merger)
                repaired += 1
                events = read_events(store, suggestion_id)
        if suggestion_state(events) is SuggestionState.MERGED and (
            store.ref(suggestion_ref(suggestion_id)) is not None
        ):
            archive_branch(store, suggestion_id)
            repaired += 1
    marker.parent.mkdir(parents=True, exist_ok=True)
    tmp = marker.with_name(f"merges-checked.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(main + "\n", encoding="ascii")
    tmp.replace(marker)
    return repaired
