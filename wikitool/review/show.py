"""Everything a reviewer needs to decide on one suggestion (``wikitool review show``).

Read-only: the verdict tries the merge onto today's main in memory, and a branch amended
since the log last looked is shown as it is now (the next review action records the
amendment).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wikitool.diffing import GuideDiff, guide_diff
from wikitool.gitstore import WikiStore
from wikitool.review.events import SuggestionState
from wikitool.review.policy import load_policy
from wikitool.review.record import SuggestionRecord, amend_commits, load_record
from wikitool.review.verdict import Proposal, Verdict, suggestion_verdict


@dataclass(frozen=True)
class SuggestionView:
    """One suggestion as a reviewer sees it: its record, diffs and verdict."""

    record: SuggestionRecord
    verdict: Verdict
    diffs: list[GuideDiff]
    amendments: list[tuple[str, str, str]]
    """Commits staff added to the branch: ``(id, author, subject)``."""

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form (stable keys)."""
        record = self.record
        decision = record.decision
        return {
            "id": record.id,
            "kind": record.kind.value,
            "about": record.about or None,
            "state": record.state.value,
            "guide": record.guide,
            "summary": record.summary,
            "rationale": record.rationale,
            "warnings": record.warnings,
            "author": record.author,
            "submitted": record.submitted_at,
            "base": record.base,
            "tip": record.tip,
            "plus_ones": record.plus_ones,
            "supporters": record.supporters,
            "supporter_notes": record.supporter_notes,
            "conversation": [
                {"event": e.kind.value, "by": e.actor, "time": e.time, "text": e.text}
                for e in record.conversation
            ],
            "follows": record.follows or None,
            "followed_by": record.followed_by,
            "confirmed": record.confirmed.time if record.confirmed else None,
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
            **self.verdict.to_json(),
            "files": [f.to_json() for f in self.verdict.files],
            "diffs": [d.to_json() for d in self.diffs],
        }


def review_show(store: WikiStore, suggestion: str, *, today: date | None = None) -> SuggestionView:
    """Read suggestion ``suggestion`` (id or unique prefix) and its verdict against main.

    Raises:
        NotFoundError: no such suggestion.
    """
    record = load_record(store, suggestion)
    main = store.main()
    is_open = record.state is SuggestionState.OPEN
    verdict = suggestion_verdict(
        store, Proposal.of(record), main, load_policy(store, main), today=today, check=is_open
    )
    # Each version read once (the store caches blobs), for the diffs and the checks both.
    diffs = [
        guide_diff(f.path, _read(store, f.old_blob), _read(store, f.new_blob))
        for f in verdict.files
    ]
    return SuggestionView(
        record=record,
        verdict=verdict,
        diffs=diffs,
        amendments=amend_commits(store, record) if record.tip != record.submitted_commit else [],
    )


def _read(store: WikiStore, blob: str | None) -> bytes | None:
    return store.blob(blob) if blob else None
