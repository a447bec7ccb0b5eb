"""One verdict: where a suggestion stands against a given ``main``.

``review list``, ``review show``, ``review approve`` and ``review merge`` all read a
suggestion's standing from :func:`suggestion_verdict`, so they cannot disagree: whether
main moved since its base (stale), whether main changed the same guides (guide changed),
whether it merges three-way without a conflict (and the clashing lines), what the merged
guides' checks say (``wikitool check`` and the screens of submission), the approvals the
review policy asks for and has, and the requests for changes still standing.

Checking the merged guides costs a few milliseconds a suggestion, so a listing of a
thousand asks for the verdict without them (``check=False``); everything else is the same.
ARCHITECTURE.md ("One verdict") says how the commands use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from wikitool.errors import SuggestionError
from wikitool.gitstore import FileConflict, WikiStore, blob_ids, merge_base, merge_texts
from wikitool.gitstore.tree_paths import TreePaths
from wikitool.guides.checks import check_guide
from wikitool.guides.paths import is_page_path
from wikitool.model import Problem
from wikitool.review.changes import FileSummary, sensitive_fields, summarize_change
from wikitool.review.events import EventKind, SuggestionKind, SuggestionState
from wikitool.review.policy import ReviewPolicy
from wikitool.review.record import SuggestionRecord, Vote
from wikitool.suggestions.guide_regions import guide_regions
from wikitool.suggestions.published_contacts import published_contacts_at
from wikitool.suggestions.submission import screen_guide_path, screen_guide_text

REPORT_BLOCKER = (
    "it is a report with no edit yet: wikitool review checkout gives it a branch "
    "from main's current guide to edit"
)


@dataclass(frozen=True)
class Requirements:
    """The approvals a merge needs under the review policy, and those it has."""

    required: int
    approvers: tuple[str, ...]
    sensitive_fields: tuple[str, ...]
    owners: tuple[str, ...]
    owner_approved: bool
    changes_requested_by: tuple[str, ...]

    @property
    def missing(self) -> list[str]:
        """What the reviewers still owe before a merge (empty: nothing)."""
        out = []
        if len(self.approvers) < self.required:
            why = (
                f" because it changes {', '.join(self.sensitive_fields)}"
                if self.sensitive_fields and self.required > 1
                else ""
            )
            people = " from different people" if self.required > 1 else ""
            out.append(
                f"it needs {self.required} approval{'s' if self.required > 1 else ''}{people}"
                f"{why}; it has {len(self.approvers)}"
            )
        if not self.owner_approved:
            out.append(
                f"it needs an approval from an owner of the folder ({', '.join(self.owners)})"
            )
        if self.changes_requested_by:
            out.append(
                f"changes were requested by {', '.join(self.changes_requested_by)} "
                "(they can approve the current version, or the branch can be amended)"
            )
        return out

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form."""
        return {
            "required_approvals": self.required,
            "approvers": list(self.approvers),
            "sensitive_fields": list(self.sensitive_fields),
            "owners": list(self.owners),
            "owner_approved": self.owner_approved,
            "changes_requested_by": list(self.changes_requested_by),
            "missing": self.missing,
        }


def requirements(
    guide: str, votes: list[Vote], policy: ReviewPolicy, files: list[FileSummary]
) -> Requirements:
    """What merging needs under ``policy``, given the standing ``votes`` on the current
    version and the ``files`` it changes (``guide`` when it changes none)."""
    rules = policy.for_paths([f.path for f in files] or [guide])
    touched = sensitive_fields(files, rules.sensitive_fields)
    approvals = [v for v in votes if v.kind is EventKind.APPROVE]
    return Requirements(
        required=rules.required(bool(touched)),
        approvers=tuple(v.reviewer for v in approvals),
        sensitive_fields=touched,
        owners=rules.owners,
        owner_approved=not rules.owners or any(rules.is_owner(v.email) for v in approvals),
        changes_requested_by=tuple(
            v.reviewer for v in votes if v.kind is EventKind.REQUEST_CHANGES
        ),
    )


@dataclass(frozen=True)
class Proposal:
    """What the verdict needs to know of a suggestion, from its record or the listing's
    index: its state, its versions, what it changes since its own base, the votes."""

    id: str
    state: SuggestionState
    guide: str
    base: str
    """The revision the citizen saw (the parent of the submitted commit)."""
    submitted_commit: str
    tip: str
    files: tuple[FileSummary, ...] | None
    """What changed from ``base`` to ``tip``, when already known (read when ``None``)."""
    votes: tuple[Vote, ...]
    kind: SuggestionKind = SuggestionKind.EDIT

    @classmethod
    def of(cls, record: SuggestionRecord) -> Proposal:
        """The proposal a full record describes."""
        return cls(
            record.id,
            record.state,
            record.guide,
            record.base,
            record.submitted_commit,
            record.tip,
            None,
            tuple(record.votes()),
            record.kind,
        )


