"""Everything a reviewer needs to decide on one suggestion (``wikitool review show``).

Read-only: the merge onto today's main is tried in memory, and a branch amended since
the log last looked is shown as it is now (the next review action records the amendment).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wikitool.diffing import GuideDiff, guide_diff
from wikitool.gitstore import FileConflict, WikiStore, blob_ids, merge_base
from wikitool.guides.checks import check_guide, is_page_path
from wikitool.model import Problem
from wikitool.review.changes import FileSummary, summarize_change, trial_merge
from wikitool.review.decisions import Requirements, requirements
from wikitool.review.events import SuggestionState
from wikitool.review.merge import TreePaths
from wikitool.review.policy import load_policy
from wikitool.review.record import SuggestionRecord, amend_commits, load_record


@dataclass(frozen=True)
class SuggestionView:
    """One suggestion as a reviewer sees it."""

    record: SuggestionRecord
    main: str
    files: list[FileSummary]
    diffs: list[GuideDiff]
    requirements: Requirements
    stale: bool
    """Main moved since the suggestion's base."""
    mergeable: bool | None
    """Whether it merges cleanly onto today's main (``None`` once merged or rejected)."""
    conflicts: list[FileConflict]
    amendments: list[tuple[str, str, str]]
    """Commits staff added to the branch: ``(id, author, subject)``."""
    problems: list[Problem]
    """What ``wikitool check`` says of the changed guides merged onto today's main (open
    suggestions; a conflicting file is checked as the suggestion has it)."""

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form (stable keys)."""
        record = self.record
        decision = record.decision
        return {
            "id": record.id,
            "state": record.state.value,
            "guide": record.guide,
            "summary": record.summary,
            "rationale": record.rationale,
            "warnings": record.warnings,
            "author": record.author,
            "submitted": record.submitted_at,
            "base": record.base,
            "tip": record.tip,
            "main": self.main,
            "stale": self.stale,
            "mergeable": self.mergeable,
            "conflicts": [c.to_json() for c in self.conflicts],
            "plus_ones": record.plus_ones,
            "amendments": [
                {"commit": sha, "author": author, "subject": subject}
                for sha, author, subject in self.amendments
            ],
            "decision": None
            if decision is None
            else {
                "event": decision.kind.value,
                "by": decision.actor,
                "time": decision.time,
                "reason": decision.data.get("Reason"),
                "merged_as": decision.data.get("Merged-As"),
            },
            "problems": [p.to_json() for p in self.problems],
            **self.requirements.to_json(),
            "files": [f.to_json() for f in self.files],
            "diffs": [d.to_json() for d in self.diffs],
        }


def review_show(store: WikiStore, suggestion: str, *, today: date | None = None) -> SuggestionView:
    """Read suggestion ``suggestion`` (id or unique prefix) and try it against main.

    Raises:
        NotFoundError: no such suggestion.
    """
    record = load_record(store, suggestion)
    main = store.main()
    is_open = record.state is SuggestionState.OPEN
    base = (merge_base(store, main, record.tip) if is_open else None) or record.base
    files = summarize_change(store, base, record.tip, only=record.single_file(base))
    # Each version read once, for the diffs and the checks both.
    blobs = {blob: store.blob(blob) for f in files for blob in (f.old_blob, f.new_blob) if blob}
    diffs = [
        guide_diff(f.path, blobs.get(f.old_blob or ""), blobs.get(f.new_blob or "")) for f in files
    ]
    merged: dict[str, bytes | None] = {f.path: blobs.get(f.new_blob or "") for f in files}
    conflicts: list[FileConflict] = []
    if is_open and base != main:
        on_main = blob_ids(store, main, [f.path for f in files])
        clean, conflicts = trial_merge(store, files, on_main)
        merged.update(clean)
    return SuggestionView(
        record=record,
        main=main,
        files=files,
        diffs=diffs,
        requirements=requirements(record.guide, record.votes(), load_policy(store, main), files),
        stale=is_open and base != main,
        mergeable=(not conflicts) if is_open else None,
        conflicts=conflicts,
        amendments=amend_commits(store, record) if record.tip != record.submitted_commit else [],
        problems=_problems(store, main, merged, today or date.today()) if is_open else [],
    )


def _problems(
    store: WikiStore, main: str, merged: dict[str, bytes | None], today: date
) -> list[Problem]:
    """What ``wikitool check`` would say about the changed guides once merged."""
    existing = TreePaths(store, main)
    existing.update(path for path, content in merged.items() if content is not None)
    problems = []
    for path, content in merged.items():
        if content is not None and is_page_path(path):
            problems += check_guide(path, content, existing, today)
    return problems