@dataclass(frozen=True)
class Verdict:
    """A suggestion's standing against one revision of ``main``."""

    main: str
    state: SuggestionState
    base: str
    """Where the suggestion's change starts: the merge base of its tip and main when open."""
    files: tuple[FileSummary, ...]
    """What it changes since ``base``."""
    requirements: Requirements
    stale: bool
    """Main moved since the suggestion's base (open suggestions only)."""
    guide_changed: bool
    """A file the suggestion changes was also changed on main since its base."""
    conflicts: tuple[FileConflict, ...]
    """Files that do not merge cleanly onto main, with the clashing lines."""
    problems: tuple[Problem, ...] | None
    """What ``wikitool check`` says of the merged guides (a conflicting file as the
    suggestion has it); ``None`` when not checked."""
    refused: tuple[str, ...]
    """Why the submission's screens refuse a merged guide (raw HTML, invisible
    characters, personal data not already published): one message per guide."""
    merged: Mapping[str, bytes | None]
    """Each changed file once merged onto main (``None``: deleted; empty when not checked)."""
    awaiting_edit: bool = False
    """A report that changes nothing yet (no branch, or no commit on it): not mergeable."""

    @property
    def is_open(self) -> bool:
        """Neither merged nor rejected."""
        return self.state is SuggestionState.OPEN

    @property
    def mergeable(self) -> bool | None:
        """Whether it merges cleanly onto main (``None`` once merged or rejected)."""
        return not self.conflicts if self.is_open else None

    @property
    def errors(self) -> list[Problem]:
        """The problems that block a merge."""
        return [p for p in self.problems or () if p.severity == "error"]

    @property
    def blockers(self) -> list[str]:
        """Why a merge would be refused now, in the order ``review merge`` checks (empty:
        it can be merged; merged guides that were not checked are not counted)."""
        if not self.is_open:
            return [f"it is already {self.state.value}"]
        if self.awaiting_edit:
            return [REPORT_BLOCKER]
        out = list(self.requirements.missing)
        if self.conflicts:
            out.append(
                f"it does not merge cleanly onto main: {conflict_places(self.conflicts)}"
            )
        if self.refused:
            out.append(f"the merged guide is refused: {self.refused[0]}")
        if self.errors:
            more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
            out.append(f"the merged guide would not pass wikitool check: {self.errors[0]}{more}")
        return out

    @property
    def flags(self) -> list[str]:
        """``stale``, ``guide-changed``, ``conflict``, ``sensitive``, ``fails-checks``."""
        out = ["report"] if self.awaiting_edit and self.is_open else []
        if self.stale:
            out.append("stale")
        if self.guide_changed:
            out.append("guide-changed")
        if self.conflicts:
            out.append("conflict")
        if self.requirements.sensitive_fields:
            out.append("sensitive")
        if self.errors or self.refused:
            out.append("fails-checks")
        return out

    def to_json(self) -> dict[str, object]:
        """The standing's ``--json`` keys, shared by ``review list`` and ``review show``."""
        return {
            "main": self.main,
            "stale": self.stale,
            "guide_changed": self.guide_changed,
            "mergeable": self.mergeable,
            "conflict": None if not self.is_open else bool(self.conflicts),
            "conflicts": [c.to_json() for c in self.conflicts],
            "sensitive": bool(self.requirements.sensitive_fields),
            "changes_requested": bool(self.requirements.changes_requested_by),
            "checked": self.problems is not None,
            "problems": [p.to_json() for p in self.problems or ()],
            "refused": list(self.refused),
            "awaiting_edit": self.awaiting_edit,
            "ready": self.is_open and not self.blockers,
            "blockers": self.blockers,
            **self.requirements.to_json(),
        }


def suggestion_verdict(
    store: WikiStore,
    proposal: Proposal,
    main: str,
    policy: ReviewPolicy,
    *,
    today: date | None = None,
    check: bool = True,
    main_blobs: Mapping[str, str | None] | None = None,
) -> Verdict:
    """Where ``proposal`` stands against commit ``main`` under ``policy``.

    Args:
        today: the date review deadlines are checked against (``check``).
        check: also check the merged guides as ``review merge`` would.
        main_blobs: blob ids on ``main`` of the files the proposal changes, when the
            caller looked them up for many suggestions at once.
    """
    is_open = proposal.state is SuggestionState.OPEN
    base = _start(store, proposal, main) if is_open else proposal.base
    if proposal.files is not None and base == proposal.base:
        files = list(proposal.files)
    else:
        only = proposal.guide if base == proposal.base and _unamended(proposal) else None
        files = summarize_change(store, base, proposal.tip, only=only or None)
    needs = requirements(proposal.guide, list(proposal.votes), policy, files)
    if not is_open:
        return Verdict(
            main, proposal.state, base, tuple(files), needs, False, False, (), None, (), {}
        )
    on_main = main_blobs
    if on_main is None:
        on_main = blob_ids(store, main, [f.path for f in files])
    changed = [f for f in files if on_main.get(f.path) != f.old_blob]
    conflicts, clean = _trial_merge(store, changed, on_main)
    problems: tuple[Problem, ...] | None = None
    refused: tuple[str, ...] = ()
    merged: dict[str, bytes | None] = {}
    if check:
        merged = {f.path: _read(store, f.new_blob) for f in files}
        merged.update(clean)
        refused, problems = _checked(store, main, merged, today or date.today())
    return Verdict(
        main=main,
        state=proposal.state,
        base=base,
        files=tuple(files),
        requirements=needs,
        stale=base != main,
        guide_changed=bool(changed),
        conflicts=tuple(conflicts),
        problems=problems,
        refused=refused,
        merged=merged,
        awaiting_edit=proposal.kind is SuggestionKind.REPORT and not files,
    )


def conflict_places(conflicts: tuple[FileConflict, ...] | list[FileConflict]) -> str:
    """``path (reason, lines 3, 9); ...``: where a merge clashes, on one line."""
    return "; ".join(_conflict_place(c) for c in conflicts)


def _conflict_place(conflict: FileConflict) -> str:
    lines = ", ".join(str(h.line) for h in conflict.hunks)
    plural = "s" if len(conflict.hunks) > 1 else ""
    at = f", line{plural} {lines}" if conflict.hunks else ""
    return f"{conflict.path} ({conflict.reason}{at})"


def _unamended(proposal: Proposal) -> bool:
    return proposal.tip == proposal.submitted_commit


def _start(store: WikiStore, proposal: Proposal, main: str) -> str:
    """The merge base of an open suggestion and main.

    A citizen's own commit has the base they saw as its only parent, and main contains
    that base, so the merge base is the base: no history walk for the usual case. Staff
    may have merged main into an amended branch; then it is computed.
    """
    if _unamended(proposal):
        return proposal.base
    return merge_base(store, main, proposal.tip) or proposal.base


def _trial_merge(
    store: WikiStore, changed: list[FileSummary], on_main: Mapping[str, str | None]
) -> tuple[list[FileConflict], dict[str, bytes | None]]:
    """Merge in memory each file main changed too: the conflicts, and the clean results."""
    conflicts, clean = [], {}
    for file in changed:
        theirs = on_main.get(file.path)
        if theirs == file.new_blob:  # main already has the suggestion's version
            continue
        old, new = _read(store, file.old_blob), _read(store, file.new_blob)
        content, conflict = merge_texts(file.path, old, _read(store, theirs), new)
        if conflict is None:
            clean[file.path] = content
        else:
            conflicts.append(conflict)
    return conflicts, clean


def _checked(
    store: WikiStore, main: str, merged: dict[str, bytes | None], today: date
) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """What the screens of submission refuse in the merged guides, and what ``wikitool
    check`` says of them.

    The screens run again because commits added to a branch after it was submitted (an
    amendment, or whoever could move the ref) were never screened.
    """
    pages = [(p, content) for p, content in merged.items() if content is not None]
    pages = [(p, content) for p, content in pages if is_page_path(p)]
    if not pages:
        return (), ()
    existing = TreePaths(store, main)
    added = {path for path, _ in pages if path not in existing}
    existing.update(path for path, _ in pages)
    allowlist = published_contacts_at(store, main)
    refused, problems = [], []
    for path, content in pages:
        text = content.decode("utf-8", "replace")
        try:
            if path in added:
                screen_guide_path(path, allowlist)
            screen_guide_text(path, text, allowlist, guide_regions(store, main, text))
        except SuggestionError as error:
            refused.append(str(error))
        problems += check_guide(path, content, existing, today)
    return tuple(refused), tuple(problems)


def _read(store: WikiStore, blob: str | None) -> bytes | None:
    return store.blob(blob) if blob else None
